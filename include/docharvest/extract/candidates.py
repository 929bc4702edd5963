"""A field's candidate values: the text next to each of its labels, parsed and scored, and the pick.

Next to a label is inline after it, in the cells to its right, or in the cell below it (a
table header). Table heuristics keep a weak label that heads a column of figures, or sits in
a row of a table of figures, from being read as announcing a value. The best candidate wins;
ties go to the field's ``prefer`` (totals are last).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from docharvest.extract.labels import EXCLUDE, STRONG, WEAK, LabelHit
from docharvest.extract.layout import Cell, Grid, Line, overlaps
from docharvest.extract.normalize import DATE_LIKE, Locale
from docharvest.extract.parties import section_name
from docharvest.extract.schema import SchemaField
from docharvest.extract.values import (
    ANCHOR_SCORE,
    ORG_SUFFIX,
    STRENGTH_SCORE,
    Candidate,
    has_digits,
    lead_trim,
    parse_value,
)

_NUMBER_WORDS = re.compile(r"^(?:(?:no|nr|num|number|numéro)\b\.?|n°|nº|#)\s*[:#.]?\s*", re.IGNORECASE)


def value_texts(grid: Grid, hit: LabelHit, label_cells: set[int]) -> Iterable[tuple[str, Cell, str]]:
    """Texts near a label: inline after it, cells to its right, the cell below it."""
    cell = hit.cell
    rest = lead_trim(cell.text[hit.end :])
    rest = lead_trim(_NUMBER_WORDS.sub("", rest))
    if rest:
        yield rest, cell, "inline"
        if len(rest) > 40:
            return  # a typed value missing inline ("TOTAL DUE ON <date>", "EUR") may sit in the next cell
    line = cell.line
    right = [c for c in line.cells if c.col_start > cell.col_start]
    for other in right:
        if id(other) in label_cells:
            break
        yield other.text, other, "right"
    below_lines = grid.lines_after(line, 3)
    for i, below in enumerate(below_lines):
        under = [c for c in below.cells if overlaps(c, cell, slack=4)]
        if not under and i == 0:
            under = [c for c in below.cells if _nearest_header(c, line) is cell]
        if under:
            # Of the cells touching the header's columns, the one most squarely under it.
            target = max(under, key=lambda c: (_shared_columns(c, cell), -abs(c.col_start - cell.col_start)))
            if hit.strength == WEAK and _column_of_numbers(below_lines[i:], cell):
                return  # a weak label heading a column of figures is a table header ("Amount")
            if id(target) not in label_cells and not (hit.strength == WEAK and _figures_row(below)):
                yield target.text, target, "below"
            return


def _nearest_header(value: Cell, header_line: Line) -> Cell | None:
    """The header a value under no header belongs to: the last one starting left of it (columns of a
    left-aligned header row whose values are set off to the right)."""
    left = [h for h in header_line.cells if h.col_start <= value.col_start]
    return max(left, key=lambda h: h.col_start) if left else None


def _shared_columns(a: Cell, b: Cell) -> int:
    return max(0, min(a.col_end, b.col_end) - max(a.col_start, b.col_start))


def _table_row(line: Line, cell: Cell) -> bool:
    """Whether ``line`` is a row of a table of figures: three cells or more, two others holding numbers."""
    if len(line.cells) < 3:
        return False
    others = [c for c in line.cells if c is not cell]
    # A row of figures holds an amount; a title line "Invoice (380) | 05.03.2018 | No. 4711" does not.
    return sum(1 for c in others if has_digits(c.text)) >= 2 and any(_is_money(c.text) for c in others)


def _is_money(text: str) -> bool:
    """A cell that is an amount with cents ("1.234,56 €", "$4.11"); a date is not."""
    return (
        bool(_FIGURE.fullmatch(text))
        and bool(re.search(r"\d[.,]\d{2}(?!\d)", text))
        and not DATE_LIKE.search(text)
    )


_FIGURE = re.compile(r"[-+(]?\s?(?:[$€£]|[A-Z]{3})?\s?\d[\d.,'\u00a0 ]*\)?\s?(?:[$€£%]|[A-Z]{3})?")


def _figures_row(line: Line) -> bool:
    """A line item: two cells or more that are bare figures (quantity, price, amount)."""
    return (
        sum(
            1
            for c in line.cells
            if _FIGURE.fullmatch(c.text)
            and re.search(r"\d[.,]\d{2}(?![\d.])", c.text)
            and not DATE_LIKE.search(c.text)
        )
        >= 2
    )


def _column_of_numbers(lines: list[Line], header: Cell) -> bool:
    """Whether the first two lines under ``header`` both hold a number in its column."""
    if len(lines) < 2:
        return False
    return all(any(overlaps(c, header, slack=4) and has_digits(c.text) for c in ln.cells) for ln in lines[:2])


def _score(hit: LabelHit, anchor: str, valid: bool, raw: str, spec: SchemaField) -> float:
    score = STRENGTH_SCORE[hit.strength] * ANCHOR_SCORE[anchor]
    if hit.start > 0:
        # The label is inside a sentence, not heading a cell; deep inside prose it is a mention.
        score *= 0.9 if hit.start < 25 else 0.75
    if not valid:
        score *= 0.45
    if spec.type == "number" and not re.search(r"[.,]\d{2}(?!\d)", raw):
        score *= 0.92  # a whole number next to a money label is more often a count
    if spec.kind == "organization" and ORG_SUFFIX.search(raw):
        score = min(0.99, score * 1.04)
    return score


def candidates_for(grid: Grid, spec: SchemaField, hits: list[LabelHit], locale: Locale) -> list[Candidate]:
    label_cells = {id(h.cell) for h in hits if h.start == 0}
    out: list[Candidate] = []
    covered: set[int] = set()
    for hit in hits:
        if hit.field != spec.name or hit.strength == EXCLUDE:
            continue
        if hit.strength == WEAK and _table_row(hit.cell.line, hit.cell):
            continue  # "Invoice 4711" in a statement's list of invoices is a row, not a label
        if hit.strength == WEAK and _after_exclusion(hit, hits):
            continue  # "Date limite de paiement le 5 juillet": the "le" belongs to the excluded label
        if spec.kind == "organization":
            if ORG_SUFFIX.fullmatch(lead_trim(hit.cell.text[hit.end :])):
                continue  # "Lieferant GmbH": the label word is part of the name, not announcing it
            section = section_name(grid, hit)
            if section is not None:
                out.append(section)
                continue
        if spec.capture == "block":
            if id(hit.cell) in covered:
                continue  # "Motion 2: ..." inside the block under "Motions:" is part of that block
            own = label_cells - {id(h.cell) for h in hits if h.field == spec.name and h.strength != EXCLUDE}
            candidate = _block_candidate(grid, spec, hit, own)
            if candidate:
                out.append(candidate)
                covered.update(id(c) for ln in grid.block_after(hit.cell.line, 40) for c in ln.cells)
            continue
        for text, cell, anchor in value_texts(grid, hit, label_cells):
            parsed = parse_value(spec, text, locale)
            if parsed is None:
                continue
            value, raw, valid = parsed
            if not valid and spec.type == "string" and (hit.start > 0 or hit.strength != STRONG):
                continue  # a malformed value counts only right after a strong label heading its cell
            if (
                hit.strength == WEAK
                and spec.type == "string"
                and len(text.split()) > 3
                and not (valid and spec.pattern and text.split()[0].strip(".:;,") == raw)
            ):
                continue  # a generic word followed by a sentence is prose, not a label
                # (unless the next word is the value: "INVOICE 4711 dated 2 May 2024")
            if spec.kind == "organization" and (
                ORG_SUFFIX.fullmatch(str(value)) or text.rstrip().endswith(":")
            ):
                continue  # a legal suffix alone or another label ("Name:") is no name
            if anchor == "right" and spec.type == "number" and spec.prefer == "last":
                # A totals row "Total | net | tax | gross": the grand amount is the row's last figure.
                last = _last_figure(spec, hit.cell, locale)
                if last is not None:
                    value, raw, cell = last
            out.append(
                Candidate(value, _score(hit, anchor, valid, raw, spec), cell, raw, hit.label, anchor, valid)
            )
            break
    return out


def _last_figure(spec: SchemaField, label: Cell, locale: Locale) -> tuple[Any, str, Cell] | None:
    """The rightmost amount on the label's line, right of the label."""
    for other in reversed(label.line.cells):
        if other.col_start <= label.col_start:
            return None
        parsed = parse_value(spec, other.text, locale)
        if parsed is not None and re.search(r"[.,]\d{2}(?!\d)", parsed[1]):
            return parsed[0], parsed[1], other
    return None


