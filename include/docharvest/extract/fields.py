"""The field extraction engine: label-anchored values, typed by the schema, with confidence.

For each schema field the engine finds its labels in the document grid (longest label
wins, so "Subtotal" is never read as "Total" and "Due date" never as "Date"), then reads
the value next to each label: in the same cell after the label, in the cells to its
right, or in the cell below it (a table header). Candidates are parsed with the
normalisers and scored by label strength, anchoring and parse quality; the best one
wins, ties go to the field's ``prefer`` (totals are last). Without a label, organisations
fall back to the letterhead, dates to the first free date on the page, currencies to the
currency written next to the amounts. Nothing here knows about any one document kind.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from docharvest.extract.layout import Cell, Grid, Line, build_grid, overlaps
from docharvest.extract.normalize import (
    DATE_LIKE,
    Locale,
    detect_locale,
    find_amounts,
    find_dates,
    parse_boolean,
    parse_currency,
    parse_integer,
)
from docharvest.extract.schema import ExtractionSchema, SchemaField
from docharvest.text import DocumentText

STRONG, WEAK, EXCLUDE = "strong", "weak", "exclude"
_BASE = {STRONG: 0.95, WEAK: 0.72}
_ANCHOR = {"inline": 1.0, "right": 0.97, "below": 0.9, "block": 0.95}
_NUMBER_WORDS = re.compile(r"^(?:(?:no|nr|num|number|numéro)\b\.?|n°|nº|#)\s*[:#.]?\s*", re.IGNORECASE)
ORG_SUFFIX = re.compile(
    r"(?:\b(?:gmbh|ag|ltd|limited|inc|llc|llp|plc|corp|corporation|company|co|kg|ohg|ug|gbr|e\.k|sarl|sàrl|sas|sa|"
    r"s\.a|s\.à r\.l|sasu|eurl|bv|b\.v|nv|n\.v|oy|ab|as|a/s|aps|spa|s\.p\.a|srl|s\.r\.l|s\.l|s\.l\.u|slu|pty|pte|group|gruppe|"
    r"partners|associates|& co|und partner|werke|industries)\b\.?)",
    re.IGNORECASE,
)
MAX_TEXT_VALUE = 300


@dataclass
class LabelHit:
    field: str
    strength: str
    label: str
    cell: Cell
    start: int  # span of the label inside the cell text
    end: int


@dataclass
class Candidate:
    value: Any
    score: float
    cell: Cell
    raw: str
    label: str | None
    anchor: str
    valid: bool = True


@dataclass
class Extraction:
    """The values of one document, with per-field confidence and evidence."""

    values: dict[str, Any]
    confidences: dict[str, float]
    evidence: dict[str, Any]
    locale: Locale
    invalid: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "values": self.values,
            "confidences": self.confidences,
            "evidence": self.evidence,
            "invalid": self.invalid,
            "locale": {
                "language": self.locale.language,
                "day_first": self.locale.day_first,
                "decimal_comma": self.locale.decimal_comma,
            },
        }


# -- labels -------------------------------------------------------------------


def _label_regex(label: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(part) for part in label.split())
    # Labels match whole words; one ending in punctuation ("no.") needs no boundary after it.
    # A label glued to a word by a hyphen ("Verkäufer-BIC") is part of another term.
    tail = "" if not label[-1].isalnum() else r"(?![\w])(?!-\w)"
    return re.compile(rf"(?<![\w]){body}{tail}", re.IGNORECASE)


@dataclass
class LabelIndex:
    """Compiled label regexes of a schema, bucketed by their first word (most cells hold no label)."""

    entries: list[tuple[str, str, str, re.Pattern[str]]]  # (field, strength, label, regex)
    by_word: dict[str, list[tuple[str, str, str, re.Pattern[str]]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.entries:
            first = re.match(r"\w+", entry[2])
            self.by_word.setdefault(first.group(0) if first else "", []).append(entry)

    def candidates(self, lowered: str) -> list[tuple[str, str, str, re.Pattern[str]]]:
        words = set(re.findall(r"\w+", lowered)) | {""}
        return [e for w in sorted(words) for e in self.by_word.get(w, ())]

    @classmethod
    def for_schema(cls, schema: ExtractionSchema) -> LabelIndex:
        entries: list[tuple[str, str, str, re.Pattern[str]]] = []
        for spec in schema.fields:
            for strength, labels in (
                (STRONG, spec.labels),
                (WEAK, spec.weak_labels),
                (EXCLUDE, spec.exclude_labels),
            ):
                entries.extend((spec.name, strength, label, _label_regex(label)) for label in labels)
        return cls(entries)


def find_labels(grid: Grid, index: LabelIndex) -> list[LabelHit]:
    """Every label occurrence; a field's match inside a longer match of any label is dropped."""
    hits: list[LabelHit] = []
    for line in grid.lines:
        for cell in line.cells:
            lowered = cell.text.lower()
            raw = [
                LabelHit(name, strength, label, cell, m.start(), m.end())
                for name, strength, label, regex in index.candidates(lowered)
                for m in regex.finditer(lowered)
            ]
            hits.extend(_longest(raw))
    return hits


