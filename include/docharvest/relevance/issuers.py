"""The issuer a document's title block names when it is no body the vocabulary reads.

A title block begins with who issued the document: "BOARD OF TRUSTEES / Fox River Valley Public
Library District / MINUTES". When its first line, above the kind, names neither a body read as
one, nor the organisation whose site it is (its words are the page's), nor a place or government
("City of ...", "... County"), it names another group: "FRIENDS OF THE LIBRARY", "LIBRARY
FOUNDATION", "FRIENDS OF THE PARKS". For a request naming a body, that is evidence against it --
weaker than a body read as one, since the line is read by its shape, not its words.
"""

from __future__ import annotations

import re

from docharvest.relevance.phrases import read_phrase
from docharvest.relevance.prompt_words import WORD_RE
from docharvest.relevance.vocab import STOPWORDS

__all__ = ["ISSUER_VALUE", "foreign_issuer"]

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
