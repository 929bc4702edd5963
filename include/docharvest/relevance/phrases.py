"""Reading one short text (a link text, a heading, a file name, a title block) for evidence.

``read_phrase(text)`` finds the issuing bodies named ("Planning Board", "Board of
Education"), the document kinds named outside those bodies (so "Audit Committee"
is a body, not an audit), which kind is the head of the phrase ("Budget
Presentation" is a presentation about the budget; "Minutes of the Budget Hearing"
are minutes), statuses (draft, proposed, final) and dates. Results are cached:
headings, page titles and breadcrumbs repeat across every link of a page. The bodies are read
by ``body_names``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from docharvest.relevance.body_names import Body, read_bodies
from docharvest.relevance.dates import Period, find_dates
from docharvest.relevance.languages import file_language, read_languages
from docharvest.relevance.vocab import (
    AUDIENCE_PHRASES,
    BODY_ABBREVIATIONS,
    KIND_ABBREVIATIONS,
    KIND_PHRASES,
    KIND_SORTS,
    STATUS_PHRASES,
    WEAK_KINDS,
)

# Repeats are local (a page's heading, title and breadcrumb on every link of the page): a few
# thousand entries catch them. 65,536 held ~70 MB of Phrases on a 20,000-page crawl (issue 18).
PHRASE_CACHE_SIZE = 8192


@dataclass(frozen=True, slots=True)
class Phrase:
    """What one text says about a document."""

    heads: frozenset[str]  # the kind(s) the text names the document as
    kinds: frozenset[
        str
    ]  # every kind mentioned (heads and modifiers such as "budget" in "budget presentation")
    bodies: tuple[Body, ...]
    statuses: frozenset[str]
    dates: tuple[Period, ...]
    # A listing label ("Agendas & Minutes", "meetings-and-minutes"): names what a section or a
    # site's folder holds, not what this one document is.
    listing: bool = False
    audiences: frozenset[str] = frozenset()  # "level:high", "group:student" (vocab.AUDIENCE_PHRASES)
    # A document about another one ("Summary of Handbook Revisions", "Comments on the Annual
    # Plan", "Notice of Public Hearing - FY2025 Budget"): it names that document, is not it.
    derived: bool = False
    sorts: frozenset[str] = frozenset()  # the sort of its head kind it names (vocab.KIND_SORTS): "capital"

    @property
    def modifiers(self) -> frozenset[str]:
        return self.kinds - self.heads


EMPTY = Phrase(frozenset(), frozenset(), (), frozenset(), ())


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


_KIND_OF = {p: k for k, ps in KIND_PHRASES.items() for p in ps}
_KIND_RE = re.compile(r"(?<![a-z0-9])(" + _alternation(list(_KIND_OF)) + r")(?![a-z0-9])")
_ABBR_OF = {a: k for k, abbrs in KIND_ABBREVIATIONS.items() for a in abbrs}
_STATUS_OF = {p: s for s, ps in STATUS_PHRASES.items() for p in ps}
_STATUS_RE = re.compile(r"(?<![a-z0-9])(" + _alternation(list(_STATUS_OF)) + r")(?![a-z0-9])")
_SPACE_RE = re.compile(r"\s+")
_COORDINATION_RE = re.compile(r"^[\s,;]*(?:[a-z]+\s+){0,2}(?:and|&|,|;|/|or|\+)[\s,;]*$")
# ("Minutes with Schedules", "Agenda including Attachments": what comes with it is not the document.)
_OF_RE = re.compile(r"^\s*(?:of|for|on|regarding|about|with|including)\b")


def _normalize(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    # "board's" / "auditor's": the possessive reads as the plain word.
    return _SPACE_RE.sub(" ", text.replace("'s ", "s "))


# "Calendar Year 2021" (and "fiscal year") name a period, never a calendar document.
_PERIOD_NAME_RE = re.compile(r"\bcalendar\s+years?\b")


def _kinds(text: str, masked: list[tuple[int, int]]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(heads, all kinds, sorts of the heads) named in ``text`` outside the masked (body) spans."""
    heads, kinds, mentions = _kind_mentions(text, masked)
    sorts = frozenset(KIND_SORTS[p] for k, p in mentions if k in heads and p in KIND_SORTS)
    return heads, kinds, sorts


