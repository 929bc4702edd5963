"""A labelled relevance corpus: sites in several styles, their documents, prompts, and truth.

Every document is generated from a ``DocSpec`` (kind, issuing body, own period, status,
topic); every prompt from a ``PromptSpec`` with the same structured meaning. A
document is relevant to a prompt when its spec satisfies the prompt's spec, so the
labels never depend on the scorer's reading of the text. What the scorer sees (link
text, headings, file names, folders, title blocks, body text) is rendered from
templates with varied wording, picked by a seeded ``random.Random``: ``build_corpus(seed)``
gives a different site for every seed, with the same kinds of decoys:

- other bodies' minutes (planning board, zoning board of appeals, committees);
- other years (December meetings next to January ones; 2023 vs 2024);
- agendas next to minutes of the same meeting; budgets next to budget presentations;
- generic link text ("Download", "PDF", "View") with the evidence only in the row context;
- upload folders whose year differs from the meeting year (/uploads/2024/01/ for December 2023);
- dates in the text that are not the document's own ("approved January 9, 2024", "next meeting");
- drafts and proposed budgets; a few mislabelled links whose text tells the truth.

``build_corpus`` returns Candidate objects and DocumentText directly (no HTTP), which is
what ``bench/relevance.py`` and the unit tests use.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from docharvest.models import Candidate
from docharvest.text.document import DocumentText

MONTH_NAMES = list(calendar.month_name)[1:]  # January .. December (English, C locale)
FAR_PAST, FAR_FUTURE = date(1950, 1, 1), date(2049, 12, 31)


@dataclass(frozen=True)
class BodyInfo:
    name: str  # as the site writes it: "Town Board", "Board of Education"
    key: str  # what the body is, for labels: governing | council | planning | zoning | audit | finance | ...
    level: str  # town | city | county | school | company
    abbr: str


@dataclass(frozen=True)
class DocSpec:
    """The truth about one document."""

    kind: str
    body: BodyInfo | None
    start: date  # the document's own period (a meeting day, a fiscal year, a quarter, a year)
    end: date
    granularity: str  # day | fiscal | span | year | quarter
    status: str = "final"  # final | draft | proposed
    topic: str | None = None  # "budget" for a budget presentation

    @property
    def named_year(self) -> int:
        return self.end.year if self.granularity in ("fiscal", "span") else self.start.year


@dataclass(frozen=True)
class PromptSpec:
    """The meaning of one prompt, and the wordings it may be written in."""

    pid: str
    wordings: tuple[str, ...]
    kinds: frozenset[str]
    body_keys: frozenset[str] = frozenset()
    body_level: str = ""
    start: date | None = None
    end: date | None = None
    fiscal: bool = False  # the window is a fiscal/school year: compared by named year
    topic: str | None = None
    excluded_statuses: frozenset[str] = frozenset()
    required_final: bool = False

    def relevant(self, doc: DocSpec) -> bool:
        if doc.kind not in self.kinds:
            return False
        if self.topic and doc.topic != self.topic:
            return False
        if self.body_keys:
            if doc.body is None or doc.body.key not in self.body_keys:
                return False
            if self.body_level and doc.body.level != self.body_level:
                return False
        if doc.status in self.excluded_statuses:
            return False
        if self.required_final and doc.status != "final":
            return False
        return self._in_window(doc)

    def _in_window(self, doc: DocSpec) -> bool:
        if self.start is None and self.end is None:
            return True
        start, end = self.start or FAR_PAST, self.end or FAR_FUTURE
        if self.fiscal:
            return doc.named_year == end.year
        if doc.granularity in ("fiscal", "span"):
            return start.year <= doc.named_year <= end.year
        return start <= doc.start and doc.end <= end


@dataclass
class CorpusDoc:
    doc_id: str
    site: str
    spec: DocSpec
    candidate: Candidate
    text: DocumentText
    filename: str
    decoys: tuple[str, ...] = ()


@dataclass
class Corpus:
    docs: list[CorpusDoc]
    prompts: list[PromptSpec]
    wording: dict[str, str] = field(default_factory=dict)  # pid -> the wording used in this corpus

    def labels(self, prompt: PromptSpec) -> list[bool]:
        return [prompt.relevant(d.spec) for d in self.docs]


# -- prompts -------------------------------------------------------------------------------------

GOVERNING = frozenset({"governing"})
PROMPTS: tuple[PromptSpec, ...] = (
    PromptSpec(
        "board-minutes-2024",
        (
            "Find all board meeting minutes from 2024",
            "board minutes 2024",
            "I need the minutes of every board meeting held in 2024",
            "Minutes of the board's 2024 meetings",
        ),
        frozenset({"minutes"}),
        GOVERNING,
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
    ),
    PromptSpec(
        "planning-agendas-2023",
        (
            "Planning commission agendas for 2023",
            "Find agendas of the planning board from 2023",
            "2023 planning board meeting agendas",
        ),
        frozenset({"agenda"}),
        frozenset({"planning"}),
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
    ),
    PromptSpec(
        "school-board-minutes-since-2023",
        (
            "School board minutes since 2023, not drafts",
            "Board of Education meeting minutes from 2023 onward, excluding drafts",
            "Find school board minutes since 2023 (no drafts)",
        ),
        frozenset({"minutes"}),
        GOVERNING,
        body_level="school",
        start=date(2023, 1, 1),
        excluded_statuses=frozenset({"draft"}),
    ),
    PromptSpec(
        "adopted-budget-fy2024",
        (
            "Adopted budget documents for FY2024",
            "Find the adopted budget for fiscal year 2024",
            "FY 2024 budget, final adopted version only",
        ),
        frozenset({"budget"}),
        start=date(2023, 7, 1),
        end=date(2024, 6, 30),
        fiscal=True,
        required_final=True,
    ),
    PromptSpec(
        "annual-reports-2020-2022",
        (
            "Annual reports from 2020 to 2022",
            "Find annual reports between 2020 and 2022",
            "annual reports 2020-2022",
        ),
        frozenset({"annual report"}),
        start=date(2020, 1, 1),
        end=date(2022, 12, 31),
    ),
    PromptSpec(
        "council-minutes-march-2024",
        ("City council minutes from March 2024", "Find the minutes of city council meetings in March 2024"),
        frozenset({"minutes"}),
        frozenset({"council"}),
        start=date(2024, 3, 1),
        end=date(2024, 3, 31),
    ),
    PromptSpec(
        "audit-reports",
        (
            "Find all audit reports",
            "audited financial statements and audit reports",
            "Get every audit report",
        ),
        frozenset({"audit"}),
    ),
    PromptSpec(
        "ordinances-2023",
        ("Ordinances adopted in 2023", "Find all ordinances and local laws passed in 2023"),
        frozenset({"ordinance"}),
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
        required_final=True,
    ),
    PromptSpec(
        "school-calendar-2024-25",
        (
            "School calendar for 2024-25",
            "the 2024-2025 school year calendar",
            "Find the district calendar for the 2024-25 school year",
        ),
        frozenset({"calendar"}),
        start=date(2024, 7, 1),
        end=date(2025, 6, 30),
        fiscal=True,
    ),
    PromptSpec(
        "zba-minutes-no-drafts",
        (
            "Zoning board of appeals minutes, not drafts",
            "Find ZBA meeting minutes excluding drafts",
            "Zoning Board of Appeals minutes (final versions only)",
        ),
        frozenset({"minutes"}),
        frozenset({"zoning"}),
        excluded_statuses=frozenset({"draft"}),
    ),
    PromptSpec(
        "earnings-releases-2024",
        ("Quarterly earnings releases for 2024", "Find 2024 earnings press releases"),
        frozenset({"earnings release"}),
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
    ),
    PromptSpec(
        "budget-presentations",
        ("Find all budget presentations", "budget presentation slides"),
        frozenset({"presentation"}),
        topic="budget",
    ),
    PromptSpec(
        "board-agendas-and-minutes-2023",
        ("Town board agendas and minutes from 2023", "Find 2023 town board meeting agendas and minutes"),
        frozenset({"agenda", "minutes"}),
        GOVERNING,
        body_level="town",
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
    ),
)


# -- rendering helpers ---------------------------------------------------------------------------


def long_date(d: date, rng: random.Random) -> str:
    style = rng.randrange(5)
    if style == 0:
        return f"{MONTH_NAMES[d.month - 1]} {d.day}, {d.year}"
    if style == 1:
        return f"{d.strftime('%A')}, {MONTH_NAMES[d.month - 1]} {d.day}, {d.year}"
    if style == 2:
        return f"{d.month}/{d.day}/{d.year}"
    if style == 3:
        return f"{MONTH_NAMES[d.month - 1][:3]}. {d.day}, {d.year}"
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def short_date(d: date, rng: random.Random) -> str:
    style = rng.randrange(4)
    if style == 0:
        return f"{d.month:02d}-{d.day:02d}-{d.year}"
    if style == 1:
        return d.isoformat()
    if style == 2:
        return f"{MONTH_NAMES[d.month - 1]} {d.day}, {d.year}"
    return f"{d.month}/{d.day}/{d.year % 100:02d}"


def file_date(d: date, rng: random.Random) -> str:
    style = rng.randrange(4)
    if style == 0:
        return d.strftime("%Y-%m-%d")
    if style == 1:
        return d.strftime("%Y%m%d")
    if style == 2:
        return d.strftime("%m%d%y")
    return d.strftime("%m-%d-%Y")


def fy_label(end_year: int, rng: random.Random) -> str:
    style = rng.randrange(5)
    if style == 0:
        return f"FY{end_year}"
    if style == 1:
        return f"Fiscal Year {end_year - 1}-{end_year}"
    if style == 2:
        return f"{end_year - 1}-{end_year % 100:02d}"
    if style == 3:
        return f"FY {end_year - 1}-{end_year % 100:02d}"
    return f"{end_year - 1}\u2013{end_year}"


GENERIC_LINKS = ("Download", "PDF", "View", "[PDF]", "Click here", "Download PDF", "Open")
MEETING_WORDS = ("Regular Meeting", "Regular Meeting", "Special Meeting", "Work Session", "Regular Session")
FILLER = (
    "Discussion followed regarding the proposed sidewalk improvements and the timeline for bids.",
    "The motion carried unanimously with all members present voting in favor.",
    "Public comment: two residents spoke about traffic on the main road near the school.",
    "The clerk reported that the annual audit field work is expected to be completed in the spring.",
    "Members reviewed correspondence received since the last meeting and placed it on file.",
    "A presentation was given on the status of the water main replacement project.",
)


class _Site:
    """Shared machinery: ids, URLs in the site's style, candidate and document assembly."""

    def __init__(self, name: str, style: str, rng: random.Random, host: str) -> None:
        self.name = name
        self.style = style
        self.rng = rng
        self.host = host
        self.docs: list[CorpusDoc] = []
        self.counter = 0

    def url(self, filename: str, posted: date, section: str) -> tuple[str, dict[str, str]]:
        """A URL in one of the usual CMS layouts; opaque ones carry the name in Content-Disposition."""
        self.counter += 1
        layout = self.rng.randrange(4)
        if layout == 0:  # WordPress: upload month, not meeting month
            return f"https://{self.host}/wp-content/uploads/{posted.year}/{posted.month:02d}/{filename}", {}
        if layout == 1:  # document center: opaque id, name in Content-Disposition
            return f"https://{self.host}/DocumentCenter/View/{1000 + self.counter}", {"filename": filename}
        if layout == 2:
            return f"https://{self.host}/{section}/{filename}", {}
        return f"https://{self.host}/sites/default/files/{posted.year}-{posted.month:02d}/{filename}", {}

    def add(
        self,
        spec: DocSpec,
        *,
        link_text: str,
        filename: str,
        posted: date,
        section: str,
        heading: str,
        page_title: str,
        breadcrumb: str,
        pages: list[str],
        context: str = "",
        title_attr: str = "",
        meta_title: str | None = None,
        decoys: tuple[str, ...] = (),
    ) -> None:
        url, extra = self.url(filename, posted, section)
        if posted.year != spec.named_year and "/uploads/" in url:
            decoys = (*decoys, "folder-year")
        if link_text in GENERIC_LINKS:
            decoys = (*decoys, "generic-link")
        candidate = Candidate(
            url=url,
            source_page=f"https://{self.host}/{section}",
            link_text=link_text,
            title_attr=title_attr,
            context=context,
            heading=heading,
            page_title=page_title,
            breadcrumb=breadcrumb,
            depth=2,
            hinted_type="pdf",
            extra=extra,
        )
        created = datetime.combine(posted, datetime.min.time()) if self.rng.random() < 0.7 else None
        text = DocumentText(pages=pages, title=meta_title, created=created)
        self.counter += 1
        doc_id = f"{self.style}-{self.counter:04d}"
        self.docs.append(CorpusDoc(doc_id, self.name, spec, candidate, text, filename, decoys))


