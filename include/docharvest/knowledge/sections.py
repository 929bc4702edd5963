"""A page's blocks folded into a heading tree, and a section's Markdown and one-line summary.

Each heading opens a section under the nearest heading of a lower level; a ``close`` block
(the end of a container) closes the sections opened inside it. The item builder
(``docharvest.knowledge.items``) turns sections into items.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from docharvest.knowledge.blocks import Block

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
MAX_CONTENT_CHARS = 6000


@dataclass
class Section:
    title: str
    level: int
    synthetic: bool = False
    marked: bool = False
    body: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None

    def ancestors(self) -> Iterable[Section]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def own_words(self) -> int:
        return sum(len(b.text.split()) for b in self.body if b.kind in ("text", "item", "table"))

    def all_blocks(self) -> list[Block]:
        blocks = list(self.body)
        for child in self.children:
            blocks.append(Block(kind="heading", text=child.title, level=child.level))
            blocks.extend(child.all_blocks())
        return blocks


def build_sections(blocks: Sequence[Block]) -> Section:
    """Fold a flat block list into a heading tree under a level-0 root."""
    root = Section(title="", level=0)
    stack = [root]
    for block in blocks:
        if block.kind == "heading":
            while stack[-1].level >= block.level and len(stack) > 1:
                stack.pop()
            section = Section(
                title=block.text,
                level=block.level,
                synthetic=block.synthetic,
                marked=block.marked,
                parent=stack[-1],
            )
            stack[-1].children.append(section)
            stack.append(section)
        elif block.kind == "close":
            while len(stack) > 1 and stack[-1].level >= block.level:
                stack.pop()
        else:
            stack[-1].body.append(block)
    return root


def walk_sections(section: Section) -> Iterable[Section]:
    """Every section under ``section``, depth first, in document order."""
    for child in section.children:
        yield child
        yield from walk_sections(child)


def to_markdown(blocks: Sequence[Block], *, base_level: int = 0) -> str:
    parts: list[str] = []
    for block in blocks:
        if block.kind == "heading":
            parts.append("#" * max(2, min(6, block.level - base_level + 2)) + " " + block.text)
        elif block.kind in ("text", "table"):
            parts.append(block.text)
        elif block.kind == "item":
            if parts and parts[-1].lstrip().startswith("- "):
                parts[-1] += "\n" + block.text
            else:
                parts.append(block.text)
    text = "\n\n".join(parts).strip()
    return text if len(text) <= MAX_CONTENT_CHARS else text[:MAX_CONTENT_CHARS].rsplit(" ", 1)[0] + " …"


def summarize(content: str, limit: int = 200) -> str:
    """A one-line description: the first sentence(s) of the item's plain text."""
    lines = [
        re.sub(r"^[\-*|\s]+", "", line).strip(" |")
        for line in content.splitlines()
        if not line.startswith("#")
    ]
    plain = [line for line in lines if line and not set(line) <= set("-| ")]
    if not plain:
        return ""
    first = _SENTENCE_END.split(plain[0])[0]
    if len(first) < 40 and len(plain) > 1:
        first = first.rstrip(".") + " — " + _SENTENCE_END.split(plain[1])[0]
    if len(first) > limit:
        first = first[: limit - 1].rsplit(" ", 1)[0] + "…"
    return first
