"""Held-back part 8 of the near-miss decoy sites: written before round 6's tuning, never tuned on.

Written by someone who had not read the scoring code (nothing under ``docharvest/relevance`` nor
the crawler's link extraction) and never ran the scorer on it: ``bench/relevance.py
--with-part8`` prints only its aggregate figures (never a per-document error;
``--show-part8-errors`` is for the lead's final run), so that it stays a clean measure.

A user-side test set rather than riddles: eight kinds of local public body, two instances each,
every instance on a pair of page layouts of ``decoy_layouts8`` (tables per body and year with
"PDF" cells, a heading per meeting with "Agenda: Download" lines, accordions of clerk-typed link
text, dated lists whose link names the body but not the date, tables of "PDF" icons), and three
jobs per site whose prompts are worded as people type them (abbreviations BOE, BOT, BOCC, PC,
CC, CAC; "the X" single-document prompts with several editions present; school years, fiscal
years, months, status words). About a third of the documents are scans with no text layer, so
many relevant documents can only be told from their link text, heading, file name or URL.

- a school district: the board of education vs its finance committee and the district PTA
  council (a year's minutes, or one month's agendas, a special meeting included); the high school student handbook vs the
  middle/elementary school, athletics and staff handbooks, last year's, the code of conduct, the
  course guide, the Spanish translation; a school year's calendar vs last year's, next year's,
  the draft, the bell schedule, the lunch menu, the testing and athletics calendars;
- a city: city council vs planning commission, library board and parks board (one month's
  council minutes, a special meeting in the same month included; a year's planning commission
  agendas vs their packets and minutes); the adopted budget for a fiscal year (two volumes) vs the
  proposed one, last year's, the budget presentation, the budget in brief, the CIP, the library's;
- a county: board of county commissioners vs zoning board and board of health (one meeting's
  agenda packet, or a year's agendas); the adopted budget of a calendar year vs the recommended
  one, last year's, the hearing presentation, the budget message, the health department's; the
  hazard mitigation plan (two volumes) vs its review draft, the previous plan, its summary, the
  emergency operations plan, the state plan and the wildfire protection plan;
- a public library: board of trustees vs Friends and Foundation (a year's minutes or agendas);
  the strategic plan vs the previous one, its one-page summary, the survey, the city's plan, the
  facilities plan; the annual report for a year vs last year's, the state statistics report, the
  Friends' annual report, the infographic;
- a transit authority: board vs citizens advisory and finance committees (one month's board
  agendas, or a year's CAC minutes); one route's timetable (weekday and weekend files) vs its
  previous edition, its Spanish version,
  other routes, the system map, the detour notice, the paratransit guide; the Title VI program vs
  the earlier one, the complaint form, the public notice, the equity analysis;
- a water district: board vs engineering committee (a year's approved minutes, drafts posted
  beside them; or one meeting's minutes by exact date); the water quality report (CCR) for a year
  vs last year's, its Spanish version, the lead service line inventory, the wastewater report, the
  wholesaler's CCR; the rate schedule in effect from a date vs last year's, the proposed rates
  notice, the rate study, the sewer rates;
- a university: board of trustees vs faculty senate and the board's finance and audit committee
  (one month's board minutes, or a year's faculty senate agendas vs minutes); the academic calendar
  for a school year vs last year's, next year's, the law school's, the final exam schedule, the
  payroll calendar; the undergraduate catalog vs the graduate catalog, last year's, the addendum,
  the class schedule;
- a hospital district: board of directors vs finance committee and foundation board (a year's
  finance committee minutes, or one month's board agendas vs packets); the community health needs
  assessment vs the previous one, its implementation strategy, the county's health assessment;
  the audited financial statements for a fiscal year vs last year's, the monthly financial
  report, the budget, the foundation's audit, the management letter.

Labelling rules (every document of a site is labelled for every job of the site):

- a meeting job names a body, a kind (agenda / packet / minutes) and a period (a year, a month or
  an exact date). A document of another body is ``other_body``; of that body but another kind
  is ``neighbour_kind`` (a packet is not an agenda, an agenda not minutes); of that body and kind
  outside the period is ``other_year`` if in another year, else ``other_date``. A month prompt
  covers every meeting of the body in that month (a special meeting too);
- draft minutes of a meeting whose approved minutes are also listed are ``other_status`` for a
  minutes job (and ``neighbour_kind`` for an agenda job); an undated "approved"/unqualified
  prompt wants the approved ones;
- a document job ("the high school student handbook", "2024-25 school year calendar",
  "approved budget FY2025"): the edition for the period named (or the current one for "the X")
  is relevant, every part of it (volume 1 and volume 2) too; another period's edition is
  ``other_year``; a draft / proposed / recommended edition ``other_status``; a summary,
  translation, presentation, notice or resolution about it ``derived``; a document of the same
  subject for another audience or level ``other_audience``; a neighbouring kind (bell schedule,
  lunch menu, rate study, CIP) ``neighbour_kind``; the same kind from another organisation or
  body ``other_body``; the same kind on another subject (another route, sewer vs water)
  ``other_subject``;
- any other document of the site (the other jobs' documents, meeting schedules) is
  ``neighbour_kind``, as in parts 6 and 7 (``build_part`` fills them), so that class's figure
  mixes true neighbouring kinds with unrelated documents.

Every document's first lines name the organisation (``_add_docs`` of part 7) except another
organisation's document posted on the site (the state's plan, the wholesaler's water report, the
county health department's assessment, the city's plan), whose title block names only its own.
Each job names the near-miss categories it holds (``Job8.claims``, all of ``CATEGORIES3``).

Size (``build_sites8``): 16 sites, 48 jobs, 1392 documents (about a third scans), 111 relevant
(job, document) pairs: 10 jobs want a year's meeting documents (5-8 each), 6 a month's (2 each),
2 one meeting's, 30 one document or edition (1-2 each). Figures: none -- it was never scored
while written; the lead's first ``--with-part8`` run is its untuned measure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from tests.support.decoy_layouts8 import (
    ACCORDION,
    DATED_LIST,
    DOC_TABLE,
    DOWNLOAD_HEADINGS,
    YEAR_TABLES,
    Layout,
)
from tests.support.decoy_sites import MONTHS, RELEVANT, Site, _long
from tests.support.decoy_sites_part3 import CATEGORIES3
from tests.support.decoy_sites_part6 import (
    SCAN_SHARE,
    Job6,
    MeetingDoc,
    Page,
    _day_of,
    _label_one,
    _label_set,
    _months,
    _posted,
    build_part,
)
from tests.support.decoy_sites_part7 import _add_docs, _fy, _pick, _title_block

CATEGORIES8 = CATEGORIES3
__all__ = ["CATEGORIES8", "SCAN_SHARE", "TEMPLATES8", "Job8", "build_sites8"]
OB, NK, OY, OD = "other_body", "neighbour_kind", "other_year", "other_date"
OA, OS, DV, OSUB = "other_audience", "other_status", "derived", "other_subject"
Job8 = Job6  # a job and the near-miss categories it is built to hold (``claims``)
Spec = tuple[str, str, str, date, list[str], tuple[str | None, ...]]


@dataclass
class Part8Site(Site):
    @property
    def part(self) -> str:
        return "part8"


# How these clerks name a meeting's files (abbreviation, kind, date); minutes may say APPROVED.
_NAMERS8: list[Callable[[str, str, date], str]] = [
    lambda ab, kind, d: f"{d:%Y-%m-%d}_{ab}_{kind}{'_APPROVED' if kind == 'Minutes' else ''}.pdf",
    lambda ab, kind, d: f"{ab} {kind} {d:%m.%d.%y}.pdf",
    lambda ab, kind, d: f"{d:%Y%m%d}-{kind.lower()}.pdf",  # no body in the name
    lambda ab, kind, d: f"{MONTHS[d.month - 1]}-{d.day}-{d.year}-{ab}-{kind}.pdf",
]


def _meetings8(
    page: Page, bodies: list[tuple[str, str, int]], year: int, kinds: tuple[str, ...], month: int, extra: bool = False
) -> list[MeetingDoc]:
    """Each (body, abbreviation, meetings a year) meets in ``year`` and the year before, once in
    ``month``; with ``extra`` the first body holds a second (special) meeting in ``month`` of ``year``."""
    rng = page.rng
    style, namer = rng.randrange(4), rng.choice(_NAMERS8)
    found: list[MeetingDoc] = []
    for (body, ab, n), y in ((b, y) for b in bodies for y in (year - 1, year)):
        days = []
        for m in _months(rng, n, month):
            day = date(y, m, rng.randrange(2, 15))
            days.append((day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0), "Regular Meeting"))
        if extra and body == bodies[0][0] and y == year:
            days.append((date(y, month, 27) - timedelta(days=max(0, date(y, month, 27).weekday() - 4)), "Special Meeting"))
        for day, meeting in days:
            for kind in kinds:
                label = {"Packet": "Agenda Packet"}.get(kind, kind)
                lines = _title_block(page.org, body, kind, day, meeting, style)
                path = page.add(f"{label} - {_long(day)}", namer(ab, kind, day), body, day, lines, kind, meeting)
                found.append(MeetingDoc(path, body, kind, day))
    return found


def _label_month(docs: list[MeetingDoc], job: Job8, body: str, kind: str, year: int, month: int) -> None:
    """A request for a body's documents of one kind from one month (every meeting in it)."""
    for d in docs:
        job.labels[d.path] = (OB if d.body != body else NK if d.kind != kind
                              else RELEVANT if (d.day.year, d.day.month) == (year, month)
                              else OY if d.day.year != year else OD)  # fmt: skip


