"""HTML -> text encoding and links (selectolax/lexbor: ~10x faster than an lxml tree here).

Links come from ``<a>``, ``<area>``, ``<iframe>``/``<frame>``, ``<link rel=alternate>``,
``<meta http-equiv=refresh>`` and, opportunistically, ``data-href``, ``onclick`` navigation
and ``<option value>`` URLs, all resolved against ``<base href>``. Links that name a document
carry the evidence the relevance scorer needs (text, title, surrounding text, heading,
table column, breadcrumb); page links carry only their text, to keep the frontier small.

What names a document link besides its text (its block or table row, the labels of the list
items, definitions, cards and rows holding it, the heading trail) is read by
:mod:`docharvest.crawl.link_context`. Headings are ``h1``-``h6``, ``role=heading`` and
``<caption>`` in document order, and the title of the tab/accordion panel holding a link: a tab's
(``role=tab``), or an accordion's toggle (a ``<button>`` or an element with ``aria-expanded``) for
the panel it controls (``aria-controls``) or, naming none, the element right after it.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from charset_normalizer import from_bytes
from selectolax.lexbor import LexborHTMLParser, LexborNode

from docharvest.crawl.link_context import ContextReader
from docharvest.crawl.link_context import clean as _clean
from docharvest.crawl.link_trail import panel_key
from docharvest.crawl.urls import DOCUMENT_EXTENSIONS, resolve_link, url_extension

_SELECTOR = (
    "h1,h2,h3,h4,h5,h6,[role=heading],caption,[role=tab],button,[aria-expanded],a[href],area[href],"
    "iframe[src],frame[src],link[href],meta[http-equiv],[data-href],[onclick],option[value]"
)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "caption"})
_ONCLICK_RE = re.compile(
    r"""(?:location(?:\.href)?\s*=|location\.(?:assign|replace)\(|window\.open\()\s*['"]([^'"]+)['"]"""
)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_REFRESH_RE = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.I)
_SPACE_RE = re.compile(r"\s+")
_TYPE_HINTS = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
_TEXT_HINT_RE = re.compile(r"\b(pdf|docx?|xlsx?|pptx?|csv|rtf|odt|txt)\b", re.I)
TEXT_CHARS = 300


@dataclass(slots=True)  # one per link / page / queued URL: no __dict__ each
class Link:
    url: str
    kind: str
    text: str = ""
    title: str = ""
    doc_type: str | None = None
    hinted_type: str | None = None
    context: str = ""
    heading: str = ""
    column: str = ""  # the header of the table column the link sits in
    section: str = ""  # the headings above the nearest one ("Board of Commissioners" over "Meeting of ...")


@dataclass
class PageLinks:
    title: str = ""
    breadcrumb: str = ""
    links: list[Link] = field(default_factory=list)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    # WHATWG: pages labelled latin-1/ascii are decoded as windows-1252.
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


# Single-byte Latin encodings detectors confuse with each other on short texts; for these the
# web's default (windows-1252) is the better guess whenever it decodes the bytes.
_LATIN_GUESSES = frozenset(
    {"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_9",
     "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "mac_roman", "cp437", "cp850"}
)  # fmt: skip


def _utf8(body: bytes) -> str | None:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def decode_html(body: bytes, header_charset: str | None) -> str:
    """Decode a page: BOM, then the header charset, then ``<meta>``, then UTF-8, then detection.

    A single-byte label on a body that is valid UTF-8 with non-ASCII characters is a lying
    label (a server default): such bytes are vanishingly unlikely in real Latin-1 text.
    """
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            return body[len(bom) :].decode(enc, errors="replace")
    declared = _codec(header_charset)
    if declared is None:
        match = _META_CHARSET_RE.search(body[:4096])
        declared = _codec(match.group(1).decode("ascii", "ignore")) if match else None
    as_utf8 = _utf8(body)
    if declared is not None and declared != "utf-8":
        if as_utf8 is not None and not body.isascii() and codecs.lookup(declared).name in _LATIN_GUESSES:
            return as_utf8
        try:
            return body.decode(declared)
        except UnicodeDecodeError:
            pass  # a lying label: fall through to detection
    if as_utf8 is not None:
        return as_utf8
    best = from_bytes(body[:65536]).best()
    encoding = _codec(best.encoding) if best is not None else None
    if encoding is None or encoding in _LATIN_GUESSES:
        encoding = "cp1252"
    return body.decode(encoding, errors="replace")


def _heading_level(tag: str, attrs: dict[str, str | None]) -> int:
    if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
        return int(tag[1])
    level = (attrs.get("aria-level") or "").strip()
    if level.isdigit():
        return int(level)
    return 7  # caption, an unlevelled role=heading: below every h1-h6


def _hint(node: LexborNode, text: str) -> str | None:
    type_attr = (node.attributes.get("type") or "").lower()
    if type_attr in _TYPE_HINTS:
        return _TYPE_HINTS[type_attr]
    match = _TEXT_HINT_RE.search(text)
    return match.group(1).lower() if match else None


def extract_links(html: str, page_url: str, document_type: Callable[[str], str | None]) -> PageLinks:
    """Every link of a page, resolved and canonical, in document order (duplicates kept)."""
    tree = LexborHTMLParser(html)
    page = PageLinks()
    title_node = tree.css_first("title")
    if title_node is not None:
        page.title = _clean(title_node.text(), 500)
    base = page_url
    base_node = tree.css_first("base[href]")
    if base_node is not None:
        base = resolve_link(page_url, base_node.attributes.get("href") or "") or page_url
    crumb = tree.css_first('[aria-label*="readcrumb"], .breadcrumb, .breadcrumbs, #breadcrumb, #breadcrumbs')
    if crumb is not None:
        page.breadcrumb = _clean(crumb.text(separator=" "), 300)
    heading = ""
    outline: dict[int, tuple[str, LexborNode]] = {}  # heading level -> the current heading at that level
    reader: ContextReader | None = None  # made at the first document link
    panel_titles: dict[str, str] = {}  # panel id / tab id -> tab title
    seen_nodes: set[int] = set()
    for node in tree.css(_SELECTOR):
        if node.mem_id in seen_nodes:  # a node matching two selectors is returned twice
            continue
        seen_nodes.add(node.mem_id)
        tag = node.tag or ""
        attrs = node.attributes
        role = (attrs.get("role") or "").lower()
        if role == "tab":
            # Tabs may all come before their panels: a tab titles only its own panel.
            title = _clean(node.text(separator=" "), 200)
            for key in (attrs.get("aria-controls"), attrs.get("id")):
                if key and title:
                    panel_titles[key] = title
            continue
        if tag == "button" or (attrs.get("aria-expanded") is not None and tag != "a"):
            # An accordion's toggle titles the panel it opens: "<button>Library Board</button><div>".
            title = _clean(node.text(separator=" "), 200)
            target = attrs.get("aria-controls")
            panel = node.next
            while panel is not None and panel.tag in ("-text", "-comment"):
                panel = panel.next
            key = target or (panel_key(panel.mem_id) if panel is not None else "")
            if key and title and key not in panel_titles:
                panel_titles[key] = title
        if tag in _HEADING_TAGS or role == "heading":
            heading = _clean(node.text(separator=" "), 200)
            level = _heading_level(tag, attrs)
            outline = {lv: seen for lv, seen in outline.items() if lv < level}
            outline[level] = (heading, node)
            continue
        for kind, raw in _raw_links(tag, attrs):
            url = resolve_link(base, raw)
            if url is None:
                continue
            text = ""
            if tag in ("a", "area", "option") or kind in ("data-href", "onclick"):
                text = _clean(node.text(separator=" "), TEXT_CHARS) or _clean(
                    attrs.get("alt") or "", TEXT_CHARS
                )
                if not text and tag == "a":
                    img = node.css_first("img[alt]")
                    text = _clean(img.attributes.get("alt") or "", TEXT_CHARS) if img is not None else ""
            link = Link(url=url, kind=kind, text=text, title=_clean(attrs.get("title") or "", TEXT_CHARS))
            link.doc_type = document_type(url)
            if link.doc_type is None and tag == "link":
                continue  # <link rel=alternate> only matters when it points at a document
            link.hinted_type = link.doc_type or _hint(node, text + " " + link.title)
            # The heading is free to keep; it is the evidence of an extension-less document link.
            link.heading = heading
            if link.doc_type is not None or link.hinted_type is not None:
                reader = reader or ContextReader(tree)
                found = reader.read(node, text, list(outline.values()), panel_titles)
                link.context, link.column = found.context, found.column
                link.heading, link.section = found.heading, found.section
            page.links.append(link)
    return page


def _raw_links(tag: str, attrs: dict[str, str | None]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if tag in ("a", "area") and attrs.get("href"):
        found.append((tag, attrs["href"] or ""))
    elif tag in ("iframe", "frame") and attrs.get("src"):
        found.append(("iframe", attrs["src"] or ""))
    elif tag == "link":
        rel = (attrs.get("rel") or "").lower()
        if "alternate" in rel and attrs.get("href"):
            found.append(("alternate", attrs["href"] or ""))
    elif tag == "meta":
        if (attrs.get("http-equiv") or "").lower() == "refresh":
            match = _REFRESH_RE.search(attrs.get("content") or "")
            if match:
                found.append(("refresh", match.group(1).strip()))
    elif tag == "option":
        value = (attrs.get("value") or "").strip()
        # Only values that look like URLs: select menus mostly hold ids and years.
        if value.startswith(("http://", "https://", "/")) or url_extension(value) in DOCUMENT_EXTENSIONS:
            found.append(("option", value))
    if attrs.get("data-href"):
        found.append(("data-href", attrs["data-href"] or ""))
    onclick = attrs.get("onclick")
    if onclick:
        match = _ONCLICK_RE.search(onclick)
        if match:
            found.append(("onclick", match.group(1)))
    return found