# -- meeting documents ---------------------------------------------------------------------------


def _meeting_dates(rng: random.Random, years: dict[int, int], extra: tuple[date, ...] = ()) -> list[date]:
    """Meeting days: ``years`` maps a year to how many meetings it has in random months."""
    days: set[date] = set(extra)
    for year, count in years.items():
        months = sorted(rng.sample(range(1, 13), min(12, count)))
        for month in months:
            days.add(date(year, month, rng.choice([2, 5, 9, 12, 14, 16, 19, 21, 23, 27])))
    return sorted(days)


def _minutes_pages(
    site: _Site, muni: str, body: BodyInfo, day: date, status: str, others: list[BodyInfo]
) -> list[str]:
    rng = site.rng
    when = long_date(day, rng)
    kind_word = rng.choice(MEETING_WORDS)
    style = rng.randrange(4)
    if style == 0:
        head = f"{muni.upper()}\n{body.name.upper()}\nMINUTES OF THE {kind_word.upper()}\n{when}\n"
    elif style == 1:
        head = f"{body.name} Meeting Minutes\n{when} \u2013 7:00 PM\n{muni} Hall, Main Conference Room\n"
    elif style == 2:
        head = f"Minutes\n{body.name} of the {muni}\n{kind_word} held {when}\n"
    else:
        head = f"{muni}\nSummary of Proceedings\n{body.name}\nMeeting Date: {short_date(day, rng)}\n"
    if status == "draft":
        head = rng.choice(["DRAFT\n", "DRAFT - NOT YET APPROVED\n"]) + head
    prev = day - timedelta(days=rng.choice([14, 28, 35]))
    nxt = day + timedelta(days=rng.choice([14, 28, 35]))
    approved = day + timedelta(days=rng.choice([21, 28, 30]))
    other = rng.choice(others).name if others else "Finance Committee"
    body_text = [
        "Present: Chair L. Moreno, J. Patel, R. Okafor, S. Lindqvist. Absent: none.",
        "1. Call to order at 7:02 PM by the Chair; Pledge of Allegiance.",
        f"2. Approval of minutes: the minutes of the {long_date(prev, rng)} meeting were approved as presented.",
        f"3. The {other} recommendation concerning the site plan was received and discussed.",
        f"4. {rng.choice(FILLER)}",
        f"5. {rng.choice(FILLER)}",
        f"Next meeting: {long_date(nxt, rng)}.",
    ]
    if status == "final" and rng.random() < 0.6:
        body_text.append(f"Minutes approved {long_date(approved, rng)}.")
    if status == "draft":
        body_text.append("These minutes are a draft and subject to approval at the next meeting.")
    return [head + "\n".join(body_text), "Adjournment. Respectfully submitted, Clerk."]


