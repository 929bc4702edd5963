"""Dates in short texts, and which of them is a document's own date.

``find_dates`` reads every date-like expression (full dates, month + year, quarters,
fiscal years, school/fiscal-year spans such as "2024-25", bare years) as a
``Period`` (a closed date interval with its granularity). ``own_date`` picks the
document's own date out of a title block: the first date that is not a stamp or
a reference ("Approved January 9, 2024", "Next meeting: ..."), preferring dates
introduced by meeting words ("held", "meeting of").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from docharvest.relevance.vocab import FOREIGN_DATE_CUES, MONTHS, OWN_DATE_CUES

MIN_YEAR, MAX_YEAR = 1950, 2049
# Fiscal and school years run July..June unless a document says otherwise (US public bodies).
FISCAL_START_MONTH = 7

_MON = r"(?P<{name}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_Y4 = r"(?:19[5-9]\d|20[0-4]\d)"
_PATTERNS = [
    # Tuesday, January 9th, 2024 / Jan. 9 2024
    rf"{_MON.format(name='m1')}\s*(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?,?\s*(?P<y1>{_Y4})",
    # 9 January 2024
    rf"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON.format(name='m2')},?\s*(?P<y2>{_Y4})",
    # 2024-01-09, 2024_01_09, 2024.1.9
    rf"(?P<y3>{_Y4})[-_./](?P<m3>[01]?\d)[-_./](?P<d3>[0-3]?\d)(?!\d)",
    # 20240109
    rf"(?P<y4>{_Y4})(?P<m4>[01]\d)(?P<d4>[0-3]\d)(?!\d)",
    # 01/09/2024, 1-9-24 (US month first)
    rf"(?P<m5>[01]?\d)[-_./](?P<d5>[0-3]?\d)[-_./](?P<y5>{_Y4}|\d\d)(?!\d)",
    # 01092024
    rf"(?P<m6>[01]\d)(?P<d6>[0-3]\d)(?P<y6>{_Y4})(?!\d)",
    # Program year (workforce boards: July..June, named by its first year): PY20, PY 2024-2027
    rf"(?:py|program\s+years?)\s*'?(?P<py1>{_Y4}|\d\d)(?:\s*[-/\u2013]\s*(?P<py2>{_Y4}|\d\d))?(?!\d)",
    # Fiscal year: FY2024, FY 2023-24, FY24, Fiscal Year 2024-2025
    rf"(?:fy|fiscal\s+year|fiscal)\s*'?(?P<fy1>{_Y4}|\d\d)(?:\s*[-/\u2013]\s*(?P<fy2>{_Y4}|\d\d))?(?!\d)",
    # Quarter: Q3 2024, Q3-2024, 2024 Q3, third quarter 2024
    rf"q(?P<q1>[1-4])[\s_-]*(?:fy\s*)?(?P<qy1>{_Y4})",
    rf"(?P<qy2>{_Y4})[\s_-]*q(?P<q2>[1-4])(?![0-9])",
    rf"(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?,?\s*(?:fiscal\s+)?(?P<qy3>{_Y4})",
    # A season: Spring 2022, Fall of 2021 (a program guide, a service change, a course schedule)
    rf"(?P<sn>winter|spring|summer|fall|autumn)(?:\s+of)?[\s_-]*'?(?P<sy>{_Y4})(?!\d)",
    # January 2024
    rf"{_MON.format(name='m7')},?\s*(?P<y7>{_Y4})(?!\d)",
    # School/fiscal-year span or range: 2023-24, 2023-2024, 2023/24
    rf"(?P<s1>{_Y4})\s*[-/\u2013]\s*(?P<s2>{_Y4}|\d\d)(?![\d])",
    # A bare year; never the head of a longer number (an upload id, a file-name hash)
    rf"(?P<y8>{_Y4})(?!\d)",
]
_DATE_RE = re.compile(r"(?<![0-9a-z])(?:" + "|".join(_PATTERNS) + ")", re.IGNORECASE)
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_FOREIGN_RE = re.compile(
    r"(?:"
    + "|".join(re.escape(c) for c in FOREIGN_DATE_CUES)
    + r"|est\.|established|founded|since|incorporated"
    r"|copyright|\u00a9|through|until|expires?|due)[^\w)]{0,3}(?:(?:on|the|at|by|of|board|council|commission|"
    r"committee|trustees|directors|supervisors|commissioners|education|school|town|city|county|village|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\W+){0,6}$",
    re.IGNORECASE,
)
_OWN_RE = re.compile(
    r"(?:" + "|".join(re.escape(c) for c in OWN_DATE_CUES) + r")\W{0,3}(?:on\W+)?(?:\w+\W+){0,4}$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Period:
    """A closed interval of days a date expression stands for."""

    start: date
    end: date
    granularity: str  # day | month | quarter | season | year | fiscal | span
    label: str
    pos: int = 0
    cue: str = ""  # "own", "foreign" or ""

    @property
    def year(self) -> int:
        """The year the expression names (a fiscal year's or span's ending year)."""
        return self.end.year if self.granularity in ("fiscal", "span") else self.start.year


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _day(y: str, m: str | int, d: str) -> Period | None:
    month = MONTHS[m.lower().rstrip(".")] if isinstance(m, str) and not m.isdigit() else int(m)
    try:
        day = date(_year(y), month, int(d))
    except ValueError:
        return None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        return None
    return Period(day, day, "day", day.isoformat())


def fiscal_year(end_year: int) -> Period:
    """Fiscal year named by its ending year: FY2024 = July 2023 .. June 2024."""
    return Period(
        date(end_year - 1, FISCAL_START_MONTH, 1),
        date(end_year, FISCAL_START_MONTH - 1, 30),
        "fiscal",
        f"FY{end_year}",
    )


def span_year(start_year: int) -> Period:
    """A school/fiscal year written as a span: 2024-25 = July 2024 .. June 2025."""
    return Period(
        date(start_year, FISCAL_START_MONTH, 1),
        date(start_year + 1, FISCAL_START_MONTH - 1, 30),
        "span",
        f"{start_year}-{(start_year + 1) % 100:02d}",
    )


def program_years(first: int, last: int | None = None) -> Period | None:
    """Program year(s) named by their first year: PY2020 = July 2020 .. June 2021; "PY20-23" the four."""
    last = first if last is None else last
    if not (MIN_YEAR <= first <= last <= MAX_YEAR):
        return None
    label = f"PY{first}" if last == first else f"PY{first}-{last % 100:02d}"
    granularity = "span" if last == first else "range"
    return Period(
        date(first, FISCAL_START_MONTH, 1), date(last + 1, FISCAL_START_MONTH - 1, 30), granularity, label
    )


def calendar_year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year", str(year))


def month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), _month_end(year, month), "month", f"{year}-{month:02d}")


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    return Period(date(year, first, 1), _month_end(year, first + 2), "quarter", f"Q{quarter} {year}")


# The months of each season; winter spans the turn of the year ("Winter 2021": Dec 2020 - Feb 2021).
SEASONS = {"winter": (12, 2), "spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11)}


def season_period(year: int, season: str) -> Period:
    first, last = SEASONS[season]
    start = date(year - 1, first, 1) if first > last else date(year, first, 1)
    return Period(start, _month_end(year, last), "season", f"{season} {year}")


def _from_match(m: re.Match[str]) -> Period | None:
    g = m.groupdict()
    if g["y1"]:
        return _day(g["y1"], g["m1"], g["d1"])
    if g["y2"]:
        return _day(g["y2"], g["m2"], g["d2"])
    if g["y3"]:
        return _day(g["y3"], g["m3"], g["d3"])
    if g["y4"]:
        return _day(g["y4"], g["m4"], g["d4"])
    if g["y5"]:
        return _day(g["y5"], g["m5"], g["d5"])
    if g["y6"]:
        return _day(g["y6"], g["m6"], g["d6"])
    if g["py1"]:
        return program_years(_year(g["py1"]), _year(g["py2"]) if g["py2"] else None)
    if g["fy1"]:
        first = _year(g["fy1"])
        if g["fy2"]:
            second = _year(g["fy2"])
            return fiscal_year(second) if second == first + 1 else None
        return fiscal_year(first) if MIN_YEAR <= first <= MAX_YEAR else None
    if g["qy1"] or g["qy2"] or g["qy3"]:
        quarter = int(g["q1"] or g["q2"] or _QUARTER_WORDS[g["qw"].lower()])
        return quarter_period(int(g["qy1"] or g["qy2"] or g["qy3"]), quarter)
    if g["sy"]:
        return season_period(int(g["sy"]), g["sn"].lower())
    if g["y7"]:
        return month_period(int(g["y7"]), MONTHS[g["m7"].lower().rstrip(".")])
    if g["s1"]:
        first, second = int(g["s1"]), _year(g["s2"])
        if second == first + 1:
            return span_year(first)
        return None  # "2020-2022" is a range, read by the prompt parser, not a document date
    if g["y8"]:
        return calendar_year(int(g["y8"]))
    return None


def _cue(text: str, start: int) -> str:
    line_start = max(text.rfind("\n", 0, start) + 1, start - 60)
    before = text[line_start:start]
    if _FOREIGN_RE.search(before):
        return "foreign"
    if _OWN_RE.search(before):
        return "own"
    return ""


@lru_cache(maxsize=65536)
def find_dates(text: str) -> tuple[Period, ...]:
    """Every date expression in ``text``, in reading order, with its cue."""
    found: list[Period] = []
    for m in _DATE_RE.finditer(text):
        period = _from_match(m)
        if period is None:
            # "2023/12/" (an upload folder) or "2020-2022": keep the leading year.
            head = m.group(0)[:4]
            if not (head.isdigit() and MIN_YEAR <= int(head) <= MAX_YEAR):
                continue
            period = calendar_year(int(head))
        found.append(
            Period(
                period.start, period.end, period.granularity, period.label, m.start(), _cue(text, m.start())
            )
        )
    return tuple(found)


_GRANULARITY_RANK = {
    "day": 0, "month": 1, "quarter": 1, "season": 1, "fiscal": 1, "span": 1, "range": 2, "year": 2,
}  # fmt: skip
_PERIOD_RANK = {"fiscal": 0, "span": 0, "range": 0, "quarter": 0, "season": 0, "year": 1, "month": 2, "day": 3}  # fmt: skip


_COMPARED_RE = re.compile(r"(?:19|20)\d\d\s*(?:and|&)\s*$")


def own_date(text: str, *, period_document: bool = False) -> Period | None:
    """The date a title block gives as the document's own.

    Stamps and references ("Approved Jan 9, 2024", "Next meeting ...", "est. 1850") never count.
    For a meeting document the meeting date counts: an own-cued date ("held ..."), else the
    most precise one, first in reading order. A ``period_document`` (budget, calendar, annual
    report) is dated by the period it covers ("FY2024", "2024-25", "2023"), not by the day
    it was presented or adopted.
    """
    candidates = [p for p in find_dates(text) if p.cue != "foreign"]
    # "Years ended June 30, 2023 and 2022": the year after "and" is the prior period compared with.
    candidates = [p for p in candidates if not _COMPARED_RE.search(text[: p.pos])] or candidates
    if not candidates:
        return None
    ranks = _PERIOD_RANK if period_document else _GRANULARITY_RANK
    if not period_document:
        own = [p for p in candidates if p.cue == "own"]
        if own:
            return own[0]
    best = min(ranks[p.granularity] for p in candidates)
    return next(p for p in candidates if ranks[p.granularity] == best)


# How far a coarser date that contains the wanted one supports it: a listing's "2023" over a
# meeting of 2023-09-27 is consistent (not a contradiction) but says little; "September 2023" more.
COARSE_SUPPORT = {"month": 0.4, "quarter": 0.25, "season": 0.25, "fiscal": 0.15, "span": 0.15, "year": 0.15}


def agreement(doc: Period, wanted: tuple[Period, ...]) -> float:
    """-1 (the document's date contradicts every wanted period) .. +1 (inside one of them).

    A coarser date containing the wanted one (a year-only listing date, a month in a file
    name, for a meeting date asked for) is consistent: weakly positive, never a contradiction.
    """
    best = -1.0
    for w in wanted:
        doc_days = (doc.end - doc.start).days
        if doc.start <= w.start and doc.end >= w.end and doc_days > (w.end - w.start).days:
            best = max(best, COARSE_SUPPORT.get(doc.granularity, 0.1))
        else:
            best = max(best, 2.0 * _compare_one(doc, w) - 1.0)
        if best >= 1.0:
            break
    return best


_MONTH_DAY_RE = re.compile(
    rf"(?<![0-9a-z]){_MON.format(name='m')}\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!,?\s*(?:19|20)\d\d)",
    re.IGNORECASE,
)


def month_days(text: str) -> list[tuple[int, int]]:
    """(month, day) of dates written without a year ("March 22 2:00PM", "Sept 3"), in order."""
    found = []
    for m in _MONTH_DAY_RE.finditer(text):
        day = int(m.group("d"))
        if 1 <= day <= 31:
            found.append((MONTHS[m.group("m").lower().rstrip(".")], day))
    return found


def day_in_year(year: int, month: int, day: int) -> Period | None:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return Period(d, d, "day", d.isoformat())


def compare(doc: Period, wanted: tuple[Period, ...]) -> float:
    """How well a document period sits in the wanted periods: 1 inside, 0 outside, between for overlap.

    A fiscal year or span is compared by the year it names as well as by its days, so
    "FY2024" answers "2024" and "2023-24" answers "FY2024".
    """
    best = 0.0
    for w in wanted:
        best = max(best, _compare_one(doc, w))
        if best >= 1.0:
            break
    return best


# A season's guide or notice is posted up to a season ahead: a day that close says nothing against it.
SEASON_LEAD_DAYS = 92


def _compare_one(doc: Period, w: Period) -> float:
    if doc.start >= w.start and doc.end <= w.end:
        return 1.0
    if (
        w.granularity == "season"
        and doc.granularity == "day"
        and 0 < (w.start - doc.start).days <= SEASON_LEAD_DAYS
    ):
        return 0.5
    if doc.end < w.start or doc.start > w.end:
        return 0.0
    if doc.granularity == "range" and w.granularity == "range":
        # "PY2020-23" (July 2020 .. June 2024) asked for as "2020-2023": the years it names match.
        return 1.0 if doc.start.year == w.start.year and abs(doc.end.year - w.end.year) <= 1 else 0.0
    if doc.granularity in ("fiscal", "span") and w.granularity == "year":
        # FY2024 (or "2023-24") asked for as "2024": the named year matches; "2023" half does.
        return 0.9 if doc.year == w.start.year else 0.35
    if w.granularity in ("fiscal", "span") and doc.granularity in ("fiscal", "span", "year"):
        # "2024 Adopted Budget" of a body whose fiscal year is the calendar year answers "FY2024".
        return 1.0 if doc.year == w.year else 0.0
    overlap = (min(doc.end, w.end) - max(doc.start, w.start)).days + 1
    return 0.5 * overlap / ((doc.end - doc.start).days + 1)
