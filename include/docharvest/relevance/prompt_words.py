"""A prompt's words normalised: shorthand expanded, kind typos corrected, exclusions split off.

Also the word tables that tell a free (content) word of a request from a kind, status, body,
audience or date word, and the abbreviations and audience words already read as constraints.
Only the request is corrected here, never a document.
"""

from __future__ import annotations

import re

from docharvest.relevance.body_names import Body
from docharvest.relevance.languages import WORDS as LANGUAGE_WORDS
from docharvest.relevance.phrases import GRADE_RE
from docharvest.relevance.vocab import (
    AUDIENCE_PHRASES,
    BODY_ABBREVIATIONS,
    GOVERNING_OF,
    KIND_PHRASES,
    LEVEL_WORDS,
    MONTHS,
    STATUS_PHRASES,
    STOPWORDS,
)

_NEGATION_RE = re.compile(
    r"\b(?:but\s+not|and\s+not|not|no|excluding|exclude|except(?:\s+for)?|without|other\s+than|omit(?:ting)?|"
    r"skip(?:ping)?|ignore|ignoring|leave\s+out)\b([^,.;:!?]*)",
    re.IGNORECASE,
)
WORD_RE = re.compile(r"[a-z][a-z'-]+")


# Shorthand people type in requests: "board mtg minutes", "finance cmte agenda".
_SHORTHAND = [
    (re.compile(r"\bmtgs\b", re.I), "meetings"),
    (re.compile(r"\bmtg\b", re.I), "meeting"),
    (re.compile(r"\b(?:cmte|cmtee|comm)\b\.?", re.I), "committee"),
    (re.compile(r"\b(?:pls|plz|please|thanks|thx)\b", re.I), " "),
    # "HS course catalog": a school level typed as its initials.
    (re.compile(r"\bhs\b", re.I), "high school"),
    # "supervisors minutes", "commissioners agenda": a board named by its members' title alone.
]
# "supervisors minutes", "commissioners agenda": a board named by its members' title alone (when the
# request does not name a board itself: "board of county commissioners").
_MEMBER_BOARD_RE = re.compile(
    r"\b(supervisors|commissioners|selectmen|aldermen|regents|governors)\b(?! of\b)", re.I
)
# A body typed as its initials in a request, in any case ("bos packet"): three letters or more,
# so that "cc" or "pc" in a request stay words.
_PROMPT_BODY_ABBREVIATIONS = {a: b for a, b in BODY_ABBREVIATIONS.items() if len(a) >= 3}
_PROMPT_BODY_RE = re.compile(r"\b(" + "|".join(sorted(_PROMPT_BODY_ABBREVIATIONS)) + r")\b", re.I)


def expand_shorthand(text: str) -> str:
    for regex, replacement in _SHORTHAND:
        text = regex.sub(replacement, text)
    if not re.search(r"\bboard\b", text, re.I):
        text = _MEMBER_BOARD_RE.sub(r"board of \1", text)
    text = _PROMPT_BODY_RE.sub(lambda m: _PROMPT_BODY_ABBREVIATIONS[m.group(1).lower()], text)
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


def split_exclusions(text: str) -> tuple[str, list[str]]:
    """(the positive request, the excluded clauses): "minutes, not drafts" -> ("minutes, ", ["drafts"])."""
    excluded = [m.group(1).strip() for m in _NEGATION_RE.finditer(text) if m.group(1).strip()]
    positive = _NEGATION_RE.sub(" ", text)
    return positive, excluded


def abbreviations_read(text: str, bodies: tuple[Body, ...]) -> set[str]:
    """Abbreviations of the prompt already read as a body ("BOT"): not free words as well."""
    texts = {b.text for b in bodies}
    return {w for w in WORD_RE.findall(text.lower()) if BODY_ABBREVIATIONS.get(w) in texts}


def audience_words(text: str) -> set[str]:
    lower = text.lower()
    words = {
        w
        for phrase in AUDIENCE_PHRASES
        if re.search(rf"\b{re.escape(phrase)}\b", lower)
        for w in phrase.split()
    }
    words |= {w for w in WORD_RE.findall(lower) if w in LANGUAGE_WORDS}  # "sample ballot in spanish"
    for m in GRADE_RE.finditer(lower):  # "3rd grade": the grade is an audience, not free words
        words |= set(WORD_RE.findall(m.group(0)))
    return words - _audience_qualifiers(lower)


def _audience_qualifiers(lower: str) -> set[str]:
    """A word naming the same readers as the next one qualifies it ("*adjunct* faculty", "*substitute*
    teachers"): a free word the document must hold, so the full-time faculty's handbook is not it."""
    tokens = WORD_RE.findall(lower)
    return {
        a
        for a, b in zip(tokens, tokens[1:], strict=False)
        if a in AUDIENCE_PHRASES and AUDIENCE_PHRASES.get(b) == AUDIENCE_PHRASES[a] and a != b
    }


KIND_WORDS = frozenset(w for phrases in KIND_PHRASES.values() for p in phrases for w in p.split()) - STOPWORDS
STATUS_WORDS = frozenset(w for phrases in STATUS_PHRASES.values() for p in phrases for w in p.split())
BODY_WORDS = (
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
FILLER_BEFORE_KIND = frozenset({"meeting", "meetings", "regular", "special", "session"})


def _vocabulary_words() -> frozenset[str]:
    words = set(KIND_WORDS | STATUS_WORDS | BODY_WORDS | STOPWORDS | set(MONTHS) | set(BODY_ABBREVIATIONS))
    words |= {w for phrase in AUDIENCE_PHRASES for w in phrase.split()}
    words |= {w for phrases in KIND_PHRASES.values() for p in phrases for w in p.split()}
    return frozenset(words | ENGLISH_NEAR_KINDS)


# English words one edit from a kind's name: never typos ("police review commission" is no policy's).
ENGLISH_NEAR_KINDS = frozenset({"police", "votes", "rules", "report", "reports", "packets", "budgets"})


# Single-word names of kinds (word -> kind), the targets of a typo's correction.
_SINGLE_KIND_WORDS = {p: k for k, ps in KIND_PHRASES.items() for p in ps if " " not in p and len(p) >= 5}
_KNOWN_WORDS = _vocabulary_words()


_VOWELS = frozenset("aeiouy")


def is_content(word: str) -> bool:
    # A two-letter word without a vowel is an abbreviation ("rn", "pt"), as telling as a long word.
    short_ok = len(word) > 2 or (len(word) == 2 and not set(word) & _VOWELS)
    return short_ok and not (
        word in STOPWORDS or word in KIND_WORDS or word in STATUS_WORDS or word in BODY_WORDS
    )


def content_words(text: str) -> tuple[str, ...]:
    """Words of ``text`` that qualify a document (not kinds, statuses, bodies, dates, audiences, filler)."""
    lower = text.lower()
    skip = audience_words(lower)
    out = []
    for word in WORD_RE.findall(lower):
        word = word.strip("'-")
        if word.endswith("'s"):
            word = word[:-2]
        if word in skip or word in MONTHS or not is_content(word) or word in out:
            continue
        out.append(word)
    return tuple(out)
