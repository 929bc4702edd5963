"""Values of fields no label announces: a dateline's date, the currency of the amounts, the country's tender.

They run once every labelled value is known, and never take a cell a label points at.
Organisations fall back in ``docharvest.extract.parties``.
"""

from __future__ import annotations

from collections import Counter

from docharvest.extract.candidates import value_texts
from docharvest.extract.currency_cues import CUE_CONFIDENCE, currency_from_country
from docharvest.extract.labels import LabelHit
from docharvest.extract.layout import Cell, Grid
from docharvest.extract.normalize import DATE_LIKE, Locale, find_amounts, find_dates, parse_currency
from docharvest.extract.values import Candidate


def _claimed_cells(grid: Grid, hits: list[LabelHit]) -> set[int]:
    """Label cells and every cell a label points at (of any field, excluded labels included)."""
    label_cells = {id(h.cell) for h in hits if h.start == 0}
    claimed = {id(h.cell) for h in hits}
    for hit in hits:
        claimed.update(id(cell) for _, cell, _ in value_texts(grid, hit, label_cells))
    return claimed


def date_fallback(grid: Grid, hits: list[LabelHit], locale: Locale, dates_of: set[str]) -> Candidate | None:
    """The first date at the head of the first page that no date label claims (a letter's dateline,
    "Invoice 4711 of 2 July 2015")."""
    claimed = _claimed_cells(grid, [h for h in hits if h.field in dates_of])
    page_lines = sum(1 for ln in grid.lines if ln.page == 1)
    for line in grid.lines:
        # Only the head of the first page: a dateline, not a transaction list further down.
        if line.page != 1 or line.number > max(page_lines * 0.35, 10):
            break
        for cell in line.cells:
            if id(cell) in claimed:
                continue
            if len(cell.text) > 60:
                continue
            dates = find_dates(cell.text, locale)
            if dates:
                return Candidate(dates[0].value, 0.6, cell, dates[0].text, None, "unlabelled")
            like = DATE_LIKE.search(cell.text)
            if like:
                return Candidate(like.group(0), 0.3, cell, like.group(0), None, "unlabelled", valid=False)
    return None


def currency_fallback(grid: Grid, chosen: dict[str, Candidate]) -> Candidate | None:
    """The currency written with the extracted amounts, else the document's most frequent one."""
    for candidate in chosen.values():
        if isinstance(candidate.value, float):
            for cell in [candidate.cell, *candidate.cell.line.cells]:
                code = parse_currency(cell.text)
                if code:
                    return Candidate(code, 0.9, cell, cell.text, None, "with_amount")
    counts: Counter[str] = Counter()
    first: dict[str, Cell] = {}
    for line in grid.lines:
        for cell in line.cells:
            code = parse_currency(cell.text)
            if code and find_amounts(cell.text, Locale()):
                counts[code] += 1
                first.setdefault(code, cell)
    if not counts:
        return None
    code, n = counts.most_common(1)[0]
    return Candidate(
        code, 0.8 if n == sum(counts.values()) else 0.6, first[code], first[code].text, None, "document"
    )


def country_fallback(grid: Grid) -> Candidate | None:
    """No currency printed at all: the tender of the country the document names (a weak cue)."""
    cue = currency_from_country("\n".join(grid.pages))
    if cue is None:
        return None
    code, name = cue
    for line in grid.lines:
        for cell in line.cells:
            at = cell.text.lower().find(name)
            if at >= 0:
                raw = cell.text[at : at + len(name)]
                return Candidate(code, CUE_CONFIDENCE, cell, raw, None, "country")
    return None
