"""One value read near a label: the ``Candidate`` record, parsing text under the field's type, base scores.

Dates, amounts, currencies and booleans go through the normalisers (``normalize``); strings
are trimmed and held to the field's pattern when it has one. A candidate's score starts
from its label's strength and where the value sits relative to the label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docharvest.extract.labels import STRONG, WEAK
from docharvest.extract.layout import Cell
from docharvest.extract.normalize import (
    DATE_LIKE,
    Locale,
    find_amounts,
    find_dates,
    parse_boolean,
    parse_currency,
    parse_integer,
)
from docharvest.extract.schema import SchemaField

STRENGTH_SCORE = {STRONG: 0.95, WEAK: 0.72}
ANCHOR_SCORE = {"inline": 1.0, "right": 0.97, "below": 0.9, "block": 0.95}
ORG_SUFFIX = re.compile(
    r"(?:\b(?:gmbh|ag|ltd|limited|inc|llc|llp|plc|corp|corporation|company|co|kg|ohg|ug|gbr|e\.k|sarl|sàrl|sas|sa|"
    r"s\.a|s\.à r\.l|sasu|eurl|bv|b\.v|nv|n\.v|oy|ab|as|a/s|aps|spa|s\.p\.a|srl|s\.r\.l|s\.l|s\.l\.u|slu|pty|pte|group|gruppe|"
    r"partners|associates|& co|und partner|werke|industries)\b\.?)",
    re.IGNORECASE,
)
MAX_TEXT_VALUE = 300


@dataclass
class Candidate:
    value: Any
    score: float
    cell: Cell
    raw: str
    label: str | None
    anchor: str
    valid: bool = True


def lead_trim(text: str) -> str:
    """Drop the punctuation between a label and its value, but keep a minus sign of a figure."""
    text = re.sub(r"^(?:[\s:#.=|/–—()]|-(?![\d$€£]))+", "", text)
    return text.rstrip(" \t:;,")


def has_digits(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def parse_value(spec: SchemaField, text: str, locale: Locale) -> tuple[Any, str, bool] | None:
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
    if spec.kind == "organization" and (has_digits(cleaned[:3]) or len(cleaned) < 2):
        return None
    return cleaned[:MAX_TEXT_VALUE], cleaned, True
