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
from docharvest.relevance.dates import MAX_YEAR, MIN_YEAR, Period, calendar_year
from docharvest.relevance.languages import read_languages
from docharvest.relevance.phrases import read_phrase
from docharvest.relevance.prompt_times import TimeSpec, parse_times
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


_ONLY_FINAL_RE = re.compile(
    r"\b(?:final|approved|adopted|official)\s+(?:versions?\s+|copies\s+|ones\s+)?only\b|\bonly\s+(?:the\s+)?(?:final|approved|adopted|official)\b",
    re.IGNORECASE,
)
# Kinds for which "2024-2025" names one school or fiscal year rather than two calendar years.
_PERIOD_KINDS = frozenset({"budget", "calendar", "handbook", "audit", "financial report", "plan"})


def parse_prompt(prompt: str, *, today: date | None = None) -> Intent:
    """Read a plain-language request. ``today`` anchors relative times ("last year")."""
    text = expand_shorthand(" ".join(prompt.split()))
    positive, excluded = split_exclusions(text)
    period_kinds = bool(read_phrase(positive).heads & _PERIOD_KINDS)
    times, positive_rest = parse_times(positive, today or date.today(), period_kinds)
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
    if j >= 0 and words[j] in KIND_WORDS:
        return True  # "schedule 1 *residential* rates": the kind's own name follows it
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
    _, rest = parse_times(positive, date(2000, 1, 1), False)
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