def _longest(hits: list[LabelHit]) -> list[LabelHit]:
    kept = []
    for hit in hits:
        shadowed = any(
            (
                other.start < hit.end
                and hit.start < other.end
                and (other.end - other.start) > (hit.end - hit.start)
            )
            and (other.field == hit.field or other.strength != EXCLUDE)
            for other in hits
        )
        if not shadowed:
            kept.append(hit)
    return kept


# -- candidates ---------------------------------------------------------------


def _value_texts(grid: Grid, hit: LabelHit, label_cells: set[int]) -> Iterable[tuple[str, Cell, str]]:
    """Texts near a label: inline after it, cells to its right, the cell below it."""
    cell = hit.cell
    rest = _lead_trim(cell.text[hit.end :])
    rest = _lead_trim(_NUMBER_WORDS.sub("", rest))
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
    return sum(1 for c in others if _has_digits(c.text)) >= 2 and any(_is_money(c.text) for c in others)


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
    return all(
        any(overlaps(c, header, slack=4) and _has_digits(c.text) for c in ln.cells) for ln in lines[:2]
    )


def _lead_trim(text: str) -> str:
    """Drop the punctuation between a label and its value, but keep a minus sign of a figure."""
    text = re.sub(r"^(?:[\s:#.=|/–—()]|-(?![\d$€£]))+", "", text)
    return text.rstrip(" \t:;,")


