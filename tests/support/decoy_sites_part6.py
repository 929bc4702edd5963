"""Held-back part 6 of the near-miss decoy sites: written before round 4's tuning, never tuned on.

Part 5 had its misjudged documents printed by round 3's final run, so it is a development part
now. This part was written first thing in round 4, before any scoring change of that round, by
someone who had not read the scoring code and never ran the scorer on it document by document:
its organisations' documents and its page layouts differ from every earlier part's, and
``bench/relevance.py --with-part6`` prints only its aggregate figures (never a per-document
error; ``--show-part6-errors`` is for the lead's final run), so that it stays a clean measure.

Seven kinds of organisation, two instances each, every instance on a layout of a common
document system (``decoy_layouts6``), varied between the two instances:

- a county board of supervisors: a legislative-management meeting grid (Name | Meeting Date |
  ... | Agenda | Minutes | Video, committees and special meetings mixed in) or an agenda centre
  (collapsible year headings, a table per body, "Agenda | Minutes | Packet"); one meeting's
  minutes or packet named by month ("the March 2024 meeting"), all of a year's agendas/minutes;
- a public library district: a records repository's folder browser (entry names only, the
  board in a metadata column) with the Friends and the Foundation, or a board portal's year
  folders with committees and budget files under agenda items; the adopted budget vs the
  tentative one, last year's, the hearing notice, the presentation, the levy, the CIP;
- a transit agency: a document library grouped by folder (file names only) or a paginated
  archive (``<time>``, ``<abbr>`` body, "PDF (245 KB)"); accessibility advisory committee vs
  citizens advisory committee vs board; a season's service change notice vs its Spanish and
  Vietnamese versions, the proposal, the equity analysis, other seasons; a route's timetable;
- a state environmental agency: a download manager's table or the archive; the solid waste
  rules in effect vs the superseded edition, the proposed amendments, the rulemaking notice,
  other chapters; the annual report for a fiscal year vs the strategic plan, the council's
  report, a highlights sheet; the council's minutes for one month;
- a school district: resource cards ("View", hashed file names) or a document library; the high
  school "program of studies" asked for as a course catalog, its draft, last year's, the middle
  school guide, a college's dual-credit catalog; one school's supply list for one grade;
- a sanitary district: an agenda centre beside a download manager, or the folder browser; the
  final sewer rate study vs the public review draft, the earlier study, the rate-hearing notice,
  the capacity charge study; one month's board minutes;
- a parks and recreation department: the meeting grid or the board portal beside cards or the
  archive; a season's program guide vs the other seasons', last year's, the 50+ guide, the
  Spanish guide, the errata; a commission's minutes for a year or its agenda for one month.

Place names hold words of seasons ("Spring Valley", "Fall River").
About a third of the documents are scans (no text layer). Prompts as people type them: typos
("minuets", "servcie", "catalouge", "supervisers"), shorthand ("BOS", "AAC", "EQC", "rt", "mtg"),
"the" vs "all", fiscal and school years ("FY2024-25", "2024-2025 school year"), status words.
Each job names the near-miss categories it holds (``Job6.claims``, all of ``CATEGORIES3``).

Figures (``bench/relevance.py --corpora-only --with-part6``, mean over 34 jobs at 0.5): untuned,
before round 4 (main at 2206067): P 0.532 R 0.794 F1 0.604, ECE 0.124, decoy precision 0.549;
round 4's final run (the first whose per-document errors were printed, so this part is seen from
then on; round 5 needs a new held-back part): P 0.554 R 0.794 F1 0.624, ECE 0.107, decoy precision
0.602.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tests.support.decoy_layouts6 import (
    AGENDA_CENTER,
    ARCHIVE,
    BOARDDOCS,
    CARDS,
    LEGISTAR,
    SHAREPOINT,
    WEBLINK,
    WP_DOWNLOADS,
    Item,
    Layout,
)
from tests.support.decoy_sites import MONTHS, RELEVANT, Job, Site, _long, _pdf
from tests.support.decoy_sites_part3 import CATEGORIES3
from tests.support.decoy_sites_part4 import _fill

CATEGORIES6 = CATEGORIES3
SCAN_SHARE = 0.33
SEASONS = ["Winter", "Spring", "Summer", "Fall"]
_ES_SEASONS = {"Winter": "Invierno", "Spring": "Primavera", "Summer": "Verano", "Fall": "Otoño"}
_ES_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
              "octubre", "noviembre", "diciembre"]  # fmt: skip
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OB, NK, OY, OD = "other_body", "neighbour_kind", "other_year", "other_date"
OA, OS, DV, OSUB = "other_audience", "other_status", "derived", "other_subject"


@dataclass
class Job6(Job):
    claims: tuple[str, ...] = ()  # the near-miss categories the job is built to hold


@dataclass
class Part6Site(Site):
    @property
    def part(self) -> str:
        return "part6"


@dataclass
class MeetingDoc:
    path: str
    body: str
    kind: str
    day: date


# How clerks name a meeting's files (abbreviation, kind, date).
NAMERS: list[Callable[[str, str, date], str]] = [
    lambda ab, kind, d: f"{ab}_{kind}_{d:%Y-%m-%d}.pdf",
    lambda ab, kind, d: f"{d:%m%d%y} {ab} {kind[:3]}.pdf",
    lambda ab, kind, d: f"{ab} {kind} {MONTHS[d.month - 1]} {d.day} {d.year}.pdf",
    lambda ab, kind, d: f"{d:%Y.%m.%d} {kind.upper()} {ab}.pdf",
]


class Page:
    """A site's documents as its layouts list them: meeting documents in ``meet`` (when given),
    the rest in ``docs`` (when given; else in ``meet`` too)."""

    def __init__(
        self, site: Site, rng: random.Random, org: str, meet: Layout | None, docs: Layout | None
    ) -> None:
        self.site, self.rng, self.org, self.meet, self.docs = site, rng, org, meet, docs
        self.items: dict[str, list[Item]] = {"meet": [], "docs": []}
        self.meeting_of: dict[tuple[str, date], str] = {}

    def add(
        self,
        title: str,
        filename: str,
        group: str,
        day: date,
        lines: list[str],
        kind: str = "",
        meeting: str = "",
    ) -> str:
        where = "meet" if self.meet and (kind or self.docs is None) else "docs"
        layout = self.meet if where == "meet" else self.docs
        assert layout is not None
        meeting = meeting or self.meeting_of.get((group, day), "Regular Meeting")
        note = "" if kind else f"{self.rng.randrange(5, 10)}.{self.rng.randrange(1, 6)} {title}"
        item = Item(
            "", title, filename, group, day, self.rng.randrange(60_000, 4_000_000), kind, meeting, note
        )
        path, n = layout.url(self.site.name, self.rng, item), 1
        stem = path[: -len(".pdf")]
        while path in self.site.docs:
            path, n = f"{stem}-{n}.pdf", n + 1
        item.path = path
        self.site.docs[path] = _pdf(lines, self.rng.random() < SCAN_SHARE)
        self.items[where].append(item)
        if kind:
            self.meeting_of[(group, day)] = meeting
        return path

    def render(self, title: str, intro: str) -> None:
        parts = [
            layout.render(self.items[k], self.rng)
            for k, layout in (("meet", self.meet), ("docs", self.docs))
            if layout and self.items[k]
        ]
        nav = "".join(
            f"<li><a href='/{x.lower()}'>{x}</a></li>" for x in ("Home", "About", "Services", "Contact")
        )
        # Non-ASCII text (Spanish, Vietnamese) as character references, as many CMSs write it.
        self.site.html = (
            f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} | {self.org}</title></head>"
            f"<body><header><a class='logo' href='/'>{self.org}</a><nav><ul>{nav}</ul></nav></header>"
            f"<main><h1>{title}</h1><p class='intro'>{intro}</p>{''.join(parts)}</main>"
            f"<footer>&copy; {self.org} &middot; <a href='/accessibility'>Accessibility</a></footer></body></html>"
        ).encode("ascii", "xmlcharrefreplace").decode()  # fmt: skip


def _heading(org: str, body: str, kind: str, day: date, meeting: str, style: int) -> list[str]:
    """A meeting document's first lines in one of four title-block styles, then its start."""
    word = "Agenda Packet" if kind == "Packet" else kind
    when = f"{_WEEKDAYS[day.weekday()]}, {_long(day)}"
    first = [
        [org, body, f"{meeting} {word}", when],
        [f"{word.upper()} OF THE {meeting.upper()}", f"{body} of the {org}", f"Held {when}"],
        [f"{org} - {body}", word, f"{day:%m.%d.%Y} | {meeting}"],
        [body.upper(), org, word.upper(), _long(day)],
    ][style]
    rest = {
        "Agenda": [
            "1. Call to order and roll call",
            "2. Public comment",
            "3. Consent calendar",
            "4. New business",
        ],
        "Minutes": [
            "Members present:",
            "The meeting was called to order at 6:02 p.m.",
            "Motion carried unanimously.",
        ],
        "Packet": ["Staff reports and supporting materials", "Item 3A - Staff Report"],
    }[kind]
    return first + rest