def _drafts(page: Page, docs: list[MeetingDoc], body: str, ab: str, year: int, jobs: list[Job8], n: int = 2) -> None:
    """Draft minutes posted beside the approved minutes of ``body``'s last ``n`` meetings of ``year``:
    ``other_status`` for a job asking for that body's minutes, else as the job's meeting label says."""
    days = sorted({d.day for d in docs if d.body == body and d.kind == "Minutes" and d.day.year == year})[-n:]
    for day in days:
        approved = next(d.path for d in docs if d.body == body and d.kind == "Minutes" and d.day == day)
        path = page.add(
            f"DRAFT Minutes - {_long(day)}",
            f"{day:%Y-%m-%d}_{ab}_Minutes_DRAFT.pdf",
            body,
            day + timedelta(days=3),
            ["DRAFT - NOT YET APPROVED", page.org, body, "Minutes", _long(day)],
        )
        for job in jobs:
            label = job.labels.get(approved)
            job.labels[path] = OS if label in (RELEVANT, OY, OD) else (label or NK)


def _add_docs8(page: Page, jobs: list[Job8], specs: list[Spec]) -> None:
    """``_add_docs``, except that a document whose first line starts with "!" is another
    organisation's (a state plan, a wholesaler's report): its title block does not name this one."""
    for title, filename, group, day, lines, labels in specs:
        if not lines[0].startswith("!"):
            _add_docs(page, jobs, [(title, filename, group, day, lines, labels)])
            continue
        path = page.add(title, filename, group, day, [lines[0][1:], *lines[1:]])
        for job, label in zip(jobs, labels, strict=True):
            if label is not None:
                job.labels[path] = label


def _alt(page: Page, *prompts: str) -> str:
    """One of the wordings, the two instances of a template drawing from alternate ones."""
    return page.rng.choice(prompts[page.site.instance :: 2])


# -- organisations --------------------------------------------------------------------------------


