"""A kind the vocabulary does not know, confirmed by the document's own title, not by a bag of words.

"spring 2021 program guide" asks for a guide: its head noun is the request's last word of its own
("guide"). The words of such a request are often found scattered over a document's evidence (a
category tab "Program Guides" over every card, "Programs" in a senior centre's flyer), so finding
them says little; what says the document *is* one is its own title naming the head noun -- the title
block once the document is read, else its label (link text, file name, the row naming it). A small
table of general title nouns (``free_words.TITLE_NOUN_GROUPS``) that name the same thing ("guide" for a "brochure", "rules" for
"regulations") stands in for synonyms. Not named there, the kind is neither confirmed nor
contradicted: the score says so by staying at or below one half (``UNCONFIRMED``).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from docharvest.relevance.free_words import Texts, acronym_words, holds_noun, spelled_out, stem
from docharvest.relevance.intent import Intent, subject_words
from docharvest.relevance.phrases import GRADE_RE
from docharvest.relevance.prompt_times import parse_times
from docharvest.relevance.prompt_words import expand_shorthand, split_exclusions
from docharvest.relevance.vocab import MONTHS

__all__ = [
    "NUMBER_MISSING",
    "UNCONFIRMED",
    "head_confirmed",
    "kind_head",
    "numbers_held",
    "request_numbers",
    "title_names_head",
]

# The factor on a document whose own title does not name the kind asked for.
UNCONFIRMED = 0.6


# Nouns that name what a document is. The head of "emergency action plan Cherry Creek dam", "local
# rules of court", "recycling guide for homes" is its last such noun, not the words that follow it
# (a place, a complement): those say which one, the noun what it is.
DOCUMENT_NOUNS = frozenset({
    "plan", "plans", "guide", "guides", "guidebook", "rules", "regulations", "code", "codes", "rates",
    "rate", "fees", "report", "reports", "study", "studies", "map", "maps", "manual", "brochure",
    "flyer", "application", "checklist", "list", "directory", "roster", "assessment", "strategy",
    "inventory", "analysis", "evaluation", "standards", "specifications", "guidelines", "procedures",
    "statement", "certificate", "permit", "license", "letter", "memo", "bulletin", "catalog",
    "timetable", "tariff", "toolkit", "workbook", "booklet", "pamphlet", "factsheet", "profile",
})  # fmt: skip


def kind_head(intent: Intent) -> str | None:
    """The head noun of a request whose kind the vocabulary does not know: its last document noun
    (``DOCUMENT_NOUNS``), else its last own word."""
    words = subject_words(intent)
    nouns = [w for w in words if w in DOCUMENT_NOUNS]
    return nouns[-1] if nouns else words[-1] if words else None


def head_confirmed(intent: Intent, texts: Texts) -> float:
    """1.0 when the document's own title names the head noun asked for (or no such request), else
    ``UNCONFIRMED``. Its title is the title block once read (a document says what it is), else its label."""
    head = kind_head(intent)
    if head is None:
        return 1.0
    own = (texts.title if texts.title.strip() else texts.label).lower()
    named = holds_noun(head, own) or spelled_out(head, own) or _initials_alone(intent, head, own)
    return 1.0 if named else UNCONFIRMED


def _initials_alone(intent: Intent, head: str, own: str) -> bool:
    """Is the head inside initials ("EAP" for emergency action plan) of a label that names nothing
    but the request's words ("EAP_CherryCreek")? Followed by other nouns ("IRP Workshop", "CEDS Annual
    Performance Report") the initials qualify another document."""
    words = subject_words(intent)
    covered = acronym_words(words, own)
    if head not in covered:
        return False
    initials = {
        "".join(w[0] for w in words[i:j]) for i in range(len(words)) for j in range(i + 2, len(words) + 1)
    }
    asked = {stem(w) for w in words}
    rest = [t for t in _LABEL_WORD_RE.findall(own) if t not in initials and t not in _LABEL_FILLER]
    return all(stem(t) in asked for t in rest)


_LABEL_WORD_RE = re.compile(r"(?<![a-z0-9])[a-z]{2,}(?![a-z0-9])")
_LABEL_FILLER = frozenset(
    {"pdf", "doc", "docx", "read", "view", "download", "the", "of", "and", "for", "rev"}
)


def title_names_head(intent: Intent, texts: Texts) -> str:
    """The head noun asked for when the document's title block (once read) names it, else ""."""
    head = kind_head(intent)
    title = texts.title.lower()
    if head is None or not title.strip() or not (holds_noun(head, title) or spelled_out(head, title)):
        return ""  # (a request typed as the title's initials: "CHNA", "Community Health Needs Assessment")
    return head


# -- numbers that identify the document asked for ---------------------------------------------------

# The factor on a document whose labels do not hold a number the request names ("rt 40": route 9's).
NUMBER_MISSING = 0.4
_NUMBER_RE = re.compile(r"(?<![\w./-])(\d{1,3})(?![\w/]|\.\d)")
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# A day written with its month ("October 7", "7th of March") is part of a date, not an identifier.
_MONTH_DAY_RE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b", re.I)
_DAY_MONTH_RE = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?![a-z])", re.I)


@lru_cache(maxsize=512)
def request_numbers(prompt: str) -> tuple[str, ...]:
    """Numbers a request names that are no date, grade or size: a route, a chapter, an edition ("rt 40")."""
    text = expand_shorthand(" ".join(prompt.split()))
    positive, _ = split_exclusions(_DAY_MONTH_RE.sub(" ", _MONTH_DAY_RE.sub(" ", text)))
    _, rest = parse_times(positive, date(2000, 1, 1), False)
    rest = GRADE_RE.sub(" ", rest.lower())
    return tuple(dict.fromkeys(m.group(1).lstrip("0") or "0" for m in _NUMBER_RE.finditer(rest)))


def numbers_held(intent: Intent, texts: Texts) -> float:
    """1.0 when the document's labels, the text next to it or its title hold every number the request
    names (or it names none), else ``NUMBER_MISSING``."""
    numbers = request_numbers(intent.prompt)
    if not numbers:
        return 1.0
    held = {
        m.group(1).lstrip("0") or "0"
        for t in (texts.own, texts.context, texts.title)
        for m in _NUMBER_RE.finditer(t)
    }
    return 1.0 if all(n in held for n in numbers) else NUMBER_MISSING