def _months(rng: random.Random, n: int, month: int) -> list[int]:
    return sorted([month, *rng.sample([m for m in range(1, 13) if m != month], n - 1)])


def _meetings(
    page: Page, bodies: list[tuple[str, str, int]], year: int, kinds: tuple[str, ...], month: int
) -> list[MeetingDoc]:
    """``n`` meetings a year of each (body, abbreviation, n) in ``year`` and the year before, in
    distinct months, every body meeting in ``month``; of four or more, the last one in another
    month is a special meeting."""
    out = []
    style, namer = page.rng.randrange(4), NAMERS[page.rng.randrange(len(NAMERS))]
    for body, ab, n in bodies:
        for y in (year, year - 1):
            months = _months(page.rng, n, month)
            special = max(m for m in months if m != month) if n >= 4 else 0
            for m in months:
                day = date(y, m, page.rng.randrange(2, 26))
                day += timedelta(days=7 - day.weekday() if day.weekday() >= 5 else 0)  # a weekday
                meeting = "Special Meeting" if m == special else "Regular Meeting"
                for kind in kinds:
                    lines = _heading(page.org, body, kind, day, meeting, style)
                    title = f"{'Agenda Packet' if kind == 'Packet' else kind} - {_long(day)}"
                    path = page.add(title, namer(ab, kind, day), body, day, lines, kind, meeting)
                    out.append(MeetingDoc(path, body, kind, day))
    return out


def _label_set(docs: list[MeetingDoc], job: Job, body: str, kind: str, year: int) -> None:
    """A request for all of a body's documents of one kind in one year."""
    for d in docs:
        job.labels[d.path] = (OB if d.body != body else NK if d.kind != kind
                              else RELEVANT if d.day.year == year else OY)  # fmt: skip


def _label_one(docs: list[MeetingDoc], job: Job, body: str, kind: str, day: date) -> None:
    """A request for one meeting's document of one kind."""
    for d in docs:
        job.labels[d.path] = (OB if d.body != body else NK if d.kind != kind else RELEVANT if d.day == day
                              else OY if d.day.year != day.year else OD)  # fmt: skip


def _day_of(docs: list[MeetingDoc], body: str, month: int, year: int) -> date:
    return next(d.day for d in docs if d.body == body and d.day.year == year and d.day.month == month)


def _days_of(docs: list[MeetingDoc], body: str, year: int) -> list[date]:
    return sorted({d.day for d in docs if d.body == body and d.day.year == year})


Spec = tuple[str, str, str, date, list[str], tuple[str | None, ...]]