def _school_district(page: Page, place: str, year: int) -> list[Job8]:
    rng, boe, fc, pta = page.rng, "Board of Education", "Finance Committee", "District PTA Council"
    month = rng.randrange(1, 13)
    mon = MONTHS[month - 1]
    docs = _meetings8(page, [(boe, "BOE", 6), (fc, "FC", 4), (pta, "PTA", 3)], year, ("Agenda", "Minutes"), month, extra=page.site.instance == 1)
    if page.site.instance == 0:
        meet = Job8(_pick(rng, f"all board of education minutes from {year}", f"{year} BOE meeting minutes",
                          f"school board minutes {year}"), claims=(OB, NK, OY, OS))  # fmt: skip
        _label_set(docs, meet, boe, "Minutes", year)
    else:
        meet = Job8(_pick(rng, f"school board agenda {mon} {year}", f"BOE agendas {mon} {year}",
                          f"{mon.lower()} {year} board of ed agenda"), claims=(OB, NK, OD, OY))  # fmt: skip
        _label_month(docs, meet, boe, "Agenda", year, month)
    hs = f"{place} High School"
    sy, sy0, sy1 = _fy(year), _fy(year - 1), _fy(year + 1)
    handbook = Job8(_alt(page, "the high school student handbook", f"{hs} student handbook",
                          f"HS student handbook {sy}"), claims=(OA, OY, NK, DV))  # fmt: skip
    calendar = Job8(_alt(page, f"{sy} school year calendar", f"district calendar {year}-{year + 1}",
                          f"the {year}-{year + 1} school calendar"), claims=(OY, OS, NK, OA, DV))  # fmt: skip
    hb, cal, aug = "Handbooks", "Calendars", _posted(rng, year, (7, 8))
    approved = _posted(rng, year, (2, 4))
    specs: list[Spec] = [
        (f"{hs} Student Handbook {sy}", f"{place.replace(' ', '')}HS_Student_Handbook_{sy}.pdf", hb, aug,
         [hs.upper(), "STUDENT HANDBOOK", f"{sy} School Year"], (RELEVANT, None)),
        (f"{hs} Student Handbook {sy0}", f"{place.replace(' ', '')}HS_Student_Handbook_{sy0}.pdf", hb, aug.replace(year=year - 1),
         [hs.upper(), "STUDENT HANDBOOK", f"{sy0} School Year"], (OY, None)),
        (f"{place} Middle School Student Handbook {sy}", f"MS_Student_Handbook_{sy}.pdf", hb, aug,
         [f"{place.upper()} MIDDLE SCHOOL", "STUDENT HANDBOOK", sy], (OA, None)),
        (f"Elementary Student & Parent Handbook {sy}", f"Elem_Handbook_{sy}.pdf", hb, aug,
         ["ELEMENTARY SCHOOLS", "STUDENT AND PARENT HANDBOOK", sy], (OA, None)),
        (f"Athletic Handbook {sy}", f"Athletic_Handbook_{sy}.pdf", hb, aug,
         [f"{hs.upper()} ATHLETICS", "ATHLETIC HANDBOOK", "For student-athletes and parents"], (OA, None)),
        (f"Certified Staff Handbook {sy}", f"Staff_Handbook_{sy}.pdf", hb, aug,
         ["EMPLOYEE HANDBOOK", "Certified staff", sy], (OA, None)),
        (f"Manual del Estudiante - {hs} {sy}", f"HS_Student_Handbook_{sy}_Spanish.pdf", hb, aug + timedelta(days=14),
         [hs.upper(), "MANUAL DEL ESTUDIANTE", f"Año escolar {sy}"], (DV, None)),
        ("Student Code of Conduct", f"Code_of_Conduct_{sy}.pdf", hb, aug,
         ["STUDENT CODE OF CONDUCT", "Grades K-12", "Discipline matrix"], (NK, None)),
        (f"High School Course Guide {sy}", f"HS_Course_Guide_{sy}.pdf", "Academics", _posted(rng, year, (1, 2)),
         [hs.upper(), "COURSE SELECTION GUIDE", sy], (NK, None)),
        (f"{sy} District Calendar (Board Approved)", f"{sy}_District_Calendar_APPROVED.pdf", cal, approved,
         [f"{sy} SCHOOL YEAR CALENDAR", f"Board approved {_long(approved)}", "First day of school", "Winter break"], (None, RELEVANT)),
        (f"{sy} District Calendar - DRAFT for Board Review", f"{sy}_Calendar_DRAFT.pdf", cal, approved - timedelta(days=30),
         [f"DRAFT {sy} SCHOOL CALENDAR", "For board review - not final"], (None, OS)),
        (f"{sy0} District Calendar", f"{sy0}_District_Calendar.pdf", cal, approved.replace(year=year - 1),
         [f"{sy0} SCHOOL YEAR CALENDAR", "First day of school"], (None, OY)),
        (f"{sy1} District Calendar (Tentative)", f"{sy1}_Calendar_Tentative.pdf", cal, approved + timedelta(days=300),
         [f"{sy1} SCHOOL YEAR CALENDAR", "Tentative"], (None, OY)),
        (f"Calendario Escolar {sy}", f"{sy}_Calendario_Escolar.pdf", cal, approved + timedelta(days=10),
         [f"CALENDARIO ESCOLAR {sy}", "Primer día de clases"], (None, DV)),
        (f"Bell Schedules {sy}", f"Bell_Schedules_{sy}.pdf", cal, aug,
         ["BELL SCHEDULES", "High School 7:45 - 2:50", "Late start Wednesdays"], (None, NK)),
        (f"Lunch Menu - {MONTHS[8]} {year}", f"Lunch_Menu_Sept_{year}.pdf", "Food Services", aug + timedelta(days=20),
         ["SCHOOL LUNCH MENU", f"September {year}", "Monday: chicken tenders"], (None, NK)),
        (f"State Testing Calendar {sy}", f"Testing_Calendar_{sy}.pdf", cal, aug,
         ["ASSESSMENT CALENDAR", sy, "State testing windows"], (None, NK)),
        (f"Preschool Calendar {sy}", f"Preschool_Calendar_{sy}.pdf", cal, approved + timedelta(days=20),
         ["EARLY CHILDHOOD CENTER", f"PRESCHOOL CALENDAR {sy}"], (None, OA)),
        (f"{year} Board Meeting Schedule", f"BOE_Meeting_Schedule_{year}.pdf", boe, _posted(rng, year - 1, (12, 12)),
         [f"{year} BOARD OF EDUCATION MEETING SCHEDULE", "All meetings at 7:00 PM"], (None, None)),
    ]  # fmt: skip
    _add_docs8(page, [handbook, calendar], specs)
    if page.site.instance == 0:
        _drafts(page, docs, boe, "BOE", year, [meet, handbook, calendar])
    page.render("Board of Education and District Documents", f"{page.org}: board meetings, handbooks and calendars.")
    return [meet, handbook, calendar]


def _city(page: Page, place: str, year: int) -> list[Job8]:
    rng, cc, pc, lb = page.rng, "City Council", "Planning Commission", "Library Board"
    month = rng.randrange(1, 13)
    mon = MONTHS[month - 1]
    docs = _meetings8(page, [(cc, "CC", 6), (pc, "PC", 5), (lb, "LB", 4), ("Parks and Recreation Board", "PRB", 3)],
                      year, ("Agenda", "Packet", "Minutes"), month, extra=True)  # fmt: skip
    council = Job8(_alt(page, f"city council minutes from {mon} {year}", f"CC minutes {mon[:3].lower()} {year}",
                         f"minutes of the {mon} {year} council meetings"), claims=(OB, NK, OD, OY))  # fmt: skip
    _label_month(docs, council, cc, "Minutes", year, month)
    plan = Job8(_alt(page, f"all planning commission agendas from {year - 1}", f"PC agendas {year - 1}",
                      f"{year - 1} planning commission agendas"), claims=(OB, NK, OY))  # fmt: skip
    _label_set(docs, plan, pc, "Agenda", year - 1)
    fy, fy0 = year + 1, year
    budget = Job8(_alt(page, f"approved budget FY{fy}", f"adopted budget fiscal year {fy}", f"FY {fy} adopted budget city of {place}"),
                  claims=(OS, OY, NK, DV, OB))  # fmt: skip
    fin, adopted = "Budget and Finance", _posted(rng, year, (6, 6))
    specs: list[Spec] = [
        (f"FY {fy} Adopted Budget - Volume I (Operating)", f"FY{fy % 100}_Adopted_Budget_Vol1.pdf", fin, adopted + timedelta(days=30),
         ["ADOPTED BUDGET", f"Fiscal Year {fy} (July 1, {year} - June 30, {fy})", "Volume I - Operating Budget"], (None, None, RELEVANT)),
        (f"FY {fy} Adopted Budget - Volume II (Capital)", f"FY{fy % 100}_Adopted_Budget_Vol2.pdf", fin, adopted + timedelta(days=30),
         ["ADOPTED BUDGET", f"Fiscal Year {fy}", "Volume II - Capital Budget"], (None, None, RELEVANT)),
        (f"FY {fy} Proposed Budget", f"FY{fy % 100}_Proposed_Budget.pdf", fin, adopted - timedelta(days=45),
         ["PROPOSED BUDGET", f"Fiscal Year {fy}", "City Manager's Recommended Budget"], (None, None, OS)),
        (f"FY {fy0} Adopted Budget", f"FY{fy0 % 100}_Adopted_Budget.pdf", fin, adopted.replace(year=year - 1),
         ["ADOPTED BUDGET", f"Fiscal Year {fy0}"], (None, None, OY)),
        (f"FY {fy} Budget Presentation to City Council", f"FY{fy % 100}_Budget_Presentation.pdf", fin, adopted - timedelta(days=20),
         ["FY " + str(fy) + " BUDGET", "Presentation to City Council", "Revenue outlook"], (None, None, NK)),
        (f"FY {fy} Budget in Brief", f"FY{fy % 100}_Budget_in_Brief.pdf", fin, adopted + timedelta(days=40),
         ["BUDGET IN BRIEF", f"Fiscal Year {fy}", "Where the money goes"], (None, None, DV)),
        (f"Resolution {year}-{rng.randrange(20, 90)} Adopting the FY {fy} Budget", f"Reso_Adopting_FY{fy % 100}_Budget.pdf", fin, adopted,
         ["RESOLUTION", f"ADOPTING THE BUDGET FOR FISCAL YEAR {fy}"], (None, None, DV)),
        (f"Capital Improvement Program FY {fy}-{fy + 4}", f"CIP_FY{fy % 100}-{(fy + 4) % 100}.pdf", fin, adopted,
         ["CAPITAL IMPROVEMENT PROGRAM", f"FY {fy} - FY {fy + 4}"], (None, None, NK)),
        (f"Annual Comprehensive Financial Report FY {fy0 - 1}", f"ACFR_FY{(fy0 - 1) % 100}.pdf", fin, _posted(rng, year - 1, (12, 12)),
         ["ANNUAL COMPREHENSIVE FINANCIAL REPORT", f"Fiscal year ended June 30, {fy0 - 1}"], (None, None, NK)),
        (f"Public Library FY {fy} Budget (Library Board Approved)", f"Library_Budget_FY{fy % 100}.pdf", lb, adopted - timedelta(days=10),
         [f"{place.upper()} PUBLIC LIBRARY", f"FY {fy} BUDGET", "Approved by the Library Board"], (None, None, OB)),
        (f"{year} Council Meeting Calendar", f"Council_Meeting_Calendar_{year}.pdf", cc, _posted(rng, year - 1, (12, 12)),
         [f"{year} CITY COUNCIL MEETING CALENDAR"], (None, None, None)),
    ]  # fmt: skip
    _add_docs8(page, [council, plan, budget], specs)
    page.render("Agendas, Minutes and Budget", f"City of {place} meetings and financial documents.")
    return [council, plan, budget]


