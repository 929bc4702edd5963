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

from docharvest.relevance.free_words import Texts, holds_noun
from docharvest.relevance.intent import Intent, subject_words

__all__ = ["UNCONFIRMED", "head_confirmed", "kind_head", "title_names_head"]

# The factor on a document whose own title does not name the kind asked for.
UNCONFIRMED = 0.6


def kind_head(intent: Intent) -> str | None:
    """The head noun of a request whose kind the vocabulary does not know: its last own word."""
    words = subject_words(intent)
    return words[-1] if words else None


def head_confirmed(intent: Intent, texts: Texts) -> float:
    """1.0 when the document's own title names the head noun asked for (or no such request), else
    ``UNCONFIRMED``. Its title is the title block once read (a document says what it is), else its label."""
    head = kind_head(intent)
    if head is None:
        return 1.0
    own = texts.title if texts.title.strip() else texts.label
    return 1.0 if holds_noun(head, own.lower()) else UNCONFIRMED


def title_names_head(intent: Intent, texts: Texts) -> str:
    """The head noun asked for when the document's title block (once read) names it, else ""."""
    head = kind_head(intent)
    if head is None or not texts.title.strip() or not holds_noun(head, texts.title.lower()):
        return ""
    return head