def _docs(page: Page, jobs: list[Job6], specs: list[Spec]) -> None:
    """One document per (title, file name, group, date, first lines, label per job or None)."""
    for title, filename, group, day, lines, labels in specs:
        path = page.add(title, filename, group, day, [page.org.upper(), *lines])
        for job, label in zip(jobs, labels, strict=True):
            if label is not None:
                job.labels[path] = label


def _posted(rng: random.Random, year: int, months: tuple[int, int] = (1, 12)) -> date:
    return date(year, rng.randrange(months[0], months[1] + 1), rng.randrange(1, 29))


# -- organisations --------------------------------------------------------------------------------


def _county_supervisors(page: Page, place: str, year: int) -> list[Job6]:
    rng, bos = page.rng, "Board of Supervisors"
    month = rng.randrange(1, 13)
    mon, packets = MONTHS[month - 1], page.meet is AGENDA_CENTER
    bodies = [(bos, "BOS", 5), ("Budget and Finance Committee", "BFC", 2), ("Planning Commission", "PC", 3),
              ("Assessment Appeals Board", "AAB", 1)]  # fmt: skip
    docs = _meetings(
        page, bodies, year, ("Agenda", "Minutes", "Packet") if packets else ("Agenda", "Minutes"), month
    )
    day = _day_of(docs, bos, month, year)
    if packets:
        one = Job6(rng.choice([f"the agenda packet for the {mon} {year} board of supervisors meeting",
                               f"bos packet {mon.lower()} {year}", f"supervisors meeting packet {mon} {year}"]))  # fmt: skip
        _label_one(docs, one, bos, "Packet", day)
        many = Job6(rng.choice([f"all {year} board of supervisors minutes", f"supervisors minutes {year}",
                                f"board of supervisers minutes from {year}"]))  # fmt: skip
        _label_set(docs, many, bos, "Minutes", year)
    else:
        one = Job6(rng.choice([f"the {mon} {year} board of supervisors meeting minutes", f"bos minutes {mon.lower()} {year} mtg",
                               f"minutes from the supervisors {mon} {year} meeting"]))  # fmt: skip
        _label_one(docs, one, bos, "Minutes", day)
        many = Job6(rng.choice([f"all board of supervisors agendas {year}", f"BOS agendas from {year}",
                                f"{year} supervisors agendas"]))  # fmt: skip
        _label_set(docs, many, bos, "Agenda", year)
    one.claims, many.claims = (OB, NK, OD, OY), (OB, NK, OY)
    _docs(page, [one, many], [
        (f"{year} Board Meeting Calendar", f"BOS_Calendar_{year}.pdf", bos, _posted(rng, year - 1, (12, 12)),
         [f"{year} MEETING SCHEDULE", bos, "Meetings begin at 9:00 a.m."], (None, None)),
        ("Board Rules of Procedure", "Rules_of_Procedure.pdf", bos, _posted(rng, year - 2),
         ["RULES OF PROCEDURE", bos, "Rule 1. Regular meetings"], (None, None)),
    ])  # fmt: skip
    page.render(f"{bos} Meetings", f"Agendas and minutes of the {place} County {bos} and its committees.")
    return [one, many]


def _library_district(page: Page, place: str, year: int) -> list[Job6]:
    rng, bot = page.rng, "Board of Trustees"
    month = rng.randrange(1, 13)
    mon, repo = MONTHS[month - 1], page.meet is None
    second = ("Friends of the Library", "FOL", 3) if repo else ("Finance Committee", "FIN", 3)
    third = ("Library Foundation Board", "FDN", 2) if repo else ("Building and Grounds Committee", "BG", 2)
    docs = _meetings(page, [(bot, "BOT", 5), second, third], year, ("Agenda", "Minutes"), month)
    minutes = Job6(rng.choice([f"library board minutes {year}", f"all trustees minutes {year}",
                               f"{year} board of trustees meeting minuets"]), claims=(OB, NK, OY))  # fmt: skip
    _label_set(docs, minutes, bot, "Minutes", year)
    name = second[0].lower()
    one = Job6(rng.choice([f"{name} minutes {mon} {year}", f"minutes of the {name} meeting, {mon} {year}",
                           f"{mon.lower()} {year} {name} mtg minutes"]), claims=(OB, NK, OD, OY))  # fmt: skip
    _label_one(docs, one, second[0], "Minutes", _day_of(docs, second[0], month, year))
    fy, fy0 = f"FY{year}-{(year + 1) % 100:02d}", f"FY{year - 1}-{year % 100:02d}"
    budget = Job6(rng.choice([f"the {fy} adopted budget", f"library budget {fy.lower()} adopted",
                              f"final budget for {year}-{year + 1}"]), claims=(OS, OY, DV, OSUB, NK) + ((OB,) if repo else ()))  # fmt: skip
    t, t0 = _days_of(docs, bot, year), _days_of(docs, bot, year - 1)
    s = _days_of(docs, second[0], year)
    other = (
        (f"Friends of the Library {year} Budget", f"FOL Budget {year}.pdf", second[0], s[0],
         ["FRIENDS OF THE LIBRARY", f"{year} Budget", "Book sale revenue"], (OB,))
        if repo else
        (f"Finance Committee Recommendation - {fy} Budget", f"FIN Memo {fy} Budget.pdf", second[0], s[0],
         ["MEMORANDUM", "Finance Committee recommendation to the Board", f"{fy} Tentative Budget"], (DV,))
    )  # fmt: skip
    _docs(page, [budget], [
        (f"{fy} Adopted Budget", f"{fy} Budget ADOPTED.pdf", bot, t[3],
         ["ADOPTED BUDGET", f"Fiscal Year July 1, {year} - June 30, {year + 1}", "General Fund Summary"], (RELEVANT,)),
        (f"{fy} Tentative Budget", f"{fy} Budget TENTATIVE.pdf", bot, t[1],
         ["TENTATIVE BUDGET", f"Fiscal Year {year}-{year + 1}", "Available for public inspection"], (OS,)),
        (f"{fy0} Adopted Budget", f"{fy0} Budget ADOPTED.pdf", bot, t0[3],
         ["ADOPTED BUDGET", f"Fiscal Year July 1, {year - 1} - June 30, {year}"], (OY,)),
        (f"Notice of Public Hearing - {fy} Budget", f"Budget Hearing Notice {year}.pdf", bot, t[2],
         ["NOTICE OF PUBLIC HEARING", f"Tentative Budget for Fiscal Year {year}-{year + 1}"], (DV,)),
        (f"{fy} Budget Presentation", f"Budget Presentation {fy}.pdf", bot, t[1],
         ["Budget Workshop", f"{fy} Budget Overview", "Presented to the Board of Trustees"], (DV,)),
        (f"Tax Levy Ordinance {year}", f"Levy Ordinance {year}.pdf", bot, t[4], ["TAX LEVY ORDINANCE", f"Levy Year {year}"], (NK,)),
        (f"Audited Financial Statements {fy0}", f"Audit {fy0}.pdf", bot, t[2],
         ["AUDITED FINANCIAL STATEMENTS", f"Year ended June 30, {year}"], (NK,)),
        (f"Capital Improvement Plan {year}-{year + 4}", f"CIP {year}-{year + 4}.pdf", bot, t[3],
         ["CAPITAL IMPROVEMENT PLAN", f"{year}-{year + 4}", "Building and technology projects"], (OSUB,)),
        other,
    ])  # fmt: skip
    page.render("Board of Trustees", f"The {place} Public Library District Board of Trustees meets monthly.")
    return [minutes, one, budget]