def _kind_mentions(
    text: str, masked: list[tuple[int, int]]
) -> tuple[frozenset[str], frozenset[str], list[tuple[str, str]]]:
    for s, e in masked:
        text = text[:s] + " " * (e - s) + text[e:]
    text = _PERIOD_NAME_RE.sub(lambda m: " " * len(m.group(0)), text)
    mentions: list[tuple[str, int, int, str]] = []
    for m in _KIND_RE.finditer(text):
        phrase = _SPACE_RE.sub(" ", m.group(1))
        mentions.append((_KIND_OF[phrase], m.start(), m.end(), phrase))
    if not mentions:
        return frozenset(), frozenset(), []
    kinds = frozenset(m[0] for m in mentions)
    # A kind in a parenthetical or naming a meeting ("Minutes (Budget Workshop)", "Budget Hearing
    # Minutes") qualifies the document; it is not what the document is, when another kind is named.
    naming = [m for m in mentions if not _qualifying(text, m[1], m[2])]
    if naming and len(naming) < len(mentions):
        mentions = naming
    named = [(m[0], m[3]) for m in mentions]
    if len(kinds) == 1:
        return kinds, kinds, named
    # The head of an English noun phrase is its last noun ("budget presentation"), unless
    # "of"/"for" introduces the complement ("minutes of the budget hearing"); kinds joined
    # by "and" are all heads ("agendas and minutes").
    heads = {mentions[-1][0]}
    for (k1, _, e1, _), (k2, s2, _, _) in zip(mentions, mentions[1:], strict=False):
        between = text[e1:s2]
        if _COORDINATION_RE.match(between):
            heads |= {k1, k2}
        elif _OF_RE.match(between) and k2 in heads:
            heads = (heads - {k2}) | {k1}
    if len(heads) > 1 and heads - WEAK_KINDS:
        heads -= WEAK_KINDS
    return frozenset(heads), kinds, named


_MEETING_WORD_RE = re.compile(
    r"^\s*(?:workshops?|hearings?|sessions?|retreats?|meetings?|work\s+sessions?)\b"
)


def _qualifying(text: str, start: int, end: int) -> bool:
    """Is the kind mention at ``start:end`` inside brackets, or the name of a meeting?"""
    before = text[:start]
    inside = before.count("(") > before.count(")") or before.count("[") > before.count("]")
    return inside or bool(_MEETING_WORD_RE.match(text[end:]))


@lru_cache(maxsize=PHRASE_CACHE_SIZE)
def read_phrase(text: str) -> Phrase:
    """Evidence in a prose text (link text, heading, title block line)."""
    if not text or not text.strip():
        return EMPTY
    norm = _normalize(text)
    bodies, masked = read_bodies(norm)
    if not any(b.key == "affiliate" for b in bodies):
        bodies = _with_affiliates(norm, bodies, masked)
    if not bodies:
        bodies.extend(_abbreviated_bodies(text))
    heads, kinds, sorts = _kinds(norm, masked)
    statuses = frozenset(_STATUS_OF[_SPACE_RE.sub(" ", m.group(1))] for m in _STATUS_RE.finditer(norm))
    several = bool(_SEVERAL_KINDS_RE.search(norm))
    listing = len(heads) > 1 or several or bool(_LISTING_RE.search(norm))
    if several:
        # "Public Notices & Board Documents": the bodies of a listing's name are a group.
        bodies = [replace(b, plural=True) for b in bodies]
    audiences = read_audiences(norm)
    # "Summary of Proceedings" is minutes, "Notice of Meeting and Agenda" an agenda: not derived.
    derived = bool(_DERIVED_RE.search(norm)) and not heads & _MEETING_RECORDS
    return Phrase(heads, kinds, tuple(bodies), statuses, find_dates(text), listing, audiences, derived, sorts)


_AUDIENCE_RE = re.compile(r"(?<![a-z0-9])(" + _alternation(list(AUDIENCE_PHRASES)) + r")(?![a-z0-9])")


