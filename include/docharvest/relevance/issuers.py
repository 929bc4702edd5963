"""Who issued a document, where the vocabulary cannot say: a title block's issuer line, typed initials.

A title block begins with who issued the document: "BOARD OF TRUSTEES / Fox River Valley Public
Library District / MINUTES". When its first line, above the kind, names neither a body read as
one, nor the organisation whose site it is (its words are the page's), nor a place or government
("City of ...", "... County"), it names another group: "FRIENDS OF THE LIBRARY", "LIBRARY
FOUNDATION", "FRIENDS OF THE PARKS". For a request naming a body, that is evidence against it --
weaker than a body read as one, since the line is read by its shape, not its words.

A request may name its body by initials the vocabulary does not know ("EQC meeting minutes"): a
document naming another body ("Solid Waste Advisory Committee") does not answer it.
"""

from __future__ import annotations

import re

from docharvest.relevance.bodies import is_bare
from docharvest.relevance.evidence import (
    COLUMN,
    CONTEXT,
    FILE,
    HEADING,
    LABEL,
    LINK,
    META,
    SECTION,
    TITLE,
    Source,
)
from docharvest.relevance.free_words import holds, spelled_out
from docharvest.relevance.intent import Intent, subject_words
from docharvest.relevance.phrases import read_phrase
from docharvest.relevance.prompt_words import WORD_RE
from docharvest.relevance.vocab import STOPWORDS

__all__ = ["ISSUER_VALUE", "OTHER_INITIALS", "foreign_issuer", "initials_verdict", "typed_initials"]

# The verdict of such a line on the body asked for (a body read as one says -1).
ISSUER_VALUE = -0.5
_MAX_LINES = 2  # issuer lines are the first ones, above the kind
_MAX_WORDS = 6
_GOVERNMENT_RE = re.compile(
    r"^(?:the\s+)?(?:city|town|village|county|state|township|borough|commonwealth|port|district)\s+of\b|"
    r"\b(?:county|city|district|schools|department|government|township|borough|parish|authority|agency|"
    r"college|university|inc|llc)\s*$",
    re.IGNORECASE,
)


def foreign_issuer(title: str, page: str) -> str | None:
    """The first line of ``title`` (a title block) naming a group that is not the site's own, if any."""
    page_words = set(WORD_RE.findall(page.lower()))
    for line in title.splitlines()[:_MAX_LINES]:
        line = line.strip()
        said = read_phrase(line)
        if said.heads or said.bodies:
            return None  # the kind or a body: no issuer line above it
        words = [w for w in WORD_RE.findall(line.lower()) if w not in STOPWORDS]
        if (
            not words
            or len(words) > _MAX_WORDS
            or any(ch.isdigit() for ch in line)
            or said.dates
            or said.audiences
            or _GOVERNMENT_RE.search(line)
            or 2 * sum(w in page_words for w in words) > len(words)
        ):
            continue  # the organisation, a place, a date line: not an issuer
        return line
    return None


# Sources naming the document or the group it is listed under (not the site: its page title,
# breadcrumb and folder name the organisation).
_NEAR = frozenset({TITLE, META, LINK, LABEL, FILE, COLUMN, CONTEXT, HEADING, SECTION})
# The factor on a document whose body is another one than the initials the request typed.
OTHER_INITIALS = 0.35
_INITIALS_RE = re.compile(r"\b[A-Z]{2,5}\b")


def typed_initials(intent: Intent) -> tuple[str, ...]:
    """Free words of the request typed as capital initials ("EQC meeting minutes", "DEQ annual report")."""
    typed = {m.group(0).lower() for m in _INITIALS_RE.finditer(intent.prompt)}
    return tuple(w for w in intent.keywords + subject_words(intent) if w in typed)


def initials_verdict(intent: Intent, sources: list[Source], own: str) -> tuple[float, str]:
    """(factor, the body said) for a request naming a body by initials the vocabulary does not know.

    A document whose own words hold the initials, or that names a body they stand for
    ("Environmental Quality Council" for EQC), answers it; one naming only other bodies
    ("Solid Waste Advisory Committee", "EQC" for DEQ) is another body's: ``OTHER_INITIALS``.
    """
    for word in typed_initials(intent):
        if holds(word, own.lower()):
            continue
        named = [b.text for s in sources if s.name in _NEAR for b in s.phrase.bodies if not is_bare(b.text)]
        if not named or any(spelled_out(word, text) for text in named):
            continue
        return OTHER_INITIALS, named[0]
    return 1.0, ""