def _agenda_pages(site: _Site, muni: str, body: BodyInfo, day: date) -> list[str]:
    rng = site.rng
    when = long_date(day, rng)
    prev = day - timedelta(days=rng.choice([14, 28, 35]))
    style = rng.randrange(3)
    if style == 0:
        head = f"{body.name.upper()}\n{rng.choice(MEETING_WORDS).upper()} AGENDA\n{when}\n7:00 PM\n"
    elif style == 1:
        head = f"AGENDA\n{muni} {body.name}\n{when}\n"
    else:
        head = f"{muni}\nNotice of Meeting and Agenda\n{body.name}\n{when} at 6:30 PM\n"
    items = [
        "1. Call to Order",
        "2. Roll Call",
        f"3. Approval of Minutes of {long_date(prev, rng)}",
        "4. Public Comment",
        f"5. {rng.choice(['Old Business', 'Unfinished Business'])}: sidewalk program update",
        "6. New Business: resolution authorizing bid for road salt",
        "7. Adjournment",
    ]
    return [head + "\n".join(items)]


def _meeting_link(site: _Site, body: BodyInfo, kind: str, day: date, status: str) -> tuple[str, str, str]:
    """(link text, title attribute, context) for a meeting document in a listing table."""
    rng = site.rng
    kind_word = {
        "minutes": rng.choice(["Minutes", "Meeting Minutes", "Minutes"]),
        "agenda": rng.choice(["Agenda", "Agenda Packet", "Agenda"]),
    }[kind]
    when = short_date(day, rng)
    draft = "Draft " if status == "draft" else ""
    style = rng.randrange(6)
    row = f"{when} {rng.choice(MEETING_WORDS)} \u2014 Agenda | Minutes | Video"
    if style == 0:
        return f"{when} {draft}{kind_word}", "", row
    if style == 1:
        return f"{draft}{kind_word} - {when}", "", row
    if style == 2:
        return rng.choice(GENERIC_LINKS), f"{draft}{kind_word} {when}", row
    if style == 3:
        return rng.choice(GENERIC_LINKS), "", f"{when} {body.name} {draft}{kind_word} (PDF, 210 KB)"
    if style == 4:
        return f"{body.name} {draft}{kind_word} {when}", "", ""
    return when, "", f"{kind_word}: {row}"