def _after_exclusion(hit: LabelHit, hits: list[LabelHit]) -> bool:
    """Whether an excluded label of the same field comes earlier in the hit's cell."""
    return any(
        o.field == hit.field and o.strength == EXCLUDE and o.cell is hit.cell and o.end <= hit.start
        for o in hits
    )


def _block_candidate(grid: Grid, spec: SchemaField, hit: LabelHit, label_cells: set[int]) -> Candidate | None:
    cell = hit.cell
    parts = []
    rest = lead_trim(cell.text[hit.end :])
    if rest:
        parts.append(rest)
    for line in grid.block_after(cell.line, 40):
        if any(id(c) in label_cells for c in line.cells):
            break
        parts.append(" ".join(c.text for c in line.cells))
    text = "; ".join(p for p in parts if p)
    if not text:
        return None
    score = STRENGTH_SCORE[hit.strength] * ANCHOR_SCORE["block"] * (0.9 if hit.start > 0 else 1.0)
    return Candidate(text[:4000], score, cell, text, hit.label, "block")


def pick(spec: SchemaField, candidates: list[Candidate]) -> Candidate | None:
    """The best candidate (score, then validity, then order by ``prefer``), its score moved by its rivals."""
    if not candidates:
        return None
    order = {id(c): i for i, c in enumerate(candidates)}
    sign = 1 if spec.prefer == "last" else -1
    best = max(candidates, key=lambda c: (round(c.score, 3), c.valid, sign * order[id(c)]))
    # Agreement raises confidence, a strong disagreement lowers it.
    rivals = [c for c in candidates if c is not best and c.valid and c.score >= best.score - 0.05]
    if any(c.value != best.value for c in rivals):
        best.score *= 0.85
    elif sum(1 for c in candidates if c.value == best.value) > 1:
        best.score = min(0.99, best.score + 0.03)
    return best
