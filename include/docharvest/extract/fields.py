"""The field extraction engine: label-anchored values, typed by the schema, with confidence.

For each schema field the engine finds its labels in the document grid (longest label
wins, so "Subtotal" is never read as "Total" and "Due date" never as "Date"; ``labels``),
then reads the value next to each label: in the same cell after the label, in the cells
to its right, or in the cell below it (a table header; ``candidates``). Candidates are
parsed with the normalisers and scored by label strength, anchoring and parse quality
(``values``); the best one wins, ties go to the field's ``prefer`` (totals are last).
Without a label, organisations fall back to the letterhead (``parties``), dates to the
first free date on the page, currencies to the currency written next to the amounts
(``fallbacks``). Nothing here knows about any one document kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from docharvest.extract.candidates import candidates_for, pick
from docharvest.extract.fallbacks import country_fallback, currency_fallback, date_fallback
from docharvest.extract.labels import LabelIndex, find_labels
from docharvest.extract.layout import Grid, build_grid
from docharvest.extract.normalize import Locale, detect_locale
from docharvest.extract.parties import AMBIGUOUS_ISSUER_CONFIDENCE, intermediary_cue, organization_fallback
from docharvest.extract.parts import read_parts
from docharvest.extract.schema import ExtractionSchema
from docharvest.extract.values import Candidate
from docharvest.text.document import DocumentText


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


def _same_span(a: Candidate, b: Candidate) -> bool:
    """Whether two candidates read the same text (one cell can hold "Invoice 4711 of 2 July")."""
    return str(a.raw) in str(b.raw) or str(b.raw) in str(a.raw)


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
        candidate = pick(spec, candidates_for(grid, spec, hits, locale))
        if candidate is not None:
            chosen[spec.name] = candidate
    # Fallbacks run once every labelled value is known, so they never take one of those.
    for spec in schema.fields:
        if spec.name in chosen or spec.capture == "document":
            continue
        fallback = None
        if spec.kind == "organization":
            fallback = organization_fallback(grid, spec, hits)
        elif spec.type == "date" and spec.required:
            dates_of = {f.name for f in schema.fields if f.type == "date"}
            fallback = date_fallback(grid, hits, locale, dates_of)
        elif spec.type == "currency":
            fallback = currency_fallback(grid, chosen) or country_fallback(grid)
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