def _meeting_filename(site: _Site, body: BodyInfo, kind: str, day: date, status: str) -> str:
    rng = site.rng
    k = {
        "minutes": rng.choice(["Minutes", "min", "MIN", "minutes"]),
        "agenda": rng.choice(["Agenda", "agd", "AGENDA", "agenda-packet"]),
    }[kind]
    d = file_date(day, rng)
    draft = "_DRAFT" if status == "draft" else ""
    style = rng.randrange(5)
    if style == 0:
        return f"{body.abbr}_{k}_{d}{draft}.pdf"
    if style == 1:
        return f"{d}_{body.abbr}_{k}{draft}.pdf"
    if style == 2:
        return f"{k}-{MONTH_NAMES[day.month - 1]}-{day.day}-{day.year}{draft}.pdf"
    if style == 3:
        return f"doc{rng.randrange(10000, 99999)}.pdf"
    return f"{body.name.replace(' ', '')}{k.title()}{d}{draft}.pdf"


def add_meetings(
    site: _Site,
    muni: str,
    body: BodyInfo,
    years: dict[int, int],
    others: list[BodyInfo],
    *,
    drafts: float = 0.0,
    mislabel: float = 0.03,
    section: str = "meetings",
    extra: tuple[date, ...] = (),
) -> None:
    rng = site.rng
    page_title = rng.choice(
        [
            f"{body.name} Agendas & Minutes | {muni}",
            f"{body.name} | {muni}",
            f"Agendas and Minutes - {body.name}",
            f"{muni} - {body.name} Meetings",
        ]
    )
    breadcrumb = rng.choice(
        [f"Home > Government > {body.name} > Agendas & Minutes", f"Home / Boards / {body.name}", ""]
    )
    for day in _meeting_dates(rng, years, extra):
        for kind in ("agenda", "minutes"):
            status = "draft" if kind == "minutes" and rng.random() < drafts else "final"
            spec = DocSpec(kind, body, day, day, "day", status)
            shown_day, decoys = day, ()
            if rng.random() < mislabel:
                # The webmaster linked last month's file under this month's name: only the text tells.
                spec = DocSpec(kind, body, day - timedelta(days=49), day - timedelta(days=49), "day", status)
                decoys = ("mislabelled-link",)
            heading = rng.choice(
                [
                    f"{day.year}",
                    f"{day.year} {kind.title()}",
                    f"{body.name}",
                    f"{body.name} {day.year} Meetings",
                    "Agendas & Minutes",
                ]
            )
            link, title_attr, context = _meeting_link(site, body, kind, shown_day, status)
            posted = day + timedelta(
                days=rng.choice([3, 10, 20, 30]) if kind == "minutes" else -rng.choice([3, 5, 7])
            )
            real = spec.start
            pages = (
                _minutes_pages(site, muni, body, real, status, others)
                if kind == "minutes"
                else _agenda_pages(site, muni, body, real)
            )
            meta = rng.choice(
                [
                    None,
                    None,
                    f"Microsoft Word - {body.abbr} {kind} {real.month}-{real.day}-{real.year % 100}.docx",
                ]
            )
            if day.month == 12 or day.month == 1:
                decoys = (*decoys, "year-boundary")
            site.add(
                spec,
                link_text=link,
                title_attr=title_attr,
                context=context,
                filename=_meeting_filename(site, body, kind, shown_day, status),
                posted=posted,
                section=section,
                heading=heading,
                page_title=page_title,
                breadcrumb=breadcrumb,
                pages=pages,
                meta_title=meta,
                decoys=decoys,
            )


# -- period documents ----------------------------------------------------------------------------


def fiscal_spec(
    kind: str, end_year: int, status: str = "final", topic: str | None = None, body: BodyInfo | None = None
) -> DocSpec:
    return DocSpec(kind, body, date(end_year - 1, 7, 1), date(end_year, 6, 30), "fiscal", status, topic)


def year_spec(kind: str, year: int, status: str = "final", body: BodyInfo | None = None) -> DocSpec:
    return DocSpec(kind, body, date(year, 1, 1), date(year, 12, 31), "year", status)


def add_budget(
    site: _Site, muni: str, end_year: int, status: str, *, calendar_fy: bool, body: BodyInfo
) -> None:
    rng = site.rng
    word = {
        "final": rng.choice(["Adopted", "Approved", "Final Adopted"]),
        "proposed": rng.choice(["Proposed", "Tentative", "Preliminary", "Recommended"]),
        "draft": "Draft",
    }[status]
    if calendar_fy:
        spec = year_spec("budget", end_year, status, body)
        label = str(end_year)
    else:
        spec = fiscal_spec("budget", end_year, status, body=body)
        label = fy_label(end_year, rng)
    adopted_on = date(end_year - (0 if calendar_fy else 1), rng.choice([5, 6]), rng.choice([4, 11, 18]))
    style = rng.randrange(3)
    if style == 0:
        head = f"{muni}\n{label} {word} Budget\n"
    elif style == 1:
        head = f"{word.upper()} BUDGET\n{muni}\n{'Fiscal Year ' + label if not calendar_fy else 'Budget Year ' + label}\n"
    else:
        head = f"{muni}\nAnnual Budget\n{label}\n{word}\n"
    tail = (
        f"Adopted by the {body.name} on {long_date(adopted_on, rng)}."
        if status == "final"
        else f"Presented to the {body.name} on {long_date(adopted_on - timedelta(days=60), rng)}."
    )
    pages = [
        head + "Table of Contents\nBudget Message\nRevenue Summary\nAppropriations by Fund\n" + tail,
        "General Fund appropriations: $14,220,000. Tax levy increase 1.9%.",
    ]
    link = rng.choice(
        [
            f"{label} {word} Budget",
            f"{word} Budget {label}",
            f"Budget ({word}) - {label}",
            rng.choice(GENERIC_LINKS),
        ]
    )
    context = f"{label} {word} Budget (PDF, 3.1 MB)" if link in GENERIC_LINKS else ""
    filename = rng.choice(
        [
            f"{label.replace(' ', '')}_{word}_Budget.pdf",
            f"budget-{end_year}-{word.lower()}.pdf",
            f"Budget{end_year}.pdf",
        ]
    )
    site.add(
        spec,
        link_text=link,
        context=context,
        filename=filename,
        posted=adopted_on,
        section="finance/budget",
        heading=rng.choice(["Budget Documents", "Annual Budget", f"{label} Budget", "Finance"]),
        page_title=f"Budget & Finance | {muni}",
        breadcrumb="Home > Departments > Finance > Budget",
        pages=pages,
    )


