"""The evidence a candidate or a downloaded document offers, one ``Source`` per place it was read.

Before download: the link text, the file name, the table column header, the nearest heading,
the headings above it (section), the page title, the breadcrumb, the surrounding text (or, next
to a bare "Download" link, the short label that names it) and the URL folder. A date written
without a year ("March 22") takes the one year the listing gives (a "2022" heading). After
download: the title block, the document's metadata title and dates, and the first page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from docharvest.models import Candidate
from docharvest.relevance.dates import Period, day_in_year, find_dates, month_days, own_date
from docharvest.relevance.phrases import EMPTY, Phrase, is_file_name, read_path, read_phrase, split_url
from docharvest.relevance.vocab import FORM_KINDS, PERIOD_KINDS
from docharvest.text.document import DocumentText

# Source names as they appear in reasons.
(
    TITLE,
    META,
    LINK,
    FILE,
    HEADING,
    PAGE,
    CRUMB,
    CONTEXT,
    FOLDER,
    CREATED,
    FIRST_PAGE,
    COLUMN,
    SECTION,
    LABEL,
) = (
    "title block",
    "document title",
    "link text",
    "file name",
    "heading",
    "page title",
    "breadcrumb",
    "surrounding text",
    "folder",
    "document metadata date",
    "first page",
    "table column",
    "section heading",
    "link label",  # the short text around a bare "Download" link: "Minutes: Download"
)


@dataclass(frozen=True, slots=True)
class Source:
    """One piece of evidence: where it came from and what it says."""

    name: str
    phrase: Phrase
    own: Period | None  # the date this source gives the document, if any


# -- evidence -------------------------------------------------------------------------------------


def candidate_sources(candidate: Candidate, filename: str | None = None) -> list[Source]:
    """The pre-download evidence of a candidate, strongest first."""
    folder, url_name = split_url(candidate.url)
    name = filename or str(candidate.extra.get("filename") or "") or url_name
    link = " ".join(t for t in (candidate.link_text, candidate.title_attr) if t and t.strip())
    sources = [
        _path(LINK, link) if is_file_name(link) else _prose(LINK, link),
        _path(FILE, name),
        _prose(COLUMN, str(candidate.extra.get("column") or "")),
        _prose(HEADING, candidate.heading),
        _prose(PAGE, candidate.page_title),
        _prose(CRUMB, candidate.breadcrumb),
        _trail(SECTION, str(candidate.extra.get("section") or "")),
        # A link showing only "PDF" (its tooltip the file name) is named by its row's short label.
        _prose(_context_name(candidate.link_text, candidate.context), candidate.context, own=False),
        _path(FOLDER, folder),
    ]
    sources = [s for s in sources if s.phrase is not EMPTY]
    year = _listing_year(sources)
    if year is not None:
        sources = [
            _with_listing_year(s, year, link if s.name == LINK else candidate.context) for s in sources
        ]
    return sources


# Surrounding text this short next to a link that says nothing is the link's label ("Minutes: Download").
LABEL_CHARS = 80


def _context_name(link: str, context: str) -> str:
    if len(context) > LABEL_CHARS:
        return CONTEXT
    said = read_phrase(link) if link.strip() else EMPTY
    bare = not (said.heads or said.bodies or said.dates or said.audiences)
    return LABEL if bare else CONTEXT


def _listing_year(sources: list[Source]) -> int | None:
    """The one year the listing gives (a heading "2022", a page title), for dates written without one."""
    listing = (HEADING, SECTION, PAGE, CRUMB, COLUMN)
    years = {s.own.year for s in sources if s.own is not None and s.name in listing}
    return years.pop() if len(years) == 1 else None


def _with_listing_year(source: Source, year: int, text: str) -> Source:
    """A link text or row that says "March 22" under a "2022" heading names 2022-03-22."""
    if source.name not in (LINK, CONTEXT, LABEL) or source.own is not None:
        return source
    days = month_days(text)
    if not days or len(set(days)) > 1:
        return source
    day = day_in_year(year, *days[0])
    return Source(source.name, source.phrase, day) if day is not None else source


def _prose(name: str, text: str, own: bool = True) -> Source:
    phrase = read_phrase(text) if text else EMPTY
    return Source(name, phrase, _source_date(phrase) if own or len(phrase.dates) == 1 else None)


def _trail(name: str, text: str) -> Source:
    """The headings above a link, outermost first ("Agendas, Minutes and Budget / Library Board"):
    each names its own bodies (the outer heading's list of kinds does not make the inner one's
    body a group)."""
    source = _prose(name, text)
    parts = text.split(" / ")
    if len(parts) < 2 or not source.phrase.bodies:
        return source
    bodies = tuple(b for part in parts for b in read_phrase(part).bodies)
    return Source(name, replace(source.phrase, bodies=bodies), source.own)


def _path(name: str, path: str) -> Source:
    phrase = read_path(path) if path else EMPTY
    return Source(name, phrase, _source_date(phrase))


def _source_date(phrase: Phrase) -> Period | None:
    """A source's date: own-cued, else first; a budget's period before its presentation day."""
    usable = [d for d in phrase.dates if d.cue != "foreign"]
    if not usable:
        return None
    if phrase.heads & PERIOD_KINDS:
        periods = [d for d in usable if d.granularity in ("fiscal", "span", "range", "quarter", "year")]
        if periods:
            return periods[0]
    own = [d for d in usable if d.cue == "own"]
    return own[0] if own else usable[0]


_BODY_START_RE = re.compile(
    r"^\s*(?:\d+[.)]|[ivx]+[.)]|[a-z][.)]\s|present\b|absent\b|members\b|roll call|call to order|attendance|"
    r"table of contents|contents\b|the meeting was|the regular meeting was|the special meeting was)",
    re.IGNORECASE,
)
# Running prose ("The draft resolution was discussed."), not a title line.
_SENTENCE_RE = re.compile(
    r"^(?:the|a|an|this|these|it|we|on|at|in)\b.*\.$|^(?:\S+\s+){6,}\S+\.$", re.IGNORECASE
)
_DRAFT_MARK_RE = re.compile(
    r"\bDRAFT\b|\b(?:not yet approved|subject to (?:board )?approval|unapproved)\b", re.I
)
_UPPER_DRAFT_RE = re.compile(r"\bDRAFT\b")
_TITLE_LINES, _TITLE_CHARS = 10, 700


def title_block(text: DocumentText) -> str:
    """The first lines of the first page, up to where the body starts (numbered items, roll call)."""
    first = next((p for p in text.pages if p.strip()), "")
    lines: list[str] = []
    size = 0
    for line in first.splitlines():
        line = line.strip()
        if not line:
            continue
        if lines and (_BODY_START_RE.match(line) or len(line) > 160 or _SENTENCE_RE.match(line)):
            break
        lines.append(line)
        size += len(line)
        if len(lines) >= _TITLE_LINES or size >= _TITLE_CHARS:
            break
    return "\n".join(lines)


def text_sources(text: DocumentText, period_hint: bool = False) -> list[Source]:
    """Evidence from a downloaded document: title block, metadata title, first page, metadata dates."""
    block = title_block(text)
    first_page = next((p for p in text.pages if p.strip()), "")[:3000]
    phrase = _title_phrase(block)
    period_document = bool(phrase.heads & PERIOD_KINDS) if phrase.heads else period_hint
    sources = [Source(TITLE, phrase, own_date(block, period_document=period_document))]
    if text.title and text.title.strip():
        sources.append(_prose(META, text.title))
    # A meeting-date sentence below the title block ("The regular meeting ... was held on ...").
    own_cued = [d for d in find_dates(first_page) if d.cue == "own"]
    statuses = frozenset({"draft"}) if _draft_marked(first_page) else frozenset()
    sources.append(
        Source(
            FIRST_PAGE, Phrase(frozenset(), frozenset(), (), statuses, ()), own_cued[0] if own_cued else None
        )
    )
    if text.created:
        d = text.created.date()
        sources.append(Source(CREATED, EMPTY, Period(d, d, "day", d.isoformat())))
    return sources


def _title_phrase(block: str) -> Phrase:
    """The title block as one phrase: each line is read alone (a title, a subtitle, a date line).

    The kind is the first line's, unless another line names the document's form: "Budget
    Overview / Presentation to the Board" is a presentation, "MINUTES / Budget Hearing" minutes.
    """
    lines = [read_phrase(line) for line in block.splitlines()]
    named = [p.heads for p in lines if p.heads]
    heads = next((h & FORM_KINDS for h in named if h & FORM_KINDS), named[0] if named else frozenset())
    kinds = frozenset().union(*(p.kinds for p in lines)) if lines else frozenset()
    bodies = tuple(b for p in lines for b in p.bodies)
    statuses = frozenset().union(*(p.statuses for p in lines)) if lines else frozenset()
    # "SUMMARY OF CHANGES / Faculty Handbook", "NOTICE OF PUBLIC HEARING / FY2025 Budget".
    derived = any(p.derived for p in lines[:2])
    sorts = frozenset().union(*(p.sorts for p in lines if p.heads & heads)) if lines else frozenset()
    return Phrase(heads, kinds, bodies, statuses, find_dates(block), derived=derived, sorts=sorts)


def _draft_marked(first_page: str) -> bool:
    # A watermark or stamp is upper case; "the draft budget" in running text is not a status.
    match = _DRAFT_MARK_RE.search(first_page)
    if match is None:
        return False
    return match.group(0).lower() != "draft" or bool(_UPPER_DRAFT_RE.search(first_page))
