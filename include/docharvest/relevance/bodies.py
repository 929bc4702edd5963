"""Is the body a text names the one the request asks for? Graded, so that "not said" is not "no".

Bodies are first compared by ``key`` (a Planning Board and a Planning Commission are one body)
and level (a town council is not a city council). Within one key the words that tell bodies
apart decide: "Near West Design Review Committee" is not "Far West Design Review Committee",
while "Board of Health" is consistent with "Cuyahoga County Board of Health" (it names less,
not something else). A bare type word ("Board", "Committee") or a group ("Design Review
Committees", "Board & Committee Meetings") does not contradict a named body: a page heading
"Board" on a health board's own site means that board.
"""

from __future__ import annotations

import re
from typing import Protocol

from docharvest.relevance.vocab import (
    BODY_TYPES,
    GOVERNING_OF,
    LEVEL_WORDS,
    SPECIALIST_CLASS,
    SPECIALIST_QUALIFIERS,
    STOPWORDS,
)

# Agreement of one named body with the one asked for, -1..1.
SAME = 1.0
NAMES_LESS = 0.7  # "Community Development Commission" for "Chicago Community Development Commission"
BARE_SAME_TYPE = 0.3  # "Board" for "Board of Health"
# "commission" for "Port Commission": the head noun agrees, the document's name says more. Only
# half a match: another commission of the site would read the same.
LESS_SPECIFIC = 0.3
GROUP = 0.0  # "Design Review Committees"
BARE_OTHER_TYPE = -0.3  # "Board" for "Legislative Committee"
OTHER = -1.0

_WORD_RE = re.compile(r"[a-z0-9']+")
_TYPE_WORDS = frozenset(BODY_TYPES) | {
    "boards",
    "councils",
    "commissions",
    "committees",
    "authorities",
    "senates",
    "trustee",
}
_NOT_DISTINCTIVE = STOPWORDS | _TYPE_WORDS | frozenset(LEVEL_WORDS) | frozenset(GOVERNING_OF) | {"&"}