def add_budget_presentation(site: _Site, muni: str, end_year: int, body: BodyInfo) -> None:
    rng = site.rng
    label = fy_label(end_year, rng)
    day = date(end_year - 1, rng.choice([2, 3, 4]), rng.choice([5, 12, 19]))
    spec = DocSpec("presentation", body, day, day, "day", "final", "budget")
    head = rng.choice(
        [
            f"{label} Budget Presentation\n{body.name} Budget Workshop\n{long_date(day, rng)}\n",
            f"Budget Overview\n{label}\nPresentation to the {body.name}\n{long_date(day, rng)}\n",
            f"{muni}\nProposed {label} Budget\nPublic Hearing Presentation\n{long_date(day, rng)}\n",
        ]
    )
    pages = [head, "Slide 2: Enrollment and staffing trends", "Slide 3: Revenue assumptions and state aid"]
    link = rng.choice(
        [
            f"{label} Budget Presentation",
            f"Budget Presentation - {long_date(day, rng)}",
            f"{label} Budget Workshop Slides",
            "Presentation",
        ]
    )
    context = f"{label} Budget - presentation to the {body.name}" if link == "Presentation" else ""
    site.add(
        spec,
        link_text=link,
        context=context,
        filename=rng.choice(
            [
                f"Budget_Presentation_{end_year}.pdf",
                f"{label.replace(' ', '')}-budget-slides.pdf",
                f"BudgetPresentation{day:%m%d%y}.pdf",
            ]
        ),
        posted=day,
        section="finance/budget",
        heading=rng.choice(["Budget Documents", "Budget Presentations", f"{label} Budget"]),
        page_title=f"Budget & Finance | {muni}",
        breadcrumb="Home > Finance > Budget",
        pages=pages,
    )


def add_annual_report(site: _Site, org: str, year: int, *, company: bool) -> None:
    rng = site.rng
    spec = year_spec("annual report", year)
    published = date(year + 1, rng.choice([2, 3, 4]), rng.choice([1, 15, 28]))
    if company and rng.random() < 0.4:
        head = (
            f"UNITED STATES SECURITIES AND EXCHANGE COMMISSION\nFORM 10-K\nANNUAL REPORT PURSUANT TO SECTION 13\n"
            f"For the fiscal year ended December 31, {year}\n{org}\n"
        )
        link = rng.choice([f"Form 10-K ({year})", f"{year} Form 10-K", "10-K"])
    else:
        head = rng.choice(
            [
                f"{org}\n{year} Annual Report\n",
                f"Annual Report {year}\n{org}\n",
                f"{org}\n{year} Year in Review\n",
            ]
        )
        head += f"Published {MONTH_NAMES[published.month - 1]} {published.year}\n"
        link = rng.choice(
            [
                f"{year} Annual Report",
                f"Annual Report {year}",
                f"{year} Year in Review",
                rng.choice(GENERIC_LINKS),
            ]
        )
    context = f"Annual Report {year} (PDF)" if link in GENERIC_LINKS else ""
    pages = [
        head + "Letter to Shareholders\nHighlights of the year",
        f"Outlook for {year + 1}: we expect continued growth.",
    ]
    site.add(
        spec,
        link_text=link,
        context=context,
        filename=rng.choice(
            [
                f"AR{year}.pdf",
                f"annual-report-{year}.pdf",
                f"{org.split()[0]}_AnnualReport_{year}.pdf",
                f"doc{rng.randrange(10000, 99999)}.pdf",
            ]
        ),
        posted=published,
        section="reports",
        heading=rng.choice(["Annual Reports", "Financial Reports", "Reports & Filings"]),
        page_title=rng.choice([f"Annual Reports | {org}", f"Investor Relations - {org}", f"Reports | {org}"]),
        breadcrumb=rng.choice(["Home > Investors > Financials", "Home > About > Reports", ""]),
        pages=pages,
    )


def add_audit(site: _Site, org: str, end_year: int, body: BodyInfo) -> None:
    rng = site.rng
    spec = fiscal_spec("audit", end_year)
    style = rng.randrange(3)
    if style == 0:
        head = (
            f"{org}\nAnnual Comprehensive Financial Report\nFor the Fiscal Year Ended June 30, {end_year}\n"
        )
        link = rng.choice(
            [f"ACFR FY{end_year}", f"Annual Comprehensive Financial Report {end_year}", f"FY {end_year} ACFR"]
        )
    elif style == 1:
        head = f"{org}\nSingle Audit Report\nYear Ended June 30, {end_year}\n"
        link = rng.choice([f"Single Audit {end_year}", f"FY{end_year} Single Audit Report"])
    else:
        head = f"{org}\nIndependent Auditor's Report and Audited Financial Statements\nFiscal Year {end_year - 1}-{end_year % 100:02d}\n"
        link = rng.choice(
            [
                f"Audit Report {fy_label(end_year, rng)}",
                "Download",
                f"Audited Financial Statements {end_year}",
            ]
        )
    context = f"Independent audit for fiscal year ending June 30, {end_year}" if link == "Download" else ""
    pages = [
        head + f"Presented to the {body.name}",
        "Statement of Net Position\nNotes to the Financial Statements",
    ]
    site.add(
        spec,
        link_text=link,
        context=context,
        filename=rng.choice(
            [f"ACFR_{end_year}.pdf", f"audit-fy{end_year % 100}.pdf", f"FinancialStatements{end_year}.pdf"]
        ),
        posted=date(end_year, 12, 15),
        section="finance/audits",
        heading=rng.choice(["Audits", "Financial Reports", "Audit Reports"]),
        page_title=f"Financial Transparency | {org}",
        breadcrumb="Home > Finance > Audits",
        pages=pages,
    )