def _transit_agency(page: Page, place: str, year: int) -> list[Job6]:
    rng, aac = page.rng, "Accessibility Advisory Committee"
    bodies = [("Board of Directors", "BOD", 3), ("Citizens Advisory Committee", "CAC", 3), (aac, "AAC", 3)]
    docs = _meetings(page, bodies, year, ("Agenda", "Minutes"), rng.randrange(1, 13))
    minutes = Job6(rng.choice([f"accessibility advisory committee minutes {year}", f"AAC mtg minutes {year}",
                               f"all {year} minutes of the accessibility committee"]), claims=(OB, NK, OY))  # fmt: skip
    _label_set(docs, minutes, aac, "Minutes", year)
    season = rng.choice(SEASONS[1:])
    earlier = rng.choice(SEASONS[: SEASONS.index(season)])
    start = {"Winter": 1, "Spring": 4, "Summer": 6, "Fall": 8}
    eff, old = (date(year, start[s], rng.randrange(3, 25)) for s in (season, earlier))
    last = date(year - 1, start[season], rng.randrange(3, 25))
    route, route2, route3 = rng.sample([2, 3, 5, 7, 9, 12, 14, 22, 40, 51], 3)
    s, S, sc, tt = season.lower(), season, "Service Changes", "Schedules and Maps"
    notice = Job6(rng.choice([f"the {s} {year} service change notice", f"{S} {year} servcie changes notice",
                              f"service change notice {s} {year}"]), claims=(OD, OY, OA, OS, DV, NK, OSUB))  # fmt: skip
    timetable = Job6(rng.choice([f"route {route} timetable", f"the current schedule for route {route}",
                                 f"rt {route} bus schedule pdf"]), claims=(OD, OSUB, NK))  # fmt: skip
    what = [f"Routes {route}, {route2} and {route3}: new schedules", "What is changing"]
    es = f"{eff.day} de {_ES_MONTHS[eff.month - 1]} de {year}"
    specs: list[Spec] = [
        (f"{S} {year} Service Change Notice", f"ServiceChange_{S}{year}_EN.pdf", sc, eff - timedelta(days=21),
         ["SERVICE CHANGE NOTICE", f"Effective {_long(eff)}", *what], (RELEVANT, None)),
        (f"Aviso de Cambio de Servicio - {_ES_SEASONS[S]} {year}", f"ServiceChange_{S}{year}_ES.pdf", sc, eff - timedelta(days=21),
         ["AVISO DE CAMBIO DE SERVICIO", f"Vigente a partir del {es}", "Qué está cambiando"], (OA, None)),
        (f"Thông Báo Thay Đổi Dịch Vụ - {S} {year}", f"ServiceChange_{S}{year}_VI.pdf", sc, eff - timedelta(days=20),
         ["THÔNG BÁO THAY ĐỔI DỊCH VỤ", f"Có hiệu lực từ ngày {eff.day}/{eff.month}/{year}"], (OA, None)),
        (f"{earlier} {year} Service Change Notice", f"ServiceChange_{earlier}{year}_EN.pdf", sc, old - timedelta(days=21),
         ["SERVICE CHANGE NOTICE", f"Effective {_long(old)}", f"Route {route}: new trips"], (OD, None)),
        (f"{S} {year - 1} Service Change Notice", f"ServiceChange_{S}{year - 1}_EN.pdf", sc, last - timedelta(days=21),
         ["SERVICE CHANGE NOTICE", f"Effective {_long(last)}", f"Route {route2}: weekend service"], (OY, None)),
        (f"Proposed {S} {year} Service Changes - Public Comment Draft", f"Proposed_{S}{year}_Changes_DRAFT.pdf", sc,
         eff - timedelta(days=90), ["PROPOSED SERVICE CHANGES", f"{S} {year}", "DRAFT FOR PUBLIC COMMENT"], (OS, None)),
        (f"Title VI Service Equity Analysis - {S} {year} Service Changes", f"TitleVI_Equity_{S}{year}.pdf", sc,
         eff - timedelta(days=60), ["TITLE VI SERVICE EQUITY ANALYSIS", f"{S} {year} Service Changes"], (DV, None)),
        (f"{S} {year} Service Changes - Presentation to the Board", f"Board_Pres_{S}{year}_Service.pdf", sc,
         eff - timedelta(days=45), [f"{S} {year} Service Changes", "Presentation to the Board of Directors"], (DV, None)),
        (f"Fare Change Notice - Effective {MONTHS[eff.month - 1]} {year}", f"FareChange_{year}.pdf", sc,
         eff - timedelta(days=30), ["FARE CHANGE NOTICE", f"New fares effective {_long(eff)}"], (OSUB, None)),
        ("System Map", f"SystemMap_{year}.pdf", tt, eff, ["SYSTEM MAP", f"Effective {_long(eff)}"], (NK, NK)),
    ]  # fmt: skip
    for r, current in ((route, RELEVANT), (route2, OSUB)):
        for when, label in ((eff, current), (old, OD if current == RELEVANT else OSUB)):
            specs.append((f"Route {r} Timetable (effective {when:%m/%d/%Y})", f"Rt{r}_{when:%Y%m%d}.pdf", tt, when,
                          [f"ROUTE {r}", "Downtown Transit Center", f"Effective {_long(when)}", "Weekday", "Saturday"],
                          (NK, label)))  # fmt: skip
    _docs(page, [notice, timetable], specs)
    page.render("Public Documents", f"Meeting records, notices and schedules of {place} Transit.")
    return [minutes, notice, timetable]