def _county(page: Page, place: str, year: int) -> list[Job8]:
    rng, bocc, zba, boh = page.rng, "Board of County Commissioners", "Zoning Board of Adjustment", "Board of Health"
    month = rng.randrange(1, 13)
    mon = MONTHS[month - 1]
    docs = _meetings8(page, [(bocc, "BOCC", 6), (zba, "ZBA", 4), (boh, "BOH", 4)], year, ("Agenda", "Packet", "Minutes"), month)
    if page.site.instance == 0:
        meet = Job8(_pick(rng, f"BOCC agenda packet {mon} {year}", f"county commissioners meeting packet {mon} {year}",
                          f"the {mon} {year} commission agenda packet"), claims=(OB, NK, OD, OY))  # fmt: skip
        _label_one(docs, meet, bocc, "Packet", _day_of(docs, bocc, month, year))
    else:
        meet = Job8(_pick(rng, f"all county commission agendas {year}", f"BOCC agendas from {year}",
                          f"{year} board of commissioners agendas"), claims=(OB, NK, OY))  # fmt: skip
        _label_set(docs, meet, bocc, "Agenda", year)
    budget = Job8(_alt(page, f"{year} adopted budget", f"county budget {year} (adopted)", f"the adopted {year} budget for {place} County"),
                  claims=(OS, OY, NK, DV, OB))  # fmt: skip
    hmp = Job8(_alt(page, "the hazard mitigation plan", f"{place} County hazard mitigation plan", "current multi-jurisdictional HMP"),
               claims=(OY, OS, DV, NK, OB, OSUB))  # fmt: skip
    fin, em = "Budget", "Emergency Management"
    adopted = date(year - 1, 12, rng.randrange(8, 20))
    plan_year = year - rng.randrange(0, 2)
    specs: list[Spec] = [
        (f"{year} Adopted Budget", f"{year}_Adopted_Budget.pdf", fin, adopted + timedelta(days=20),
         [f"{place.upper()} COUNTY", f"{year} ADOPTED BUDGET", f"January 1 - December 31, {year}"], (None, RELEVANT, None)),
        (f"{year} Recommended Budget", f"{year}_Recommended_Budget.pdf", fin, adopted - timedelta(days=50),
         [f"{year} RECOMMENDED BUDGET", "Submitted by the County Administrator"], (None, OS, None)),
        (f"{year - 1} Adopted Budget", f"{year - 1}_Adopted_Budget.pdf", fin, adopted.replace(year=year - 2) + timedelta(days=20),
         [f"{year - 1} ADOPTED BUDGET", f"January 1 - December 31, {year - 1}"], (None, OY, None)),
        (f"{year} Budget Public Hearing Presentation", f"{year}_Budget_Hearing_Presentation.pdf", fin, adopted - timedelta(days=7),
         [f"{year} BUDGET", "Public Hearing", "General fund overview"], (None, NK, None)),
        (f"{year} Budget Message", f"{year}_Budget_Message.pdf", fin, adopted + timedelta(days=20),
         [f"{year} BUDGET MESSAGE", "To the Board of County Commissioners"], (None, DV, None)),
        (f"Health Department {year} Budget (Board of Health)", f"Health_Dept_Budget_{year}.pdf", boh, adopted - timedelta(days=30),
         [f"{place.upper()} COUNTY HEALTH DEPARTMENT", f"{year} BUDGET", "Adopted by the Board of Health"], (None, OB, None)),
        (f"{place} County Hazard Mitigation Plan {plan_year} - Volume 1", f"HMP_{plan_year}_Vol1.pdf", em, _posted(rng, plan_year, (3, 6)),
         [f"{place.upper()} COUNTY", "MULTI-JURISDICTIONAL HAZARD MITIGATION PLAN", f"{plan_year} Update", "Volume 1: Planning-area-wide"],
         (None, None, RELEVANT)),
        (f"{place} County Hazard Mitigation Plan {plan_year} - Volume 2 (Jurisdictional Annexes)", f"HMP_{plan_year}_Vol2.pdf", em,
         _posted(rng, plan_year, (3, 6)), ["HAZARD MITIGATION PLAN", "Volume 2: Jurisdictional Annexes"], (None, None, RELEVANT)),
        (f"Hazard Mitigation Plan {plan_year} Update - Public Review Draft", f"HMP_{plan_year}_Public_Review_DRAFT.pdf", em,
         _posted(rng, plan_year - 1, (9, 11)), ["PUBLIC REVIEW DRAFT", "HAZARD MITIGATION PLAN UPDATE"], (None, None, OS)),
        (f"Hazard Mitigation Plan {plan_year - 5}", f"HMP_{plan_year - 5}.pdf", em, _posted(rng, plan_year - 5),
         ["HAZARD MITIGATION PLAN", str(plan_year - 5)], (None, None, OY)),
        ("Hazard Mitigation Plan - Executive Summary", f"HMP_{plan_year}_Executive_Summary.pdf", em, _posted(rng, plan_year, (7, 8)),
         ["EXECUTIVE SUMMARY", "Hazard Mitigation Plan"], (None, None, DV)),
        ("Emergency Operations Plan", f"EOP_{year - 2}.pdf", em, _posted(rng, year - 2),
         ["EMERGENCY OPERATIONS PLAN", "Base plan and emergency support functions"], (None, None, NK)),
        ("State Hazard Mitigation Plan", "State_HMP.pdf", em, _posted(rng, year - 2),
         ["!STATE HAZARD MITIGATION PLAN", "Office of Emergency Management"], (None, None, OB)),
        ("Community Wildfire Protection Plan", f"CWPP_{year - 3}.pdf", em, _posted(rng, year - 3),
         ["COMMUNITY WILDFIRE PROTECTION PLAN", f"{place} County"], (None, None, OSUB)),
    ]  # fmt: skip
    _add_docs8(page, [meet, budget, hmp], specs)
    page.render("County Commission, Budget and Emergency Management", f"Official documents of {place} County.")
    return [meet, budget, hmp]


