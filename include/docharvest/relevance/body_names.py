"""Reading the issuing bodies a short text names: "Planning Board", "Board of Education",
"Council & Committee Meetings" (a set of two), with the span each takes (so that "Audit Committee"
is a body, not an audit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from docharvest.relevance.vocab import (
    GOVERNING_OF,
    KIND_ABBREVIATIONS,
    KIND_PHRASES,
    LEVEL_WORDS,
    MONTHS,
    SPECIALIST_QUALIFIERS,
    STATUS_PHRASES,
    STOPWORDS,
)

_KIND_OF = frozenset(p for ps in KIND_PHRASES.values() for p in ps)
_KIND_WORDS = frozenset(w for p in _KIND_OF for w in p.split()) | frozenset(
    a for abbrs in KIND_ABBREVIATIONS.values() for a in abbrs
)
_STATUS_WORDS = frozenset(w for ps in STATUS_PHRASES.values() for p in ps for w in p.split())


@dataclass(frozen=True, slots=True)
class Body:
    """An issuing body: ``key`` compares bodies ("planning" for Planning Board/Commission)."""

    key: str  # governing | council | committee | commission | authority | <specialist key>
    level: str  # town | city | county | school | company | "" (unknown)
    text: str
    plural: bool = False  # "Design Review Committees": a group of bodies, not one
    # The governing board of a specialist organisation, named by its members' title: "Board of
    # Fire Commissioners", "Board of Library Trustees". "The board" of such a site means it.
    titled: bool = False


_BODY_TYPE_RE = re.compile(
    r"(?<![a-z0-9])(boards?|councils?|commissions?|(?:sub)?committees?|authority|trustees?|associations?|organi[sz]ations?|"
    r"senates?|assembly)"
    r"(?![a-z0-9])"
)
_WORD_RE = re.compile(r"[a-z0-9'&]+")
MONTH_WORDS = frozenset(MONTHS)
# Words that end a body's qualifier list when reading backwards from "board".
_QUALIFIER_STOP = frozenset(
    [
        "of",
        "the",
        "a",
        "an",
        "and",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "meeting",
        "meetings",
        "regular",
        "special",
        "joint",
        "annual",
        "minutes",
        "agenda",
        "agendas",
        "draft",
        "approved",
        "adopted",
        "proposed",
        "am",  # "1:30 PM Board Meeting": a time of day, not a qualifier
        "pm",
    ]
)
# Words that place a body in a jurisdiction ("Harbor Point *School District* Board", "Park *City*
# Council"). What comes before them is the place's name, not a speciality of the body.
# ("district" is not one: a Water or Fire District is named by its speciality; "School District" is.)
_PLACE_LEVELS = frozenset({"town", "township", "village", "city", "borough", "county", "parish", "school"})
# Words that follow a body's type word when the text speaks of the body ("Council meeting",
# "Board members", "Committee of the Whole"). Any other word after it makes the type word part
# of a name: "Council Bluffs", "Council Grove", a "board-portal" folder, and a place: the "Board
# Room" and "Council Chambers" host every committee's meetings.
_BODY_FOLLOWERS = frozenset(
    {
        "member", "members", "chair", "chairman", "chairwoman", "chairperson", "president", "vice",
        "session", "sessions", "workshop", "workshops", "hearing", "hearings",
        "retreat", "election", "elections", "actions", "action", "notes", "recap", "summary", "video",
        "audio", "report", "reports", "members'", "business", "approved", "adopted", "draft", "regular",
        "special", "joint", "annual", "work", "study", "as", "is", "was", "will", "has", "have", "voted",
        "whole", "s",
    }
)  # fmt: skip
_BODY_AND_RE = re.compile(r"^\s*,?\s*(?:and|&|\+)\s*$")


def read_bodies(norm: str) -> tuple[list[Body], list[tuple[int, int]]]:
    """The bodies a normalised (lower-case) text names, with their character spans."""
    bodies: list[Body] = []
    masked: list[tuple[int, int]] = []
    if not _BODY_TYPE_RE.search(norm):
        return bodies, masked
    words = [(m.group(0), m.start(), m.end()) for m in _WORD_RE.finditer(norm)]
    for i, (word, _, _) in enumerate(words):
        if _BODY_TYPE_RE.fullmatch(word) and _names_a_body(norm, words, i):
            body, start, end = _body_at(norm, words, i, word)
            if bodies and masked and start < masked[-1][1]:
                continue  # "board of trustees": "trustees" is inside the body just read
            if masked and _BODY_AND_RE.match(norm[masked[-1][1] : start]):
                # "Council & Committee Meetings": a heading naming a set of bodies, not one.
                bodies[-1] = replace(bodies[-1], plural=True)
                body = replace(body, plural=True)
            bodies.append(body)
            masked.append((start, end))
    return bodies, masked


def _body_at(
    norm: str, words: list[tuple[str, int, int]], index: int, type_word: str
) -> tuple[Body, int, int]:
    """The body around the body-type word at ``words[index]``, with its character span."""
    type_word = "trustees" if type_word == "trustee" else type_word  # "trustee minutes"
    btype = type_word.rstrip("s") if type_word not in ("trustees", "authority") else type_word
    qualifiers: list[str] = []
    start = words[index][1]
    i = index - 1
    while i >= 0 and index - i <= 4:
        word = words[i][0]
        if qualifiers and qualifiers[0] in _PLACE_LEVELS and word not in _PLACE_LEVELS:
            break  # the place's own name: "Harbor Point" of "Harbor Point School District Board"
        if norm[words[i][2] : words[i + 1][1]].strip():
            break  # punctuation ends the name: "City Council, Planning Board"
        joins = word in ("and", "&") and i > 0 and words[i - 1][0] in SPECIALIST_QUALIFIERS
        if not joins and (
            word in _QUALIFIER_STOP
            or word == "&"  # "Council & Committee": two bodies, like "and"
            or word in STOPWORDS
            or word.isdigit()
            or (word in _KIND_OF and word not in SPECIALIST_QUALIFIERS)
        ):
            break
        qualifiers.insert(0, word)
        start = words[i][1]
        i -= 1
    end = words[index][2]
    of_words: list[str] = []
    if index + 1 < len(words) and words[index + 1][0] == "of":
        j = index + 2
        if j < len(words) and words[j][0] == "the":
            j += 1
        while j < len(words) and len(of_words) < 2:
            word = words[j][0]
            if word in _QUALIFIER_STOP or word.isdigit() or norm[words[j - 1][2] : words[j][1]].strip():
                break  # punctuation ends the name: "Board of Trustees, Finance Committee"
            if not (word in GOVERNING_OF or word in SPECIALIST_QUALIFIERS or of_words):
                break
            if of_words and word in _KIND_OF and word not in SPECIALIST_QUALIFIERS:
                break  # "Board of Supervisors packet": the kind after the name is not part of it
            of_words.append(word)
            end = words[j][2]
            j += 1
    body = _classify(btype, qualifiers, of_words)
    if type_word.endswith("s") and type_word != "trustees":
        body = Body(body.key, body.level, body.text, plural=True)
    elif body.key in SPECIALIST_KEYS and of_words and of_words[-1] in _MEMBER_TITLES:
        body = Body(body.key, body.level, body.text, titled=True)
    return body, start, end


SPECIALIST_KEYS = frozenset(SPECIALIST_QUALIFIERS.values())
_MEMBER_TITLES = frozenset({"commissioners", "trustees", "directors", "governors", "regents", "supervisors"})


def _names_a_body(norm: str, words: list[tuple[str, int, int]], index: int) -> bool:
    """Is the type word at ``index`` a body, or part of a name ("Council Bluffs", "board-portal")?"""
    if index + 1 >= len(words) or norm[words[index][2] : words[index + 1][1]].strip():
        return True  # the end of the text, or punctuation after it: "City Council, Planning Board"
    after = words[index + 1][0]
    return (
        after in _BODY_FOLLOWERS
        or after == "&"
        or after in _QUALIFIER_STOP
        or after in STOPWORDS
        or after in _KIND_WORDS
        or after in _STATUS_WORDS
        or after in MONTH_WORDS
        or bool(_BODY_TYPE_RE.fullmatch(after))
        or after[0].isdigit()
    )


def _classify(btype: str, qualifiers: list[str], of_words: list[str]) -> Body:
    words = qualifiers + of_words
    level = next((LEVEL_WORDS[w] for w in words if w in LEVEL_WORDS), "")
    if btype == "trustees" and not qualifiers:
        btype = "board"
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    keys = [SPECIALIST_QUALIFIERS[w] for w in pairs + words if w in SPECIALIST_QUALIFIERS]
    # "Library Foundation Board", "Friends of the Library Board": the foundation's, the friends' board.
    specialist = "affiliate" if "affiliate" in keys else next(iter(keys), None)
    text = " ".join(qualifiers + [btype] + (["of", *of_words] if of_words else []))
    if specialist == "affiliate":
        # A foundation or friends group belongs to no level of government: "Education Foundation
        # Board" and "Foundation Board of Directors" name its board, not a school or company board.
        return Body(specialist, "", text)
    if specialist:
        # The members' title ("Board of Water *Commissioners*") names no level for a specialist body.
        level = next((LEVEL_WORDS[w] for w in qualifiers if w in LEVEL_WORDS), "")
        return Body(specialist, level, text)
    if btype == "council":
        return Body("council", level, text)
    if btype == "commission":
        governing = bool(level) or any(w in GOVERNING_OF and w != "the" for w in of_words)
        return Body("governing" if governing else "commission", level, text)
    if btype in ("committee", "authority", "senate", "assembly"):
        return Body(btype, level, text)
    if btype == "subcommittee":
        return Body("committee", level, text)
    if btype in ("association", "organization", "organisation"):
        # A parents' or residents' association is never the governing board, whatever its level.
        return Body("association", "", text)
    return Body("governing", level, text)