def add_audit_committee_minutes(site: _Site, org: str, body: BodyInfo, day: date) -> None:
    """Minutes of an audit committee: a decoy for "audit reports"."""
    rng = site.rng
    spec = DocSpec("minutes", body, day, day, "day")
    pages = [
        f"{org}\n{body.name}\nMinutes of the Meeting\n{long_date(day, rng)}\n"
        "Present: members of the committee and the external auditors.\n1. Review of the audit plan."
    ]
    site.add(
        spec,
        link_text=rng.choice(
            [f"{body.name} Minutes {short_date(day, rng)}", f"Audit Committee - {short_date(day, rng)}"]
        ),
        filename=f"audit_committee_minutes_{file_date(day, rng)}.pdf",
        posted=day + timedelta(days=30),
        section="committees",
        heading=body.name,
        page_title=f"Committees | {org}",
        breadcrumb="Home > Government > Committees",
        pages=pages,
    )


def add_ordinance(site: _Site, muni: str, year: int, number: int, status: str, body: BodyInfo) -> None:
    rng = site.rng
    spec = year_spec("ordinance", year, status, body)
    day = date(year, rng.choice(range(1, 13)), rng.choice([3, 10, 17]))
    subject = rng.choice(
        [
            "Amending Chapter 12, Parking",
            "Regulating Short-Term Rentals",
            "Establishing a Tree Protection Program",
            "Amending the Zoning Map",
            "Setting Sewer Rents",
        ]
    )
    if rng.random() < 0.5:
        title = f"Ordinance No. {year}-{number:02d}"
    else:
        title = f"Local Law No. {number} of {year}"
    if status == "proposed":
        head = (
            f"{muni}\nPROPOSED {title.upper()}\n{subject}\nPublic hearing scheduled {long_date(day, rng)}\n"
        )
        link = f"Proposed {title} - {subject}"
    else:
        head = f"{muni}\n{title}\n{subject}\nAdopted: {long_date(day, rng)}\n"
        link = rng.choice([f"{title} - {subject}", f"{title}", f"{subject} ({title})"])
    pages = [
        head + f"BE IT ENACTED by the {body.name} as follows:\nSection 1. ...\nSection 2. Effective date."
    ]
    site.add(
        spec,
        link_text=link,
        filename=rng.choice(
            [f"ord-{year}-{number:02d}.pdf", f"LL{number}-{year}.pdf", f"Ordinance{year}{number:02d}.pdf"]
        ),
        posted=day,
        section="clerk/ordinances",
        heading=rng.choice([f"{year} Ordinances", "Ordinances & Local Laws", "Adopted Legislation"]),
        page_title=f"Town Code & Legislation | {muni}",
        breadcrumb="Home > Clerk > Legislation",
        pages=pages,
    )


def add_calendar(site: _Site, district: str, start_year: int, status: str) -> None:
    rng = site.rng
    spec = DocSpec("calendar", None, date(start_year, 7, 1), date(start_year + 1, 6, 30), "span", status)
    label = rng.choice(
        [
            f"{start_year}-{start_year + 1}",
            f"{start_year}-{(start_year + 1) % 100:02d}",
            f"{start_year}/{start_year + 1}",
        ]
    )
    draft = "DRAFT " if status == "draft" else ""
    head = rng.choice(
        [
            f"{district}\n{draft}{label} School Calendar\n",
            f"{draft}District Calendar {label}\n{district}\n",
            f"{district}\n{draft}Academic Calendar for the {label} School Year\n",
        ]
    )
    head += (
        f"Approved by the Board of Education {long_date(date(start_year, 2, 13), rng)}\n"
        if status == "final"
        else ""
    )
    pages = [
        head + f"First day for students: September {rng.choice([3, 4, 5])}, {start_year}\n"
        f"Winter recess: December 23, {start_year} - January 1, {start_year + 1}\nLast day: June {rng.choice([20, 24, 25])}, {start_year + 1}"
    ]
    link = rng.choice(
        [
            f"{label} School Calendar",
            f"{draft}Calendar {label}",
            f"{label} District Calendar (English)",
            "Download",
        ]
    )
    context = f"{label} school year calendar" if link == "Download" else ""
    site.add(
        spec,
        link_text=link,
        context=context,
        filename=rng.choice(
            [
                f"{start_year}-{start_year + 1}-calendar.pdf",
                f"SchoolCalendar{start_year % 100}{(start_year + 1) % 100}.pdf",
                f"calendar_{label.replace('/', '-')}.pdf",
            ]
        ),
        posted=date(start_year, 3, 1),
        section="calendar",
        heading=rng.choice(["District Calendars", "Calendars", "School Year Calendar"]),
        page_title=f"Calendars | {district}",
        breadcrumb="Home > About > Calendars",
        pages=pages,
    )


def add_handbook(site: _Site, district: str, start_year: int) -> None:
    rng = site.rng
    spec = DocSpec("handbook", None, date(start_year, 7, 1), date(start_year + 1, 6, 30), "span")
    label = f"{start_year}-{(start_year + 1) % 100:02d}"
    pages = [f"{district}\nStudent Handbook {label}\nCode of Conduct and Attendance Policy\n"]
    site.add(
        spec,
        link_text=rng.choice([f"Student Handbook {label}", f"{label} Handbook"]),
        filename=f"student-handbook-{label}.pdf",
        posted=date(start_year, 8, 15),
        section="students",
        heading="Student Services",
        page_title=f"Students | {district}",
        breadcrumb="Home > Students",
        pages=pages,
    )


