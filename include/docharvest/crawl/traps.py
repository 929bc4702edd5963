"""Calendar-like URL spaces: one page per day/month/week, linked "next" and "previous" forever.

A calendar is the commonest crawler trap on municipal sites. Its URLs differ only in a date
(``/calendar?month=2024-05``, ``/events/2024/05/``, ``/cal?date=20240514``, ``?month=7&year=2024``),
so :func:`calendar_key` maps them to one key with the date parts blanked; the crawler fetches at
most ``max_calendar_pages`` URLs per key. A year on its own (``/minutes/2019/``) is not a calendar
step: document archives are organised by year and are finite.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

# Query parameter names whose value steps through time.
_DATE_PARAMS = frozenset(
    {
        "date", "day", "month", "mon", "week", "year", "yr", "cal", "calendar", "start", "end",
        "from", "to", "startdate", "enddate", "start_date", "end_date", "date_from", "date_to",
        "d", "m", "y", "mo", "period", "when", "ym", "yearmonth", "month_year", "view_date",
    }
)  # fmt: skip
# Values that are dates whatever the parameter is called: 2024-05, 2024-05-14, 20240514, 05/14/2024.
_DATE_VALUE = re.compile(
    r"^(?:(?:19|20)\d\d[-/.]?(?:0[1-9]|1[0-2])(?:[-/.]?(?:0[1-9]|[12]\d|3[01]))?"
    r"|(?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])[-/.](?:19|20)\d\d)(?:T[\d:]+)?$"
)
_SMALL_INT = re.compile(r"^-?\d{1,8}$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_MONTH_OR_DAY = re.compile(r"^(?:0?[1-9]|[12]\d|3[01])$")
_CALENDAR_WORD = re.compile(r"(?i)(?:calendar|event|/cal/|diary|schedule|/day/|/week/|/month/)")
_DATE_SEGMENT = re.compile(r"^(?:19|20)\d\d-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?$")


@lru_cache(maxsize=65536)
def calendar_key(url: str) -> str | None:
    """The URL with its date steps blanked, or None when nothing in it steps through time."""
    parts = urlsplit(url)
    path, stepped = _blank_path(parts.path)
    query_items = []
    for item in parts.query.split("&") if parts.query else []:
        name, _, value = item.partition("=")
        low = name.lower()
        if _YEAR.match(value):  # a year filter is an archive, not a step; blanked only beside one
            query_items.append(f"{low}=*")
        elif _DATE_VALUE.match(value) or (low in _DATE_PARAMS and _SMALL_INT.match(value)):
            query_items.append(f"{low}=*")
            stepped = True
        else:
            query_items.append(item)
    if not stepped:
        return None
    return f"{parts.netloc}{path}?{'&'.join(sorted(query_items))}"


def _blank_path(path: str) -> tuple[str, bool]:
    """Blank ``YYYY-MM[-DD]`` segments and ``YYYY/MM[/DD]`` runs under a calendar-like path.

    Only below a segment that names a calendar (``/calendar/2024/05/``, ``/events/2024-05``):
    ``/2024/05/`` alone is also how blogs and minutes archives file their months, which are finite.
    """
    segments = path.split("/")
    stepped = False
    if not _CALENDAR_WORD.search(path):
        return path, False
    for i, seg in enumerate(segments):
        if _DATE_SEGMENT.match(seg):
            segments[i] = "*"
            stepped = True
        elif _YEAR.match(seg) and i + 1 < len(segments) and _MONTH_OR_DAY.match(segments[i + 1]):
            segments[i] = segments[i + 1] = "*"
            if i + 2 < len(segments) and _MONTH_OR_DAY.match(segments[i + 2]):
                segments[i + 2] = "*"
            stepped = True
    return "/".join(segments), stepped