def _library(page: Page, place: str, year: int) -> list[Job8]:
    rng, bot, fol = page.rng, "Board of Trustees", "Friends of the Library"
    month = rng.randrange(1, 13)
    docs = _meetings8(page, [(bot, "BOT", 8), (fol, "FOL", 4), ("Library Foundation Board", "LFB", 3)], year,
                      ("Agenda", "Minutes"), month)  # fmt: skip
    if page.site.instance == 0:
        meet = Job8(_pick(rng, f"library board minutes {year}", f"BOT minutes {year}", f"all {year} library trustee minutes"),
                    claims=(OB, NK, OY, OS))  # fmt: skip
        _label_set(docs, meet, bot, "Minutes", year)
    else:
        meet = Job8(_pick(rng, f"library board of trustees agendas {year}", f"{year} BOT agendas (library)"),
                    claims=(OB, NK, OY))  # fmt: skip
        _label_set(docs, meet, bot, "Agenda", year)
    plan = Job8(_alt(page, "the library strategic plan", f"{place} Public Library strategic plan", "library's current strategic plan"),
                claims=(OY, DV, NK, OB))  # fmt: skip
    report = Job8(_alt(page, f"library annual report {year - 1}", f"the {year - 1} annual report", f"annual report for {year - 1} library"),
                  claims=(OY, NK, OB, DV))  # fmt: skip
    pl, rp = "Plans and Policies", "Reports"
    start = year - 1
    specs: list[Spec] = [
        (f"Strategic Plan {start}-{start + 3}", f"Strategic_Plan_{start}-{start + 3}.pdf", pl, _posted(rng, start, (1, 3)),
         ["STRATEGIC PLAN", f"{start}-{start + 3}", "Mission, vision and goals"], (None, RELEVANT, None)),
        (f"Strategic Plan {start - 4}-{start - 1}", f"Strategic_Plan_{start - 4}-{start - 1}.pdf", pl, _posted(rng, start - 4, (1, 3)),
         ["STRATEGIC PLAN", f"{start - 4}-{start - 1}"], (None, OY, None)),
        ("Strategic Plan at a Glance", f"Strategic_Plan_OnePage_{start}.pdf", pl, _posted(rng, start, (4, 6)),
         ["STRATEGIC PLAN AT A GLANCE", "Our goals in one page"], (None, DV, None)),
        (f"Community Survey Results {start - 1}", f"Community_Survey_{start - 1}.pdf", pl, _posted(rng, start - 1, (9, 12)),
         ["COMMUNITY SURVEY RESULTS", "What we heard"], (None, NK, None)),
        ("Facilities Master Plan", f"Facilities_Master_Plan_{year - 3}.pdf", pl, _posted(rng, year - 3),
         ["FACILITIES MASTER PLAN", "Branch renovations"], (None, NK, None)),
        (f"City of {place} Strategic Plan", f"City_Strategic_Plan_{year - 2}.pdf", pl, _posted(rng, year - 2),
         [f"!CITY OF {place.upper()}", "CITYWIDE STRATEGIC PLAN"], (None, OB, None)),
        ("Collection Development Policy", "Collection_Development_Policy.pdf", pl, _posted(rng, year - 2),
         ["COLLECTION DEVELOPMENT POLICY"], (None, None, None)),
        (f"{year - 1} Annual Report", f"Annual_Report_{year - 1}.pdf", rp, _posted(rng, year, (3, 5)),
         ["ANNUAL REPORT", str(year - 1), "Circulation, programs and visits"], (None, None, RELEVANT)),
        (f"{year - 2} Annual Report", f"Annual_Report_{year - 2}.pdf", rp, _posted(rng, year - 1, (3, 5)),
         ["ANNUAL REPORT", str(year - 2)], (None, None, OY)),
        (f"{year - 1} Annual Report Infographic", f"{year - 1}_Year_in_Review_Infographic.pdf", rp, _posted(rng, year, (2, 3)),
         [f"{year - 1} YEAR IN REVIEW", "By the numbers"], (None, None, DV)),
        (f"Public Library Annual Report to the State Library FY {year - 1}", f"State_Annual_Statistics_FY{(year - 1) % 100}.pdf", rp,
         _posted(rng, year, (8, 9)), ["PUBLIC LIBRARY ANNUAL REPORT", "Submitted to the State Library", "Statistical survey"],
         (None, None, NK)),
        (f"Friends of the Library {year - 1} Annual Report", f"Friends_Annual_Report_{year - 1}.pdf", fol, _posted(rng, year, (2, 4)),
         ["FRIENDS OF THE LIBRARY", f"{year - 1} ANNUAL REPORT", "Book sale proceeds"], (None, None, OB)),
    ]  # fmt: skip
    _add_docs8(page, [meet, plan, report], specs)
    if page.site.instance == 0:
        _drafts(page, docs, bot, "BOT", year, [meet, plan, report])
    page.render("Library Board and Reports", f"The {page.org} serves {place}.")
    return [meet, plan, report]