def read_audiences(norm: str) -> frozenset[str]:
    """Audiences named in a normalised (lower-case) text; "high school" is not the bare "school"."""
    named = frozenset(AUDIENCE_PHRASES[_SPACE_RE.sub(" ", m.group(1))] for m in _AUDIENCE_RE.finditer(norm))
    return named | read_languages(norm) | read_grades(norm)


# A school grade: "3rd grade", "grade 3", "grades 6-8", "gr1" (a file name), "kindergarten".
GRADE_RE = re.compile(
    r"(?<![a-z0-9])(?:(\d{1,2})(?:st|nd|rd|th)[\s-]+grade|grades?\s+(k|\d{1,2})(?:\s*(?:-|\u2013|to|through)\s*"
    r"(\d{1,2}))?|gr\.?\s*(k|\d{1,2})|(kindergarten))(?![a-z0-9])"
)


def read_grades(norm: str) -> frozenset[str]:
    """The school grades a text names, as audiences of their own dimension ("grade:3", "grade:k")."""
    found: set[str] = set()
    for m in GRADE_RE.finditer(norm):
        first = m.group(1) or m.group(2) or m.group(4) or "k"
        last = m.group(3)
        if first.isdigit() and last and int(first) < int(last) <= 12:
            found.update(f"grade:{g}" for g in range(int(first), int(last) + 1))
        elif first == "k" or 1 <= int(first) <= 12:
            found.add(f"grade:{first}")
    return frozenset(found)


# "Meetings and Minutes", "Agendas & Meetings": a section or folder name, not a document's kind.
_LISTING_RE = re.compile(
    r"\bmeetings\s*(?:and|&|\+)\s*(?:minutes|agendas|documents)\b|"
    r"\b(?:minutes|agendas|documents)\s*(?:and|&|\+)\s*meetings\b"
)


# A page or section named for several kinds of documents: "Public Notices & Board Documents",
# "Reports, Plans and Studies", "Agendas and Notices".
_PLURAL_NOUNS = (
    r"(?:notices|agendas|minutes|documents|reports|records|forms|policies|plans|studies|publications|"
    r"materials|resources|budgets|resolutions|ordinances|presentations|announcements|news|assessments)"
)
_SEVERAL_KINDS_RE = re.compile(rf"\b{_PLURAL_NOUNS}\s*(?:,|and|&|\+)\s*(?:[a-z]+\s+){{0,2}}{_PLURAL_NOUNS}\b")
_MEETING_RECORDS = frozenset({"minutes", "agenda", "packet", "transcript"})
# A document about another document: its summary, the comments on it, the notice of its hearing.
_DERIVED_RE = re.compile(
    r"\b(?:summary|summaries|comments?|notice|survey|instructions|addendum|errata|certification|"
    r"response|responses|review|highlights|overview|presentation|hearing|corrections?|recommendations?)\s+"
    r"(?:of|on|to|for|about|regarding)\b|"
    r"\b(?:summary of (?:changes|revisions)|revisions|survey results|executive summary|at a glance|"
    r"in brief|frequently asked questions|faqs?|certification form|redline|red-lined?|tracked changes)\b|"
    # The head noun of the label names a companion of another document: "Catalog Addendum",
    # "Budget Message FY 2023-24", "Renewal Instructions".
    r"\b(?:addendum|addenda|errata|supplement|message|transmittal(?:\s+letter)?|instructions)\b"
    r"(?=\s*(?:$|[(\d]|fy\b|for\b|from\b))"
)


_UPPER_TOKEN_RE = re.compile(r"\b[A-Z]{2,4}\b")


# A group beside the organisation named without a type word: "Friends of the Library", "Library Foundation".
_AFFILIATE_RE = re.compile(r"(?<![a-z0-9])(friends of (?:the )?[a-z]+|(?:[a-z]+ )?foundation)(?![a-z0-9])")


def _with_affiliates(norm: str, bodies: list[Body], spans: list[tuple[int, int]]) -> list[Body]:
    """The bodies read, an affiliate group among them: "Friends of the Library Board" is the
    friends' board, not the library board."""
    found = list(_AFFILIATE_RE.finditer(norm))
    if not found:
        return bodies
    kept = [b for b, (start, end) in zip(bodies, spans, strict=True) if not any(
        start < m.end() and m.start() < end for m in found
    )]  # fmt: skip
    return kept + [Body("affiliate", "", m.group(1)) for m in found]


