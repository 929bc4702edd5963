"""The grid of a table a document link sits in: spanning cells resolved, the header row found.

A meeting table often gives the date and the body once, in a cell spanning the rows of that
meeting's documents (``rowspan``): every row it spans inherits it, so a "Minutes | View" row
below the first is still the March 4 meeting's. The header row names each column ("Agenda",
"Minutes"), often the only word naming the kind when the link itself says "PDF" or "Download".
A grid is built once per table and page, however many of its links ask.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

_SECTIONS = frozenset({"thead", "tbody", "tfoot"})
_CELLS = frozenset({"td", "th"})
MAX_SPAN = 1000  # rowspan="0" (to the end of the table) and absurd values stop here


def span(cell: LexborNode, attr: str = "colspan") -> int:
    value = (cell.attributes.get(attr) or "1").strip()
    if not value.isdigit():
        return 1
    number = int(value)
    if number == 0 and attr == "rowspan":
        return MAX_SPAN
    return min(max(number, 1), MAX_SPAN)


@dataclass(slots=True)
class Grid:
    """Each row's cells by column (a spanning cell listed in every row it covers) and the header."""

    rows: dict[int, list[tuple[int, LexborNode]]] = field(default_factory=dict)  # tr mem_id -> cells
    header: list[tuple[int, int, LexborNode]] = field(default_factory=list)  # (column, width, th)
    header_row: int = -1  # the header row's mem_id

    def column_of(self, row: LexborNode, cell: LexborNode) -> int:
        for column, node in self.rows.get(row.mem_id, ()):
            if node.mem_id == cell.mem_id:
                return column
        return -1

    def header_cell(self, row: LexborNode, column: int) -> LexborNode | None:
        """The header cell over ``column`` (none for the header row itself)."""
        if column < 0 or row.mem_id == self.header_row:
            return None
        for start, width, node in self.header:
            if start <= column < start + width:
                return node
        return None


def _direct_rows(table: LexborNode) -> list[tuple[LexborNode, bool]]:
    """The table's own rows (not a nested table's), each with whether it sits in ``<thead>``."""
    rows = []
    for child in table.iter():
        if child.tag == "tr":
            rows.append((child, False))
        elif child.tag in _SECTIONS:
            rows.extend((row, child.tag == "thead") for row in child.iter() if row.tag == "tr")
    return rows


def build_grid(table: LexborNode) -> Grid:
    grid = Grid()
    pending: dict[int, tuple[LexborNode, int, int]] = {}  # column -> (cell, width, rows still covered)
    for row, in_head in _direct_rows(table):
        inherited = {}
        for column, (cell, width, left) in list(pending.items()):
            inherited[column] = (cell, width)
            if left <= 1:
                del pending[column]
            else:
                pending[column] = (cell, width, left - 1)
        placed: list[tuple[int, LexborNode]] = []
        own: list[tuple[int, int, LexborNode]] = []
        column = 0
        all_th = True
        for cell in row.iter():
            if cell.tag not in _CELLS:
                continue
            while column in inherited:
                above, width = inherited.pop(column)
                placed.append((column, above))
                column += width
            width = span(cell)
            placed.append((column, cell))
            own.append((column, width, cell))
            all_th = all_th and cell.tag == "th"
            down = span(cell, "rowspan")
            if down > 1:
                pending[column] = (cell, width, down - 1)
            column += width
        placed.extend((c, above) for c, (above, _) in inherited.items())
        placed.sort(key=lambda item: item[0])
        grid.rows[row.mem_id] = placed
        if grid.header_row < 0 and own and (in_head or all_th):
            grid.header, grid.header_row = own, row.mem_id
    return grid