def _state_agency(page: Page, place: str, year: int) -> list[Job6]:
    rng, eqc = page.rng, "Environmental Quality Council"
    month = rng.randrange(1, 13)
    bodies = [(eqc, "EQC", 4), ("Water Quality Technical Advisory Committee", "WQTAC", 2),
              ("Solid Waste Advisory Committee", "SWAC", 2)]  # fmt: skip
    docs = _meetings(page, bodies, year, ("Agenda", "Minutes"), month)
    mon = MONTHS[month - 1]
    council = Job6(rng.choice([f"environmental quality council minutes {mon} {year}", f"EQC meeting minutes - {mon} {year} meeting",
                               f"minutes of the {mon.lower()} {year} council mtg"]), claims=(OB, NK, OD, OY))  # fmt: skip
    _label_one(docs, council, eqc, "Minutes", _day_of(docs, eqc, month, year))
    ch, title = rng.randrange(20, 60), rng.randrange(10, 40)
    eff, old = date(year, rng.randrange(1, 7), 1), date(year - rng.randrange(4, 9), rng.randrange(1, 13), 1)
    rules = Job6(rng.choice(["current solid waste regs", "the solid waste management rules (current version)",
                             "solid waste rules in effect now"]), claims=(OY, OS, DV, OSUB, NK))  # fmt: skip
    report = Job6(rng.choice([f"DEQ annual report FY{year}", f"the FY{year % 100} annual report",
                              f"annual report for fiscal year {year - 1}-{year % 100:02d}"]), claims=(OY, OB, DV, OSUB, NK))  # fmt: skip
    rr, pr, pub = "Rules and Regulations", "Proposed Rules", "Reports and Publications"
    prop = _posted(rng, year, (7, 11))
    _docs(page, [rules, report], [
        (f"Chapter {ch}: Solid Waste Management Rules", f"Ch{ch}_SolidWaste_eff{eff:%Y%m%d}.pdf", rr, eff,
         [f"TITLE {title} CHAPTER {ch}", "SOLID WASTE MANAGEMENT RULES", f"Effective {_long(eff)}", "Section 1. Authority"], (RELEVANT, None)),
        (f"Chapter {ch}: Solid Waste Management Rules (effective {old:%m/%d/%Y}, archived)", f"Ch{ch}_SolidWaste_eff{old:%Y%m%d}.pdf",
         rr, old, [f"TITLE {title} CHAPTER {ch}", "SOLID WASTE MANAGEMENT RULES", f"Effective {_long(old)}"], (OY, None)),
        (f"Proposed Amendments to Chapter {ch} (Solid Waste)", f"Ch{ch}_Proposed_{year}.pdf", pr, prop,
         ["PROPOSED RULE", f"Amendments to Title {title} Chapter {ch}", "DRAFT - PUBLIC COMMENT PERIOD"], (OS, None)),
        (f"Notice of Proposed Rulemaking - Chapter {ch}", f"NPRM_Ch{ch}_{year}.pdf", pr, prop,
         ["NOTICE OF PROPOSED RULEMAKING", f"Title {title} Chapter {ch}", "Public hearing"], (DV, None)),
        (f"Response to Comments - Chapter {ch} Rulemaking", f"RTC_Ch{ch}_{year}.pdf", pr, prop + timedelta(days=60),
         ["RESPONSE TO PUBLIC COMMENTS", f"Chapter {ch} Solid Waste Management Rules"], (DV, None)),
        (f"Chapter {ch + 1}: Hazardous Waste Management Rules", f"Ch{ch + 1}_HazWaste.pdf", rr, _posted(rng, year - 2),
         [f"TITLE {title} CHAPTER {ch + 1}", "HAZARDOUS WASTE MANAGEMENT RULES"], (OSUB, None)),
        (f"Chapter {ch - 7}: Water Quality Standards", f"Ch{ch - 7}_WQS.pdf", rr, _posted(rng, year - 1),
         [f"TITLE {title} CHAPTER {ch - 7}", "WATER QUALITY STANDARDS"], (OSUB, None)),
        ("Solid Waste Facility Permit Application", "SW_Permit_Application.pdf", "Forms", _posted(rng, year - 1),
         ["SOLID WASTE FACILITY PERMIT APPLICATION", "Form SW-100"], (NK, None)),
        (f"Annual Report FY{year}", f"DEQ_AnnualReport_FY{year % 100}.pdf", pub, _posted(rng, year, (10, 12)),
         ["ANNUAL REPORT", f"Fiscal Year {year}", f"July 1, {year - 1} - June 30, {year}"], (None, RELEVANT)),
        (f"Annual Report FY{year - 1}", f"DEQ_AnnualReport_FY{(year - 1) % 100}.pdf", pub, _posted(rng, year - 1, (10, 12)),
         ["ANNUAL REPORT", f"Fiscal Year {year - 1}", f"July 1, {year - 2} - June 30, {year - 1}"], (None, OY)),
        (f"Strategic Plan {year}-{year + 4}", f"StrategicPlan_{year}-{year + 4}.pdf", pub, _posted(rng, year, (1, 6)),
         ["STRATEGIC PLAN", f"{year}-{year + 4}", "Goals and measures"], (None, NK)),
        (f"FY{year} Annual Report at a Glance", f"FY{year % 100}_AtAGlance.pdf", pub, _posted(rng, year, (10, 12)),
         ["AT A GLANCE", f"Highlights of the FY{year} Annual Report"], (None, DV)),
        (f"{eqc} Annual Report {year}", f"EQC_AnnualReport_{year}.pdf", eqc, _posted(rng, year + 1, (1, 2)),
         [eqc.upper(), f"ANNUAL REPORT {year}", "Report to the Governor"], (None, OB)),
        (f"{year} Air Quality Annual Monitoring Report", f"AQ_Monitoring_{year}.pdf", pub, _posted(rng, year + 1, (3, 5)),
         [f"{year} AIR QUALITY ANNUAL MONITORING NETWORK REPORT"], (None, OSUB)),
    ])  # fmt: skip
    page.render(
        "Rules, Reports and Meetings",
        f"Official documents of the {place} Department of Environmental Quality.",
    )
    return [council, rules, report]


