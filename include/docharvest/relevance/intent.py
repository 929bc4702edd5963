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

from docharvest.relevance.dates import (
    MAX_YEAR,
    MIN_YEAR,
    Period,
    calendar_year,
    find_dates,
    fiscal_year,
    span_year,
)
from docharvest.relevance.phrases import Body, read_phrase
from docharvest.relevance.vocab import (
    GOVERNING_OF,
    KIND_PHRASES,
    LEVEL_WORDS,
    MONTHS,
    STATUS_PHRASES,
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
        )


_Y = r"((?:19|20)\d\d)"
_NEGATION_RE = re.compile(
    r"\b(?:but\s+not|and\s+not|not|no|excluding|exclude|except(?:\s+for)?|without|other\s+than|omit(?:ting)?|"
    r"skip(?:ping)?|ignore|ignoring|leave\s+out)\b([^,.;:!?]*)",
    re.IGNORECASE,
)
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
_WORD_RE = re.compile(r"[a-z][a-z'-]+")


def parse_prompt(prompt: str, *, today: date | None = None) -> Intent:
    """Read a plain-language request. ``today`` anchors relative times ("last year")."""
    text = _expand_shorthand(" ".join(prompt.split()))
    positive, excluded = _split_exclusions(text)
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
            | _audience_words(positive_rest)
            | _abbreviations_read(positive_rest, phrase.bodies),
        ),
        audiences=_ordered(phrase.audiences),
        single=_asks_for_one(positive, kinds),
    )
    return intent


# Shorthand people type in requests: "board mtg minutes", "finance cmte agenda".
_SHORTHAND = [
    (re.compile(r"\bmtgs\b", re.I), "meetings"),
    (re.compile(r"\bmtg\b", re.I), "meeting"),
    (re.compile(r"\b(?:cmte|cmtee|comm)\b\.?", re.I), "committee"),
    (re.compile(r"\b(?:pls|plz|please|thanks|thx)\b", re.I), " "),
]


def _expand_shorthand(text: str) -> str:
    for regex, replacement in _SHORTHAND:
        text = regex.sub(replacement, text)
    return _correct_kind_typos(" ".join(text.split()))


def osa_distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal-string-alignment edit distance (a swap of two neighbours counts once), capped at ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


_TYPO_RE = re.compile(r"[A-Za-z]{5,}")


def _correct_kind_typos(text: str) -> str:
    """A misspelt kind word of the prompt read as the kind ("minuets", "agnda"): one edit away from one
    vocabulary word and not itself a word the vocabulary knows. Only the request is corrected, never
    a document, so a near-miss spelling cannot make an unknown-kind rule count minutes against it.
    """

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        lower = word.lower()
        if lower in _KNOWN_WORDS:
            return word
        close = [k for k in _SINGLE_KIND_WORDS if osa_distance(lower, k, 1) <= 1]
        if not close or len({_SINGLE_KIND_WORDS[k] for k in close}) > 1:
            return word  # no kind, or two kinds this close: not a typo we can read
        return min(close, key=lambda k: abs(len(k) - len(lower)))

    return _TYPO_RE.sub(fix, text)


_PLURAL_ASK_RE = re.compile(
    r"\b(?:all|every|each|any|list\s+of|copies|documents|files|ones)\b", re.IGNORECASE
)
_ONE_ASK_RE = re.compile(
    r"^\s*(?:(?:find|get|show|give|download|locate|fetch)\s+(?:me\s+)?)?(?:the|this|a)\b", re.I
)


def _asks_for_one(text: str, kinds: tuple[str, ...]) -> bool:
    """ "the agenda for ...", "the 2024-25 handbook": one document; "all ...", "agendas": a set."""
    if _PLURAL_ASK_RE.search(text):
        return False
    if not _ONE_ASK_RE.match(text):
        return False
    # "the minutes" is plural in form: one meeting's minutes when a single day is asked for.
    plural_kind = re.search(
        r"\b(?:agendas|budgets|handbooks|calendars|reports|policies|notices|packets)\b", text, re.I
    )
    return not plural_kind


def _abbreviations_read(text: str, bodies: tuple[Body, ...]) -> set[str]:
    """Abbreviations of the prompt already read as a body ("BOT"): not free words as well."""
    from docharvest.relevance.vocab import BODY_ABBREVIATIONS

    texts = {b.text for b in bodies}
    return {w for w in _WORD_RE.findall(text.lower()) if BODY_ABBREVIATIONS.get(w) in texts}


def _audience_words(text: str) -> set[str]:
    from docharvest.relevance.vocab import AUDIENCE_PHRASES

    lower = text.lower()
    words = {
        w
        for phrase in AUDIENCE_PHRASES
        if re.search(rf"\b{re.escape(phrase)}\b", lower)
        for w in phrase.split()
    }
    return words - _audience_qualifiers(lower)


