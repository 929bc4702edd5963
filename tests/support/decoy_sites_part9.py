"""Held-back part 9 of the near-miss decoy sites: written in round 7, never tuned on nor scored.

Written by someone who had not read the scoring code (nothing under ``docharvest/relevance`` nor
the crawler's link extraction), had not read the relevance rounds' commit messages and never ran
the scorer on it: ``bench/relevance.py --with-part9`` prints only its aggregate figures (never a
per-document error; ``--show-part9-errors`` is for the lead's final run), so that it stays a clean
measure.

Eight kinds of public body none of parts 6-8 modelled, two instances each, every instance on a
pair of page layouts of ``decoy_layouts9`` that parts 6-8 did not use (a CMS document centre
whose results name the body only in a folder path; a calendar's events with attachments named by
their uploaded file names; two-column "Agendas | Minutes" tables whose links are only a date;
announcement posts linking the document in prose, "available here"; a year -> month archive
with breadcrumb trails; a grid of whole-card links with "PDF" badges), and three jobs per site
whose prompts are worded as people type them (lower case, BOFC, HA, HCV, TIP, MTP, LRTP, CEDS,
BON, TAC, "cmte", "rpt", a misspelling or two, "the X" single-document prompts, fiscal and
school years, months, exact meeting dates). About a third of the documents are scans with no
text layer, so many relevant documents can only be told from their link text, heading, folder,
event title, file name or URL.

- a fire protection district: board of fire commissioners vs the firefighters' pension board
  and the fire prevention appeals board (one month's minutes, a special meeting included; or a
  year's agendas); the annual report for a year vs last year's, the infographic, the board
  presentation, the monthly incident report, the budget, the prevention bureau's and the county
  fire marshal's reports; the standards of cover (two volumes) vs its draft, the previous one, its
  executive summary, the adopting resolution, the strategic plan, the station location study, the
  county EMS agency's response standards;
- a port: port commission vs audit and marina advisory committees (a year's agendas, packets
  beside them; or one meeting's minutes by exact date, its draft posted beside); the marine
  terminal tariff in effect vs last year's, the proposed increase, the rate summary, the cruise
  terminal tariff, the moorage rates, a neighbouring port's tariff; the master plan (two volumes)
  vs its draft, the previous plan, the fact sheet, the EIR notice, the airport master plan, the
  strategic business plan, the city's waterfront element;
- a community college: board of trustees vs academic senate and bond oversight committee (one
  month's board agendas, a special meeting included; or a year's senate minutes, drafts beside
  the last two); the nursing (ADN) program student handbook vs last year's, the medical
  assisting and dental hygiene handbooks, the college-wide handbook, the acknowledgment form, the
  application packet; the fall class schedule vs spring and summer's, last fall's, the community
  education schedule, the addendum, the final exam schedule, the academic calendar;
- a housing authority: board of commissioners vs resident advisory board and finance committee
  (a year's minutes, drafts beside the last two; or one month's board packet); the annual PHA plan
  for a fiscal year (plan and attachments) vs last year's, the comment draft, the hearing notice,
  the RAB comments, the 5-year plan, the county authority's plan; the HCV administrative plan vs
  the earlier revision, the proposed revisions, the summary of changes, the Spanish version, the
  ACOP, the payment standards and the utility allowances;
- a regional planning council (MPO): policy board vs technical and citizens advisory committees
  (a year's TAC agendas, packets beside; or one month's policy board minutes, a special meeting
  included); the TIP for a four-year span (document and project appendix) vs the previous TIP,
  the draft, an amendment, the comment notice, the UPWP, the state's STIP; the metropolitan
  transportation plan (plan and appendices) vs the previous plan, the draft, the summary, the
  bicycle/pedestrian and freight plans, the congestion management report;
- a state board of nursing: the board vs education and practice committees (a year's board
  minutes, drafts beside the last two; or one meeting's agenda by exact date); the licensure and
  practice rules chapter in effect vs the superseded one, the proposed amendments, the rulemaking
  notice, the APRN and education chapters, the nurse practice act; the annual report for a fiscal
  year vs last year's, the highlights, the newsletter, quarterly statistics, the state centre for
  nursing's workforce report;
- an economic development corporation: board vs executive committee and small business advisory
  council (one month's board minutes, a special meeting included; or a year's executive committee
  agendas); the CEDS vs the previous one, the draft, the annual performance report, the summary,
  the target industry analysis, the state strategy; the community profile for a year vs last
  year's, the workforce profile, the quick facts sheet, the major employers list, the state's
  county profile;
- a park and recreation district: board vs trails advisory committee and foundation board (one
  meeting's agenda by exact date; or a year's trails committee minutes); the parks, recreation and
  open space master plan (plan and appendices) vs its draft, the previous plan, the summary, the
  survey results, the trails master plan, the city's parks element; the facility rental fee
  schedule for a year vs last year's, the proposed fees, the nonprofit and youth league rates, the
  rental application, the use policy, the aquatics fees, the fee resolution.

Labelling rules (every document of a site is labelled for every job of the site), as part 8's:

- a meeting job names a body, a kind (agenda / packet / minutes) and a period (a year, a month or
  an exact date). A document of another body is ``other_body``; of that body but another kind is
  ``neighbour_kind`` (a packet is not an agenda, an agenda not minutes); of that body and kind
  outside the period is ``other_year`` if in another year, else ``other_date``. A month prompt
  covers every meeting of the body in that month (a special meeting too);
- draft minutes posted beside approved minutes are ``other_status`` for a job wanting that body's
  minutes of that meeting's period or another of its periods (``neighbour_kind`` for the other
  jobs of the site); a minutes prompt wants the approved ones;
- a document job names one document, or one edition by its period or "current": that edition is
  relevant, every part of it too (volume 1 and 2, plan and appendices or attachments); another
  period's edition is ``other_year`` (another term of the same year -- spring vs fall -- is
  ``other_date``); a draft, proposed or comment edition ``other_status``; a summary, highlights,
  translation, presentation, notice, resolution, amendment, addendum or form about it
  ``derived``; the same kind for another audience or programme (another programme's handbook,
  the noncredit schedule) ``other_audience``; a neighbouring kind (the budget beside an annual
  report, the UPWP beside the TIP) ``neighbour_kind``; the same kind from another organisation or
  another body of this one ``other_body``; the same kind on another subject (the airport master
  plan, the APRN chapter, the ACOP beside the voucher plan) ``other_subject``;
- any other document of the site (the other jobs' documents, meeting schedules) is
  ``neighbour_kind``, as in parts 6-8 (``build_part`` fills them).

Every document's first lines name the organisation (``_add_docs`` of part 7) except another
organisation's document posted on the site (the county EMS agency's standards, a neighbouring
port's tariff, the city's plan elements, the state's STIP and strategy, the county housing
authority's plan, the centre for nursing's report), whose title block names only its own. Each
job names the near-miss categories it holds (``Job9.claims``, all of ``CATEGORIES3``).

Size (``build_sites9``): 16 sites, 48 jobs, 1421 documents (457 scans, about a third), 113
relevant (job, document) pairs: 8 jobs want a year's meeting documents (5-8 each), 4 a month's (2
each, a special meeting included), 4 one meeting's (by exact date or by month), 32 one document
or edition (1-2 each). Decoy labels over all jobs: other_body 656, other_audience 10,
neighbour_kind 3185, other_year 147, other_date 54, other_status 30, derived 46, other_subject 22
(``neighbour_kind`` counts every unrelated document of the site). Figures: none -- it was never
scored while written; the lead's first ``--with-part9`` run is its untuned measure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from tests.support.decoy_layouts9 import (
    BADGE_GRID,
    DOC_CENTER,
    EVENTS,
    NEWS_POSTS,
    TWO_COLUMN,
    YEAR_MONTH,
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
    _days_of,
    _label_one,
    _label_set,
    _posted,
    build_part,
)
from tests.support.decoy_sites_part7 import _fy, _pick
from tests.support.decoy_sites_part8 import _add_docs8, _alt, _drafts, _label_month

CATEGORIES9 = CATEGORIES3
__all__ = ["CATEGORIES9", "SCAN_SHARE", "TEMPLATES9", "Job9", "build_sites9"]
OB, NK, OY, OD = "other_body", "neighbour_kind", "other_year", "other_date"
OA, OS, DV, OSUB = "other_audience", "other_status", "derived", "other_subject"
Job9 = Job6  # a job and the near-miss categories it is built to hold (``claims``)
Spec = tuple[str, str, str, date, list[str], tuple[str | None, ...]]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass
class Part9Site(Site):
    @property
    def part(self) -> str:
        return "part9"


# How these clerks name a meeting's files (abbreviation, kind, date).
_NAMERS9: list[Callable[[str, str, date], str]] = [
    lambda ab, kind, d: f"{ab}{d:%Y%m%d}_{kind[:3].upper()}.pdf",
    lambda ab, kind, d: f"{kind.lower()}_{MONTHS[d.month - 1].lower()}_{d.day}_{d.year}.pdf",  # no body
    lambda ab, kind, d: f"{d:%Y %m %d} {ab} {kind}.pdf",
    lambda ab, kind, d: f"{ab}-{kind}-{d.month}-{d.day}-{d:%y}.pdf",
]


def _cover(org: str, body: str, kind: str, day: date, meeting: str, style: int) -> list[str]:
    """A meeting document's first lines in one of three cover styles, then its opening lines."""
    word = {"Packet": "Meeting Packet", "Agenda": "Agenda", "Minutes": "Minutes"}[kind]
    cover = [
        [org.upper(), body.upper(), f"{meeting.upper()} {word.upper()}", f"{_WEEKDAYS[day.weekday()]}, {_long(day)}"],
        [body, f"{word} for the {meeting} of {_long(day)}", org],
        [f"{org} | {body}", word, f"Date: {day.month}/{day.day}/{day.year}", meeting],
    ][style]  # fmt: skip
    opening = {
        "Agenda": ["I. Call to Order", "II. Roll Call", "III. Public Comment", "IV. Consent Items", "V. Discussion"],
        "Minutes": ["Present:", "Staff present:", "The meeting was called to order at 6:00 p.m.",
                    "Motion to approve the consent items passed.", "The meeting adjourned."],
        "Packet": ["Meeting Packet Contents", "Agenda", "Staff Memoranda", "Supporting Documents"],
    }[kind]  # fmt: skip
    return cover + opening