def _transit(page: Page, place: str, year: int) -> list[Job8]:
    rng, bod, cac, fac = page.rng, "Board of Directors", "Citizens Advisory Committee", "Finance and Audit Committee"
    month = rng.randrange(1, 13)
    mon = MONTHS[month - 1]
    docs = _meetings8(page, [(bod, "BOD", 6), (cac, "CAC", 6), (fac, "FAC", 3)], year, ("Agenda", "Packet", "Minutes"), month, extra=page.site.instance == 0)
    if page.site.instance == 0:
        meet = Job8(_pick(rng, f"transit board agenda {mon} {year}", f"{mon} {year} board of directors agenda"),
                    claims=(OB, NK, OD, OY))  # fmt: skip
        _label_month(docs, meet, bod, "Agenda", year, month)
    else:
        meet = Job8(_pick(rng, f"CAC minutes {year}", f"citizens advisory committee minutes from {year}"), claims=(OB, NK, OY))  # fmt: skip
        _label_set(docs, meet, cac, "Minutes", year)
    n, other = rng.sample([2, 4, 5, 7, 11, 12, 15, 22], 2)
    route = Job8(_alt(page, f"route {n} bus schedule", f"the Route {n} timetable", f"rt {n} schedule"),
                 claims=(OY, DV, OSUB, NK, OA))  # fmt: skip
    title6 = Job8(_alt(page, "Title VI program", f"the {year} Title VI program", "title vi plan"), claims=(OY, NK, DV))  # fmt: skip
    sch, civ = "Schedules and Maps", "Civil Rights"
    eff = date(year, rng.choice([1, 6, 8]), rng.randrange(1, 20))
    prev = eff.replace(year=year - 1)
    approved = _posted(rng, year, (2, 5))
    specs: list[Spec] = [
        (f"Route {n} Weekday Schedule (effective {_long(eff)})", f"Route{n}_Weekday_eff_{eff:%Y%m%d}.pdf", sch, eff - timedelta(days=14),
         [f"ROUTE {n}", "WEEKDAY SCHEDULE", f"Effective {_long(eff)}"], (None, RELEVANT, None)),
        (f"Route {n} Saturday & Sunday Schedule (effective {_long(eff)})", f"Route{n}_Weekend_eff_{eff:%Y%m%d}.pdf", sch,
         eff - timedelta(days=14), [f"ROUTE {n}", "SATURDAY AND SUNDAY SCHEDULE", f"Effective {_long(eff)}"], (None, RELEVANT, None)),
        (f"Route {n} Schedule (effective {_long(prev)})", f"Route{n}_Schedule_eff_{prev:%Y%m%d}.pdf", sch, prev - timedelta(days=14),
         [f"ROUTE {n}", "SCHEDULE", f"Effective {_long(prev)}"], (None, OY, None)),
        (f"Ruta {n} Horario", f"Route{n}_Horario_{eff:%Y%m%d}.pdf", sch, eff - timedelta(days=10),
         [f"RUTA {n}", "HORARIO", f"Vigente {eff.day}/{eff.month}/{eff.year}"], (None, DV, None)),
        (f"Route {other} Schedule (effective {_long(eff)})", f"Route{other}_Schedule_eff_{eff:%Y%m%d}.pdf", sch, eff - timedelta(days=14),
         [f"ROUTE {other}", "WEEKDAY SCHEDULE", f"Effective {_long(eff)}"], (None, OSUB, None)),
        ("System Map", f"System_Map_{year}.pdf", sch, eff - timedelta(days=14),
         [f"{place.upper()} TRANSIT SYSTEM MAP", "All routes"], (None, NK, None)),
        (f"Route {n} Detour Notice", f"Route{n}_Detour_{year}.pdf", sch, _posted(rng, year),
         [f"ROUTE {n} DETOUR", "Due to road construction"], (None, NK, None)),
        ("Paratransit Rider Guide", "Paratransit_Rider_Guide.pdf", sch, _posted(rng, year - 1),
         ["PARATRANSIT RIDER GUIDE", "Eligibility and scheduling a trip"], (None, OA, None)),
        (f"Title VI Program {year}", f"Title_VI_Program_{year}.pdf", civ, approved,
         ["TITLE VI PROGRAM", f"{year}-{year + 3}", f"Approved by the {bod}"], (None, None, RELEVANT)),
        (f"Title VI Program {year - 3}", f"Title_VI_Program_{year - 3}.pdf", civ, approved.replace(year=year - 3),
         ["TITLE VI PROGRAM", f"{year - 3}-{year}"], (None, None, OY)),
        ("Title VI Complaint Form", "Title_VI_Complaint_Form.pdf", civ, _posted(rng, year - 2),
         ["TITLE VI COMPLAINT FORM", "Name, address, description of the incident"], (None, None, NK)),
        ("Title VI Notice to the Public", "Title_VI_Notice.pdf", civ, approved,
         ["NOTICE TO THE PUBLIC", "Your rights under Title VI"], (None, None, DV)),
        (f"Service Equity Analysis - {year} Service Changes", f"Equity_Analysis_{year}.pdf", civ, eff - timedelta(days=60),
         ["SERVICE EQUITY ANALYSIS", "Disparate impact and disproportionate burden"], (None, None, NK)),
    ]  # fmt: skip
    _add_docs8(page, [meet, route, title6], specs)
    page.render("Board Meetings, Schedules and Civil Rights", f"{page.org} - public information.")
    return [meet, route, title6]


