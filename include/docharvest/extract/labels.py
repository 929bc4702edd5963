"""Where a schema's labels sit in a document: every label occurrence in the grid, the longest winning.

Labels match whole words, case-insensitively. A label inside a longer one ("Total" in
"Subtotal", "Date" in "Due date") is dropped, so each span of text answers to one label.
Each label is strong, weak or excluded, as the schema lists it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docharvest.extract.layout import Cell, Grid
from docharvest.extract.schema import ExtractionSchema

STRONG, WEAK, EXCLUDE = "strong", "weak", "exclude"


@dataclass
class LabelHit:
    field: str
    strength: str
    label: str
    cell: Cell
    start: int  # span of the label inside the cell text
    end: int


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
