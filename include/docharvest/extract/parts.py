"""The printed parts of an amount (net and tax of a total), for the finance check total = net + tax.

A schema field may name the labels of its parts (``sum_of``); each part is read with the same
label machinery as a field, and the parts' values and where they were read go into the
amount's evidence. Validation then flags a total that is not the sum of its printed parts.
A part the document does not print, or prints twice with different values, leaves the check
out: nothing is guessed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from docharvest.extract.candidates import candidates_for, pick
from docharvest.extract.labels import LabelIndex, find_labels
from docharvest.extract.layout import Grid
from docharvest.extract.normalize import Locale
from docharvest.extract.schema import ExtractionSchema, SchemaField


@lru_cache(maxsize=64)
def _part_setup(
    name: str, labels: tuple[str, ...], shadows: tuple[str, ...]
) -> tuple[SchemaField, LabelIndex]:
    # The amount's own labels shadow the part's inside them ("Total incl. tax" is no tax line).
    spec = SchemaField(
        name=name, type="number", labels=list(labels), exclude_labels=list(shadows), prefer="last"
    )
    schema = ExtractionSchema(name="parts", fields=[spec])
    return spec, LabelIndex.for_schema(schema)


def read_parts(grid: Grid, schema: ExtractionSchema, field: str, locale: Locale) -> dict[str, Any] | None:
    """``{part: {value, page, span, line, label}}`` for every part of ``field``, or None if one is missing."""
    spec = schema.field(field)
    if not spec.sum_of:
        return None
    parts: dict[str, Any] = {}
    for part, labels in spec.sum_of.items():
        # The amount's and the other parts' labels shadow this part's ("Total excl. VAT" is no VAT line).
        others = [label for name, group in spec.sum_of.items() if name != part for label in group]
        shadows = tuple(spec.labels + spec.weak_labels + others)
        part_spec, index = _part_setup(f"{field}_{part}", tuple(labels), shadows)
        candidates = candidates_for(grid, part_spec, find_labels(grid, index), locale)
        if len({c.value for c in candidates if c.valid}) > 1:
            return None  # two different "subtotals" (one net, one gross): no basis for a check
        found = pick(part_spec, candidates)
        if found is None or not found.valid or not isinstance(found.value, float):
            return None
        if not re.search(r"[.,]\d{2}(?!\d)", found.raw):
            return None  # a part is printed in cents; a bare number is a count, a rate or a house number
        cell = found.cell
        at = max(0, cell.text.find(found.raw))
        parts[part] = {
            "value": found.value,
            "page": cell.page,
            "span": [cell.offset + at, cell.offset + at + len(found.raw)],
            "line": cell.line.text.strip()[:200],
            "label": found.label,
        }
    return parts