def _water_district(page: Page, place: str, year: int) -> list[Job8]:
    rng, bod, ec = page.rng, "Board of Directors", "Engineering Committee"
    month = rng.randrange(1, 13)
    docs = _meetings8(page, [(bod, "BOD", 6), (ec, "EC", 4)], year, ("Agenda", "Minutes"), month)
    if page.site.instance == 0:
        meet = Job8(_pick(rng, f"approved minutes of the board of directors {year}", f"all {year} board minutes (approved)"),
                    claims=(OB, NK, OY, OS))  # fmt: skip
        _label_set(docs, meet, bod, "Minutes", year)
    else:
        day = _day_of(docs, bod, month, year)
        meet = Job8(_pick(rng, f"board minutes {day:%m/%d/%Y}", f"minutes of the {_long(day)} board meeting"),
                    claims=(OB, NK, OD, OY, OS))  # fmt: skip
        _label_one(docs, meet, bod, "Minutes", day)
    ccr = Job8(_alt(page, f"{year - 1} water quality report", f"CCR {year - 1}", f"consumer confidence report for {year - 1}"),
               claims=(OY, DV, NK, OSUB, OB))  # fmt: skip
    rates = Job8(_alt(page, f"water rates effective january 1 {year}", f"{year} water rate schedule", f"current water rates {year}"),
                 claims=(OY, OS, NK, OSUB))  # fmt: skip
    wq, rt = "Water Quality", "Rates"
    july = _posted(rng, year, (6, 7))
    specs: list[Spec] = [
        (f"{year - 1} Water Quality Report", f"CCR_{year - 1}.pdf", wq, july,
         ["ANNUAL WATER QUALITY REPORT", f"Water testing performed in {year - 1}", "Consumer Confidence Report"], (None, RELEVANT, None)),
        (f"{year - 2} Water Quality Report", f"CCR_{year - 2}.pdf", wq, july.replace(year=year - 1),
         ["ANNUAL WATER QUALITY REPORT", f"Water testing performed in {year - 2}"], (None, OY, None)),
        (f"Informe de Calidad del Agua {year - 1}", f"CCR_{year - 1}_Espanol.pdf", wq, july + timedelta(days=7),
         ["INFORME ANUAL DE CALIDAD DEL AGUA", str(year - 1)], (None, DV, None)),
        ("Lead Service Line Inventory", f"LSL_Inventory_{year}.pdf", wq, _posted(rng, year),
         ["LEAD SERVICE LINE INVENTORY", "Service line material by address"], (None, NK, None)),
        (f"{year - 1} Wastewater Treatment Plant Annual Report", f"WWTP_Annual_Report_{year - 1}.pdf", wq, _posted(rng, year, (2, 3)),
         ["WASTEWATER TREATMENT PLANT", f"ANNUAL REPORT {year - 1}", "Effluent monitoring"], (None, OSUB, None)),
        (f"Regional Water Authority {year - 1} Water Quality Report (wholesale supply)", f"RWA_CCR_{year - 1}.pdf", wq, july,
         ["!REGIONAL WATER AUTHORITY", "WATER QUALITY REPORT", str(year - 1)], (None, OB, None)),
        (f"Water Rate Schedule - Effective January 1, {year}", f"Water_Rates_{year}.pdf", rt, date(year - 1, 12, 15),
         ["WATER RATE SCHEDULE", f"Effective January 1, {year}", "Monthly service charge by meter size"], (None, None, RELEVANT)),
        (f"Water Rate Schedule - Effective January 1, {year - 1}", f"Water_Rates_{year - 1}.pdf", rt, date(year - 2, 12, 15),
         ["WATER RATE SCHEDULE", f"Effective January 1, {year - 1}"], (None, None, OY)),
        (f"Notice of Proposed Rate Increase ({year + 1})", f"Prop218_Notice_{year + 1}.pdf", rt, _posted(rng, year, (8, 10)),
         ["NOTICE OF PUBLIC HEARING", f"PROPOSED WATER RATES EFFECTIVE JANUARY 1, {year + 1}"], (None, None, OS)),
        (f"Water Rate Study {year - 1}", f"Rate_Study_{year - 1}.pdf", rt, _posted(rng, year - 1, (4, 8)),
         ["WATER COST OF SERVICE AND RATE STUDY", "Final report"], (None, None, NK)),
        (f"Sewer Rate Schedule - Effective January 1, {year}", f"Sewer_Rates_{year}.pdf", rt, date(year - 1, 12, 15),
         ["SEWER RATE SCHEDULE", f"Effective January 1, {year}"], (None, None, OSUB)),
    ]  # fmt: skip
    _add_docs8(page, [meet, ccr, rates], specs)
    _drafts(page, docs, bod, "BOD", year, [meet, ccr, rates], n=3)
    page.render("Board, Water Quality and Rates", f"{page.org} delivers safe drinking water to {place}.")
    return [meet, ccr, rates]


def _university(page: Page, place: str, year: int) -> list[Job8]:
    rng, bot, fs, fac = page.rng, "Board of Trustees", "Faculty Senate", "Finance and Audit Committee"
    month = rng.choice([2, 3, 5, 6, 9, 10, 11, 12])
    mon = MONTHS[month - 1]
    docs = _meetings8(page, [(bot, "BOT", 5), (fs, "FS", 6), (fac, "FAC", 5)], year, ("Agenda", "Minutes"), month, extra=page.site.instance == 0)
    if page.site.instance == 0:
        meet = Job8(_pick(rng, f"board of trustees minutes {mon} {year}", f"BOT meeting minutes {mon[:3]} {year}"),
                    claims=(OB, NK, OD, OY))  # fmt: skip
        _label_month(docs, meet, bot, "Minutes", year, month)
    else:
        meet = Job8(_pick(rng, f"faculty senate agendas {year}", f"all {year} faculty senate agendas"), claims=(OB, NK, OY))  # fmt: skip
        _label_set(docs, meet, fs, "Agenda", year)
    sy, sy0, sy1 = _fy(year), _fy(year - 1), _fy(year + 1)
    cal = Job8(_alt(page, f"{sy} academic calendar", f"academic calendar {year}-{year + 1}", f"the {year}-{year + 1} university academic calendar"),
               claims=(OY, OA, NK))  # fmt: skip
    catalog = Job8(_alt(page, f"undergraduate catalog {sy}", f"the {year}-{year + 1} undergrad catalog", "the undergraduate catalog"),
                   claims=(OA, OY, DV, NK))  # fmt: skip
    reg = "Registrar"
    specs: list[Spec] = [
        (f"Academic Calendar {sy}", f"Academic_Calendar_{sy}.pdf", reg, _posted(rng, year - 1, (10, 12)),
         ["ACADEMIC CALENDAR", f"{sy}", "Fall semester", "Spring semester"], (None, RELEVANT, None)),
        (f"Academic Calendar {sy0}", f"Academic_Calendar_{sy0}.pdf", reg, _posted(rng, year - 2, (10, 12)),
         ["ACADEMIC CALENDAR", sy0], (None, OY, None)),
        (f"Academic Calendar {sy1} (Tentative)", f"Academic_Calendar_{sy1}_tentative.pdf", reg, _posted(rng, year, (10, 12)),
         ["ACADEMIC CALENDAR", sy1, "Tentative"], (None, OY, None)),
        (f"School of Law Academic Calendar {sy}", f"Law_Academic_Calendar_{sy}.pdf", "School of Law", _posted(rng, year, (3, 5)),
         ["SCHOOL OF LAW", f"ACADEMIC CALENDAR {sy}"], (None, OA, None)),
        (f"Final Exam Schedule - Fall {year}", f"Final_Exam_Schedule_Fall_{year}.pdf", reg, _posted(rng, year, (9, 10)),
         ["FINAL EXAMINATION SCHEDULE", f"Fall {year}"], (None, NK, None)),
        (f"Payroll Calendar {year}", f"Payroll_Calendar_{year}.pdf", "Human Resources", _posted(rng, year - 1, (11, 12)),
         ["PAYROLL CALENDAR", str(year), "Pay dates"], (None, NK, None)),
        (f"Undergraduate Catalog {sy}", f"UG_Catalog_{sy}.pdf", reg, _posted(rng, year, (6, 7)),
         [f"{place.upper()} STATE UNIVERSITY", "UNDERGRADUATE CATALOG", sy], (None, None, RELEVANT)),
        (f"Graduate Catalog {sy}", f"Grad_Catalog_{sy}.pdf", reg, _posted(rng, year, (6, 7)),
         ["GRADUATE CATALOG", sy], (None, None, OA)),
        (f"Undergraduate Catalog {sy0}", f"UG_Catalog_{sy0}.pdf", reg, _posted(rng, year - 1, (6, 7)),
         ["UNDERGRADUATE CATALOG", sy0], (None, None, OY)),
        (f"Undergraduate Catalog {sy} - Addendum", f"UG_Catalog_{sy}_Addendum.pdf", reg, _posted(rng, year + 1, (1, 2)),
         ["ADDENDUM", f"Undergraduate Catalog {sy}", "Changes since publication"], (None, None, DV)),
        (f"Schedule of Classes - Fall {year}", f"Class_Schedule_Fall_{year}.pdf", reg, _posted(rng, year, (3, 4)),
         ["SCHEDULE OF CLASSES", f"Fall {year}"], (None, None, NK)),
    ]  # fmt: skip
    _add_docs8(page, [meet, cal, catalog], specs)
    page.render("Governance and Registrar Documents", f"{page.org}: board, senate and academic publications.")
    return [meet, cal, catalog]


