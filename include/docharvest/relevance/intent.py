"""Prompt -> ``Intent``: what a scrape job asks for, parsed offline and deterministically.

"Find all board meeting minutes from 2024, not drafts" becomes kinds ``("minutes",)``,
bodies ``(governing board,)``, one time window (calendar year 2024) and the excluded
status ``draft``. The intent is stored in the job's work area as JSON
(``to_dict``/``from_dict``) so every task scores against the same reading.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from docharvest.relevance.body_names import Body
from docharvest.relevance.dates import (
    MAX_YEAR,
    MIN_YEAR,
    Period,
    calendar_year,
    find_dates,
    fiscal_year,
    span_year,
)
from docharvest.relevance.languages import read_languages
from docharvest.relevance.phrases import read_phrase
from docharvest.relevance.prompt_words import (
    BODY_WORDS,
    FILLER_BEFORE_KIND,
    KIND_WORDS,
    STATUS_WORDS,
    WORD_RE,
    abbreviations_read,
    audience_words,
    expand_shorthand,
    is_content,
    split_exclusions,
)
from docharvest.relevance.vocab import (
    KIND_PHRASES,
    MONTHS,
    STOPWORDS,
)


@dataclass(frozen=True)
class BodySpec:
    """An issuing body asked for (or excluded): compared by ``key`` and ``level``."""

    key: str
    level: str
    text: str


@dataclass(frozen=True)
class TimeSpec:
    """A time window asked for. ``start``/``end`` None mean open-ended."""

    kind: str  # date | month | quarter | year | fiscal_year | school_year | range | since | before
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


@dataclass(frozen=True)
class Intent:
    """A parsed prompt. Empty tuples mean "no constraint of that kind"."""

    prompt: str
    kinds: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()  # kinds named as modifiers: "budget" in "budget presentations"
    bodies: tuple[BodySpec, ...] = ()
    times: tuple[TimeSpec, ...] = ()
    required_statuses: tuple[str, ...] = ()
    excluded_kinds: tuple[str, ...] = ()
    excluded_statuses: tuple[str, ...] = ()
    excluded_bodies: tuple[BodySpec, ...] = ()
    keywords: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()  # "level:high", "group:student": who the document is for
    single: bool = False  # "the X": one document expected (best match first), not a set
    sorts: tuple[str, ...] = ()  # the sort of kind named ("master plan": "comprehensive"; vocab.KIND_SORTS)
    periods: tuple[Period, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "periods", tuple(t.period() for t in self.times))

    def synonyms(self, kind: str) -> tuple[str, ...]:
        """The phrases that name ``kind`` in a document."""
        return KIND_PHRASES.get(kind, (kind,))

    def describe(self) -> str:
        """A short human reading of the intent (for logs and reasons)."""
        parts = [("the one " if self.single else "") + (", ".join(self.kinds) or "any document")]
        if self.audiences:
            parts.append("for " + " / ".join(a.split(":")[1] for a in self.audiences))
        if self.bodies:
            parts.append("of " + " / ".join(b.text for b in self.bodies))
        if self.times:
            parts.append("for " + " / ".join(t.label for t in self.times))
        if self.excluded_statuses or self.excluded_kinds:
            parts.append("not " + ", ".join(self.excluded_statuses + self.excluded_kinds))
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("periods")
        data["times"] = [
            {
                **t,
                "start": t["start"].isoformat() if t["start"] else None,
                "end": t["end"].isoformat() if t["end"] else None,
            }
            for t in data["times"]
        ]
        data["synonyms"] = {k: list(self.synonyms(k)) for k in self.kinds}
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Intent:
        def bodies(key: str) -> tuple[BodySpec, ...]:
            return tuple(BodySpec(**b) for b in data.get(key, ()))

        times = tuple(
            TimeSpec(
                kind=t["kind"],
                label=t["label"],
                start=date.fromisoformat(t["start"]) if t.get("start") else None,
                end=date.fromisoformat(t["end"]) if t.get("end") else None,
            )
            for t in data.get("times", ())
        )
        return cls(
            prompt=data["prompt"],
            kinds=tuple(data.get("kinds", ())),
            topics=tuple(data.get("topics", ())),
            bodies=bodies("bodies"),
            times=times,
            required_statuses=tuple(data.get("required_statuses", ())),
            excluded_kinds=tuple(data.get("excluded_kinds", ())),
            excluded_statuses=tuple(data.get("excluded_statuses", ())),
            excluded_bodies=bodies("excluded_bodies"),
            keywords=tuple(data.get("keywords", ())),
            audiences=tuple(data.get("audiences", ())),
            single=bool(data.get("single", False)),
            sorts=tuple(data.get("sorts", ())),
        )


_Y = r"((?:19|20)\d\d)"
_ONLY_FINAL_RE = re.compile(
    r"\b(?:final|approved|adopted|official)\s+(?:versions?\s+|copies\s+|ones\s+)?only\b|\bonly\s+(?:the\s+)?(?:final|approved|adopted|official)\b",
    re.IGNORECASE,
)
_RANGE_RE = re.compile(
    rf"\b(?:from|between)\s+(?:fy\s*)?{_Y}\s+(?:to|and|through|thru|until|-)\s+(?:fy\s*)?{_Y}\b|"
    rf"\b{_Y}\s*(?:-|\u2013|to|through|thru)\s*{_Y}\b",
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
# Kinds for which "2024-2025" names one school or fiscal year rather than two calendar years.
_PERIOD_KINDS = frozenset({"budget", "calendar", "handbook", "audit", "financial report", "plan"})


def parse_prompt(prompt: str, *, today: date | None = None) -> Intent:
    """Read a plain-language request. ``today`` anchors relative times ("last year")."""
    text = expand_shorthand(" ".join(prompt.split()))
    positive, excluded = split_exclusions(text)
    period_kinds = bool(read_phrase(positive).heads & _PERIOD_KINDS)
    times, positive_rest = _parse_times(positive, today or date.today(), period_kinds)
    phrase = read_phrase(positive_rest)
    excluded_phrase = read_phrase(" ; ".join(excluded)) if excluded else None
    required = set(phrase.statuses)
    if _ONLY_FINAL_RE.search(text):
        required.add("final")
    kinds = _ordered(phrase.heads)
    intent = Intent(
        prompt=prompt,
        kinds=kinds,
        topics=_ordered(phrase.kinds - phrase.heads),
        bodies=tuple(_spec(b) for b in phrase.bodies),
        times=times,
        required_statuses=_ordered(frozenset(required)),
        excluded_kinds=_ordered(excluded_phrase.heads) if excluded_phrase else (),
        excluded_statuses=_ordered(excluded_phrase.statuses) if excluded_phrase else (),
        excluded_bodies=tuple(_spec(b) for b in excluded_phrase.bodies) if excluded_phrase else (),
        keywords=_keywords(
            positive_rest,
            {w for b in phrase.bodies for w in b.text.split()}
            | audience_words(positive_rest)
            | abbreviations_read(positive_rest, phrase.bodies),
        ),
        audiences=_ordered(phrase.audiences | read_languages(positive_rest.lower(), KIND_WORDS)),
        single=_asks_for_one(positive, kinds),
        sorts=_ordered(phrase.sorts),
    )
    return intent


_PLURAL_ASK_RE = re.compile(
    r"\b(?:all|every|each|any|list\s+of|copies|documents|files|ones)\b", re.IGNORECASE
)
# "current rules & regs", "latest IPM plan": the edition in force, one document.
_IN_FORCE_RE = re.compile(r"\b(?:current|latest|newest|most\s+recent|in\s+(?:force|effect))\b", re.I)
_ONE_ASK_RE = re.compile(
    r"^\s*(?:(?:find|get|show|give|download|locate|fetch)\s+(?:me\s+)?)?(?:the|this|a)\b", re.I
)


def _asks_for_one(text: str, kinds: tuple[str, ...]) -> bool:
    """ "the agenda for ...", "the 2024-25 handbook": one document; "all ...", "agendas": a set."""
    if _PLURAL_ASK_RE.search(text):
        return False
    if not _ONE_ASK_RE.match(text) and not _IN_FORCE_RE.search(text):
        return _singular_head(text)
    # "the minutes" is plural in form: one meeting's minutes when a single day is asked for.
    plural_kind = re.search(
        r"\b(?:agendas|budgets|handbooks|calendars|reports|policies|notices|packets)\b", text, re.I
    )
    return not plural_kind


def _singular_head(text: str) -> bool:
    """A request typed as a search ("scholarship application seniors", "rn license renewal form",
    "2023 water quality report") names one document when its kind -- or, for a kind the vocabulary
    does not know, its last word -- is singular; "council minutes 2019", "agendas" name a set."""
    words = [w for w in WORD_RE.findall(text.lower()) if w not in STOPWORDS and w not in MONTHS]
    kind_words = [w for w in words if w in KIND_WORDS]
    heads = kind_words or [w for w in words if is_content(w)][-1:]
    return bool(heads) and not any(w.endswith("s") and not w.endswith("ss") for w in heads)


def _ordered(items: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(items))


def _spec(body: Body) -> BodySpec:
    return BodySpec(body.key, body.level, body.text)


def _parse_times(text: str, today: date, period_kinds: bool) -> tuple[tuple[TimeSpec, ...], str]:
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
    return [int(g) for g in m.groups() if g]


def _range(m: re.Match[str], text: str, period_kinds: bool) -> TimeSpec | None:
    first, second = _years(m)
    cue = period_kinds or _SCHOOL_CUE_RE.search(text) or re.search(r"\bfy|\bfiscal", text, re.I)
    is_span = second == first + 1 and cue and not re.match(r"from|between", m.group(0), re.I)
    if is_span or first >= second:
        return None  # a school/fiscal year: read later as one period
    return TimeSpec("range", f"{first}-{second}", date(first, 1, 1), date(second, 12, 31))


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
    r"\b(?:fy\s*)?'?(?:19|20)?\d\d(?:\s*[-/]\s*\d{2,4})?\b|\b(?:" + "|".join(MONTHS) + r")\b\.?|\bq[1-4]\b|"
    r"\b(?:first|second|third|fourth)\s+quarter\b|\bfiscal\s+year\b|\b(?:school|academic)\s+year\b",
    re.IGNORECASE,
)


def _blank_dates(text: str) -> str:
    return _DATE_WORDS_RE.sub(lambda m: " " * len(m.group(0)), text)


def _keywords(text: str, body_words: set[str]) -> tuple[str, ...]:
    """Content words the structured reading did not use: what qualifies the kind asked for.

    With a kind in the prompt only the words directly before it count ("*employee* handbook",
    "*water quality* report"); filler elsewhere ("I need ...") does not. Without a kind,
    every content word is the request.
    """
    # "the library's strategic plan": the possessive reads as the plain word.
    words = [w for w in WORD_RE.findall(text.lower().replace("'s ", " ")) if w not in body_words]
    has_kind = any(w in KIND_WORDS for w in words)
    picked: list[str] = []
    for i, word in enumerate(words):
        if not is_content(word) or word in picked or word in MONTHS:
            continue
        if has_kind and not _before_kind(words, i) and not _after_kind(words, i):
            continue
        picked.append(word)
    return tuple(picked)


def _before_kind(words: list[str], i: int) -> bool:
    """Does the content word at ``i`` qualify a kind word after it ("*employee* handbook")?"""
    j = i + 1
    while (
        j < len(words)
        and (is_content(words[j]) or words[j] in FILLER_BEFORE_KIND)
        and words[j] not in KIND_WORDS
    ):
        j += 1
    return j < len(words) and words[j] in KIND_WORDS


# "form *for adults*", "master plan *for the airport*": a complement after the kind qualifies it too.
_COMPLEMENT = frozenset({"for", "of", "on", "about", "regarding", "concerning"})


def _after_kind(words: list[str], i: int) -> bool:
    j = i - 1
    while j >= 0 and is_content(words[j]) and words[j] not in KIND_WORDS:
        j -= 1
    while j >= 0 and words[j] in ("the", "all", "our", "its", "their", "a", "an"):
        j -= 1
    return j >= 1 and words[j] in _COMPLEMENT and words[j - 1] in KIND_WORDS


def calendar_years(intent: Intent) -> set[int]:
    """Calendar years fully inside the intent's time windows (for tests and reasons)."""
    years: set[int] = set()
    for period in intent.periods:
        for y in range(max(period.start.year, MIN_YEAR), min(period.end.year, MAX_YEAR) + 1):
            if calendar_year(y).start >= period.start and calendar_year(y).end <= period.end:
                years.add(y)
    return years


def subject_words(intent: Intent) -> tuple[str, ...]:
    """When the prompt names no kind the vocabulary knows, the words that name what it asks for.

    "2023 water quality report" -> ("water", "quality", "report"); "the FY2022 PHA annual plan"
    -> ("pha", "annual", "plan"). Unlike ``keywords`` these keep the words of known kinds ("report",
    "plan", "annual"): without a kind of its own the request *is* these words, so a document's
    label must hold them. Empty when the prompt names a known kind (``keywords`` cover that case).
    """
    if intent.kinds:
        return ()
    return _subject_words(intent.prompt)


@lru_cache(maxsize=512)
def _subject_words(prompt: str) -> tuple[str, ...]:
    text = expand_shorthand(" ".join(prompt.split()))
    positive, _ = split_exclusions(text)
    _, rest = _parse_times(positive, date(2000, 1, 1), False)
    phrase = read_phrase(rest)
    skip = {w for b in phrase.bodies for w in b.text.split()} | audience_words(rest) | BODY_WORDS
    words = []
    for word in WORD_RE.findall(rest.lower()):
        word = word.strip("'-")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) < 3 or word in STOPWORDS or word in STATUS_WORDS or word in skip or word in words:
            continue
        words.append(word)
    return tuple(words)