class BodyLike(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def level(self) -> str: ...
    @property
    def text(self) -> str: ...


def body_type(text: str) -> str:
    """The type word of a body's text ("committee" for "Near West Design Review Committee")."""
    words = _WORD_RE.findall(text.lower())
    for word in reversed(words):
        if word in _TYPE_WORDS:
            return (
                "board" if word == "trustees" else word.rstrip("s") if word != "authorities" else "authority"
            )
    return ""


def distinctive(key: str, text: str) -> frozenset[str]:
    """Words of a body's name that tell it apart from other bodies of its key, a word of the key's
    field read as its synonym set ("appeals" and "adjustment" alike; "canvassers" not "elections")."""
    out = set()
    for word in _WORD_RE.findall(text.lower()):
        if word in _NOT_DISTINCTIVE:
            continue
        if SPECIALIST_QUALIFIERS.get(word) != key:
            out.add(word)
        elif SPECIALIST_CLASS[word] is not None:
            out.add("=" + str(SPECIALIST_CLASS[word]))
    return frozenset(out)


def is_bare(text: str) -> bool:
    """Only a type word: "Board", "the Committee"."""
    return all(w in _TYPE_WORDS or w in STOPWORDS for w in _WORD_RE.findall(text.lower()))


def agreement(wanted: BodyLike, found: BodyLike, plural: bool = False) -> float:
    """How far ``found`` is the body ``wanted`` (-1 another body .. 1 the same)."""
    if wanted.level and found.level and wanted.level != found.level:
        return OTHER
    if is_bare(wanted.text) and getattr(found, "titled", False) and found.key != "affiliate":
        return NAMES_LESS  # "the board" on a fire district's site: its Board of Fire Commissioners
    if is_bare(wanted.text) and found.key == "governing" and _members_of(body_type(wanted.text), found):
        return NAMES_LESS  # "the commission": the Board of County Commissioners
    if is_bare(found.text):
        if plural:
            return GROUP
        return BARE_SAME_TYPE if body_type(found.text) == body_type(wanted.text) else BARE_OTHER_TYPE
    if wanted.key != found.key:
        if _names_less_of_type(wanted, found):
            return LESS_SPECIFIC
        return GROUP if plural else OTHER
    if _unit_and_parent(wanted, found):
        return GROUP if plural else OTHER
    want, have = distinctive(wanted.key, wanted.text), distinctive(found.key, found.text)
    if _within(want, have):
        return SAME
    if _within(have, want):
        return NAMES_LESS
    return GROUP if plural else OTHER


def _members_of(btype: str, found: BodyLike) -> bool:
    """Does a governing body's name call its members after ``btype`` ("commissioners" of a commission)?"""
    if not btype or getattr(found, "plural", False):
        return False
    return any(w != btype and w.startswith(btype) for w in _WORD_RE.findall(found.text.lower()))


def _unit_and_parent(wanted: BodyLike, found: BodyLike) -> bool:
    """A committee for the board or commission asked for, or an advisory body for one that is not:
    of one speciality ("Board of Health", "Community Health Advisory Committee") but not one body.
    (A committee asked for may be written as the commission: "planning comm".)"""
    parent_for_unit = body_type(wanted.text) in _PARENT_TYPES and body_type(found.text) in _UNIT_TYPES
    advisory = tuple("advisory" in _WORD_RE.findall(b.text.lower()) for b in (wanted, found))
    return parent_for_unit or advisory[0] != advisory[1]


def _within(words: frozenset[str], other: frozenset[str]) -> bool:
    """Every word of ``words`` in ``other``, a shortened word ("exec") standing for its full form.
    A word of the vocabulary is no shortening: "fire" does not stand for "firefighters"."""
    return all(
        w in other or (len(w) >= 3 and w not in SPECIALIST_QUALIFIERS and any(o.startswith(w) for o in other))
        for w in words
    )


def _names_less_of_type(wanted: BodyLike, found: BodyLike) -> bool:
    """The request names a body less specifically than the document, with the same head noun:
    "commission" for the "Port Commission", "advisory committee" for the "Community Health Advisory
    Committee". Not for the governing board ("the board"): a site has many boards of other kinds."""
    if wanted.key == "governing" or body_type(wanted.text) != body_type(found.text):
        return False
    if found.key == "affiliate" != wanted.key:
        return False  # the "Library Foundation Board" is the foundation's board, not the library board
    # "Board of Health" names its body by what it is of: an "Environmental Health Appeals Board",
    # of no such "of", is another body, not the same one named more fully.
    of_part = wanted.text.lower().partition(" of ")[2]
    if of_part and f"of {of_part}" not in found.text.lower():
        return False
    return _within(_content(wanted.text), _content(found.text))


def _content(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD_RE.findall(text.lower()) if w not in _NOT_DISTINCTIVE)


def source_agreement(wanted: tuple[BodyLike, ...], found: tuple[BodyLike, ...]) -> float:
    """One source's verdict on the body: the bodies it names one by one, the best one counting.

    A text naming one body and its umbrella ("Design Review Committees / Near West Design
    Review Committee") or a joint meeting speaks for the body it names best; named bodies
    outweigh bare and group mentions.
    """
    named: list[float] = []
    vague: list[float] = []
    for body in _units(found):
        plural = bool(getattr(body, "plural", False))
        value = max(agreement(w, body, plural) for w in wanted)
        (vague if plural or is_bare(body.text) else named).append(value)
    return max(named) if named else max(vague)


_UNIT_TYPES = frozenset({"committee", "subcommittee"})
_PARENT_TYPES = frozenset({"board", "council", "authority", "commission"})


def _units(found: tuple[BodyLike, ...]) -> tuple[BodyLike, ...]:
    """A text naming a board and a committee ("Minnesota Board of Nursing / Education Committee")
    speaks for the committee: the organisation's own name in a title block is not the document's body."""
    named = [b for b in found if not is_bare(b.text) and not getattr(b, "plural", False)]
    if not any(body_type(b.text) in _UNIT_TYPES for b in named):
        return found
    parents = [b for b in named if body_type(b.text) in _PARENT_TYPES]
    return tuple(b for b in found if b not in parents) if parents else found


_ORGANISATION_RE = re.compile(
    r"\b((?:[a-z&'-]+\s+){1,3})(?:district|authority|department|agency|system|utility|utilities|library)\b"
)
_ORGANISATION_TYPES = frozenset({"board", "authority", ""})


def organisation_keys(texts: list[str]) -> frozenset[str]:
    """Specialities of the organisation a page or title block names ("Park City *Water* District").

    A "water board" on a water district's site, a "transit board" on a transit authority's, is
    that organisation's governing board (its Board of Directors), not a specialist board of a city.
    """
    keys: set[str] = set()
    for text in texts:
        for m in _ORGANISATION_RE.finditer(text.lower()):
            words = m.group(1).split() + [m.group(0).split()[-1]]
            keys.update(SPECIALIST_QUALIFIERS[w] for w in words if w in SPECIALIST_QUALIFIERS)
    return frozenset(keys)


def is_organisation_board(wanted: BodyLike, org_keys: frozenset[str]) -> bool:
    """The body asked for is the site's organisation itself or its board ("transit board")."""
    return wanted.key in org_keys and body_type(wanted.text) in _ORGANISATION_TYPES


def without_organisation(found: tuple[BodyLike, ...], org_keys: frozenset[str]) -> tuple[BodyLike, ...]:
    """The bodies a text names, less the organisation's own name when it names a body inside it.

    "Regional Transit Authority / Finance and Audit Committee": the committee is the body.
    """
    inner = [b for b in found if not (body_type(b.text) == "authority" and b.key in org_keys)]
    return tuple(inner) if inner and len(inner) < len(found) else found


def without_site_owner(found: tuple[BodyLike, ...], owners: tuple[BodyLike, ...]) -> tuple[BodyLike, ...]:
    """The bodies a text names, less the site's owner (the body its page title names) when the
    text names another one: "County Board of Elections / Board of Canvassers" on the board of
    elections' site is a canvassers' document; the owner's name heads every document it posts."""
    if len(found) < 2 or not owners:
        return found
    inner = [b for b in found if not any(agreement(o, b) == SAME for o in owners)]
    if inner and len(inner) < len(found) and any(not is_bare(b.text) for b in inner):
        return tuple(inner)
    return found
