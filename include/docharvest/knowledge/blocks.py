"""The cleaned main root of a page -> a flat list of ``Block`` s in reading order, structure kept.

Headings (real ones, plus synthetic ones for accordion questions, ``<dt>`` terms, card titles
and pricing-table columns), paragraphs, list items and tables rendered as Markdown; a ``close``
block ends the sections opened inside a container. Calls to action (buttons) are not content.
The item builder folds the blocks into a heading tree (``docharvest.knowledge.sections``).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from docharvest.knowledge.chrome import class_words

# Synthetic headings sit one level below the structural heading they follow.
MAX_LEVEL = 9

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
_WS_RE = re.compile(r"\s+")


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


def clean_text(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()


def read_blocks(tree: LexborHTMLParser, root: LexborNode) -> list[Block]:
    """The blocks of the cleaned main ``root`` of ``tree``, in reading order."""
    walker = _Walker(_accordion_targets(tree))
    walker.walk(root)
    walker.flush()
    return walker.blocks


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
    words = class_words(node.attributes.get("class") or "") | class_words(node.attributes.get("role") or "")
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