def _nth(year: int, month: int, weekday: int, nth: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _meetings9(
    page: Page,
    bodies: list[tuple[str, str, int, int, int]],
    year: int,
    kinds: tuple[str, ...],
    month: int,
    extra: bool = False,
) -> list[MeetingDoc]:
    """Each (body, abbreviation, meetings a year, weekday, which one of the month) meets on that
    weekday in ``year`` and the year before, once in ``month``; with ``extra`` the first body holds a
    second (special) meeting in ``month`` of ``year``, on its fourth Thursday (no first body meets then)."""
    rng = page.rng
    style, namer = rng.randrange(3), rng.choice(_NAMERS9)
    found: list[MeetingDoc] = []
    for (body, ab, n, weekday, nth), y in ((b, y) for b in bodies for y in (year - 1, year)):
        others = rng.sample([m for m in range(1, 13) if m != month], n - 1)
        days = [(_nth(y, m, weekday, nth), "Regular Meeting") for m in sorted([month, *others])]
        if extra and body == bodies[0][0] and y == year:
            days.append((_nth(y, month, 3, 4), "Special Meeting"))  # the fourth Thursday
        for day, meeting in days:
            for kind in kinds:
                title = f"{'Meeting Packet' if kind == 'Packet' else kind} - {_long(day)}"
                lines = _cover(page.org, body, kind, day, meeting, style)
                path = page.add(title, namer(ab, kind, day), body, day, lines, kind, meeting)
                found.append(MeetingDoc(path, body, kind, day))
    return found


def _mon(month: int) -> str:
    return MONTHS[month - 1]


# -- organisations --------------------------------------------------------------------------------


def _fire_district(page: Page, place: str, year: int) -> list[Job9]:
    rng, bofc = page.rng, "Board of Fire Commissioners"
    pen, fpab = "Firefighters' Pension Board", "Fire Prevention Appeals Board"
    month = rng.randrange(1, 13)
    mon = _mon(month)
    first = page.site.instance == 0
    bodies = [(bofc, "BOFC", 8, 1, 2), (pen, "PEN", 4, 3, 1), (fpab, "FPAB", 2, 0, 3)]
    docs = _meetings9(page, bodies, year, ("Agenda", "Minutes"), month, extra=first)
    if first:
        meet = Job9(_pick(rng, f"fire board minutes {mon[:3].lower()} {year}", f"fire commissioners minutes {mon} {year}",
                          f"minutes from the {mon.lower()} {year} fire board meetings"), claims=(OB, NK, OD, OY))  # fmt: skip
        _label_month(docs, meet, bofc, "Minutes", year, month)
    else:
        meet = Job9(_pick(rng, f"all fire commission agendas {year}", f"BOFC agendas {year}", f"{year} fire board agendas"),
                    claims=(OB, NK, OY))  # fmt: skip
        _label_set(docs, meet, bofc, "Agenda", year)
    y1 = year - 1
    report = Job9(_alt(page, f"fire district annual report {y1}", f"{y1} annual report fire dept",
                       f"the {y1} annual report of the {place} fire district", f"annual rpt {y1} fire district"),
                  claims=(OY, DV, NK, OB))  # fmt: skip
    soc = Job9(_alt(page, "standards of cover", f"{place} fire standards of cover", "the SOC / community risk assessment",
                    "current standard of cover fire district"), claims=(OY, OS, DV, NK, OB))  # fmt: skip
    rp, pl, s = "Reports", "Plans and Studies", year - rng.randrange(0, 2)
    spring = _posted(rng, year, (3, 5))
    specs: list[Spec] = [
        (f"{y1} Annual Report", f"AnnualReport_{y1}.pdf", rp, spring,
         ["ANNUAL REPORT", str(y1), "Message from the Fire Chief", "Incidents by type"], (RELEVANT, None)),
        (f"{y1 - 1} Annual Report", f"AnnualReport_{y1 - 1}.pdf", rp, spring.replace(year=year - 1),
         ["ANNUAL REPORT", str(y1 - 1), "Message from the Fire Chief"], (OY, None)),
        (f"{y1} Year in Review (Infographic)", f"{y1}_YearInReview.pdf", rp, spring - timedelta(days=20),
         [f"{y1} YEAR IN REVIEW", "Calls for service at a glance"], (DV, None)),
        (f"{y1} Annual Report Presentation to the Board", f"{y1}_AR_Presentation.pdf", rp, spring + timedelta(days=9),
         ["ANNUAL REPORT PRESENTATION", str(y1), bofc], (DV, None)),
        (f"Monthly Incident Report - December {y1}", f"Incidents_{y1}_12.pdf", rp, date(year, 1, 15),
         ["MONTHLY INCIDENT REPORT", f"December {y1}", "Responses by station"], (NK, None)),
        (f"FY {year} Adopted Budget", f"Budget_FY{year % 100}.pdf", "Finance", _posted(rng, year - 1, (6, 7)),
         [f"FY {year} ADOPTED BUDGET", "General fund"], (NK, None)),
        (f"Fire Prevention Bureau {y1} Annual Report", f"FPB_AnnualReport_{y1}.pdf", rp, spring,
         ["FIRE PREVENTION BUREAU", f"{y1} ANNUAL REPORT", "Inspections and plan reviews"], (OB, None)),
        (f"{place} County Fire Marshal {y1} Annual Report", f"CountyFM_{y1}.pdf", rp, spring,
         [f"!{place.upper()} COUNTY FIRE MARSHAL", f"ANNUAL REPORT {y1}"], (OB, None)),
        (f"Standards of Cover {s} - Volume 1: Community Risk Assessment", f"SOC_{s}_Vol1_CRA.pdf", pl, _posted(rng, s, (5, 9)),
         ["STANDARDS OF COVER", f"{s}", "Volume 1: Community Risk Assessment", "Risk by planning zone"], (None, RELEVANT)),
        (f"Standards of Cover {s} - Volume 2: Deployment and Response", f"SOC_{s}_Vol2.pdf", pl, _posted(rng, s, (5, 9)),
         ["STANDARDS OF COVER", "Volume 2: Deployment and Response Performance", "Benchmark and baseline times"], (None, RELEVANT)),
        (f"Standards of Cover {s} - DRAFT for Board Review", f"SOC_{s}_DRAFT.pdf", pl, _posted(rng, s, (1, 3)),
         ["DRAFT - FOR BOARD REVIEW", "STANDARDS OF COVER"], (None, OS)),
        (f"Standards of Cover {s - 6}", f"SOC_{s - 6}.pdf", pl, _posted(rng, s - 6),
         ["STANDARDS OF COVER", str(s - 6)], (None, OY)),
        ("Standards of Cover - Executive Summary", f"SOC_{s}_ExecSummary.pdf", pl, _posted(rng, s, (10, 12)),
         ["EXECUTIVE SUMMARY", "Standards of Cover and Community Risk Assessment"], (None, DV)),
        (f"Resolution {s}-07 Adopting the Standards of Cover", f"Reso_{s}-07.pdf", pl, _posted(rng, s, (10, 12)),
         ["RESOLUTION NO. " + f"{s}-07", "ADOPTING THE STANDARDS OF COVER"], (None, DV)),
        (f"Strategic Plan {year}-{year + 4}", f"StrategicPlan_{year}.pdf", pl, _posted(rng, year, (1, 4)),
         ["STRATEGIC PLAN", f"{year}-{year + 4}", "Goals and objectives"], (None, NK)),
        ("Fire Station Location Study", f"Station_Location_Study_{year - 2}.pdf", pl, _posted(rng, year - 2),
         ["FIRE STATION LOCATION STUDY", "Travel time modelling"], (None, NK)),
        ("County EMS Agency - Ambulance Response Time Standards", "EMS_Response_Standards.pdf", pl, _posted(rng, year - 1),
         [f"!{place.upper()} COUNTY EMS AGENCY", "RESPONSE TIME STANDARDS"], (None, OB)),
        (f"{year} Board Meeting Schedule", f"BOFC_Schedule_{year}.pdf", bofc, date(year - 1, 12, 10),
         [f"{year} MEETING SCHEDULE", bofc, "Second Tuesday of each month"], (None, None)),
    ]  # fmt: skip
    _add_docs8(page, [report, soc], specs)
    page.render("Board, Reports and Plans", f"{page.org} protects {place} and the surrounding area.")
    return [meet, report, soc]


def _port(page: Page, place: str, year: int) -> list[Job9]:
    rng, pc, ac, mac = page.rng, "Port Commission", "Audit Committee", "Marina Advisory Committee"
    month = rng.randrange(1, 13)
    first = page.site.instance == 0
    kinds = ("Agenda", "Packet", "Minutes") if first else ("Agenda", "Minutes")
    docs = _meetings9(
        page, [(pc, "PC", 8, 1, 2), (ac, "AC", 3, 2, 3), (mac, "MAC", 4, 3, 1)], year, kinds, month
    )
    if first:
        meet = Job9(_pick(rng, f"all port commission agendas {year}", f"port commission agendas {year}",
                          f"{year} commission agendas port of {place.lower()}"), claims=(OB, NK, OY))  # fmt: skip
        _label_set(docs, meet, pc, "Agenda", year)
    else:
        day = _days_of(docs, pc, year)[-1]
        meet = Job9(_pick(rng, f"port commission minutes {day:%m/%d/%Y}", f"minutes of the {_long(day)} port commission meeting",
                          f"port comm mtg minutes {day.month}/{day.day}/{day:%y}"), claims=(OB, NK, OD, OY, OS))  # fmt: skip
        _label_one(docs, meet, pc, "Minutes", day)
    n = rng.randrange(5, 12)
    tariff = Job9(_alt(page, f"port tariff {year}", f"marine terminal tariff effective {year}", "the current terminal tariff",
                       f"tariff no {n} port of {place.lower()}"), claims=(OY, OS, DV, OSUB, OB))  # fmt: skip
    mp_year = year - rng.randrange(1, 3)
    plan = Job9(_alt(page, "port master plan", "the port's master plan update", f"{place} port master plan {mp_year}",
                     "harbor master plan"), claims=(OY, OS, DV, NK, OB, OSUB))  # fmt: skip
    tf, pl = "Tariffs and Rates", "Planning"
    jan = date(year - 1, 12, rng.randrange(1, 20))
    other_port = rng.choice(["Bayview", "North Harbor", "Kelso"])
    specs: list[Spec] = [
        (f"Marine Terminal Tariff No. {n} (effective January 1, {year})", f"Tariff{n}_{year}.pdf", tf, jan,
         [f"MARINE TERMINAL TARIFF NO. {n}", f"Effective January 1, {year}", "Dockage, wharfage and storage"], (RELEVANT, None)),
        (f"Marine Terminal Tariff No. {n} (effective January 1, {year - 1})", f"Tariff{n}_{year - 1}.pdf", tf, jan.replace(year=year - 2),
         [f"MARINE TERMINAL TARIFF NO. {n}", f"Effective January 1, {year - 1}"], (OY, None)),
        (f"Notice of Proposed Tariff Rate Increase (effective {year + 1})", f"Tariff_Notice_{year + 1}.pdf", tf, _posted(rng, year, (9, 11)),
         ["NOTICE OF PROPOSED TARIFF CHANGES", f"Proposed rates effective January 1, {year + 1}"], (OS, None)),
        (f"Tariff Rate Summary {year}", f"Tariff_Summary_{year}.pdf", tf, jan + timedelta(days=10),
         ["RATE SUMMARY", f"Marine Terminal Tariff No. {n}", "Most used charges"], (DV, None)),
        (f"Airport Rates and Charges {year}", f"Airport_Rates_{year}.pdf", tf, jan,
         [f"{place.upper()} REGIONAL AIRPORT", "RATES AND CHARGES", f"Effective January 1, {year}", "Landing fees"], (OSUB, None)),
        (f"Marina Moorage Rates {year}", f"Moorage_Rates_{year}.pdf", mac, jan,
         ["MARINA MOORAGE RATES", str(year), "Permanent and guest moorage"], (OSUB, None)),
        (f"Port of {other_port} Terminal Tariff", f"{other_port.replace(' ', '')}_Tariff.pdf", tf, _posted(rng, year - 1),
         [f"!PORT OF {other_port.upper()}", "TERMINAL TARIFF"], (OB, None)),
        (f"Port Master Plan {mp_year} - Land Use Plan", f"MasterPlan_{mp_year}_LandUse.pdf", pl, _posted(rng, mp_year, (6, 10)),
         ["PORT MASTER PLAN", f"{mp_year} Update", "Land and water use plan"], (None, RELEVANT)),
        (f"Port Master Plan {mp_year} - Appendices", f"MasterPlan_{mp_year}_Appendices.pdf", pl, _posted(rng, mp_year, (6, 10)),
         ["PORT MASTER PLAN", "Appendices A-F", "Market assessment"], (None, RELEVANT)),
        ("Port Master Plan Update - Public Review Draft", f"MasterPlan_{mp_year}_Draft.pdf", pl, _posted(rng, mp_year - 1, (8, 11)),
         ["PUBLIC REVIEW DRAFT", "PORT MASTER PLAN UPDATE"], (None, OS)),
        (f"Port Master Plan {mp_year - 12}", f"MasterPlan_{mp_year - 12}.pdf", pl, _posted(rng, mp_year - 12),
         ["PORT MASTER PLAN", str(mp_year - 12)], (None, OY)),
        ("Master Plan Fact Sheet", f"MasterPlan_FactSheet_{mp_year}.pdf", pl, _posted(rng, mp_year, (10, 12)),
         ["FACT SHEET", "What the master plan update means for the waterfront"], (None, DV)),
        ("Notice of Preparation - EIR for the Port Master Plan Update", "NOP_EIR_MasterPlan.pdf", pl, _posted(rng, mp_year - 1, (2, 4)),
         ["NOTICE OF PREPARATION", "ENVIRONMENTAL IMPACT REPORT", "Port Master Plan Update"], (None, DV)),
        (f"Airport Master Plan {mp_year - 2}", f"Airport_MasterPlan_{mp_year - 2}.pdf", pl, _posted(rng, mp_year - 2),
         [f"{place.upper()} REGIONAL AIRPORT", "AIRPORT MASTER PLAN"], (None, OSUB)),
        (f"Strategic Business Plan {year}-{year + 5}", f"Strategic_Business_Plan_{year}.pdf", pl, _posted(rng, year, (1, 3)),
         ["STRATEGIC BUSINESS PLAN", f"{year}-{year + 5}"], (None, NK)),
        (f"City of {place} General Plan - Waterfront Element", "City_GP_Waterfront.pdf", pl, _posted(rng, year - 3),
         [f"!CITY OF {place.upper()}", "GENERAL PLAN", "WATERFRONT ELEMENT"], (None, OB)),
    ]  # fmt: skip
    _add_docs8(page, [tariff, plan], specs)
    if not first:
        _drafts(page, docs, pc, "PC", year, [meet, tariff, plan], n=2)
    page.render(
        "Commission, Tariffs and Planning",
        f"The {page.org} operates marine terminals, a marina and an airport.",
    )
    return [meet, tariff, plan]


def _college(page: Page, place: str, year: int) -> list[Job9]:
    rng, bot, sen, cboc = (
        page.rng,
        "Board of Trustees",
        "Academic Senate",
        "Citizens' Bond Oversight Committee",
    )
    month = rng.choice([2, 3, 4, 5, 6, 9, 10, 11, 12])
    mon = _mon(month)
    first = page.site.instance == 0
    docs = _meetings9(page, [(bot, "BOT", 8, 2, 2), (sen, "AS", 8, 3, 1), (cboc, "CBOC", 3, 1, 4)], year,
                      ("Agenda", "Minutes"), month, extra=first)  # fmt: skip
    if first:
        meet = Job9(_pick(rng, f"board of trustees agenda {mon} {year}", f"BOT agendas {mon[:3].lower()} {year}",
                          f"trustees agenda {mon.lower()} {year} college"), claims=(OB, NK, OD, OY))  # fmt: skip
        _label_month(docs, meet, bot, "Agenda", year, month)
    else:
        meet = Job9(_pick(rng, f"academic senate minutes {year}", f"all {year} acad senate minutes",
                          f"approved academic senate minutes {year}"), claims=(OB, NK, OY, OS))  # fmt: skip
        _label_set(docs, meet, sen, "Minutes", year)
    sy, sy0, sy1 = _fy(year), _fy(year - 1), _fy(year + 1)
    handbook = Job9(_alt(page, "the student handbook for the nursing program", "nursing student handbook",
                         f"ADN nursing handbook {sy}", "rn program student handbook"), claims=(OA, OY, DV, NK))  # fmt: skip
    sched = Job9(_alt(page, f"fall {year} class schedule", f"schedule of classes fall {year}", f"fall {year} schedule of classses",
                      f"class schedule for fall semester {year}"), claims=(OD, OY, OA, DV, NK))  # fmt: skip
    hp, reg, aug = "Health Professions", "Admissions and Records", _posted(rng, year, (7, 8))
    specs: list[Spec] = [
        (f"Associate Degree Nursing (ADN) Program Student Handbook {sy}", f"ADN_Student_Handbook_{sy}.pdf", hp, aug,
         ["ASSOCIATE DEGREE NURSING PROGRAM", "STUDENT HANDBOOK", sy, "Program policies and clinical expectations"], (RELEVANT, None)),
        (f"Associate Degree Nursing (ADN) Program Student Handbook {sy0}", f"ADN_Student_Handbook_{sy0}.pdf", hp, aug.replace(year=year - 1),
         ["ASSOCIATE DEGREE NURSING PROGRAM", "STUDENT HANDBOOK", sy0], (OY, None)),
        (f"Medical Assisting Program Student Handbook {sy}", f"MA_Student_Handbook_{sy}.pdf", hp, aug,
         ["MEDICAL ASSISTING PROGRAM", "STUDENT HANDBOOK", sy], (OA, None)),
        (f"Dental Hygiene Program Handbook {sy}", f"DH_Handbook_{sy}.pdf", hp, aug,
         ["DENTAL HYGIENE PROGRAM", "PROGRAM HANDBOOK", sy], (OA, None)),
        (f"{place} College Student Handbook {sy}", f"Student_Handbook_{sy}.pdf", "Student Services", aug,
         ["STUDENT HANDBOOK", sy, "Student rights and responsibilities"], (OA, None)),
        (f"Nursing Handbook Acknowledgment Form {sy}", f"ADN_Handbook_Acknowledgment_{sy}.pdf", hp, aug + timedelta(days=5),
         ["ACKNOWLEDGMENT OF RECEIPT", f"ADN Program Student Handbook {sy}", "Student signature"], (DV, None)),
        (f"ADN Program Application Packet {sy1}", f"ADN_Application_{sy1}.pdf", hp, _posted(rng, year, (9, 11)),
         ["ASSOCIATE DEGREE NURSING", "APPLICATION PACKET", sy1, "Prerequisites and deadlines"], (NK, None)),
        (f"Fall {year} Schedule of Classes", f"Fall{year}_Schedule.pdf", reg, _posted(rng, year, (3, 4)),
         ["SCHEDULE OF CLASSES", f"FALL {year}", "Credit courses by subject"], (None, RELEVANT)),
        (f"Spring {year} Schedule of Classes", f"Spring{year}_Schedule.pdf", reg, _posted(rng, year - 1, (10, 11)),
         ["SCHEDULE OF CLASSES", f"SPRING {year}"], (None, OD)),
        (f"Summer {year} Schedule of Classes", f"Summer{year}_Schedule.pdf", reg, _posted(rng, year, (2, 3)),
         ["SCHEDULE OF CLASSES", f"SUMMER {year}"], (None, OD)),
        (f"Fall {year - 1} Schedule of Classes", f"Fall{year - 1}_Schedule.pdf", reg, _posted(rng, year - 1, (3, 4)),
         ["SCHEDULE OF CLASSES", f"FALL {year - 1}"], (None, OY)),
        (f"Community Education (Noncredit) Fall {year} Schedule", f"CommunityEd_Fall{year}.pdf", "Community Education",
         _posted(rng, year, (7, 8)), ["COMMUNITY EDUCATION", f"FALL {year}", "Noncredit and fee-based classes"], (None, OA)),
        (f"Fall {year} Schedule Addendum", f"Fall{year}_Addendum.pdf", reg, _posted(rng, year, (7, 8)),
         ["ADDENDUM", f"Fall {year} Schedule of Classes", "Added and cancelled sections"], (None, DV)),
        (f"Final Exam Schedule - Fall {year}", f"Fall{year}_Finals.pdf", reg, _posted(rng, year, (9, 10)),
         ["FINAL EXAMINATION SCHEDULE", f"Fall {year}"], (None, NK)),
        (f"Academic Calendar {sy}", f"Academic_Calendar_{sy}.pdf", reg, _posted(rng, year - 1, (11, 12)),
         ["ACADEMIC CALENDAR", sy, "Fall and spring semesters"], (None, NK)),
    ]  # fmt: skip
    _add_docs8(page, [handbook, sched], specs)
    if not first:
        _drafts(page, docs, sen, "AS", year, [meet, handbook, sched])
    page.render(
        "Governance, Programs and Schedules", f"{page.org}: trustees, senate and student publications."
    )
    return [meet, handbook, sched]


def _housing_authority(page: Page, place: str, year: int) -> list[Job9]:
    rng, boc, rab, fin = page.rng, "Board of Commissioners", "Resident Advisory Board", "Finance Committee"
    month = rng.randrange(1, 13)
    mon = _mon(month)
    first = page.site.instance == 0
    kinds = ("Agenda", "Minutes") if first else ("Agenda", "Packet", "Minutes")
    docs = _meetings9(
        page, [(boc, "BOC", 8, 3, 3), (rab, "RAB", 4, 2, 2), (fin, "FIN", 4, 0, 3)], year, kinds, month
    )
    if first:
        meet = Job9(_pick(rng, f"housing authority board minutes {year}", f"HA board of commissioners minutes {year}",
                          f"all commissioners minutes {year} housing auth"), claims=(OB, NK, OY, OS))  # fmt: skip
        _label_set(docs, meet, boc, "Minutes", year)
    else:
        meet = Job9(_pick(rng, f"housing authority board packet {mon} {year}", f"board packet {mon.lower()} {year} HA",
                          f"commissioners meeting packet for {mon} {year}"), claims=(OB, NK, OD, OY))  # fmt: skip
        _label_one(docs, meet, boc, "Packet", _day_of(docs, boc, month, year))
    plan = Job9(_alt(page, f"housing authority annual plan fy{year % 100}", f"PHA annual plan FY {year}", f"the FY{year} annual PHA plan",
                     f"annual plan {year} housing authority"), claims=(OY, OS, DV, NK, OB))  # fmt: skip
    admin = Job9(_alt(page, "section 8 admin plan", "HCV administrative plan", "housing choice voucher admin plan current",
                      "the administrative plan for the voucher program"), claims=(OY, OS, DV, NK, OSUB))  # fmt: skip
    pp, hcv = "Agency Plans", "Housing Choice Voucher Program"
    adopted = _posted(rng, year - 1, (9, 10))
    rev = _posted(rng, year, (1, 6))
    specs: list[Spec] = [
        (f"FY {year} Annual PHA Plan", f"PHA_Plan_FY{year}.pdf", pp, adopted,
         ["ANNUAL PHA PLAN", f"Fiscal Year Beginning {year}", "Form HUD-50075-ST"], (RELEVANT, None)),
        (f"FY {year} Annual PHA Plan - Attachments", f"PHA_Plan_FY{year}_Attachments.pdf", pp, adopted,
         ["ANNUAL PHA PLAN ATTACHMENTS", f"FY {year}", "Capital Fund Program tables"], (RELEVANT, None)),
        (f"FY {year - 1} Annual PHA Plan", f"PHA_Plan_FY{year - 1}.pdf", pp, adopted.replace(year=year - 2),
         ["ANNUAL PHA PLAN", f"Fiscal Year Beginning {year - 1}"], (OY, None)),
        (f"DRAFT FY {year} Annual PHA Plan - 45-Day Public Comment", f"PHA_Plan_FY{year}_DRAFT.pdf", pp, adopted - timedelta(days=60),
         ["DRAFT FOR PUBLIC COMMENT", "ANNUAL PHA PLAN", f"FY {year}"], (OS, None)),
        (f"Notice of Public Hearing - FY {year} Annual Plan", f"Hearing_Notice_FY{year}.pdf", pp, adopted - timedelta(days=55),
         ["NOTICE OF PUBLIC HEARING", f"FY {year} Annual PHA Plan"], (DV, None)),
        (f"Resident Advisory Board Comments on the FY {year} Plan", f"RAB_Comments_FY{year}.pdf", rab, adopted - timedelta(days=15),
         ["RESIDENT ADVISORY BOARD", f"Comments on the FY {year} Annual PHA Plan"], (DV, None)),
        (f"5-Year PHA Plan {year - 1}-{year + 3}", f"PHA_5Year_Plan_{year - 1}.pdf", pp, adopted.replace(year=year - 2),
         ["5-YEAR PHA PLAN", f"{year - 1}-{year + 3}", "Mission and goals"], (NK, None)),
        (f"{place} County Housing Authority FY {year} Annual Plan", f"County_HA_Plan_FY{year}.pdf", pp, adopted,
         [f"!{place.upper()} COUNTY HOUSING AUTHORITY", "ANNUAL PHA PLAN", f"FY {year}"], (OB, None)),
        (f"HCV Administrative Plan (revised {_mon(rev.month)} {year})", f"HCV_Admin_Plan_{rev:%Y%m}.pdf", hcv, rev,
         ["HOUSING CHOICE VOUCHER PROGRAM", "ADMINISTRATIVE PLAN", f"Revised {_long(rev)}"], (None, RELEVANT)),
        (f"HCV Administrative Plan (revised {year - 2})", f"HCV_Admin_Plan_{year - 2}.pdf", hcv, rev.replace(year=year - 2),
         ["HOUSING CHOICE VOUCHER PROGRAM", "ADMINISTRATIVE PLAN", f"Revised {year - 2}"], (None, OY)),
        (f"Proposed Revisions to the HCV Administrative Plan ({year + 1})", f"HCV_Admin_Plan_Proposed_{year + 1}.pdf", hcv,
         _posted(rng, year, (10, 12)), ["PROPOSED REVISIONS", "ADMINISTRATIVE PLAN", "For public comment"], (None, OS)),
        (f"Summary of Changes to the Administrative Plan ({year})", f"Admin_Plan_Changes_{year}.pdf", hcv, rev,
         ["SUMMARY OF CHANGES", "HCV Administrative Plan", str(year)], (None, DV)),
        (f"Plan Administrativo - Programa de Vales de Elección de Vivienda ({year})", f"HCV_Admin_Plan_{year}_ES.pdf", hcv,
         rev + timedelta(days=30), ["PLAN ADMINISTRATIVO", "PROGRAMA DE VALES DE ELECCIÓN DE VIVIENDA"], (None, DV)),
        (f"Admissions and Continued Occupancy Policy (ACOP) {year}", f"ACOP_{year}.pdf", "Public Housing", rev,
         ["ADMISSIONS AND CONTINUED OCCUPANCY POLICY", "Public housing program"], (None, OSUB)),
        (f"HCV Payment Standards effective {_long(date(year, 1, 1))}", f"Payment_Standards_{year}.pdf", hcv, date(year - 1, 12, 1),
         ["PAYMENT STANDARDS", f"Effective January 1, {year}", "By bedroom size"], (None, NK)),
        (f"Utility Allowance Schedule {year}", f"Utility_Allowances_{year}.pdf", hcv, date(year - 1, 12, 1),
         ["UTILITY ALLOWANCE SCHEDULE", str(year), "Form HUD-52667"], (None, NK)),
    ]  # fmt: skip
    _add_docs8(page, [plan, admin], specs)
    if first:
        _drafts(page, docs, boc, "BOC", year, [meet, plan, admin])
    page.render("Board, Agency Plans and Policies", f"The {page.org} provides affordable housing in {place}.")
    return [meet, plan, admin]


def _planning_council(page: Page, place: str, year: int) -> list[Job9]:
    rng, pb, tac = page.rng, "Transportation Policy Board", "Technical Advisory Committee"
    cac = "Citizens Advisory Committee"
    month = rng.randrange(1, 13)
    mon = _mon(month)
    first = page.site.instance == 0
    docs = _meetings9(page, [(pb, "TPB", 6, 3, 2), (tac, "TAC", 6, 2, 1), (cac, "CAC", 4, 1, 3)], year,
                      ("Agenda", "Packet", "Minutes"), month, extra=not first)  # fmt: skip
    if first:
        meet = Job9(_pick(rng, f"TAC agendas {year}", f"technical advisory committee agendas {year}", f"all {year} tac agenda"),
                    claims=(OB, NK, OY))  # fmt: skip
        _label_set(docs, meet, tac, "Agenda", year)
    else:
        meet = Job9(_pick(rng, f"policy board minutes {mon} {year}", f"MPO board minutes {mon[:3].lower()} {year}",
                          f"{mon.lower()} {year} transportation policy board minutes"), claims=(OB, NK, OD, OY))  # fmt: skip
        _label_month(docs, meet, pb, "Minutes", year, month)
    span = f"{year}-{year + 3}"
    tip = Job9(_alt(page, f"TIP FY {span}", f"transportation improvement program {span}", "the TIP",
                    f"fy{year % 100}-{(year + 3) % 100} tip"), claims=(OY, OS, DV, NK, OB))  # fmt: skip
    h = rng.choice([2045, 2050])
    mtp = Job9(_alt(page, "long range transportation plan", f"metropolitan transportation plan {h}", f"the {h} MTP", "LRTP"),
               claims=(OY, OS, DV, NK, OSUB))  # fmt: skip
    pr, lr = "TIP and UPWP", "Long Range Planning"
    adopted = _posted(rng, year - 1, (5, 6))
    mtp_day = _posted(rng, year - rng.randrange(1, 3), (9, 12))
    specs: list[Spec] = [
        (f"FY {span} Transportation Improvement Program (Adopted)", f"TIP_FY{span}.pdf", pr, adopted,
         ["TRANSPORTATION IMPROVEMENT PROGRAM", f"FY {span}", f"Adopted by the {pb}"], (RELEVANT, None)),
        (f"FY {span} TIP - Appendix A: Project Listings", f"TIP_FY{span}_AppA.pdf", pr, adopted,
         ["APPENDIX A", "PROJECT LISTINGS", f"FY {span} TIP"], (RELEVANT, None)),
        (f"FY {year - 1}-{year + 2} Transportation Improvement Program", f"TIP_FY{year - 1}-{year + 2}.pdf", pr, adopted.replace(year=year - 2),
         ["TRANSPORTATION IMPROVEMENT PROGRAM", f"FY {year - 1}-{year + 2}"], (OY, None)),
        (f"DRAFT FY {span} TIP - Public Review", f"TIP_FY{span}_DRAFT.pdf", pr, adopted - timedelta(days=45),
         ["PUBLIC REVIEW DRAFT", "TRANSPORTATION IMPROVEMENT PROGRAM", f"FY {span}"], (OS, None)),
        (f"FY {span} TIP Amendment #2", f"TIP_FY{span}_Amend2.pdf", pr, adopted + timedelta(days=150),
         ["TIP AMENDMENT 2", f"FY {span} Transportation Improvement Program", "Projects added or changed"], (DV, None)),
        (f"Public Notice: FY {span} TIP Comment Period", f"TIP_Notice_{year}.pdf", pr, adopted - timedelta(days=50),
         ["PUBLIC NOTICE", f"Draft FY {span} TIP available for comment"], (DV, None)),
        (f"FY {year} Unified Planning Work Program", f"UPWP_FY{year}.pdf", pr, adopted,
         ["UNIFIED PLANNING WORK PROGRAM", f"FY {year}", "Planning tasks and budget"], (NK, None)),
        (f"State Transportation Improvement Program FY {span}", f"STIP_FY{span}.pdf", pr, adopted + timedelta(days=60),
         ["!STATE DEPARTMENT OF TRANSPORTATION", "STATEWIDE TRANSPORTATION IMPROVEMENT PROGRAM", f"FY {span}"], (OB, None)),
        (f"{h} Metropolitan Transportation Plan", f"MTP{h}.pdf", lr, mtp_day,
         [f"{h} METROPOLITAN TRANSPORTATION PLAN", "Long range transportation plan", "Vision, goals and projects"], (None, RELEVANT)),
        (f"{h} MTP - Technical Appendices", f"MTP{h}_Appendices.pdf", lr, mtp_day,
         [f"{h} METROPOLITAN TRANSPORTATION PLAN", "TECHNICAL APPENDICES", "Travel demand model"], (None, RELEVANT)),
        (f"{h - 5} Metropolitan Transportation Plan", f"MTP{h - 5}.pdf", lr, mtp_day.replace(year=mtp_day.year - 5),
         [f"{h - 5} METROPOLITAN TRANSPORTATION PLAN", "Long range transportation plan"], (None, OY)),
        (f"{h} MTP - Public Review Draft", f"MTP{h}_Draft.pdf", lr, mtp_day - timedelta(days=75),
         ["PUBLIC REVIEW DRAFT", f"{h} METROPOLITAN TRANSPORTATION PLAN"], (None, OS)),
        (f"{h} MTP Executive Summary", f"MTP{h}_Summary.pdf", lr, mtp_day + timedelta(days=14),
         ["EXECUTIVE SUMMARY", f"{h} Metropolitan Transportation Plan"], (None, DV)),
        ("Regional Bicycle and Pedestrian Plan", f"BikePed_Plan_{year - 2}.pdf", lr, _posted(rng, year - 2),
         ["REGIONAL BICYCLE AND PEDESTRIAN PLAN", "Active transportation network"], (None, OSUB)),
        ("Regional Freight Plan", f"Freight_Plan_{year - 3}.pdf", lr, _posted(rng, year - 3),
         ["REGIONAL FREIGHT PLAN", "Truck routes and intermodal facilities"], (None, OSUB)),
        (f"Congestion Management Process Report {year - 1}", f"CMP_{year - 1}.pdf", lr, _posted(rng, year - 1),
         ["CONGESTION MANAGEMENT PROCESS", f"{year - 1} Report"], (None, NK)),
        ("Public Participation Plan", "Public_Participation_Plan.pdf", "Public Involvement", _posted(rng, year - 2),
         ["PUBLIC PARTICIPATION PLAN", "How to take part in regional planning"], (None, None)),
    ]  # fmt: skip
    _add_docs8(page, [tip, mtp], specs)
    page.render(
        "Meetings and Plans",
        f"The {page.org} is the metropolitan planning organization for the {place} region.",
    )
    return [meet, tip, mtp]


def _nursing_board(page: Page, place: str, year: int) -> list[Job9]:
    rng, bon, edc, npc = page.rng, "Board of Nursing", "Education Committee", "Nursing Practice Committee"
    month = rng.randrange(1, 13)
    first = page.site.instance == 0
    docs = _meetings9(page, [(bon, "BON", 6, 3, 2), (edc, "EDC", 4, 2, 1), (npc, "NPC", 4, 2, 3)], year,
                      ("Agenda", "Minutes"), month)  # fmt: skip
    if first:
        meet = Job9(_pick(rng, f"board of nursing meeting minutes {year}", f"BON minutes {year}",
                          f"all board meeting minutes {year} nursing board"), claims=(OB, NK, OY, OS))  # fmt: skip
        _label_set(docs, meet, bon, "Minutes", year)
    else:
        day = _day_of(docs, bon, month, year)
        meet = Job9(_pick(rng, f"nursing board agenda {day.month}/{day.day}/{day.year}", f"agenda for the {_long(day)} board of nursing meeting",
                          f"BON agenda {_long(day)}"), claims=(OB, NK, OD, OY))  # fmt: skip
        _label_one(docs, meet, bon, "Agenda", day)
    c = rng.choice([3, 4, 6])
    rules = Job9(_alt(page, "RN and LPN licensure and practice rules", f"chapter {c} rules nursing licensure",
                      "the rules for RN and LPN licensure in effect", f"{place.lower()} rn/lpn licensure rules"),
                 claims=(OY, OS, DV, NK, OSUB))  # fmt: skip
    fy = year - 1
    report = Job9(_alt(page, f"board of nursing annual report fy{fy % 100}", f"annual report FY {fy}",
                       f"the fiscal year {fy} annual report nursing board", f"BON annual rpt {fy}"), claims=(OY, DV, NK, OB))  # fmt: skip
    ru, pub = "Laws and Rules", "Publications"
    eff = date(year - 1, rng.choice([1, 7]), 1)
    old = eff.replace(year=eff.year - 4)
    oct_ = _posted(rng, year - 1, (10, 12))
    specs: list[Spec] = [
        (f"Administrative Rules Chapter {c}: Licensure and Practice of Nursing (effective {_long(eff)})", f"Rules_Ch{c}_{eff:%Y%m%d}.pdf", ru,
         eff - timedelta(days=20), [f"CHAPTER {c}", "LICENSURE AND PRACTICE OF REGISTERED AND PRACTICAL NURSES", f"Effective {_long(eff)}"],
         (None, RELEVANT)),
        (f"Administrative Rules Chapter {c} (effective {_long(old)}) - superseded", f"Rules_Ch{c}_{old:%Y%m%d}.pdf", ru,
         old - timedelta(days=20), [f"CHAPTER {c}", "LICENSURE AND PRACTICE OF NURSING", f"Effective {_long(old)}", "SUPERSEDED"],
         (None, OY)),
        (f"Proposed Amendments to Chapter {c} ({year})", f"Proposed_Ch{c}_{year}.pdf", ru, _posted(rng, year, (2, 6)),
         ["PROPOSED RULES", f"Chapter {c} - Licensure and Practice", "Comment period"], (None, OS)),
        (f"Notice of Intended Rulemaking - Chapter {c}", f"NOIR_Ch{c}_{year}.pdf", ru, _posted(rng, year, (1, 2)),
         ["NOTICE OF INTENDED RULEMAKING", f"Chapter {c}"], (None, DV)),
        (f"Administrative Rules Chapter {c + 1}: Advanced Practice Registered Nurses", f"Rules_Ch{c + 1}.pdf", ru, eff - timedelta(days=20),
         [f"CHAPTER {c + 1}", "ADVANCED PRACTICE REGISTERED NURSES", "Prescriptive authority"], (None, OSUB)),
        (f"Administrative Rules Chapter {c + 2}: Nursing Education Programs", f"Rules_Ch{c + 2}.pdf", ru, old,
         [f"CHAPTER {c + 2}", "NURSING EDUCATION PROGRAMS", "Approval standards"], (None, OSUB)),
        (f"{place} Nurse Practice Act", "Nurse_Practice_Act.pdf", ru, _posted(rng, year - 2),
         ["NURSE PRACTICE ACT", "Statutes"], (None, NK)),
        ("Scope of Practice Decision-Making Model", "Scope_Decision_Model.pdf", ru, _posted(rng, year - 3),
         ["SCOPE OF PRACTICE", "Decision-making model for nurses"], (None, NK)),
        (f"Annual Report Fiscal Year {fy}", f"AnnualReport_FY{fy}.pdf", pub, oct_,
         ["ANNUAL REPORT", f"Fiscal Year {fy}", f"July 1, {fy - 1} - June 30, {fy}", "Licensure and discipline"], (RELEVANT, None)),
        (f"Annual Report Fiscal Year {fy - 1}", f"AnnualReport_FY{fy - 1}.pdf", pub, oct_.replace(year=fy - 1),
         ["ANNUAL REPORT", f"Fiscal Year {fy - 1}"], (OY, None)),
        (f"FY {fy} Annual Report Highlights", f"FY{fy}_Highlights.pdf", pub, oct_ + timedelta(days=12),
         ["HIGHLIGHTS", f"FY {fy} Annual Report", "Licensees at a glance"], (DV, None)),
        (f"Nursing News - Fall {year - 1}", f"Newsletter_Fall{year - 1}.pdf", pub, _posted(rng, year - 1, (9, 11)),
         ["NURSING NEWS", f"Fall {year - 1}", "Renewal reminders"], (NK, None)),
        (f"Licensure Statistics - Quarter 4, FY {fy}", f"Stats_FY{fy}_Q4.pdf", pub, _posted(rng, fy, (7, 8)),
         ["LICENSURE STATISTICS", f"Fourth quarter FY {fy}"], (NK, None)),
        (f"{place} Center for Nursing - Nursing Workforce Report {fy}", f"CenterForNursing_{fy}.pdf", pub, _posted(rng, year, (1, 3)),
         [f"!{place.upper()} CENTER FOR NURSING", "NURSING WORKFORCE REPORT", str(fy)], (OB, None)),
    ]  # fmt: skip
    _add_docs8(page, [report, rules], specs)
    if first:
        _drafts(page, docs, bon, "BON", year, [meet, rules, report])
    page.render(
        "Board Meetings, Rules and Publications", f"The {page.org} regulates nursing practice and education."
    )
    return [meet, rules, report]


def _economic_development(page: Page, place: str, year: int) -> list[Job9]:
    rng, bod, exc, sbac = (
        page.rng,
        "Board of Directors",
        "Executive Committee",
        "Small Business Advisory Council",
    )
    month = rng.randrange(1, 13)
    mon = _mon(month)
    first = page.site.instance == 0
    docs = _meetings9(page, [(bod, "BOD", 6, 3, 3), (exc, "EXC", 8, 1, 1), (sbac, "SBAC", 4, 2, 2)], year,
                      ("Agenda", "Minutes"), month, extra=first)  # fmt: skip
    if first:
        meet = Job9(_pick(rng, f"EDC board minutes {mon} {year}", f"board of directors minutes {mon.lower()} {year}",
                          f"edc bod minutes {mon[:3].lower()} {year}"), claims=(OB, NK, OD, OY))  # fmt: skip
        _label_month(docs, meet, bod, "Minutes", year, month)
    else:
        meet = Job9(_pick(rng, f"executive committee agendas {year}", f"exec comm agendas {year} edc", f"all {year} executive committee agendas"),
                    claims=(OB, NK, OY))  # fmt: skip
        _label_set(docs, meet, exc, "Agenda", year)
    start = year - 1
    ceds = Job9(_alt(page, "CEDS", "comprehensive economic development strategy", f"the {start}-{start + 4} CEDS",
                     f"comprehensive econ dev strategy {place.lower()}"), claims=(OY, OS, DV, NK, OB))  # fmt: skip
    profile = Job9(_alt(page, f"community profile {year}", f"{place} community profile {year}", f"{year} community profile pdf",
                        f"the {year} community profile"), claims=(OY, OSUB, NK, OB, DV))  # fmt: skip
    st, dat = "Strategy", "Data and Research"
    done = _posted(rng, start, (8, 11))
    feb = _posted(rng, year, (1, 3))
    specs: list[Spec] = [
        (f"Comprehensive Economic Development Strategy {start}-{start + 4}", f"CEDS_{start}-{start + 4}.pdf", st, done,
         ["COMPREHENSIVE ECONOMIC DEVELOPMENT STRATEGY", f"{start}-{start + 4}", "SWOT analysis and action plan"], (RELEVANT, None)),
        (f"Comprehensive Economic Development Strategy {start - 5}-{start - 1}", f"CEDS_{start - 5}-{start - 1}.pdf", st,
         done.replace(year=start - 5), ["COMPREHENSIVE ECONOMIC DEVELOPMENT STRATEGY", f"{start - 5}-{start - 1}"], (OY, None)),
        (f"DRAFT CEDS {start}-{start + 4} for Public Comment", f"CEDS_{start}_DRAFT.pdf", st, done - timedelta(days=40),
         ["DRAFT FOR PUBLIC COMMENT", "COMPREHENSIVE ECONOMIC DEVELOPMENT STRATEGY"], (OS, None)),
        (f"CEDS Annual Performance Report {year}", f"CEDS_Performance_{year}.pdf", st, _posted(rng, year, (9, 11)),
         ["ANNUAL PERFORMANCE REPORT", f"CEDS {start}-{start + 4}", "Progress on action items"], (DV, None)),
        ("CEDS Summary", f"CEDS_{start}_Summary.pdf", st, done + timedelta(days=20),
         ["SUMMARY", "Comprehensive Economic Development Strategy", "Four goals in brief"], (DV, None)),
        ("Target Industry Analysis", f"Target_Industries_{start - 1}.pdf", st, _posted(rng, start - 1),
         ["TARGET INDUSTRY ANALYSIS", "Advanced manufacturing, logistics, health care"], (NK, None)),
        (f"Statewide Economic Development Strategy {start}", f"State_EcDev_Strategy_{start}.pdf", st, _posted(rng, start),
         ["!STATE DEPARTMENT OF COMMERCE", "STATEWIDE ECONOMIC DEVELOPMENT STRATEGY"], (OB, None)),
        (f"Community Profile {year}", f"Community_Profile_{year}.pdf", dat, feb,
         ["COMMUNITY PROFILE", str(year), "Population, income, labor force, taxes"], (None, RELEVANT)),
        (f"Community Profile {year - 1}", f"Community_Profile_{year - 1}.pdf", dat, feb.replace(year=year - 1),
         ["COMMUNITY PROFILE", str(year - 1)], (None, OY)),
        (f"Workforce and Labor Market Profile {year}", f"Workforce_Profile_{year}.pdf", dat, feb,
         ["WORKFORCE AND LABOR MARKET PROFILE", str(year), "Occupations and wages"], (None, OSUB)),
        (f"Community Profile {year} - Quick Facts", f"Quick_Facts_{year}.pdf", dat, feb + timedelta(days=7),
         ["QUICK FACTS", f"From the {year} Community Profile"], (None, DV)),
        (f"Major Employers {year}", f"Major_Employers_{year}.pdf", dat, feb,
         ["MAJOR EMPLOYERS", str(year), "Employer, industry, employees"], (None, NK)),
        ("Available Sites and Buildings", "Available_Sites.pdf", dat, _posted(rng, year),
         ["AVAILABLE SITES AND BUILDINGS", "Industrial and commercial properties"], (None, NK)),
        (f"{place} County Profile {year} (State Department of Commerce)", f"State_County_Profile_{year}.pdf", dat, _posted(rng, year),
         ["!STATE DEPARTMENT OF COMMERCE", "COUNTY PROFILE", f"{place} County", str(year)], (None, OB)),
    ]  # fmt: skip
    _add_docs8(page, [ceds, profile], specs)
    page.render("Board, Strategy and Data", f"The {page.org} helps businesses grow in {place}.")
    return [meet, ceds, profile]


def _park_district(page: Page, place: str, year: int) -> list[Job9]:
    rng, bod, tac, pfb = page.rng, "Board of Directors", "Trails Advisory Committee", "Parks Foundation Board"
    month = rng.randrange(1, 13)
    first = page.site.instance == 0
    docs = _meetings9(page, [(bod, "BOD", 8, 0, 2), (tac, "TAC", 5, 2, 2), (pfb, "PFB", 3, 3, 1)], year,
                      ("Agenda", "Minutes"), month)  # fmt: skip
    if first:
        day = _day_of(docs, bod, month, year)
        meet = Job9(_pick(rng, f"park district board agenda {_long(day)}", f"board agenda {day:%m/%d/%y} parks district",
                          f"agenda {_mon(day.month).lower()} {day.day} {year} park board"), claims=(OB, NK, OD, OY))  # fmt: skip
        _label_one(docs, meet, bod, "Agenda", day)
    else:
        meet = Job9(_pick(rng, f"trails committee minutes {year}", f"trails advisory cmte minutes {year}", f"{year} TAC minutes parks"),
                    claims=(OB, NK, OY))  # fmt: skip
        _label_set(docs, meet, tac, "Minutes", year)
    mp = year - 1
    plan = Job9(_alt(page, "parks master plan", "the park district master plan", f"parks recreation and open space master plan {mp}",
                     "park system master plan current"), claims=(OY, OS, DV, NK, OSUB, OB))  # fmt: skip
    fees = Job9(_alt(page, f"facility rental fees {year}", f"park shelter rental fee schedule {year}", f"{year} rental fees picnic shelters",
                     f"the {year} facility rental fee schedule"), claims=(OY, OS, NK, OSUB, DV, OA))  # fmt: skip
    pl, fr = "Planning", "Facility Rentals"
    done = _posted(rng, mp, (4, 9))
    dec = date(year - 1, 12, rng.randrange(1, 20))
    specs: list[Spec] = [
        (f"Parks, Recreation and Open Space Master Plan {mp}", f"PROS_Plan_{mp}.pdf", pl, done,
         ["PARKS, RECREATION AND OPEN SPACE MASTER PLAN", str(mp), "Level of service and capital projects"], (RELEVANT, None)),
        (f"PROS Master Plan {mp} - Appendices", f"PROS_Plan_{mp}_Appendices.pdf", pl, done,
         ["PARKS, RECREATION AND OPEN SPACE MASTER PLAN", "APPENDICES", "Park inventory"], (RELEVANT, None)),
        ("PROS Master Plan - Public Review Draft", f"PROS_Plan_{mp}_Draft.pdf", pl, done - timedelta(days=60),
         ["PUBLIC REVIEW DRAFT", "PARKS, RECREATION AND OPEN SPACE MASTER PLAN"], (OS, None)),
        (f"Parks and Recreation Master Plan {mp - 10}", f"Master_Plan_{mp - 10}.pdf", pl, _posted(rng, mp - 10),
         ["PARKS AND RECREATION MASTER PLAN", str(mp - 10)], (OY, None)),
        ("Master Plan Summary", f"PROS_Plan_{mp}_Summary.pdf", pl, done + timedelta(days=14),
         ["PLAN SUMMARY", "Parks, Recreation and Open Space Master Plan"], (DV, None)),
        (f"Community Needs Survey Results {mp - 1}", f"Needs_Survey_{mp - 1}.pdf", pl, _posted(rng, mp - 1),
         ["COMMUNITY NEEDS ASSESSMENT SURVEY", "Statistically valid survey results"], (NK, None)),
        (f"Trails Master Plan {mp - 3}", f"Trails_Master_Plan_{mp - 3}.pdf", tac, _posted(rng, mp - 3),
         ["TRAILS MASTER PLAN", "Regional trail network"], (OSUB, None)),
        (f"City of {place} Comprehensive Plan - Parks Element", "City_Comp_Plan_Parks.pdf", pl, _posted(rng, year - 4),
         [f"!CITY OF {place.upper()}", "COMPREHENSIVE PLAN", "PARKS AND OPEN SPACE ELEMENT"], (OB, None)),
        (f"Facility Rental Fee Schedule {year}", f"Rental_Fees_{year}.pdf", fr, dec,
         ["FACILITY RENTAL FEE SCHEDULE", f"Effective January 1, {year}", "Picnic shelters, halls, fields"], (None, RELEVANT)),
        (f"Facility Rental Fee Schedule {year - 1}", f"Rental_Fees_{year - 1}.pdf", fr, dec.replace(year=year - 2),
         ["FACILITY RENTAL FEE SCHEDULE", f"Effective January 1, {year - 1}"], (None, OY)),
        (f"Proposed {year + 1} Facility Rental Fees", f"Rental_Fees_{year + 1}_Proposed.pdf", fr, _posted(rng, year, (9, 11)),
         ["PROPOSED FEES", f"Facility rentals {year + 1}", "For board consideration"], (None, OS)),
        ("Facility Rental Application", "Rental_Application.pdf", fr, _posted(rng, year - 1),
         ["FACILITY RENTAL APPLICATION", "Applicant, date, facility"], (None, NK)),
        ("Facility Use Policy", "Facility_Use_Policy.pdf", fr, _posted(rng, year - 2),
         ["FACILITY USE POLICY", "Alcohol, amplified sound, cancellations"], (None, NK)),
        (f"Nonprofit and Youth League Rental Rates {year}", f"Nonprofit_Rental_Rates_{year}.pdf", fr, dec,
         ["FACILITY RENTAL RATES", "Nonprofit organizations and youth leagues", f"Effective January 1, {year}"], (None, OA)),
        (f"Aquatics Fees {year}", f"Aquatics_Fees_{year}.pdf", "Aquatics", dec,
         ["AQUATICS FEES", str(year), "Daily admission and passes"], (None, OSUB)),
        (f"Resolution {year - 1}-{rng.randrange(10, 40)} Adopting {year} Fees and Charges", f"Reso_Fees_{year}.pdf", fr,
         dec - timedelta(days=10), ["RESOLUTION", f"ADOPTING FEES AND CHARGES FOR {year}"], (None, DV)),
        (f"{year} Board Meeting Calendar", f"BOD_Calendar_{year}.pdf", bod, date(year - 1, 12, 5),
         [f"{year} BOARD MEETING CALENDAR", "Second Monday of the month"], (None, None)),
    ]  # fmt: skip
    _add_docs8(page, [plan, fees], specs)
    page.render("Board, Plans and Rentals", f"The {page.org} runs parks, trails and facilities in {place}.")
    return [meet, plan, fees]


# (builder, organisation's name from the place, (meeting layout, document layout) per instance)
TEMPLATES9: list[
    tuple[Callable[[Page, str, int], list[Job9]], str, list[tuple[Layout | None, Layout | None]]]
] = [
    (_fire_district, "{} Fire Protection District", [(EVENTS, DOC_CENTER), (TWO_COLUMN, None)]),
    (_port, "Port of {}", [(DOC_CENTER, None), (YEAR_MONTH, BADGE_GRID)]),
    (_college, "{} College", [(TWO_COLUMN, NEWS_POSTS), (EVENTS, None)]),
    (_housing_authority, "Housing Authority of the City of {}", [(BADGE_GRID, TWO_COLUMN), (DOC_CENTER, NEWS_POSTS)]),
    (_planning_council, "{} Regional Planning Council", [(YEAR_MONTH, None), (EVENTS, BADGE_GRID)]),
    (_nursing_board, "{} State Board of Nursing", [(NEWS_POSTS, YEAR_MONTH), (TWO_COLUMN, DOC_CENTER)]),
    (_economic_development, "{} Economic Development Corporation", [(BADGE_GRID, None), (NEWS_POSTS, EVENTS)]),
    (_park_district, "{} Park and Recreation District", [(EVENTS, YEAR_MONTH), (BADGE_GRID, DOC_CENTER)]),
]  # fmt: skip
# Two places per template; a few hold words of bodies, kinds or subjects ("Harbor", "Capital", "Trail").
PLACES9 = ["Wolf Creek", "Timber Ridge", "Coos Harbor", "Anacortes Bay", "Mesa Verde", "Blue Ridge", "Bridgeport",
           "Greenville", "Tri-Rivers", "Capital Area", "Columbia", "Dakota", "Riverbend", "Granite City",
           "Trail Ridge", "Chehalis Valley"]  # fmt: skip


def build_sites9() -> list[Site]:
    """Every part-9 site, deterministic: two instances of each template."""
    return build_part(9, TEMPLATES9, PLACES9, Part9Site)
