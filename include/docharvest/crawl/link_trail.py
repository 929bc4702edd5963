"""A document link's heading trail: the page's headings and the labels of the groups holding it, in one order.

The nearest entry is the link's heading; those above it, outermost first, its section. Headings
come in document order (``h1`` > ``h2`` > ``h3``); a group label (a year item over a list of
meetings, a ``<summary>``, a tab panel's title) sits where its element sits in the link's chain of
ancestors, so a heading inside a labelled group ("Board of Trustees" inside the "2023" details)
is nearer than the group's label, and one outside it is further out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

HEADING_CHARS = 200
SECTION_CHARS = 300
_SPACE_RE = re.compile(r"\s+")


def _clean(text: str, limit: int) -> str:
    return _SPACE_RE.sub(" ", text).strip()[:limit]


@dataclass(slots=True)
class _Entry:
    depth: int  # the chain index of the element holding it: larger is further out
    heading: bool  # a page heading (nearer than a label of the same element)
    order: int  # document order among entries of one element
    text: str


def panel_key(mem_id: int) -> str:
    """The key of a panel known by its place (the element right after an accordion's toggle)."""
    return f"@{mem_id}"


def panel_of(chain: list[LexborNode], panels: dict[str, str]) -> tuple[int, str] | None:
    """The title of the tab/accordion panel holding the link (``id``/``aria-labelledby``, or the
    element right after its toggle), with its depth."""
    for depth, node in enumerate(chain):
        attrs = node.attributes
        for key in (attrs.get("id"), attrs.get("aria-labelledby"), panel_key(node.mem_id)):
            if key and key in panels:
                return depth, panels[key]
    return None


def headed(outline: list[str]) -> tuple[str, str]:
    """(heading, section) of the headings alone, outermost first."""
    texts = [text for text in outline if text]
    return (texts[-1] if texts else ""), _clean(" / ".join(texts[:-1]), SECTION_CHARS)


def trail(
    chain: list[LexborNode],
    outline: list[tuple[str, list[int]]],
    groups: list[tuple[int, list[str]]],
    panel: tuple[int, str] | None,
) -> tuple[str, str]:
    """(heading, section) of headings and group labels together.

    ``chain``: the link's block and its ancestors, nearest first; ``outline``: each heading before
    the link with its ancestors' ids; ``groups``: labels with the chain index of the element
    holding them; ``panel``: the tab panel's title and chain index.
    """
    index = {node.mem_id: i for i, node in enumerate(chain)}
    entries = []
    for order, (text, ancestors) in enumerate(outline):
        depth = next((index[a] for a in ancestors if a in index), len(chain))
        entries.append(_Entry(depth, True, order, text))
    for depth, labels in groups:
        entries.extend(_Entry(depth, False, n, text) for n, text in enumerate(labels))
    if panel is not None:
        entries.append(_Entry(panel[0], False, -1, panel[1]))
    entries.sort(key=lambda e: (-e.depth, e.heading, e.order))
    texts: list[str] = []
    for entry in entries:
        if entry.text and (not texts or texts[-1] != entry.text):
            texts.append(entry.text)
    heading = _clean(texts[-1], HEADING_CHARS) if texts else ""
    return heading, _clean(" / ".join(texts[:-1]), SECTION_CHARS)