def add_earnings(site: _Site, company: str, year: int, quarter: int) -> None:
    rng = site.rng
    first = 3 * (quarter - 1) + 1
    end = date(year, first + 2, 30 if first + 2 in (6, 9) else 31)
    spec = DocSpec("earnings release", None, date(year, first, 1), end, "quarter")
    released = end + timedelta(days=rng.choice([24, 28, 35]))
    qword = ["First", "Second", "Third", "Fourth"][quarter - 1]
    head = rng.choice(
        [
            f"PRESS RELEASE\n{company} Reports {qword} Quarter {year} Financial Results\n",
            f"{company} Announces Q{quarter} {year} Earnings\nNews Release\n",
        ]
    )
    city = rng.choice(["SPRINGFIELD", "RIVERTON", "LAKEWOOD"])
    pages = [
        head
        + f"{city}, {MONTH_NAMES[released.month - 1][:3]}. {released.day}, {released.year} -- {company} today reported "
        f"results for the quarter ended {long_date(end, rng)}. Revenue grew 7% year over year."
    ]
    link = rng.choice(
        [
            f"Q{quarter} {year} Earnings Release",
            f"{qword} Quarter {year} Results Press Release",
            "Press Release",
        ]
    )
    context = (
        f"Q{quarter} {year} Earnings \u2014 Press Release | Presentation | Webcast"
        if link == "Press Release"
        else ""
    )
    site.add(
        spec,
        link_text=link,
        context=context,
        filename=rng.choice(
            [
                f"Q{quarter}-{year}-Earnings-Release.pdf",
                f"{company.split()[0]}_Q{quarter}{year % 100}_PR.pdf",
                f"doc{rng.randrange(10000, 99999)}.pdf",
            ]
        ),
        posted=released,
        section="investors/quarterly-results",
        heading=rng.choice([f"{year} Quarterly Results", f"Q{quarter} {year}", "Quarterly Results"]),
        page_title=f"Quarterly Results | {company} Investor Relations",
        breadcrumb="Investors > Financial Information > Quarterly Results",
        pages=pages,
    )


def add_earnings_presentation(site: _Site, company: str, year: int, quarter: int) -> None:
    rng = site.rng
    first = 3 * (quarter - 1) + 1
    spec = DocSpec(
        "presentation",
        None,
        date(year, first, 1),
        date(year, first + 2, 28),
        "quarter",
        "final",
        "earnings release",
    )
    head = rng.choice(
        [
            f"Q{quarter} {year} Earnings Presentation\n{company}\n",
            f"{company}\n{['First', 'Second', 'Third', 'Fourth'][quarter - 1]} Quarter {year} Earnings Call Slides\n",
        ]
    )
    pages = [head + "Forward-looking statements\nHighlights", "Segment results"]
    link = rng.choice(
        [f"Q{quarter} {year} Earnings Presentation", "Presentation", f"Q{quarter} {year} Slides"]
    )
    context = (
        f"Q{quarter} {year} Earnings \u2014 Press Release | Presentation | Webcast"
        if link == "Presentation"
        else ""
    )
    site.add(
        spec,
        link_text=link,
        context=context,
        filename=f"Q{quarter}-{year}-Earnings-Presentation.pdf",
        posted=date(year, first + 2, 28) + timedelta(days=30),
        section="investors/quarterly-results",
        heading=rng.choice([f"{year} Quarterly Results", f"Q{quarter} {year}", "Quarterly Results"]),
        page_title=f"Quarterly Results | {company} Investor Relations",
        breadcrumb="Investors > Financial Information > Quarterly Results",
        pages=pages,
    )


def add_proxy(site: _Site, company: str, year: int) -> None:
    rng = site.rng
    spec = year_spec("proxy statement", year)
    pages = [
        f"{company}\nNotice of {year} Annual Meeting of Shareholders and Proxy Statement\nMeeting date: May {rng.choice([10, 14, 21])}, {year}\n"
        "Election of the Board of Directors\nRatification of the Audit Committee's selection of auditors"
    ]
    site.add(
        spec,
        link_text=rng.choice([f"{year} Proxy Statement", f"Proxy Statement ({year})"]),
        filename=f"proxy-{year}.pdf",
        posted=date(year, 4, 1),
        section="investors/filings",
        heading="SEC Filings",
        page_title=f"SEC Filings | {company}",
        breadcrumb="Investors > Filings",
        pages=pages,
    )


# -- sites ---------------------------------------------------------------------------------------

TOWN_NAMES = (
    "Millbrook",
    "Ashford",
    "Riverton",
    "Cedar Falls",
    "Oakdale",
    "Pine Hill",
    "Westfield",
    "Hadley",
)
COMPANY_NAMES = ("Northwind Industries", "Bluewater Holdings", "Acme Analytics", "Granite Peak Corp")


def build_town(rng: random.Random, host: str) -> list[CorpusDoc]:
    name = rng.choice(TOWN_NAMES)
    village = rng.random() < 0.4
    muni = f"{'Village' if village else 'Town'} of {name}"
    site = _Site(muni, "town", rng, host)
    board = (
        BodyInfo("Village Board of Trustees", "governing", "village", "BOT")
        if village
        else BodyInfo("Town Board", "governing", "town", "TB")
    )
    planning = BodyInfo(rng.choice(["Planning Board", "Planning Commission"]), "planning", "", "PB")
    zba = BodyInfo("Zoning Board of Appeals", "zoning", "", "ZBA")
    library = BodyInfo("Library Board", "library", "", "LIB")
    others = [planning, zba, library]
    boundary = (
        date(2023, 12, rng.choice([12, 19])),
        date(2024, 1, rng.choice([2, 9])),
        date(2024, 12, 17),
        date(2025, 1, 7),
    )
    add_meetings(site, muni, board, {2022: 2, 2023: 5, 2024: 6, 2025: 1}, others, extra=boundary)
    add_meetings(site, muni, planning, {2023: 5, 2024: 4}, [board, zba])
    add_meetings(site, muni, zba, {2023: 3, 2024: 4}, [board, planning], drafts=0.35)
    add_meetings(site, muni, library, {2024: 2}, [board])
    for year, status in ((2023, "final"), (2024, "proposed"), (2024, "final"), (2025, "proposed")):
        add_budget(site, muni, year, status, calendar_fy=True, body=board)
    add_budget_presentation(site, muni, 2025, board)
    for year in (2022, 2023):
        add_annual_report(site, muni, year, company=False)
    for year, number, status in (
        (2023, 3, "final"),
        (2023, 7, "final"),
        (2024, 1, "final"),
        (2023, 9, "proposed"),
        (2022, 4, "final"),
    ):
        add_ordinance(site, muni, year, number, status, board)
    return site.docs