def _has_digits(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _parse(spec: SchemaField, text: str, locale: Locale) -> tuple[Any, str, bool] | None:
    """(value, raw span, valid) for ``text`` under ``spec``; ``None`` when it holds no such value."""
    kind = spec.type
    if kind == "date":
        dates = find_dates(text, locale)
        if dates:
            return dates[0].value, dates[0].text, True
        like = DATE_LIKE.search(text)
        return (like.group(0), like.group(0), False) if like else None
    if kind in ("number", "integer"):
        amounts = find_amounts(text, locale)
        if not amounts:
            return None
        # Several numbers in one span ("3 items  1,234.56"): the money-looking one, else the last.
        best = max(amounts, key=lambda a: (bool(re.search(r"[.,]\d{2}$", a.text)), a.start))
        if kind == "integer":
            integer = parse_integer(best.text.strip("$€£ "), locale)
            return (integer, best.text, True) if integer is not None else None
        return best.value, best.text, True
    if kind == "currency":
        code = parse_currency(text)
        return (code, text, True) if code else None
    if kind == "boolean":
        flag = parse_boolean(text)
        return (flag, text, True) if flag is not None else None
    return _parse_string(spec, text)


def _parse_string(spec: SchemaField, text: str) -> tuple[Any, str, bool] | None:
    cleaned = text.strip(" :;,-–").strip()
    if not cleaned:
        return None
    if spec.pattern:
        regex = re.compile(spec.pattern)
        for token in re.split(r"[\s,;]+", cleaned):
            if token.startswith("(") and token.endswith(")"):
                continue  # a code in brackets ("Invoice (380)") qualifies the label, it is no number
            token = token.strip(".:;,()[]")
            if token and regex.search(token):
                return token, token, True
        return cleaned[:MAX_TEXT_VALUE], cleaned, False
    if spec.kind == "organization" and (_has_digits(cleaned[:3]) or len(cleaned) < 2):
        return None
    return cleaned[:MAX_TEXT_VALUE], cleaned, True


def _score(hit: LabelHit, anchor: str, valid: bool, raw: str, spec: SchemaField) -> float:
    score = _BASE[hit.strength] * _ANCHOR[anchor]
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
            if ORG_SUFFIX.fullmatch(_lead_trim(hit.cell.text[hit.end :])):
                continue  # "Lieferant GmbH": the label word is part of the name, not announcing it
            from docharvest.extract.parties import section_name

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
        for text, cell, anchor in _value_texts(grid, hit, label_cells):
            parsed = _parse(spec, text, locale)
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
        parsed = _parse(spec, other.text, locale)
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
    rest = _lead_trim(cell.text[hit.end :])
    if rest:
        parts.append(rest)
    for line in grid.block_after(cell.line, 40):
        if any(id(c) in label_cells for c in line.cells):
            break
        parts.append(" ".join(c.text for c in line.cells))
    text = "; ".join(p for p in parts if p)
    if not text:
        return None
    score = _BASE[hit.strength] * _ANCHOR["block"] * (0.9 if hit.start > 0 else 1.0)
    return Candidate(text[:4000], score, cell, text, hit.label, "block")


# -- fallbacks ----------------------------------------------------------------


def _claimed_cells(grid: Grid, hits: list[LabelHit]) -> set[int]:
    """Label cells and every cell a label points at (of any field, excluded labels included)."""
    label_cells = {id(h.cell) for h in hits if h.start == 0}
    claimed = {id(h.cell) for h in hits}
    for hit in hits:
        claimed.update(id(cell) for _, cell, _ in _value_texts(grid, hit, label_cells))
    return claimed


def _date_fallback(grid: Grid, hits: list[LabelHit], locale: Locale, dates_of: set[str]) -> Candidate | None:
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


def _currency_fallback(grid: Grid, chosen: dict[str, Candidate]) -> Candidate | None:
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


def _country_fallback(grid: Grid) -> Candidate | None:
    """No currency printed at all: the tender of the country the document names (a weak cue)."""
    from docharvest.extract.currency_cues import CUE_CONFIDENCE, currency_from_country

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


# -- the engine ---------------------------------------------------------------


def _same_span(a: Candidate, b: Candidate) -> bool:
    """Whether two candidates read the same text (one cell can hold "Invoice 4711 of 2 July")."""
    return str(a.raw) in str(b.raw) or str(b.raw) in str(a.raw)


def _pick(spec: SchemaField, candidates: list[Candidate]) -> Candidate | None:
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


def extract_fields(
    document: DocumentText, schema: ExtractionSchema, index: LabelIndex | None = None
) -> Extraction:
    """Values, confidences and evidence of every schema field for one document."""
    grid = build_grid(document)
    locale = detect_locale(document.text)
    hits = find_labels(grid, index or LabelIndex.for_schema(schema))
    chosen: dict[str, Candidate] = {}
    for spec in schema.fields:
        if spec.capture == "document":
            continue
        candidate = _pick(spec, candidates_for(grid, spec, hits, locale))
        if candidate is not None:
            chosen[spec.name] = candidate
    # Fallbacks run once every labelled value is known, so they never take one of those.
    for spec in schema.fields:
        if spec.name in chosen or spec.capture == "document":
            continue
        fallback = None
        if spec.kind == "organization":
            from docharvest.extract.parties import organization_fallback

            fallback = organization_fallback(grid, spec, hits)
        elif spec.type == "date" and spec.required:
            dates_of = {f.name for f in schema.fields if f.type == "date"}
            fallback = _date_fallback(grid, hits, locale, dates_of)
        elif spec.type == "currency":
            fallback = _currency_fallback(grid, chosen) or _country_fallback(grid)
        if fallback is not None and (
            spec.type == "currency"
            or all(fallback.cell is not c.cell or not _same_span(fallback, c) for c in chosen.values())
        ):
            chosen[spec.name] = fallback
    _doubt_issuer_beside_intermediary(schema, document, chosen)
    extraction = _assemble(schema, document, chosen, locale)
    _add_parts(grid, schema, extraction, locale)
    return extraction


def _doubt_issuer_beside_intermediary(
    schema: ExtractionSchema, document: DocumentText, chosen: dict[str, Candidate]
) -> None:
    """A marketplace invoice names a seller and a platform: the issuer found is a guess to review."""
    from dataclasses import replace

    from docharvest.extract.parties import AMBIGUOUS_ISSUER_CONFIDENCE, intermediary_cue

    orgs = [s.name for s in schema.fields if s.kind == "organization" and s.name in chosen]
    if not orgs:
        return
    cue = intermediary_cue(document.text)
    if cue is None:
        return
    for name in orgs:
        candidate = chosen[name]
        if str(candidate.value).lower() not in cue.lower():
            chosen[name] = replace(candidate, score=min(candidate.score, AMBIGUOUS_ISSUER_CONFIDENCE))


def _add_parts(grid: Grid, schema: ExtractionSchema, extraction: Extraction, locale: Locale) -> None:
    """The printed parts of amounts with ``sum_of`` go into their evidence (for total = net + tax)."""
    from docharvest.extract.parts import read_parts

    for spec in schema.fields:
        if spec.sum_of and extraction.values.get(spec.name) is not None:
            parts = read_parts(grid, schema, spec.name, locale)
            if parts:
                extraction.evidence[spec.name]["parts"] = parts


def _assemble(
    schema: ExtractionSchema, document: DocumentText, chosen: dict[str, Candidate], locale: Locale
) -> Extraction:
    values: dict[str, Any] = {}
    confidences: dict[str, float] = {}
    evidence: dict[str, Any] = {}
    invalid: list[str] = []
    for spec in schema.fields:
        if spec.capture == "document":
            body = re.sub(r"[ \t]+", " ", document.text).strip()
            values[spec.name] = body or None
            confidences[spec.name] = 1.0 if body else 0.0
            if body:
                evidence[spec.name] = {
                    "confidence": 1.0,
                    "page": 1,
                    "line": None,
                    "span": [0, len(document.pages[0]) if document.pages else 0],
                    "raw": None,
                    "label": None,
                    "anchor": "document",
                }
            continue
        candidate = chosen.get(spec.name)
        if candidate is None:
            values[spec.name] = None
            confidences[spec.name] = 0.0
            continue
        value = candidate.value
        values[spec.name] = value.isoformat() if isinstance(value, date) else value
        confidences[spec.name] = round(candidate.score, 3)
        if not candidate.valid:
            invalid.append(spec.name)
        evidence[spec.name] = _evidence(candidate, confidences[spec.name])
    return Extraction(values, confidences, evidence, locale, invalid)


def _evidence(candidate: Candidate, confidence: float) -> dict[str, Any]:
    """Where a value was read: page, the line's text and the value's character span in the page."""
    cell = candidate.cell
    raw = str(candidate.raw)
    at = cell.text.find(raw) if raw else -1
    start = cell.offset + (at if at >= 0 else 0)
    end = start + (len(raw) if at >= 0 else len(cell.text))
    return {
        "confidence": confidence,
        "page": cell.page,
        "line": cell.line.text.strip()[:200],
        "span": [start, end],
        "raw": raw[:200],
        "label": candidate.label,
        "anchor": candidate.anchor,
    }


def row_confidence(schema: ExtractionSchema, confidences: dict[str, float]) -> float:
    """Mean field confidence; a missing required field counts as 0, a missing optional one not at all."""
    scores = [
        confidences.get(spec.name, 0.0)
        for spec in schema.fields
        if spec.capture != "document" and (spec.required or confidences.get(spec.name, 0.0) > 0)
    ]
    return round(sum(scores) / len(scores), 3) if scores else 0.0