def _hospital_district(page: Page, place: str, year: int) -> list[Job8]:
    rng, bod, fc, fdn = page.rng, "Board of Directors", "Finance Committee", "Foundation Board"
    month = rng.randrange(1, 13)
    mon = MONTHS[month - 1]
    kinds = ("Agenda", "Packet", "Minutes")
    docs = _meetings8(page, [(bod, "BOD", 6), (fc, "FC", 5), (fdn, "FDN", 3)], year, kinds, month, extra=page.site.instance == 1)
    if page.site.instance == 0:
        meet = Job8(_pick(rng, f"finance committee minutes {year}", f"{year} finance cmte minutes hospital district"),
                    claims=(OB, NK, OY))  # fmt: skip
        _label_set(docs, meet, fc, "Minutes", year)
    else:
        meet = Job8(_pick(rng, f"hospital board agenda {mon} {year}", f"{mon.lower()} {year} board of directors agenda"),
                    claims=(OB, NK, OD, OY))  # fmt: skip
        _label_month(docs, meet, bod, "Agenda", year, month)
    chna = Job8(_alt(page, "the community health needs assessment", "CHNA", f"{place} community health needs assessment"),
                claims=(OY, DV, OB))  # fmt: skip
    audit = Job8(_alt(page, f"audited financial statements FY{year - 1}", f"FY {year - 1} audit report", f"the fiscal {year - 1} audited financials"),
                 claims=(OY, NK, OB, DV))  # fmt: skip
    ch, fin = "Community Health", "Financial Reports"
    cy = year - 1
    specs: list[Spec] = [
        (f"Community Health Needs Assessment {cy}", f"CHNA_{cy}.pdf", ch, _posted(rng, cy, (9, 12)),
         ["COMMUNITY HEALTH NEEDS ASSESSMENT", str(cy), "Prioritized health needs"], (None, RELEVANT, None)),
        (f"Community Health Needs Assessment {cy - 3}", f"CHNA_{cy - 3}.pdf", ch, _posted(rng, cy - 3, (9, 12)),
         ["COMMUNITY HEALTH NEEDS ASSESSMENT", str(cy - 3)], (None, OY, None)),
        (f"CHNA Implementation Strategy {cy + 1}-{cy + 3}", f"CHNA_Implementation_Strategy_{cy}.pdf", ch, _posted(rng, year, (1, 4)),
         ["IMPLEMENTATION STRATEGY", f"Addressing the {cy} Community Health Needs Assessment"], (None, DV, None)),
        (f"{place} County Community Health Assessment", f"County_CHA_{cy - 1}.pdf", ch, _posted(rng, cy - 1),
         [f"!{place.upper()} COUNTY PUBLIC HEALTH", "COMMUNITY HEALTH ASSESSMENT"], (None, OB, None)),
        (f"Audited Financial Statements FY {year - 1}", f"Audited_FS_FY{(year - 1) % 100}.pdf", fin, _posted(rng, year, (10, 12)),
         ["FINANCIAL STATEMENTS AND INDEPENDENT AUDITOR'S REPORT", f"Years ended June 30, {year - 1} and {year - 2}"],
         (None, None, RELEVANT)),
        (f"Audited Financial Statements FY {year - 2}", f"Audited_FS_FY{(year - 2) % 100}.pdf", fin, _posted(rng, year - 1, (10, 12)),
         ["FINANCIAL STATEMENTS AND INDEPENDENT AUDITOR'S REPORT", f"Years ended June 30, {year - 2} and {year - 3}"],
         (None, None, OY)),
        (f"Monthly Financial Report - {MONTHS[(month + 5) % 12]} {year}", f"Monthly_Financials_{year}_{(month + 5) % 12 + 1:02d}.pdf",
         fin, _posted(rng, year), ["MONTHLY FINANCIAL REPORT", "Unaudited", "Statement of operations"], (None, None, NK)),
        (f"FY {year} Operating and Capital Budget", f"Budget_FY{year % 100}.pdf", fin, _posted(rng, year - 1, (6, 6)),
         [f"FY {year} BUDGET", "Operating and capital"], (None, None, NK)),
        (f"Foundation Audited Financial Statements FY {year - 1}", f"Foundation_Audit_FY{(year - 1) % 100}.pdf", fdn,
         _posted(rng, year, (10, 12)), ["HOSPITAL FOUNDATION", "AUDITED FINANCIAL STATEMENTS", f"June 30, {year - 1}"], (None, None, OB)),
        (f"Report to the Board / Management Letter FY {year - 1}", f"Management_Letter_FY{(year - 1) % 100}.pdf", fin,
         _posted(rng, year, (10, 12)), ["COMMUNICATION WITH THOSE CHARGED WITH GOVERNANCE", f"Fiscal year {year - 1} audit"],
         (None, None, DV)),
    ]  # fmt: skip
    _add_docs8(page, [meet, chna, audit], specs)
    page.render("Board and Public Reports", f"{page.org}: a public hospital district serving {place}.")
    return [meet, chna, audit]


# (builder, organisation's name from the place, (meeting layout, document layout) per instance)
TEMPLATES8: list[
    tuple[Callable[[Page, str, int], list[Job8]], str, list[tuple[Layout | None, Layout | None]]]
] = [
    (_school_district, "{} Unified School District", [(YEAR_TABLES, DOWNLOAD_HEADINGS), (DOWNLOAD_HEADINGS, None)]),
    (_city, "City of {}", [(ACCORDION, DOC_TABLE), (YEAR_TABLES, DATED_LIST)]),
    (_county, "{} County", [(DOWNLOAD_HEADINGS, ACCORDION), (DOC_TABLE, None)]),
    (_library, "{} Public Library", [(DATED_LIST, None), (ACCORDION, DOWNLOAD_HEADINGS)]),
    (_transit, "{} Area Transit Authority", [(YEAR_TABLES, DOC_TABLE), (DATED_LIST, ACCORDION)]),
    (_water_district, "{} Water District", [(DOC_TABLE, DATED_LIST), (ACCORDION, None)]),
    (_university, "{} State University", [(DATED_LIST, YEAR_TABLES), (DOWNLOAD_HEADINGS, DOC_TABLE)]),
    (_hospital_district, "{} Healthcare District", [(ACCORDION, YEAR_TABLES), (YEAR_TABLES, None)]),
]  # fmt: skip
# Two places per template; a few hold words of bodies, kinds or seasons ("Library", "Summit", "Fairfield").
PLACES8 = ["Maple Grove", "Brookhaven", "Westlake", "Pine Bluff", "Lincoln", "Carver", "Library Hill", "Redmond",
           "Summit", "Eastfield", "Clear Creek", "Del Norte", "Fairfield", "Boise Valley", "Marion", "Sierra Vista"]  # fmt: skip


def build_sites8() -> list[Site]:
    """Every part-8 site, deterministic: two instances of each template."""
    return build_part(8, TEMPLATES8, PLACES8, Part8Site)