def build_city(rng: random.Random, host: str) -> list[CorpusDoc]:
    name = rng.choice(TOWN_NAMES)
    muni = f"City of {name}"
    site = _Site(muni, "city", rng, host)
    council = BodyInfo("City Council", "council", "city", "CC")
    planning = BodyInfo("Planning Commission", "planning", "city", "PC")
    historic = BodyInfo("Historic Preservation Commission", "historic", "city", "HPC")
    around_march = (
        date(2024, 2, 27),
        date(2024, 3, 5),
        date(2024, 3, 19),
        date(2024, 4, 2),
        date(2023, 3, 21),
    )
    add_meetings(site, muni, council, {2023: 4, 2024: 6}, [planning, historic], extra=around_march)
    add_meetings(site, muni, planning, {2023: 6, 2024: 3}, [council, historic])
    add_meetings(site, muni, historic, {2024: 3}, [council])
    for end_year, status in ((2024, "final"), (2025, "proposed"), (2025, "final")):
        add_budget(site, muni, end_year, status, calendar_fy=False, body=council)
    add_budget_presentation(site, muni, 2025, council)
    add_audit(site, muni, 2023, council)
    for year, number in ((2023, 12), (2024, 2)):
        add_ordinance(site, muni, year, number, "final", council)
    return site.docs


def build_school(rng: random.Random, host: str) -> list[CorpusDoc]:
    name = rng.choice(TOWN_NAMES)
    district = rng.choice(
        [f"{name} Central School District", f"{name} Unified School District", f"{name} Public Schools"]
    )
    site = _Site(district, "school", rng, host)
    boe = BodyInfo(
        rng.choice(["Board of Education", "Board of Education", "School Board"]), "governing", "school", "BOE"
    )
    finance = BodyInfo("Finance Committee", "finance", "school", "FIN")
    policy = BodyInfo("Policy Committee", "policy", "school", "POL")
    add_meetings(
        site,
        district,
        boe,
        {2022: 3, 2023: 6, 2024: 7, 2025: 1},
        [finance, policy],
        drafts=0.2,
        section="board",
    )
    add_meetings(site, district, finance, {2023: 2, 2024: 3}, [boe], section="board/committees")
    add_meetings(site, district, policy, {2024: 2}, [boe], section="board/committees")
    for end_year, status in (
        (2023, "final"),
        (2024, "proposed"),
        (2024, "final"),
        (2025, "proposed"),
        (2025, "final"),
    ):
        add_budget(site, district, end_year, status, calendar_fy=False, body=boe)
    for end_year in (2024, 2025):
        add_budget_presentation(site, district, end_year, boe)
    for start_year, status in ((2023, "final"), (2024, "final"), (2025, "draft"), (2025, "final")):
        add_calendar(site, district, start_year, status)
    add_handbook(site, district, 2024)
    add_audit(site, district, 2023, boe)
    return site.docs


def build_county(rng: random.Random, host: str) -> list[CorpusDoc]:
    name = rng.choice(TOWN_NAMES)
    county = f"{name} County"
    site = _Site(county, "county", rng, host)
    board = BodyInfo(
        rng.choice(["Board of Supervisors", "Board of Commissioners", "County Board"]),
        "governing",
        "county",
        "BOS",
    )
    planning = BodyInfo("Planning Commission", "planning", "county", "PC")
    audit = BodyInfo("Audit Committee", "audit", "county", "AC")
    add_meetings(site, county, board, {2023: 4, 2024: 6}, [planning, audit], section="government/board")
    add_meetings(site, county, planning, {2023: 4, 2024: 2}, [board], section="planning")
    for day in (date(2023, 10, 12), date(2024, 3, 14)):
        add_audit_committee_minutes(site, county, audit, day)
    for end_year in (2022, 2023, 2024):
        add_audit(site, county, end_year, board)
    for end_year, status in ((2024, "final"), (2024, "proposed")):
        add_budget(site, county, end_year, status, calendar_fy=False, body=board)
    add_budget_presentation(site, county, 2024, board)
    for year, number, status in (
        (2023, 5, "final"),
        (2023, 11, "final"),
        (2024, 3, "final"),
        (2023, 14, "proposed"),
    ):
        add_ordinance(site, county, year, number, status, board)
    add_annual_report(site, county, 2023, company=False)
    return site.docs


def build_company(rng: random.Random, host: str) -> list[CorpusDoc]:
    company = rng.choice(COMPANY_NAMES)
    site = _Site(company, "company", rng, host)
    for year in range(2019, 2025):
        add_annual_report(site, company, year, company=True)
    for year in (2023, 2024):
        for quarter in (1, 2, 3, 4):
            add_earnings(site, company, year, quarter)
            add_earnings_presentation(site, company, year, quarter)
    add_earnings(site, company, 2025, 1)
    for year in (2022, 2023, 2024):
        add_proxy(site, company, year)
    return site.docs


BUILDERS = (build_town, build_city, build_school, build_county, build_company)


def build_corpus(seed: int = 0) -> Corpus:
    """One corpus: a town, a city, a school district, a county and a company, from ``seed``."""
    rng = random.Random(seed)
    docs: list[CorpusDoc] = []
    for i, build in enumerate(BUILDERS):
        docs.extend(build(rng, f"site{i}.example.org"))
    wording = {p.pid: rng.choice(p.wordings) for p in PROMPTS}
    return Corpus(docs, list(PROMPTS), wording)