def _abbreviated_bodies(text: str) -> list[Body]:
    """Bodies written as capitalised abbreviations in prose ("ZBA minutes", "BOE agenda")."""
    found: list[Body] = []
    for token in _UPPER_TOKEN_RE.findall(text):
        phrase = BODY_ABBREVIATIONS.get(token.lower())
        if phrase:
            found.extend(read_phrase(phrase).bodies)
    return found


_PATH_SPLIT_RE = re.compile(r"[/_\-.+=,;()\[\]]+|%20|\s+")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_LETTER_DIGIT_RE = re.compile(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
# "010924" in a file name: month, day, two-digit year (common in municipal uploads).
_MMDDYY_RE = re.compile(r"(?<!\d)(0[1-9]|1[0-2])([0-2]\d|3[01])(\d\d)(?!\d)")
_LONG_NUMBER_RE = re.compile(r"(?<!\d)\d{9,}(?!\d)")
# A hash or upload id ("1d0388cc5131"): hex digits mixing letters and digits, read as no words.
_HEX_ID_RE = re.compile(
    r"(?<![0-9a-z])(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{10,}(?![0-9a-z])", re.IGNORECASE
)
_EXTENSION_RE = re.compile(r"\.(?:pdf|docx?|txt|rtf|odt|xlsx?|csv|pptx?|html?|aspx|php)$", re.IGNORECASE)


@lru_cache(maxsize=PHRASE_CACHE_SIZE)
def read_path(path: str) -> Phrase:
    """Evidence in a file name or URL path segment: words split at separators, abbreviations known."""
    if not path:
        return EMPTY
    raw = _HEX_ID_RE.sub(" ", _EXTENSION_RE.sub("", unquote(path)))
    words = " ".join(_CAMEL_RE.sub(" ", part) for part in _PATH_SPLIT_RE.split(raw) if part)
    phrase = read_phrase(words)
    tokens = words.lower().split()
    heads = set(phrase.heads)
    kinds = set(phrase.kinds)
    bodies = list(phrase.bodies)
    for token in tokens:
        if token in _ABBR_OF and not heads:
            heads.add(_ABBR_OF[token])
            kinds.add(_ABBR_OF[token])
        if token in BODY_ABBREVIATIONS and not bodies:
            bodies.extend(read_phrase(BODY_ABBREVIATIONS[token]).bodies)
    # Dates are read on the raw name so "2024-01-09" and "20240109" keep their shape; digit
    # runs longer than any date (upload ids, hashes) are dropped first.
    raw = _LONG_NUMBER_RE.sub(" ", raw)
    dates = find_dates(_LETTER_DIGIT_RE.sub(" ", raw))
    if not dates:
        short = _MMDDYY_RE.search(raw)
        if short:
            dates = find_dates(f"{short.group(1)}/{short.group(2)}/20{short.group(3)}")
    return Phrase(
        frozenset(heads),
        frozenset(kinds),
        tuple(bodies),
        phrase.statuses,
        dates,
        phrase.listing,
        phrase.audiences | file_language(tokens),
        phrase.derived,
        phrase.sorts,
    )


# A link text that is only a file name ("LocalPlan_PY20-23_FINAL.pdf"): read as one (words split).
_FILE_NAME_RE = re.compile(r"^[^\s/]+\.(?:pdf|docx?|txt|rtf|odt|xlsx?|csv|pptx?)$", re.IGNORECASE)
_LOWER_UPPER_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")


def is_file_name(text: str) -> bool:
    return bool(_FILE_NAME_RE.match(text.strip()))


def name_words(name: str) -> str:
    """A file name's words: "LocalPlan_PY20-23_FINAL" -> "Local Plan PY20 23 FINAL"."""
    return _LOWER_UPPER_RE.sub(" ", re.sub(r"[-_.+]+", " ", name))


def split_url(url: str) -> tuple[str, str]:
    """(folder path, file name) of a URL."""
    path = urlsplit(url).path
    folder, _, name = path.rpartition("/")
    return folder, name
