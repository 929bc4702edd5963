"""Whether content is marked discontinued, legacy or archived: by its URL, a heading, a phrase or a class.

The item builder flags such items; ``docharvest.knowledge.crosspage`` keeps them out of the
results, and the knowledge job records a warning for them.
"""

from __future__ import annotations

import re

from docharvest.knowledge.page import PageExtract
from docharvest.knowledge.sections import Section
from docharvest.knowledge.vocabulary import is_question

_MARKER_WORDS = re.compile(
    r"\b(discontinued|legacy|archived|deprecated|retired|sunset(?:ted)?|end[- ]of[- ]life)\b", re.I
)
_MARKER_PHRASES = re.compile(
    r"\b(?:(?:has|have) been|is|are|was|were|been|now|being) (?:discontinued|retired|deprecated|archived|sunset(?:ted)?)\b"
    r"|\bno longer (?:available|offered|sold|supported|maintained|accept(?:ed|ing|s)?|in service|on the menu)\b"
    r"|\b(?:this|the) page is (?:archived|outdated|out of date)\b",
    re.I,
)
_PATH_MARKER = re.compile(r"/(archived|legacy|discontinued|deprecated)(/|$)", re.I)


def page_is_archived(page: PageExtract) -> bool:
    """The whole page is archived: its URL path or its opening lines say so."""
    if _PATH_MARKER.search(page.path):
        return True
    head = " ".join(b.text for b in page.blocks[:3])
    return bool(
        re.search(
            r"\b(this (page|content|product|service) (is|has been) (archived|discontinued|retired))\b",
            head,
            re.I,
        )
    )


def heading_marked(section: Section) -> bool:
    """The section's heading, or the element it sits in, is marked."""
    return section.marked or bool(_MARKER_WORDS.search(section.title))


def section_marked(section: Section) -> bool:
    """The section is marked by its heading or its own text (a question's answer never marks it)."""
    if heading_marked(section):
        return True
    if is_question(section.title):
        return False
    for block in section.body:
        if block.marked:
            return True
        if _MARKER_PHRASES.search(block.text):
            return True
        if _MARKER_WORDS.match(block.text) and len(block.text.split()) <= 12:
            return True
    return False
