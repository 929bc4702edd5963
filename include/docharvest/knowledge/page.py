"""One HTML page -> a small, JSON-able ``PageExtract``: metadata, JSON-LD, main content, contact channels.

Main content is found by rules (measured against trafilatura in ``bench/knowledge.py``;
the rules keep page structure — headings, accordions, cards, pricing tables — that the
item builder needs, and scored better on the fixtures):

- the root is ``<main>``/``[role=main]`` when present, else ``<body>``;
- navigation, page header/footer, asides, forms, dialogs, cookie/consent banners,
  newsletter boxes, breadcrumbs and share widgets are dropped (tags, ARIA roles,
  class/id words);
- what is left becomes a flat list of ``Block`` s: headings (real ones, plus
  synthetic ones for accordion questions, ``<dt>`` terms, card titles and pricing-table
  columns), paragraphs, list items and tables rendered as Markdown.

Boilerplate repeated across pages (a CTA band on every page) cannot be seen on one
page; ``docharvest.knowledge.items`` removes it once all pages are in.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from docharvest.text.maincontent import (
    ancestors,
    article_root,
    content_core,
    is_link_block,
    prose_share,
)

log = logging.getLogger(__name__)

# An article wrapper becomes the root only when it holds this share of the page's prose.
_ARTICLE_SHARE = 0.6
# Synthetic headings sit one level below the structural heading they follow.
MAX_LEVEL = 9

_DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "canvas",
        "iframe",
        "object",
        "embed",
        "video",
        "audio",
        "picture",
        "img",
        "form",
        "input",
        "select",
        "textarea",
        "nav",
        "aside",
        "dialog",
        "head",
        "link",
        "meta",
    }
)
_DROP_ROLES = frozenset(
    {
        "navigation",
        "banner",
        "contentinfo",
        "complementary",
        "search",
        "dialog",
        "alertdialog",
        "menu",
        "menubar",
    }
)
# Words in class/id that mark site chrome rather than content. Matched on word parts
# (split on - _ space), so "hero-banner" is kept while "cookie-banner" goes.
_CHROME_WORDS = frozenset(
    {
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "ccpa",
        "newsletter",
        "subscribe",
        "subscription-form",
        "breadcrumb",
        "breadcrumbs",
        "share",
        "sharing",
        "social",
        "popup",
        "modal",
        "skip",
        "skiplink",
        "navbar",
        "nav",
        "sidebar",
        "topbar",
        "announcement",
        "promo-bar",
        "pagination",
        "pager",
        "sr-only",
        "visually-hidden",
        "screen-reader-text",
        "comment",
        "comments",
        "disqus",
        "related",
        "outbrain",
        "taboola",
        "recirc",
        "trending",
    }
)
# Whole class tokens / ids of page-level header and footer wrappers (not "card-footer").
_CHROME_CLASSES = frozenset(
    {
        "footer",
        "site-header",
        "site-footer",
        "page-footer",
        "global-header",
        "global-footer",
        "masthead",
        "colophon",
        "main-nav",
        "site-nav",
        "top-nav",
        "main-menu",
        "nav-menu",
        "mobile-menu",
        "menu-toggle",
        "primary-menu",
        "footer-menu",
        "menu-bar",
    }
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_INLINE = frozenset(
    {
        "a",
        "span",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "small",
        "code",
        "abbr",
        "time",
        "sup",
        "sub",
        "mark",
        "label",
        "cite",
        "q",
        "s",
        "del",
        "ins",
        "kbd",
        "data",
        "bdi",
        "font",
    }
)
_PARAGRAPH_TAGS = frozenset({"p", "blockquote", "address", "figcaption", "pre", "dd", "caption"})
_MARK_CLASS_RE = re.compile(r"discontinued|legacy|archived|deprecated|retired|sunset", re.I)

PRICE_RE = re.compile(
    r"(?:[$€£¥₹]\s?\d[\d,.]*|(?<![\w.])\d[\d,.]*\s?(?:USD|EUR|GBP|€|£)(?!\w)|\bfree\b(?=[^.]{0,30}\b(?:forever|month|year|plan|user)\b)|\b(?:custom|contact (?:us|sales)) pricing\b)",
    re.I,
)
EMAIL_RE = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
PHONE_RE = re.compile(r"(?<![\w/])\+?\(?\d{1,4}\)?(?:[ .-]?\(?\d{2,4}\)?){2,4}(?![\w/])")
_WS_RE = re.compile(r"\s+")
_IMAGE_SUFFIXES = frozenset({"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico"})


@dataclass
class Block:
    """One unit of main content. ``kind``: heading, text, item (list item), table."""

    kind: str
    text: str
    level: int = 0
    synthetic: bool = False
    marked: bool = False  # inside an element the site marks discontinued/legacy/archived

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (False, 0) or k in ("kind", "text")}


@dataclass
class Channel:
    """A way to reach the business: email, phone, address, hours."""

    kind: str
    value: str
    label: str = ""
    in_main: bool = False


@dataclass
class PageExtract:
    url: str
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    footer_lines: list[str] = field(default_factory=list)
    logo_alts: list[str] = field(default_factory=list)
    depth: int = 0

    @property
    def h1(self) -> str:
        return next((b.text for b in self.blocks if b.kind == "heading" and b.level == 1), "")

    @property
    def path(self) -> str:
        return unquote(urlsplit(self.url).path or "/")

    def main_text(self) -> str:
        return "\n".join(b.text for b in self.blocks if b.kind != "close")

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["blocks"] = [b.to_json() for b in self.blocks]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PageExtract:
        data = dict(data)
        data["blocks"] = [Block(**b) for b in data.get("blocks", [])]
        data["channels"] = [Channel(**c) for c in data.get("channels", [])]
        return cls(**data)


def clean_text(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()


def extract_page(url: str, html: str, *, depth: int = 0) -> PageExtract:
    """Parse one HTML page into its metadata, main-content blocks and contact channels."""
    tree = LexborHTMLParser(html)
    page = PageExtract(url=url, depth=depth)
    title_node = tree.css_first("title")
    page.title = clean_text(title_node.text()) if title_node else ""
    page.meta = _meta(tree)
    page.jsonld = _jsonld(tree)
    page.logo_alts = _logo_alts(tree)
    page.footer_lines = _footer_lines(tree)
    page.channels = _channels(tree, in_main=False)
    root, keep = _main_root(tree)
    if root is None:
        return page
    _strip_chrome(root, keep)
    main_channels = _channels_in(root)
    walker = _Walker(_accordion_targets(tree))
    walker.walk(root)
    walker.flush()
    page.blocks = walker.blocks
    # Channels seen in main content are labelled by it; mark them so the item builder
    # knows the contact page lists them (footer-only channels still count).
    main_values = {(c.kind, c.value) for c in main_channels}
    for channel in page.channels:
        if (channel.kind, channel.value) in main_values:
            channel.in_main = True
            channel.label = next(
                (c.label for c in main_channels if (c.kind, c.value) == (channel.kind, channel.value)),
                channel.label,
            )
    return page


# -- metadata -------------------------------------------------------------------


def _meta(tree: LexborHTMLParser) -> dict[str, str]:
    meta: dict[str, str] = {}
    for node in tree.css("meta"):
        key = node.attributes.get("property") or node.attributes.get("name") or ""
        content = node.attributes.get("content") or ""
        key = key.strip().lower()
        if key and content.strip() and key not in meta:
            meta[key] = clean_text(content)
    html_node = tree.css_first("html")
    if html_node is not None and html_node.attributes.get("lang"):
        meta["lang"] = str(html_node.attributes.get("lang"))
    return meta


def _jsonld(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """Every JSON-LD node on the page, ``@graph`` flattened; bad JSON is skipped (logged)."""
    nodes: list[dict[str, Any]] = []
    for script in tree.css('script[type="application/ld+json"]'):
        raw = script.text(deep=True)
        try:
            data = json.loads(raw)
        except ValueError:
            log.debug("skipping invalid JSON-LD block (%d chars)", len(raw))
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                if "@type" in item:
                    nodes.append(item)
    return nodes


def jsonld_types(node: dict[str, Any]) -> list[str]:
    types = node.get("@type", [])
    return [str(t) for t in (types if isinstance(types, list) else [types])]


def _logo_alts(tree: LexborHTMLParser) -> list[str]:
    alts = []
    for img in tree.css(
        "header img[alt], a[class*=logo] img[alt], img[class*=logo][alt], img[src*=logo][alt]"
    ):
        alt = clean_text(img.attributes.get("alt") or "")
        if alt:
            alts.append(alt)
    return alts[:3]


def _footer_lines(tree: LexborHTMLParser) -> list[str]:
    """Short lines of the page footer (legal name, copyright)."""
    lines: list[str] = []
    for footer in tree.css("footer, [role=contentinfo]"):
        for line in footer.text(deep=True, separator="\n").split("\n"):
            line = clean_text(line)
            if line and len(line) < 200 and line not in lines:
                lines.append(line)
    return lines[:60]


# -- contact channels ---------------------------------------------------------------


def _channels(tree: LexborHTMLParser, *, in_main: bool) -> list[Channel]:
    return _channels_in(tree.body, in_main=in_main) if tree.body is not None else []


def _channels_in(root: LexborNode, *, in_main: bool = True) -> list[Channel]:
    found: dict[tuple[str, str], Channel] = {}

    def add(kind: str, value: str, label: str) -> None:
        key = (kind, normalize_channel(kind, value))
        if key[1] and key not in found:
            found[key] = Channel(kind=kind, value=value, label=label, in_main=in_main)

    for link in root.css("a[href]"):
        href = (link.attributes.get("href") or "").strip()
        if href.lower().startswith("mailto:"):
            add("email", unquote(href[7:].split("?", 1)[0]), _channel_label(link))
        elif href.lower().startswith("tel:"):
            add("phone", clean_text(link.text()) or href[4:], _channel_label(link))
    # Plain-text addresses ("support@acme.io" in a footer line) are channels too.
    for match in EMAIL_RE.finditer(root.text(deep=True, separator=" ")):
        if match.group(0).rsplit(".", 1)[-1].lower() not in _IMAGE_SUFFIXES:
            add("email", match.group(0), "")
    for address in root.css("address"):
        text = clean_text(address.text(separator=", "))
        text = re.sub(r"(,\s*)+", ", ", text).strip(", ")
        # An <address> that only wraps the links above adds nothing.
        bare = EMAIL_RE.sub("", PHONE_RE.sub("", text)).strip(" ,:|")
        if len(bare) > 10:
            add("address", text, _channel_label(address))
    return list(found.values())


def normalize_channel(kind: str, value: str) -> str:
    if kind == "email":
        return value.strip().lower()
    if kind == "phone":
        return re.sub(r"\D", "", value)[-10:]
    return re.sub(r"\W+", " ", value.lower()).strip()


def _channel_label(node: LexborNode) -> str:
    """The words that say what a contact link is for ("Sales", "Support", "Office").

    The nearest short text before the node (a heading or a "Sales:" lead-in), looking
    at preceding siblings, then those of the parent, up to three levels.
    """
    current: LexborNode | None = node
    for _ in range(3):
        if current is None:
            break
        prev = current.prev
        while prev is not None:
            text = (
                clean_text(prev.text_content or "")
                if prev.tag == "-text"
                else clean_text(prev.text(deep=True))
            )
            if text:
                label = text.rstrip(":").strip()
                words = label.split()
                if len(words) <= 5 and not EMAIL_RE.search(label) and not re.search(r"\d{3}", label):
                    return label
                return ""
            prev = prev.prev
        current = current.parent
        if current is None or current.tag in ("section", "article", "main", "body"):
            break
    return ""


# -- main content -------------------------------------------------------------------


def _main_root(tree: LexborHTMLParser) -> tuple[LexborNode | None, set[LexborNode]]:
    """The root to read and the elements that must survive chrome stripping (the core's ancestors).

    A single ``articleBody``/``article``/``main`` around the core that holds most of the page's
    prose is the root; else the one ``<main>`` when it wraps the core; else ``<body>``.
    """
    body = tree.body
    if body is None:
        return None, set()
    core = content_core(body)
    keep = ancestors(core)
    article = article_root(tree, core)
    if article is not None and prose_share(article, body) >= _ARTICLE_SHARE:
        return article, keep
    mains = tree.css("main, [role=main]")
    if len(mains) == 1 and (core is None or mains[0] in keep):
        return mains[0], keep
    return body, keep


def _words(value: str) -> set[str]:
    return {w for w in re.split(r"[\s_-]+", value.lower()) if w}


def _is_chrome(node: LexborNode) -> bool:
    attrs = node.attributes
    role = (attrs.get("role") or "").lower()
    if role in _DROP_ROLES:
        return True
    if (attrs.get("aria-modal") or "").lower() == "true":
        return True
    node_id = (attrs.get("id") or "").lower()
    classes = set((attrs.get("class") or "").lower().split()) | {node_id}
    if classes & _CHROME_CLASSES or node_id == "header":
        return True
    words = _words(attrs.get("class") or "") | _words(attrs.get("id") or "")
    if words & _CHROME_WORDS:
        return True
    return node.tag in ("header", "footer") and not _inside(node, ("main", "article"))


def _inside(node: LexborNode, tags: tuple[str, ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def _strip_chrome(root: LexborNode, keep: set[LexborNode]) -> None:
    """Remove chrome subtrees, never one that wraps the page's core; only the outermost doomed node goes."""
    doomed: list[LexborNode] = []
    stack = [c for c in root.iter()]
    while stack:
        node = stack.pop()
        if node in keep:
            stack.extend(node.iter())
        elif node.tag in _DROP_TAGS or _is_chrome(node) or is_link_block(node):
            doomed.append(node)
        else:
            stack.extend(node.iter())
    for node in doomed:
        node.decompose()


def _accordion_targets(tree: LexborHTMLParser) -> set[str]:
    return {
        str(n.attributes.get("aria-controls"))
        for n in tree.css("[aria-controls]")
        if n.attributes.get("aria-controls")
    }


def _signature(node: LexborNode) -> tuple[str, str]:
    # The first class names the component ("product-card sold-out" is still a product card).
    classes = str(node.attributes.get("class") or "").split()
    return (node.tag or "", classes[0] if classes else "")


class _Walker:
    """Depth-first walk of the cleaned main root, emitting blocks in reading order."""

    def __init__(self, accordion_targets: set[str]) -> None:
        self.blocks: list[Block] = []
        self.level = 1  # level of the last real heading
        self.inline: list[str] = []
        self.marked = 0
        self.accordion_targets = accordion_targets

    def flush(self) -> None:
        text = clean_text(" ".join(self.inline))
        self.inline = []
        if text:
            self.emit("text", text)

    def emit(self, kind: str, text: str, *, level: int = 0, synthetic: bool = False) -> None:
        self.blocks.append(
            Block(kind=kind, text=text, level=level, synthetic=synthetic, marked=self.marked > 0)
        )

    def synthetic_heading(self, text: str) -> None:
        self.flush()
        self.emit("heading", text, level=min(self.level + 1, MAX_LEVEL), synthetic=True)

    def walk(self, node: LexborNode) -> None:
        children = [c for c in node.iter(include_text=True)]
        signatures = [_signature(c) for c in children if c.tag != "-text"]
        for child in children:
            tag = child.tag or ""
            if tag == "-text":
                self.inline.append(child.text_content or "")
                continue
            marked = bool(_MARK_CLASS_RE.search(f"{child.attributes.get('class') or ''} {child.id or ''}"))
            self.marked += marked
            try:
                self._visit(child, tag, signatures.count(_signature(child)) >= 2)
            finally:
                self.marked -= marked

    def _visit(self, child: LexborNode, tag: str, repeated: bool) -> None:
        if tag in _HEADINGS:
            text = clean_text(child.text(deep=True))
            if text:
                self.flush()
                self.level = _HEADINGS[tag]
                self.emit("heading", text, level=self.level)
        elif tag == "br":
            self.inline.append("\n")
        elif tag in ("summary", "dt") or self._is_accordion_trigger(child):
            text = clean_text(child.text(deep=True))
            if text:
                self.synthetic_heading(text)
        elif tag == "button" or (tag == "a" and _is_button_link(child)):
            return  # calls to action ("Get started") are not content
        elif tag in _INLINE:
            self.inline.append(child.text(deep=True))
        elif tag in _PARAGRAPH_TAGS:
            self.flush()
            if child.css_first("p, ul, ol, table, h2, h3, h4, div"):
                self.walk(child)
                self.flush()
            else:
                text = clean_text(child.text(deep=True, separator=" "))
                if text:
                    self.emit("text", text)
        elif tag in ("ul", "ol"):
            self.flush()
            self._list(child)
        elif tag == "table":
            self.flush()
            self._table(child)
        elif tag == "hr":
            self.flush()
        else:
            self.flush()
            start = len(self.blocks)
            if (
                repeated
                and tag not in ("li", "tr")
                and not child.css_first("h1, h2, h3, h4, h5, h6, summary")
            ):
                self._card(child)
            else:
                self.walk(child)
            self.flush()
            self.close_scope(start)

    def close_scope(self, start: int) -> None:
        """Leaving a container closes the sections opened inside it (a CTA band after a card grid
        must not become part of the last card)."""
        levels = [b.level for b in self.blocks[start:] if b.kind == "heading"]
        if levels:
            self.blocks.append(Block(kind="close", text="", level=min(levels)))

    def _is_accordion_trigger(self, node: LexborNode) -> bool:
        attrs = node.attributes
        return bool(attrs.get("aria-controls") in self.accordion_targets and attrs.get("aria-controls")) or (
            "aria-expanded" in attrs and node.tag in ("button", "div", "a")
        )

    def _card(self, node: LexborNode) -> None:
        """A repeated sibling without a heading (a plan card, a feature tile): its first short line is its title."""
        start = len(self.blocks)
        self.walk(node)
        self.flush()
        if len(self.blocks) - start >= 2:
            first = self.blocks[start]
            if first.kind == "text" and len(first.text.split()) <= 8 and not first.text.endswith("."):
                # "Colombia Huila $16.00": the name is the title, the price is content.
                price = PRICE_RE.search(first.text)
                if price and price.start() > 2:
                    name = first.text[: price.start()].strip(" -–—:|")
                    self.blocks.insert(
                        start + 1, Block("text", first.text[price.start() :], marked=first.marked)
                    )
                    first.text = name
                first.kind = "heading"
                first.level = min(self.level + 1, MAX_LEVEL)
                first.synthetic = True

    def _list(self, node: LexborNode, depth: int = 0) -> None:
        for li in node.iter():
            if li.tag != "li":
                continue
            nested = [c for c in li.iter() if c.tag in ("ul", "ol")]
            for sub in nested:
                sub.remove()
            if li.css_first("h2, h3, h4, h5, h6, summary, p, div"):
                # A list used as a grid of cards: walk it like any container.
                start = len(self.blocks)
                if li.css_first("h2, h3, h4, h5, h6, summary"):
                    self.walk(li)
                else:
                    self._card(li)
                self.flush()
                self.close_scope(start)
            else:
                text = clean_text(li.text(deep=True, separator=" "))
                if text:
                    self.emit("item", "  " * depth + "- " + text)
            for sub in nested:
                self._list(sub, depth + 1)

    def _table(self, node: LexborNode) -> None:
        rows = [
            [clean_text(cell.text(deep=True, separator=" ")) for cell in tr.css("th, td")]
            for tr in node.css("tr")
        ]
        rows = [r for r in rows if any(r)]
        if not rows:
            return
        for heading, body in _pricing_table_sections(rows):
            self.synthetic_heading(heading)
            for line in body:
                self.emit("item", "- " + line)
        if _pricing_table_sections(rows):
            return
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        self.emit("table", "\n".join(lines))


def _is_button_link(node: LexborNode) -> bool:
    words = _words(node.attributes.get("class") or "") | _words(node.attributes.get("role") or "")
    return bool(words & {"btn", "button", "cta"})


def _pricing_table_sections(rows: list[list[str]]) -> list[tuple[str, list[str]]]:
    """A price table becomes one section per plan (columns) or per priced service (rows)."""
    header, body = rows[0], rows[1:]
    if len(header) < 2 or not body:
        return []
    price_rows = [r for r in body if sum(bool(PRICE_RE.search(c)) for c in r[1:]) >= 2]
    if price_rows and len(header) >= 3:
        # Plans side by side: header cells are plan names, a row holds their prices.
        sections = []
        for col in range(1, len(header)):
            name = header[col]
            if not name:
                continue
            lines = [f"{r[0]}: {r[col]}" if r[0] else r[col] for r in body if col < len(r) and r[col]]
            sections.append((name, lines))
        return sections
    priced = [r for r in body if r and r[0] and any(PRICE_RE.search(c) for c in r[1:])]
    if len(priced) >= 2 and len(priced) * 2 >= len(body):
        # A fee schedule: every named row is a priced service ("33% contingency" included).
        return [
            (
                r[0],
                [
                    f"{header[i]}: {c}" if i < len(header) and header[i] else c
                    for i, c in enumerate(r)
                    if i and c
                ],
            )
            for r in body
            if r and r[0]
        ]
    return []
