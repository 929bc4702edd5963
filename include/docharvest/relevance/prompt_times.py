"""The time windows of a request: ranges, "since"/"before", relative times, dates and periods.

``parse_times`` finds them in a prompt and blanks them out, so that "2024" or "Spring" is not read
as a free word of the request as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from docharvest.relevance.dates import (
    MAX_YEAR,
    MIN_YEAR,
    SEASONS,
    Period,
    find_dates,
    fiscal_year,
    span_year,
)
from docharvest.relevance.vocab import MONTHS


@dataclass(frozen=True)
class TimeSpec:
    """A time window asked for. ``start``/``end`` None mean open-ended."""

    kind: str  # date | month | quarter | season | year | fiscal_year | school_year | range | since | before
    label: str
    start: date | None = None
    end: date | None = None

    def period(self) -> Period:
        granularity = {"fiscal_year": "fiscal", "school_year": "span", "date": "day"}.get(
            self.kind, self.kind
        )
        return Period(
            self.start or date(MIN_YEAR, 1, 1), self.end or date(MAX_YEAR, 12, 31), granularity, self.label
        )


_Y = r"((?:19|20)\d\d)"
_RANGE_RE = re.compile(
    rf"\b(?:from|between)\s+(?:fy\s*)?{_Y}\s+(?:to|and|through|thru|until|-)\s+(?:fy\s*)?{_Y}\b|"
    rf"\b{_Y}\s*(?:-|\u2013|to|through|thru)\s*{_Y}\b|"
    rf"\b{_Y}\s*[-\u2013]\s*(\d\d)\b(?![-/.]\d)",  # "2020-23": 2020 to 2023
    re.IGNORECASE,
)
_SINCE_RE = re.compile(
    rf"\b(?:since|after|starting(?:\s+in|\s+from)?|beginning(?:\s+in)?)\s+(?:the\s+)?(?:year\s+)?(?:early\s+|late\s+)?{_Y}\b|"
    rf"\b(?:from|in)\s+{_Y}\s+(?:on(?:wards?)?|forward|and\s+later|or\s+later|to\s+(?:the\s+)?present|to\s+date)\b|"
    rf"\b{_Y}\s+(?:and|or)\s+(?:later|after|newer)\b",
    re.IGNORECASE,
)
_BEFORE_RE = re.compile(
    rf"\b(?:before|prior\s+to|earlier\s+than)\s+{_Y}\b|\b(?:until|through|up\s+to|thru)\s+{_Y}\b|"
    rf"\b{_Y}\s+(?:and|or)\s+(?:earlier|before|older)\b",
    re.IGNORECASE,
)
_RELATIVE_RE = re.compile(
    r"\b(this|last|past|previous|current)\s+(?:(\d+|two|three|four|five|six|seven|eight|nine|ten)\s+)?(years?|months?)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_SCHOOL_CUE_RE = re.compile(r"\b(?:school|academic)\s+(?:year|calendar)\b", re.IGNORECASE)


def parse_times(text: str, today: date, period_kinds: bool) -> tuple[tuple[TimeSpec, ...], str]:
    """Time windows in ``text`` and the text with them blanked out (so "2024" is not a keyword).

    ``period_kinds``: the request is for documents that cover a school/fiscal year (budgets,
    calendars), so "2024-2025" names one such year rather than two calendar years.
    """
    specs: list[TimeSpec] = []
    for regex, read in (
        (_RANGE_RE, lambda m, t: _range(m, t, period_kinds)),
        (_SINCE_RE, _since),
        (_BEFORE_RE, _before),
        (_RELATIVE_RE, lambda m, _: _relative(m, today)),
    ):
        for m in list(regex.finditer(text)):
            spec = read(m, text)
            if spec is not None:
                specs.append(spec)
                # Blanking keeps every offset, so the remaining matches stay valid.
                text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    for period in find_dates(text):
        specs.append(_spec_of(period, text))
    if specs:
        text = _blank_dates(text)
    return tuple(specs), text


def _years(m: re.Match[str]) -> list[int]:
    years = [int(g) for g in m.groups() if g]
    if len(years) == 2 and years[1] < 100:
        years[1] += years[0] // 100 * 100  # "2020-23"
    return years


def _range(m: re.Match[str], text: str, period_kinds: bool) -> TimeSpec | None:
    first, second = _years(m)
    last_written = m.group(m.lastindex or 0)
    if _PROGRAM_YEARS_RE.search(text[: m.start()]) or (len(last_written) == 2 and second == first + 1):
        return None  # "program years 2023-2026", "2023-24": one period, read by ``find_dates``
    cue = period_kinds or _SCHOOL_CUE_RE.search(text) or re.search(r"\bfy|\bfiscal", text, re.I)
    is_span = second == first + 1 and cue and not re.match(r"from|between", m.group(0), re.I)
    if is_span or first >= second:
        return None  # a school/fiscal year: read later as one period
    return TimeSpec("range", f"{first}-{second}", date(first, 1, 1), date(second, 12, 31))


_PROGRAM_YEARS_RE = re.compile(r"(?:\bpy|\bprogram\s+years?)\s*$", re.IGNORECASE)


def _since(m: re.Match[str], text: str) -> TimeSpec:
    year = _years(m)[0] + m.group(0).lower().startswith("after")
    return TimeSpec("since", f"since {year}", date(year, 1, 1), None)


def _before(m: re.Match[str], text: str) -> TimeSpec:
    year = _years(m)[0]
    if re.match(r"before|prior|earlier", m.group(0), re.I):
        year -= 1
    return TimeSpec("before", f"until {year}", None, date(year, 12, 31))


def _relative(m: re.Match[str], today: date) -> TimeSpec:
    which, count, unit = m.group(1).lower(), m.group(2), m.group(3).lower()
    n = int(count) if count and count.isdigit() else _NUMBER_WORDS.get((count or "").lower(), 1)
    if unit.startswith("year"):
        if which in ("this", "current"):
            return TimeSpec("year", str(today.year), date(today.year, 1, 1), date(today.year, 12, 31))
        if which in ("last", "previous") and not count:
            y = today.year - 1
            return TimeSpec("year", str(y), date(y, 1, 1), date(y, 12, 31))
        return TimeSpec("since", f"since {today.year - n}", date(today.year - n, today.month, 1), today)
    months_back = n if (count or which in ("past",)) else 1
    y, mth = divmod(today.year * 12 + today.month - 1 - months_back, 12)
    return TimeSpec("since", f"since {y}-{mth + 1:02d}", date(y, mth + 1, 1), today)


def _spec_of(period: Period, text: str) -> TimeSpec:
    kind = {"day": "date", "fiscal": "fiscal_year", "span": "school_year"}.get(
        period.granularity, period.granularity
    )
    if (
        kind == "school_year"
        and re.search(r"\bfiscal\b|\bfy", text, re.I)
        and not _SCHOOL_CUE_RE.search(text)
    ):
        period = fiscal_year(period.end.year)
        kind = "fiscal_year"
    elif kind == "fiscal_year" and _SCHOOL_CUE_RE.search(text):
        period = span_year(period.start.year)
        kind = "school_year"
    return TimeSpec(kind, period.label, period.start, period.end)


_DATE_WORDS_RE = re.compile(
    r"\b(?:" + "|".join(SEASONS) + r")(?:\s+of)?\s+'?(?:19|20)\d\d\b|"
    r"\b(?:fy\s*)?'?(?:19|20)?\d\d(?:\s*[-/]\s*\d{2,4})?\b|\b(?:" + "|".join(MONTHS) + r")\b\.?|\bq[1-4]\b|"
    r"\b(?:first|second|third|fourth)\s+quarter\b|\bfiscal\s+year\b|\bprogram\s+years?\b|\bpy\s*\d\d|\b(?:school|academic)\s+year\b",
    re.IGNORECASE,
)


def _blank_dates(text: str) -> str:
    return _DATE_WORDS_RE.sub(lambda m: " " * len(m.group(0)), text)