def _audience_qualifiers(lower: str) -> set[str]:
    """A word naming the same readers as the next one qualifies it ("*adjunct* faculty", "*substitute*
    teachers"): a free word the document must hold, so the full-time faculty's handbook is not it."""
    from docharvest.relevance.vocab import AUDIENCE_PHRASES

    tokens = _WORD_RE.findall(lower)
    return {
        a
        for a, b in zip(tokens, tokens[1:], strict=False)
        if a in AUDIENCE_PHRASES and AUDIENCE_PHRASES.get(b) == AUDIENCE_PHRASES[a] and a != b
    }


def _ordered(items: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(items))


def _spec(body: Body) -> BodySpec:
    return BodySpec(body.key, body.level, body.text)


def _split_exclusions(text: str) -> tuple[str, list[str]]:
    """(the positive request, the excluded clauses): "minutes, not drafts" -> ("minutes, ", ["drafts"])."""
    excluded = [m.group(1).strip() for m in _NEGATION_RE.finditer(text) if m.group(1).strip()]
    positive = _NEGATION_RE.sub(" ", text)
    return positive, excluded


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


_KIND_WORDS = (
    frozenset(w for phrases in KIND_PHRASES.values() for p in phrases for w in p.split()) - STOPWORDS
)
_STATUS_WORDS = frozenset(w for phrases in STATUS_PHRASES.values() for p in phrases for w in p.split())
_BODY_WORDS = (
    frozenset(
        [
            "board",
            "boards",
            "council",
            "councils",
            "commission",
            "commissions",
            "committee",
            "committees",
            "authority",
            "district",  # the organisation ("district calendar"), not a word the document must hold
            "senate",
        ]
    )
    | frozenset(LEVEL_WORDS)
    | frozenset(GOVERNING_OF)
)


# Words between a qualifier and its kind that do not break the phrase: "BOH *meeting* minutes".
_FILLER_BEFORE_KIND = frozenset({"meeting", "meetings", "regular", "special", "session"})


def _vocabulary_words() -> frozenset[str]:
    from docharvest.relevance.vocab import AUDIENCE_PHRASES, BODY_ABBREVIATIONS

    words = set(_KIND_WORDS | _STATUS_WORDS | _BODY_WORDS | STOPWORDS | set(MONTHS) | set(BODY_ABBREVIATIONS))
    words |= {w for phrase in AUDIENCE_PHRASES for w in phrase.split()}
    words |= {w for phrases in KIND_PHRASES.values() for p in phrases for w in p.split()}
    return frozenset(words)


# Single-word names of kinds (word -> kind), the targets of a typo's correction.
_SINGLE_KIND_WORDS = {p: k for k, ps in KIND_PHRASES.items() for p in ps if " " not in p and len(p) >= 5}
_KNOWN_WORDS = _vocabulary_words()


def _keywords(text: str, body_words: set[str]) -> tuple[str, ...]:
    """Content words the structured reading did not use: what qualifies the kind asked for.

    With a kind in the prompt only the words directly before it count ("*employee* handbook",
    "*water quality* report"); filler elsewhere ("I need ...") does not. Without a kind,
    every content word is the request.
    """
    # "the library's strategic plan": the possessive reads as the plain word.
    words = [w for w in _WORD_RE.findall(text.lower().replace("'s ", " ")) if w not in body_words]
    has_kind = any(w in _KIND_WORDS for w in words)
    picked: list[str] = []
    for i, word in enumerate(words):
        if not _is_content(word) or word in picked:
            continue
        if has_kind:
            j = i + 1
            while (
                j < len(words)
                and (_is_content(words[j]) or words[j] in _FILLER_BEFORE_KIND)
                and words[j] not in _KIND_WORDS
            ):
                j += 1
            if j >= len(words) or words[j] not in _KIND_WORDS:
                continue
        picked.append(word)
    return tuple(picked)


_VOWELS = frozenset("aeiouy")


def _is_content(word: str) -> bool:
    # A two-letter word without a vowel is an abbreviation ("rn", "pt"), as telling as a long word.
    short_ok = len(word) > 2 or (len(word) == 2 and not set(word) & _VOWELS)
    return short_ok and not (
        word in STOPWORDS or word in _KIND_WORDS or word in _STATUS_WORDS or word in _BODY_WORDS
    )


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
    text = _expand_shorthand(" ".join(prompt.split()))
    positive, _ = _split_exclusions(text)
    _, rest = _parse_times(positive, date(2000, 1, 1), False)
    phrase = read_phrase(rest)
    skip = {w for b in phrase.bodies for w in b.text.split()} | _audience_words(rest) | _BODY_WORDS
    words = []
    for word in _WORD_RE.findall(rest.lower()):
        word = word.strip("'-")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) < 3 or word in STOPWORDS or word in _STATUS_WORDS or word in skip or word in words:
            continue
        words.append(word)
    return tuple(words)


def content_words(text: str) -> tuple[str, ...]:
    """Words of ``text`` that qualify a document (not kinds, statuses, bodies, dates, audiences, filler)."""
    lower = text.lower()
    skip = _audience_words(lower)
    out = []
    for word in _WORD_RE.findall(lower):
        word = word.strip("'-")
        if word.endswith("'s"):
            word = word[:-2]
        if word in skip or word in MONTHS or not _is_content(word) or word in out:
            continue
        out.append(word)
    return tuple(out)
