"""What names a document link on its page: its own block or row, and the labels of the items holding it.

Real pages seldom name a document in its link ("Download", "PDF", "View"). The words that do:

- the link's own block ("January: Minutes" in one ``<li>``), or its table row: the label cells,
  the cells spanning down from rows above (``rowspan``), and the column header;
- the items holding it: the ``<li>`` a sub-list hangs from ("Board of Directors - March 4,
  2025"), the ``<dt>`` of its ``<dd>``, a card's ``<time datetime>``, date and title, the
  ``<summary>`` of a ``<details>``, the row of a cell holding a list;
- the headings above it.

The walk climbs from the link's block to the outermost *item* holding it (a list item, a
definition, a row, an article, a details, or an element repeated with its class beside it, as
cards are), reading at each level the label-like siblings before the branch it came up, up to a
peer or a sibling holding links (both another item's). Above the outermost item it reads
nothing: text there (an intro paragraph, "Last updated ...") speaks for the page, not the file.

The innermost labels name the document itself when its link and block give no number (no date,
no meeting number): they join its surrounding text. The outer ones name a group (a year, a
meeting over its agenda and minutes): they join the heading trail, ordered with the page's
headings by nesting (a heading inside a labelled item is nearer than the item's label).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from docharvest.crawl.link_tables import Grid, build_grid
from docharvest.crawl.link_trail import headed, panel_of, trail
from docharvest.crawl.urls import DOCUMENT_EXTENSIONS, document_type_from_url

BLOCKS = frozenset(
    {"p", "li", "td", "th", "tr", "dd", "dt", "div", "section", "article", "figure", "blockquote"}
)
CELLS = frozenset({"td", "th"})
_TOP = frozenset({"body", "html"})
_TABLE_PARTS = frozenset({"table", "thead", "tbody", "tfoot"})
# Elements that are one entry of a listing; so is any element repeated with its class beside it.
_ITEM_TAGS = frozenset({"li", "dd", "dt", "tr", "article", "details", "fieldset", "figure"})
_NEVER_ITEMS = frozenset({"main", "nav", "header", "footer", "aside", "form", "table", "tbody", "ul", "ol"})
# Never a label: code, controls, media, navigation; headings are the outline's.
_SKIP = frozenset(
    {"script", "style", "noscript", "template", "nav", "select", "option", "input", "textarea", "svg",
     "img", "iframe", "form", "br", "hr", "-comment"}
)  # fmt: skip
# Text-level elements: adjacent ones (and text) make one label.
_INLINE = frozenset(
    {"-text", "span", "strong", "b", "em", "i", "small", "time", "label", "abbr", "font", "u", "mark", "sup",
     "sub", "code", "br"}
)  # fmt: skip
# Containers whose heading titles only them (once they hold links: not a header-only section).
_SCOPES = frozenset(
    {"details", "article", "section", "aside", "li", "dd", "td", "th", "figure", "blockquote"}
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "caption"})
CONTEXT_CHARS = 300
_DOCUMENT_TYPES = frozenset(DOCUMENT_EXTENSIONS.values())
MAX_DEPTH = 30  # levels climbed above the link's block
MAX_SIBLINGS = 8  # siblings read per level
MAX_LABELS = 3  # labels kept per level
LABEL_CHARS = 120  # longer text is prose, not a label
LABEL_WORDS = 16
_SPACE_RE = re.compile(r"\s+")
_YEAR_RE = re.compile(r"\b(?:1[89]|20)\d\d\b")
_ISO_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_DIGIT_RE = re.compile(r"\d")
_STAMP_RE = re.compile(r"(?:last\s+)?(?:posted|updated|modified|published|uploaded|added)\b", re.I)


def clean(text: str, limit: int) -> str:
    return _SPACE_RE.sub(" ", text).strip()[:limit]


def label_like(text: str) -> bool:
    """Short and not a sentence: "March 4, 2025", "Board of Directors", not an intro paragraph.

    A post's stamp ("Posted on January 14, 2023", "Last updated ...") dates the post, not the file.
    """
    words = text.split()
    if len(text) > LABEL_CHARS or len(words) > LABEL_WORDS or _STAMP_RE.match(text):
        return False
    return not (text.endswith(".") and len(words) >= 6)


@dataclass(slots=True)
class LinkContext:
    context: str = ""  # the link's block or row, after the labels naming its item
    column: str = ""  # the header of the table column it sits in
    heading: str = ""  # the nearest heading or group label
    section: str = ""  # the headings and group labels above that, outermost first


@dataclass(frozen=True, slots=True)
class _Label:
    text: str
    timed: bool  # a <time>: a post's date when the link's own words already give one


def _add(found: list[_Label], run: list[str], timed: bool) -> None:
    text = clean(" ".join(reversed(run)), CONTEXT_CHARS)
    if any(ch.isalnum() for ch in text) and label_like(text):
        found.append(_Label(text, timed))


class ContextReader:
    """Reads the context of a page's document links; caches what links of one page share."""

    def __init__(self, tree: LexborHTMLParser) -> None:
        self.grids: dict[int, Grid] = {}
        self.cell_texts: dict[int, str] = {}
        self.items: dict[int, bool] = {}
        # Links of one page share blocks, ancestors and the labels at each level: each is read once.
        self.blocks: dict[int, tuple[str, list[tuple[int, str]]]] = {}  # block -> text, its links' texts
        self.above: dict[int, tuple[list[LexborNode], int]] = {}  # node -> ancestors, outermost item
        self.labels: dict[int, tuple[list[_Label], str]] = {}  # branch -> labels before it, column
        self.heading_up: dict[int, list[int]] = {}  # heading -> its ancestors' ids
        self.scopes: dict[int, int] = {}  # heading -> the item holding it and links, 0 if none
        self.chain_ids: dict[int, frozenset[int]] = {}  # block -> its and its ancestors' ids
        self.trails: dict[tuple[object, ...], tuple[str, str]] = {}
        # A <time> showing no year ("Nov 28") reads as its datetime; its ancestors' texts hold it.
        self.times: dict[int, list[tuple[str, str]]] = {}  # holder -> (shown, stamp)
        for when in tree.css("time[datetime]"):
            stamp = (when.attributes.get("datetime") or "").strip()[:10]
            shown = when.text(separator=" ").strip()
            if _ISO_DAY_RE.match(stamp) and not _YEAR_RE.search(shown):
                holder: LexborNode | None = when
                while holder is not None and holder.tag not in _TOP:
                    self.times.setdefault(holder.mem_id, []).append((shown, stamp))
                    holder = holder.parent
        # An abbreviation reads as what it stands for: <abbr title="Accessibility Advisory
        # Committee">AAC</abbr> names the committee, <abbr title="October">Oct</abbr> the month.
        for abbr in tree.css("abbr[title]"):
            full = clean(abbr.attributes.get("title") or "", CONTEXT_CHARS)
            shown = abbr.text(separator=" ").strip()
            if full and shown and full.lower() != shown.lower() and len(shown) < len(full):
                holder = abbr
                while holder is not None and holder.tag not in _TOP:
                    self.times.setdefault(holder.mem_id, []).append((shown, full))
                    holder = holder.parent

    # -- text ------------------------------------------------------------------------------------

    def text(self, node: LexborNode) -> str:
        """A node's text, a ``<time>`` showing no year ("Nov 28") read as its ``datetime``."""
        text = node.text(separator=" ")
        for shown, stamp in self.times.get(node.mem_id, ()) if self.times else ():
            text = text.replace(shown, f" {stamp} ", 1) if shown else f"{stamp} {text}"
        return text

    def own_text(self, block: LexborNode, link: LexborNode) -> str:
        """The block's text without the texts of its other links (they describe other documents)."""
        known = self.blocks.get(block.mem_id)
        if known is None:
            links = [(a.mem_id, a.text(separator=" ")) for a in block.css("a[href]")]
            known = self.blocks[block.mem_id] = (self.text(block), [(i, w) for i, w in links if w.strip()])
        text, others = known
        for mem_id, words in others:
            if mem_id != link.mem_id:
                text = text.replace(words, " ", 1)
        return clean(text, CONTEXT_CHARS)

    # -- tables ----------------------------------------------------------------------------------

    def _grid(self, row: LexborNode) -> Grid | None:
        table = row.parent
        while table is not None and table.tag != "table":
            table = table.parent
        if table is None:
            return None
        grid = self.grids.get(table.mem_id)
        if grid is None:
            grid = self.grids[table.mem_id] = build_grid(table)
        return grid

    def _cell_label(self, cell: LexborNode, header: LexborNode | None = None) -> str:
        """A cell's text when it holds no document link (a date, a body, a title), else nothing.

        A cell whose links lead to pages, not files, still labels the row: a meeting grid's "Name"
        cell links the body's page ("Finance Committee"). Not when its text is its column's name
        ("Video", "Meeting details" under those headers): that cell is another entry of the row.
        """
        text = self.cell_texts.get(cell.mem_id)
        if text is None:
            links = cell.css("a[href]")
            text = clean(self.text(cell), CONTEXT_CHARS)
            if links and (
                any(document_type_from_url(a.attributes.get("href") or "", _DOCUMENT_TYPES) for a in links)
                or header is None
                or text.lower() == clean(header.text(separator=" "), CONTEXT_CHARS).lower()
            ):
                text = ""
            self.cell_texts[cell.mem_id] = text
        return text

    def _row(self, cell: LexborNode, row: LexborNode, link: LexborNode | None) -> tuple[list[str], str]:
        """The row's label cells and the cell's column header.

        With ``link``, the link's own cell among them. Without (a cell holding a list or a paragraph
        of links), only the cells before it, and only in a table with a header row: in a layout
        table (a calendar of meeting dates) the other cells are other entries, not labels.
        """
        grid = self._grid(row)
        placed = grid.rows.get(row.mem_id) if grid is not None else None
        if grid is None or placed is None or (link is None and grid.header_row < 0):
            return ([self.own_text(cell, link)] if link is not None else []), ""
        parts = []
        for at, node in placed:
            if node.mem_id == cell.mem_id:
                if link is None:
                    break
                parts.append(self.own_text(node, link))
            else:
                parts.append(self._cell_label(node, grid.header_cell(row, at)))
        header = grid.header_cell(row, grid.column_of(row, cell))
        column = clean(header.text(separator=" "), CONTEXT_CHARS) if header is not None else ""
        return [p for p in parts if p], column

    # -- items and their labels ------------------------------------------------------------------

    def _heading_up(self, heading: LexborNode) -> list[int]:
        known = self.heading_up.get(heading.mem_id)
        if known is None:
            known, parent = [], heading.parent
            while parent is not None and parent.tag not in _TOP:
                known.append(parent.mem_id)
                parent = parent.parent
            self.heading_up[heading.mem_id] = known
        return known

    def _scope(self, heading: LexborNode) -> int:
        """The container a heading titles when it holds links (a card, a details, a list item), else 0."""
        known = self.scopes.get(heading.mem_id)
        if known is None:
            known, node = 0, heading.parent
            while node is not None and node.tag not in _TOP:
                tag = node.tag or ""
                scoping = tag in _SCOPES or (tag in BLOCKS and self._is_item(node))
                if scoping and node.css_first("a[href]") is not None:
                    known = node.mem_id
                    break
                node = node.parent
            self.scopes[heading.mem_id] = known
        return known

    def _is_item(self, node: LexborNode) -> bool:
        known = self.items.get(node.mem_id)
        if known is not None:
            return known
        tag = node.tag or ""
        item = tag in _ITEM_TAGS
        if not item and tag not in _NEVER_ITEMS:
            cls = node.attributes.get("class")
            item = bool(cls) and (_same(node.prev, tag, cls, True) or _same(node.next, tag, cls, False))
        self.items[node.mem_id] = item
        return item

    def _above(self, node: LexborNode) -> tuple[list[LexborNode], int]:
        """The ancestors of ``node`` below ``<body>``, nearest first, and the index of the outermost item."""
        known = self.above.get(node.mem_id)
        if known is not None:
            return known
        pending: list[tuple[LexborNode, LexborNode]] = []  # (node, parent) whose ancestors are unknown
        current = node
        while True:
            parent = current.parent
            if parent is None or parent.tag in _TOP:
                self.above[current.mem_id] = ([], -1)
                break
            pending.append((current, parent))
            if parent.mem_id in self.above:
                break
            current = parent
        for current, parent in reversed(pending):
            chain, outer = self.above[parent.mem_id]
            if outer >= 0:
                outer += 1
            elif self._is_item(parent):
                outer = 0
            chain = [parent, *chain[: MAX_DEPTH - 1]]
            self.above[current.mem_id] = (chain, outer if outer < len(chain) else -1)
        return self.above[node.mem_id]

    def _level(self, child: LexborNode, parent: LexborNode, first: bool) -> tuple[list[_Label], str]:
        """The labels before ``child`` in ``parent`` (a row's cells before it), and a column header."""
        key = child.mem_id * 2 + first  # a cell is the link's own (its row is the context) or holds it
        known = self.labels.get(key)
        if known is None:
            if parent.tag == "tr" and child.tag in CELLS:
                cells, header = self._row(child, parent, None) if not first else ([], "")
                known = ([_Label(text, False) for text in cells], header)
            elif parent.tag in _TABLE_PARTS:
                known = ([], "")
            else:
                known = (self._labels_before(child), "")
            self.labels[key] = known
        return known

    def _labels_before(self, child: LexborNode) -> list[_Label]:
        """The label-like siblings before ``child``, in document order (a ``<dd>``'s: its terms).

        Adjacent text and inline elements ("View/Download <b>Agendas</b> Below<br>(PDF)") are one label.
        """
        if child.tag == "dd":
            return _terms(child, self)
        found: list[_Label] = []
        run: list[str] = []  # the inline run being read, last first
        timed = False
        tag, cls = child.tag, child.attributes.get("class")
        sib = child.prev
        steps = 0
        while sib is not None and steps < MAX_SIBLINGS and len(found) < MAX_LABELS:
            steps += 1
            here = sib.tag or ""
            inline = here in _INLINE
            if run and not inline and here not in _SKIP:
                _add(found, run, timed)
                run, timed = [], False
            if here in _SKIP or here in _HEADINGS or _role_heading(sib):
                sib = sib.prev
                continue
            if here != "-text" and (
                (here == tag and sib.attributes.get("class") == cls) or _holds_real_link(sib)
            ):
                break  # a peer, or another item's links: what is before them is not this branch's
            text = sib.text(deep=False) if here == "-text" else self.text(sib)
            if inline:
                run.append(text)
                timed = timed or here == "time"
            elif any(ch.isalnum() for ch in text):
                text = clean(text, CONTEXT_CHARS)
                if not label_like(text):
                    break  # prose: an intro, not a label
                found.append(_Label(text, here == "time" or sib.css_first("time") is not None))
            sib = sib.prev
        if run:
            _add(found, run, timed)
        found.reverse()
        return found

    # -- a link ----------------------------------------------------------------------------------

    def read(
        self, link: LexborNode, text: str, outline: list[tuple[str, LexborNode]], panels: dict[str, str]
    ) -> LinkContext:
        """The context of a document link (``text``: its own); ``outline``: the headings before it."""
        block = link.parent
        while block is not None and block.tag not in BLOCKS and block.tag not in _TOP:
            block = block.parent
        if block is None or block.tag in _TOP:
            return LinkContext("", "", *headed([t for t, h in outline if not self._scope(h)]))
        above, outer = self._above(block)
        chain = [block, *above]
        ids = self.chain_ids.get(block.mem_id)
        if ids is None:
            ids = self.chain_ids[block.mem_id] = frozenset(node.mem_id for node in chain)
        # A heading titling another card, details or list item (one holding links) is not this link's.
        outline = [(t, h) for t, h in outline if self._scope(h) in ids or not self._scope(h)]
        column = ""
        if block.tag in CELLS and block.parent is not None and block.parent.tag == "tr":
            parts, column = self._row(block, block.parent, link)
            own = clean(" ".join(parts), CONTEXT_CHARS)
        else:
            own = self.own_text(block, link)
        outermost = outer + 1 if outer >= 0 else (0 if self._is_item(block) else -1)
        levels: list[tuple[int, list[_Label]]] = []  # (chain index of the element holding them, labels)
        for i in range(min(outermost + 1, len(chain) - 1)):
            child = chain[i]
            if i == outermost and child.tag != "dd":
                break  # the outermost item: what is before it is the listing's
            labels, header = self._level(child, chain[i + 1], i == 0)
            column = column or header
            if labels:
                levels.append((i + 1, labels))
        panel = panel_of(chain, panels) if panels else None
        if not levels and panel is None:
            return LinkContext(own, column, *headed([t for t, _ in outline]))
        # The link and its block say no number: the nearest labels are the document's own.
        if levels and not _DIGIT_RE.search(own + " " + text):
            # A <time> above a sentence ("... published its plan. Click here") dates the post.
            prose = not label_like(own)
            named = [label.text for label in levels[0][1] if not (prose and label.timed)]
            own = clean(" ".join([*named, own]), CONTEXT_CHARS)
            levels = levels[1:]
        # Sibling blocks share a trail: what differs is only before them (their own level's labels).
        key = (
            chain[1 if len(chain) > 1 else 0].mem_id,
            panel,
            *(id(labels) for _, labels in levels),
            0,
            *(h.mem_id for _, h in outline),
        )
        found = self.trails.get(key)
        if found is None:
            headings = [(t, self._heading_up(h)) for t, h in outline]
            # A <time> over a link that gives its own date dates the post or the event, not the file.
            groups = [
                (depth, [label.text for label in labels if not label.timed]) for depth, labels in levels
            ]
            found = self.trails[key] = trail(chain, headings, groups, panel)
        return LinkContext(own, column, *found)