_GRADE = ["Kindergarten", "1st Grade", "2nd Grade", "3rd Grade", "4th Grade", "5th Grade"]
_GRADO = ["Kínder", "1er Grado", "2do Grado", "3er Grado", "4to Grado", "5to Grado"]


def _school_district(page: Page, place: str, year: int) -> list[Job6]:
    rng = page.rng
    span, prev, full = f"{year}-{(year + 1) % 100:02d}", f"{year - 1}-{year % 100:02d}", f"{year}-{year + 1}"
    hs, ms = f"{place} High School", f"{place} Middle School"
    a, b = rng.sample(
        ["Lincoln", "Jefferson", "Roosevelt", "Hawthorne", "Maple", "Cedar Ridge", "Riverside"], 2
    )
    s1, s2, g = f"{a} Elementary", f"{b} Elementary", rng.randrange(1, 5)
    catalog = Job6(rng.choice([f"{span} high school course catalog", f"HS course catalog {full} school year",
                               f"high school course catalouge {year}-{(year + 1) % 100}"]), claims=(OA, OY, OS, DV, OB))  # fmt: skip
    grade = _GRADE[g].lower()
    supplies = Job6(rng.choice([f"{s1} {grade} supply list", f"supply list {grade} {a}",
                                f"school supplies for {grade} at {s1} {span}"]), claims=(OA, OY, OB, DV))  # fmt: skip
    cc, jul = "Course Catalogs", _posted(rng, year, (6, 7))
    college = f"{rng.choice(['North Valley', 'Lakeshore', 'Tri-County'])} Community College"
    specs: list[Spec] = [
        (f"{span} Program of Studies - {hs}", f"POS_{span}_FINAL.pdf", cc, _posted(rng, year, (2, 3)),
         [hs.upper(), "PROGRAM OF STUDIES", full, "Graduation requirements", "Course descriptions"], (RELEVANT, None)),
        (f"{span} Program of Studies - DRAFT for Board Review", f"POS_{span}_DRAFT_v2.pdf", cc, _posted(rng, year, (1, 1)),
         [hs.upper(), "PROGRAM OF STUDIES", full, "DRAFT - PENDING BOARD APPROVAL"], (OS, None)),
        (f"{prev} Program of Studies - {hs}", f"POS_{prev}_FINAL.pdf", cc, _posted(rng, year - 1, (2, 3)),
         [hs.upper(), "PROGRAM OF STUDIES", f"{year - 1}-{year}"], (OY, None)),
        (f"{span} Middle School Course Guide", f"MS_Course_Guide_{span}.pdf", cc, _posted(rng, year, (2, 3)),
         [ms.upper(), "COURSE GUIDE", span, "Grades 6-8"], (OA, None)),
        (f"Grade 9 Course Selection Worksheet {span}", f"Gr9_Course_Selection_{span}.pdf", cc, _posted(rng, year, (2, 3)),
         ["COURSE SELECTION WORKSHEET", "Incoming Grade 9", span], (DV, None)),
        (f"Course Registration Night Presentation {span}", f"Registration_Night_{year}.pdf", cc, _posted(rng, year, (1, 2)),
         ["COURSE REGISTRATION NIGHT", hs, f"Planning for {full}"], (DV, None)),
        (f"{college} Dual Credit Course Catalog {span}", f"DualCredit_Catalog_{span}.pdf", cc, _posted(rng, year, (3, 4)),
         [college.upper(), "DUAL CREDIT COURSE CATALOG", span], (OB, None)),
        (f"{hs} School Profile {span}", f"HS_Profile_{span}.pdf", cc, _posted(rng, year, (8, 9)),
         [hs.upper(), "SCHOOL PROFILE", span, "Enrollment and test scores"], (NK, None)),
        (f"{_GRADE[g]} Supply List {span}", f"Gr{g}_Supplies_{span}.pdf", s1, jul,
         [s1.upper(), f"{_GRADE[g].upper()} SUPPLY LIST", span, "2 boxes of crayons (24 ct)", "4 glue sticks"], (None, RELEVANT)),
        (f"{_GRADE[g - 1]} Supply List {span}", f"Gr{g - 1}_Supplies_{span}.pdf", s1, jul,
         [s1.upper(), f"{_GRADE[g - 1].upper()} SUPPLY LIST", span], (None, OA)),
        (f"{_GRADE[g + 1]} Supply List {span}", f"Gr{g + 1}_Supplies_{span}.pdf", s1, jul,
         [s1.upper(), f"{_GRADE[g + 1].upper()} SUPPLY LIST", span], (None, OA)),
        (f"{_GRADE[g]} Supply List {prev}", f"Gr{g}_Supplies_{prev}.pdf", s1, _posted(rng, year - 1, (6, 7)),
         [s1.upper(), f"{_GRADE[g].upper()} SUPPLY LIST", prev], (None, OY)),
        (f"Lista de Útiles - {_GRADO[g]} {span}", f"Gr{g}_Supplies_{span}_SPA.pdf", s1, jul,
         [s1.upper(), f"LISTA DE ÚTILES ESCOLARES - {_GRADO[g].upper()}", span], (None, OA)),
        (f"{_GRADE[g]} Supply List {span}", f"{b}_Gr{g}_Supplies.pdf", s2, jul,
         [s2.upper(), f"{_GRADE[g].upper()} SUPPLY LIST", span], (None, OB)),
        ("PTA School Supply Kit Order Form", f"SupplyKit_OrderForm_{year}.pdf", s1, _posted(rng, year, (4, 5)),
         [f"{a.upper()} PTA", "SCHOOL SUPPLY KIT ORDER FORM", f"Kits match the {span} supply lists"], (None, DV)),
        (f"Grade 6 Supply List {span}", f"MS_Gr6_Supplies_{span}.pdf", ms, jul,
         [ms.upper(), "GRADE 6 SUPPLY LIST", span], (None, OA)),
    ]  # fmt: skip
    _docs(page, [catalog, supplies], specs)
    page.render("Resources", f"Documents for {place} Public Schools families and students.")
    return [catalog, supplies]


