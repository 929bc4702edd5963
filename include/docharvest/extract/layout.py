"""A document's text as a grid: pages -> lines -> cells with column positions.

Layout-mode PDF text (pypdf ``extraction_mode="layout"``) keeps the horizontal
position of text, so a run of two or more spaces separates table cells and columns.
DOCX table rows arrive tab-separated; each tab-cell gets a synthetic column slot so the
same "cell below the header" reasoning applies. Plain text is one cell per line unless
it is spaced out the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docharvest.text.document import DocumentText

_CELL_GAP = re.compile(r"\S(?:.*?\S)?(?=\s{2,}|\t|$)")
TAB_COLUMN_WIDTH = 40


@dataclass
class Cell:
    """A run of text on one line, with its column span and its offset in the page text."""

    text: str
    col_start: int
    col_end: int
    line: Line = field(repr=False)
    offset: int  # character offset of the cell in its page's text

    @property
    def page(self) -> int:
        return self.line.page


@dataclass
class Line:
    page: int  # 1-based
    number: int  # line number within the page, 0-based
    index: int  # position among all lines of the document
    text: str
    cells: list[Cell] = field(default_factory=list)

    @property
    def blank(self) -> bool:
        return not self.cells


@dataclass
class Grid:
    lines: list[Line]
    pages: list[str]

    def lines_after(self, line: Line, limit: int, *, max_blank: int = 2) -> list[Line]:
        """Up to ``limit`` non-blank lines below ``line`` on the same page, stopping at a wide gap."""
        out: list[Line] = []
        blanks = 0
        for nxt in self.lines[line.index + 1 :]:
            if nxt.page != line.page:
                break
            if nxt.blank:
                blanks += 1
                if blanks > max_blank:
                    break
                continue
            blanks = 0
            out.append(nxt)
            if len(out) >= limit:
                break
        return out

    def block_after(self, line: Line, limit: int) -> list[Line]:
        """The lines of the paragraph/block right under ``line`` (ends at the first blank line)."""
        out: list[Line] = []
        for nxt in self.lines[line.index + 1 :]:
            if nxt.page != line.page or nxt.blank or len(out) >= limit:
                break
            out.append(nxt)
        return out


def build_grid(document: DocumentText) -> Grid:
    lines: list[Line] = []
    for page_no, page_text in enumerate(document.pages, start=1):
        offset = 0
        for number, raw in enumerate(page_text.split("\n")):
            line = Line(page=page_no, number=number, index=len(lines), text=raw)
            line.cells = _cells(raw, line, offset)
            lines.append(line)
            offset += len(raw) + 1
    return Grid(lines=lines, pages=list(document.pages))


def _cells(raw: str, line: Line, offset: int) -> list[Cell]:
    if "\t" in raw:
        cells = []
        position = 0
        for slot, part in enumerate(raw.split("\t")):
            text = part.strip()
            if text:
                start = position + part.index(text[0])
                cells.append(
                    Cell(
                        text,
                        slot * TAB_COLUMN_WIDTH,
                        slot * TAB_COLUMN_WIDTH + len(text),
                        line,
                        offset + start,
                    )
                )
            position += len(part) + 1
        return cells
    return [Cell(m.group(0), m.start(), m.end(), line, offset + m.start()) for m in _CELL_GAP.finditer(raw)]


def overlaps(a: Cell, b: Cell, slack: int = 2) -> bool:
    """Whether two cells share columns (a value sits under its header)."""
    return a.col_start - slack < b.col_end and b.col_start - slack < a.col_end