def _goes_nowhere(href: str) -> bool:
    """A toggle, not a link: "#", "#panel", "javascript:..." (an accordion's meeting title)."""
    href = href.strip().lower()
    return not href or href.startswith(("#", "javascript:"))


def _holds_real_link(node: LexborNode) -> bool:
    """Is ``node`` (or does it hold) a link to something? A toggle's text is a label, not a link."""
    if node.tag == "a" and not _goes_nowhere(node.attributes.get("href") or ""):
        return True
    return any(not _goes_nowhere(a.attributes.get("href") or "") for a in node.css("a[href]"))


def _same(node: LexborNode | None, tag: str, cls: str | None, backwards: bool) -> bool:
    """Is the nearest element sibling (past text and comments) of the same tag and class?"""
    for _ in range(4):
        if node is None:
            return False
        if node.tag not in ("-text", "-comment"):
            return node.tag == tag and node.attributes.get("class") == cls
        node = node.prev if backwards else node.next
    return False


def _role_heading(node: LexborNode) -> bool:
    return node.tag not in ("-text", "-comment") and (node.attributes.get("role") or "") == "heading"


def _terms(dd: LexborNode, reader: ContextReader) -> list[_Label]:
    """The ``<dt>`` run a ``<dd>`` belongs to (past the other ``<dd>`` of the same term)."""
    found: list[_Label] = []
    sib = dd.prev
    while sib is not None and len(found) < MAX_LABELS:
        if sib.tag == "dt":
            text = clean(reader.text(sib), CONTEXT_CHARS)
            if text and label_like(text):
                found.append(_Label(text, sib.css_first("time") is not None))
        elif sib.tag not in ("-text", "-comment") and (found or sib.tag != "dd"):
            break  # past the term run, or not a definition list's sibling
        sib = sib.prev
    found.reverse()
    return found