def _sanitary_district(page: Page, place: str, year: int) -> list[Job6]:
    rng, bod = page.rng, "Board of Directors"
    month = rng.randrange(1, 13)
    mon, packets = MONTHS[month - 1], page.meet is AGENDA_CENTER
    bodies = [
        (bod, "BOD", 5),
        ("Finance Committee", "FIN", 2),
        ("Engineering and Operations Committee", "EO", 2),
    ]
    docs = _meetings(
        page, bodies, year, ("Agenda", "Minutes", "Packet") if packets else ("Agenda", "Minutes"), month
    )
    minutes = Job6(rng.choice([f"board meeting minutes {mon} {year}", f"sanitary district board minutes from the {mon} {year} meeting",
                               f"{mon.lower()} {year} BOD minuets"]), claims=(OB, NK, OD, OY))  # fmt: skip
    _label_one(docs, minutes, bod, "Minutes", _day_of(docs, bod, month, year))
    rate = Job6(rng.choice([f"the {year} sewer rate study", f"sewer rate study {year} final report", f"{year} rate study (final)"]),
                claims=(OS, OY, DV, OSUB, NK))  # fmt: skip
    fr, done = "Finance and Rates", _posted(rng, year, (5, 8))
    _docs(page, [rate], [
        (f"Sewer Rate Study - Final Report ({year})", f"Sewer_Rate_Study_{year}_Final.pdf", fr, done,
         ["SEWER RATE STUDY", "FINAL REPORT", f"{MONTHS[done.month - 1]} {year}", "Prepared by Bartle Financial Consultants"], (RELEVANT,)),
        (f"Sewer Rate Study - Public Review Draft ({year})", f"Sewer_Rate_Study_{year}_Draft.pdf", fr, done - timedelta(days=70),
         ["SEWER RATE STUDY", "PUBLIC REVIEW DRAFT", "Not for citation"], (OS,)),
        (f"Sewer Rate Study ({year - 5})", f"Sewer_Rate_Study_{year - 5}.pdf", fr, _posted(rng, year - 5),
         ["SEWER RATE STUDY", "FINAL REPORT", str(year - 5)], (OY,)),
        ("Notice of Public Hearing on Proposed Sewer Service Charges", f"Prop218_Notice_{year}.pdf", fr, done + timedelta(days=14),
         ["NOTICE OF PUBLIC HEARING", "PROPOSED SEWER SERVICE CHARGE INCREASES", f"Based on the {year} Sewer Rate Study"], (DV,)),
        (f"Rate Study Workshop Presentation ({year})", f"Rate_Workshop_{year}.pdf", fr, done - timedelta(days=40),
         ["SEWER RATE STUDY", "Board Workshop", "Revenue requirements and rate options"], (DV,)),
        (f"Capacity Charge Study ({year})", f"Capacity_Charge_Study_{year}.pdf", fr, done,
         ["CAPACITY CHARGE STUDY", "Connection fees for new development", str(year)], (OSUB,)),
        (f"Ordinance No. {rng.randrange(80, 140)}: Sewer Service Charges", f"Ordinance_SSC_{year}.pdf", fr, done + timedelta(days=60),
         ["ORDINANCE", "ESTABLISHING SEWER SERVICE CHARGES", f"Effective July 1, {year + 1}"], (NK,)),
        (f"Sewer System Management Plan ({year - 1} Update)", f"SSMP_{year - 1}.pdf", "Plans", _posted(rng, year - 1),
         ["SEWER SYSTEM MANAGEMENT PLAN", f"{year - 1} Update"], (NK,)),
    ])  # fmt: skip
    page.render(
        "Board Meetings and Documents", f"The {place} Sanitary District Board of Directors meets monthly."
    )
    return [minutes, rate]


def _parks_recreation(page: Page, place: str, year: int) -> list[Job6]:
    rng, prc = page.rng, "Parks and Recreation Commission"
    month = rng.randrange(1, 13)
    mon = MONTHS[month - 1]
    bodies = [
        (prc, "PRC", 4),
        ("Senior Center Advisory Board", "SCAB", 2),
        ("Youth Advisory Council", "YAC", 2),
    ]
    docs = _meetings(page, bodies, year, ("Agenda", "Minutes"), month)
    if page.meet is LEGISTAR:
        meet = Job6(rng.choice([f"all parks and recreation commission minutes {year}", f"parks commission minutes {year}",
                                f"{year} park & rec commission minutes"]), claims=(OB, NK, OY))  # fmt: skip
        _label_set(docs, meet, prc, "Minutes", year)
    else:
        meet = Job6(rng.choice([f"parks commission agenda {mon} {year}", f"the {mon} {year} parks and recreation commission agenda",
                                f"agenda for {mon.lower()} {year} parks & rec commission mtg"]), claims=(OB, NK, OD, OY))  # fmt: skip
        _label_one(docs, meet, prc, "Agenda", _day_of(docs, prc, month, year))
    word, season = rng.choice(["Recreation Guide", "Activity Guide", "Program Guide"]), rng.choice(SEASONS)
    s, S = season.lower(), season
    guide = Job6(rng.choice([f"{s} {year} program guide", f"parks & rec {s} {year} activity guide",
                             f"the {S} {year} rec brochure", f"{s} {year} recreation guide pdf"]), claims=(OD, OY, OA, DV, NK))  # fmt: skip
    out = {"Winter": (year - 1, 12), "Spring": (year, 2), "Summer": (year, 4), "Fall": (year, 7)}
    pg = "Program Guides"
    specs: list[Spec] = [
        (f"{x} {year} {word}", f"{x}{year}_{word.split()[0]}Guide.pdf", pg, date(*out[x], rng.randrange(1, 28)),
         ["PARKS AND RECREATION", f"{x.upper()} {year}", word.upper(), "Classes - Camps - Events"], (RELEVANT if x == S else OD,))
        for x in SEASONS
    ]  # fmt: skip
    when = date(out[S][0], out[S][1], 1)
    specs += [
        (f"{S} {year - 1} {word}", f"{S}{year - 1}_{word.split()[0]}Guide.pdf", pg, when.replace(year=when.year - 1),
         ["PARKS AND RECREATION", f"{S.upper()} {year - 1}", word.upper()], (OY,)),
        (f"Active Adults 50+ Guide - {S} {year}", f"ActiveAdults_{S}{year}.pdf", "Senior Center", when,
         ["ACTIVE ADULTS 50+", f"{S} {year} Programs and Trips", "Senior Center"], (OA,)),
        (f"Guía de Actividades - {_ES_SEASONS[S]} {year}", f"{S}{year}_Guia_Espanol.pdf", pg, when,
         ["GUÍA DE ACTIVIDADES", f"{_ES_SEASONS[S].upper()} {year}", "Parques y Recreación"], (OA,)),
        (f"Corrections to the {S} {year} {word}", f"{S}{year}_Errata.pdf", pg, when + timedelta(days=20),
         ["ERRATA", f"{S} {year} {word}", "Page 14: class time changed"], (DV,)),
        (f"Youth Sports Registration Form {year}", f"YouthSports_Registration_{year}.pdf", "Youth Sports", when,
         ["YOUTH SPORTS REGISTRATION FORM", str(year)], (NK,)),
        ("Facility Rental Fee Schedule", "Facility_Rental_Fees.pdf", "Facilities", _posted(rng, year - 1),
         ["FACILITY RENTAL FEE SCHEDULE", "Picnic shelters and rooms"], (NK,)),
    ]  # fmt: skip
    _docs(page, [guide], specs)
    page.render("Parks and Recreation", f"Programs, guides and commission meetings of the City of {place}.")
    return [meet, guide]


# (builder, organisation's name from the place, (meeting layout, document layout) per instance)
TEMPLATES6: list[
    tuple[Callable[[Page, str, int], list[Job6]], str, list[tuple[Layout | None, Layout | None]]]
] = [
    (_county_supervisors, "{} County", [(LEGISTAR, None), (AGENDA_CENTER, None)]),
    (_library_district, "{} Public Library District", [(None, WEBLINK), (BOARDDOCS, None)]),
    (_transit_agency, "{} Transit", [(None, SHAREPOINT), (None, ARCHIVE)]),
    (_state_agency, "{} Department of Environmental Quality", [(None, WP_DOWNLOADS), (None, ARCHIVE)]),
    (_school_district, "{} Public Schools", [(None, CARDS), (None, SHAREPOINT)]),
    (_sanitary_district, "{} Sanitary District", [(AGENDA_CENTER, WP_DOWNLOADS), (None, WEBLINK)]),
    (_parks_recreation, "City of {}", [(LEGISTAR, CARDS), (BOARDDOCS, ARCHIVE)]),
]
# Two places per template; some hold words of seasons or bodies.
PLACES6 = ["Trinity Bend", "Lassen Hills", "Fox River Valley", "Cedar Prairie", "Tri-Valley", "Gold Coast",
           "Deseret", "Franklin", "Oakmont", "Haverford Township", "Rio Linda", "Seven Oaks",
           "Spring Valley", "Fall River"]  # fmt: skip


# A part's templates: (builder, organisation's name from the place, layout pairs per instance).
Templates = Sequence[
    tuple[Callable[[Page, str, int], Sequence[Job]], str, Sequence[tuple[Layout | None, Layout | None]]]
]


def build_part(number: int, templates: Templates, places: Sequence[str], site_type: type[Site]) -> list[Site]:
    """Every site of decoy part ``number`` (6 and later), deterministic: one per template and
    (meeting layout, document layout) pair, on ``places`` in order."""
    sites: list[Site] = []
    for t, (build, org, layouts) in enumerate(templates):
        for i, (meet, docs) in enumerate(layouts):
            rng = random.Random(f"decoys{number}-{t}-{i}")
            place = places[t * 2 + i]
            site = site_type(
                f"p{number}-{build.__name__.strip('_').replace('_', '-')}-{i}", number * 10 + t, i
            )
            jobs = build(Page(site, rng, org.format(place), meet, docs), place, 2019 + rng.randrange(6))
            _fill(site, list(jobs))
            site.jobs += jobs
            sites.append(site)
    return sites


def build_sites6() -> list[Site]:
    """Every part-6 site, deterministic: two instances of each template."""
    return build_part(6, TEMPLATES6, PLACES6, Part6Site)


__all__ = ["CATEGORIES6", "Job6", "build_part", "build_sites6"]
