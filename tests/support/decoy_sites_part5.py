"""Held-back part 5 of the near-miss decoy sites: written before any round-3 tuning, never tuned on.

Parts 1-4 have all had their misjudged documents printed, so they are development parts now.
This part was written first thing in round 3, before any scoring change, without running the
scorer on it: new organisations, new page layouts, and ``bench/relevance.py --with-part5`` prints
only its aggregate figures (never a per-document error), so that it stays a clean measure.

Seven kinds of organisation, two instances each:

- a tribal nation: a table whose date cell spans the agenda and minutes rows (``rowspan``),
  tribal council vs gaming commission vs enrollment committee; enrollment applications for
  adults and for minors, the superseded form, the instructions;
- a cemetery district: definition lists (``<dl>``, a ``<dt>`` per meeting date, the links in the
  ``<dd>``); trustees vs finance committee; the rules and regulations (outside the vocabulary),
  the superseded edition, proposed amendments, the fee schedule, a summary of changes;
- a mosquito abatement district: cards with the date in ``<time datetime>`` and links whose text
  is only "PDF"; an agenda for one date; the integrated pest management plan (and "IPM"),
  last year's, the draft, the surveillance report;
- a regional airport authority: a query-string document viewer (``DocViewer/<n>.pdf?id=<n>``), link
  text "Download" beside a title cell; board vs noise committee vs users' advisory group; the
  master plan, its draft update, the previous edition, an executive summary, a noise study;
- a community services district: one page holding several fiscal years (a heading per year);
  the adopted budget vs the proposed one, other years, the budget presentation, the audit;
  board of directors vs a parks committee;
- a school-district foundation: news cards with ``<time>``; foundation board vs the district's
  school board; scholarship applications for seniors vs grant applications for teachers, last
  year's application, the guidelines;
- a county board of elections: a table per election with ``rowspan``; sample ballots for the
  general vs the primary election, last year's, the official vs the unofficial results; board
  minutes vs the canvassing board's.

About a third of the documents are scans (no text layer). Prompts as people type them: typos
("minuets", "agnda", "applicaton"), shorthand ("mtg", "CSD", "IPM", "fy24"), "the" vs "all",
kinds outside the vocabulary. Decoy categories are ``CATEGORIES3``.

Figures (``bench/relevance.py --corpora-only --with-part5``, mean over 30 jobs at 0.5): untuned,
before round 3: P 0.573 R 0.689 F1 0.582, ECE 0.113, decoy precision 0.704; round 3's final run
(the first whose per-document errors were printed, so this part is seen from then on): P 0.721
R 0.800 F1 0.713, ECE 0.085, decoy precision 0.767.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from tests.support.decoy_sites import MONTHS, RELEVANT, Job, Site, _long, _page, _pdf
from tests.support.decoy_sites_part3 import CATEGORIES3, _days, _meeting_label, _slug, _title
from tests.support.decoy_sites_part4 import _fill

CATEGORIES5 = CATEGORIES3
SCAN_SHARE = 0.33


@dataclass
class Part5Site(Site):
    @property
    def part(self) -> str:
        return "part5"


def _scan(rng: random.Random) -> bool:
    return rng.random() < SCAN_SHARE


def _doc_list(
    site: Site, rng: random.Random, org: str, folder: str, job: Job, docs: list[tuple[str, list[str], str]]
) -> list[tuple[str, str]]:
    """Write one document per (link text, title lines, label); (path, link text) back."""
    out = []
    for text, lines, label in docs:
        path = f"/{site.name}/{folder}/{_slug(text).lower()}.pdf"
        site.docs[path] = _pdf([org, *lines, "Section 1"], _scan(rng))
        job.labels[path] = label
        out.append((path, text))
    return out


# -- templates -------------------------------------------------------------------------------------


def _tribal_rowspan(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A tribal nation: one table, the date cell spans the meeting's agenda and minutes rows."""
    org = f"{place} Band of Indians"
    style = rng.randrange(3)
    minutes_job = Job(
        rng.choice(
            [f"tribal council minutes {year}", f"all council mtg minuets {year}", f"{year} council minutes"]
        )
    )
    rows = []
    for body, decoy in (
        ("Tribal Council", None),
        ("Gaming Commission", "other_body"),
        ("Enrollment Committee", "other_body"),
    ):
        for y in (year, year - 1):
            for day in _days(rng, date(y, 1, 5), date(y, 12, 15), 3 if decoy is None else 2):
                trs = []
                for i, kind in enumerate(("Agenda", "Minutes")):
                    path = (
                        f"/{site.name}/government/{body.split()[0].lower()}/{day:%Y%m%d}-{kind.lower()}.pdf"
                    )
                    site.docs[path] = _pdf(_title(org, body, kind, day, rng, style), _scan(rng))
                    minutes_job.labels[path] = _meeting_label(decoy, kind, y == year)
                    lead = f"<td rowspan='2'>{day:%m/%d/%Y}</td><td rowspan='2'>{body}</td>" if i == 0 else ""
                    trs.append(f"<tr>{lead}<td>{kind}</td><td><a href='{path}'>View</a></td></tr>")
                rows.append((day, "".join(trs)))
    rows.sort(reverse=True)
    enroll_job = Job(
        rng.choice(
            [
                "the adult enrollment application",
                "adult enrollment applicaton form",
                "enrollment form for adults",
            ]
        )
    )
    docs = [
        ("Enrollment Application - Adult (18 and over)", ["APPLICATION FOR ENROLLMENT", "ADULT APPLICANTS 18 AND OVER", f"Revised {year}"], RELEVANT),
        ("Enrollment Application - Minor (under 18)", ["APPLICATION FOR ENROLLMENT", "MINOR APPLICANTS UNDER 18", f"Revised {year}"], "other_audience"),
        (f"Enrollment Application - Adult (superseded {year})", ["APPLICATION FOR ENROLLMENT", "ADULT APPLICANTS", f"Revised {year - 4}", "SUPERSEDED - DO NOT USE"], "other_year"),
        ("Instructions for Completing the Enrollment Application", ["INSTRUCTIONS", "How to complete the application for enrollment"], "derived"),
        ("Enrollment Ordinance", ["ENROLLMENT ORDINANCE", "Title 3 of the Tribal Code"], "neighbour_kind"),
        ("Elder Services Application", ["ELDER SERVICES PROGRAM", "APPLICATION", "Applicants 55 and over"], "other_subject"),
    ]  # fmt: skip
    items = _doc_list(site, rng, org.upper(), "forms", enroll_job, docs)
    jobs = [minutes_job, enroll_job]
    _fill(site, jobs)
    links = "".join(f"<tr><td>{t}</td><td><a href='{p}'>PDF</a></td></tr>" for p, t in items)
    site.html = _page(
        f"Government | {org}",
        "<h1>Council &amp; Committee Meetings</h1><table class='meetings'><thead><tr><th>Date</th><th>Body</th>"
        f"<th>Document</th><th></th></tr></thead><tbody>{''.join(r for _, r in rows)}</tbody></table>"
        f"<h2>Enrollment Office</h2><table class='forms'>{links}</table>",
    )
    site.jobs += jobs


def _cemetery_dl(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A cemetery district: definition lists, a <dt> per meeting date, the links in its <dd>."""
    org = f"{place} Public Cemetery District"
    style = rng.randrange(3)
    minutes_job = Job(rng.choice([f"cemetery board minutes {year}", f"trustees meeting minutes {year}"]))
    blocks = []
    for body, decoy in (("Board of Trustees", None), ("Finance Committee", "other_body")):
        entries = []
        for y in (year, year - 1):
            for day in reversed(_days(rng, date(y, 1, 8), date(y, 12, 10), 4 if decoy is None else 2)):
                links = []
                for kind in ("Agenda", "Minutes"):
                    path = f"/{site.name}/wp-content/uploads/{day:%Y/%m}/{_slug(body)[:8]}-{kind}-{day:%m%d%y}.pdf"
                    site.docs[path] = _pdf(_title(org, body, kind, day, rng, style), _scan(rng))
                    minutes_job.labels[path] = _meeting_label(decoy, kind, y == year)
                    links.append(f"<a href='{path}'>{kind}</a>")
                entries.append(f"<dt>{_long(day)}</dt><dd>{' &middot; '.join(links)}</dd>")
        blocks.append(f"<h2>{body}</h2><dl class='meetings'>{''.join(entries)}</dl>")
    rules_job = Job(
        rng.choice(
            ["the cemetery rules and regulations", "current rules & regs", "the rules and regulations"]
        )
    )
    docs = [
        (f"Rules and Regulations (adopted {year})", ["RULES AND REGULATIONS", f"Adopted by the Board of Trustees, {_long(date(year, 3, 14))}"], RELEVANT),
        (f"Rules and Regulations ({year - 3}, superseded)", ["RULES AND REGULATIONS", f"Adopted {year - 3}", "SUPERSEDED"], "other_year"),
        ("Proposed Amendments to the Rules and Regulations", ["PROPOSED AMENDMENTS", "Rules and Regulations", "DRAFT - for public review"], "other_status"),
        ("Summary of Changes to the Rules", ["SUMMARY OF CHANGES", f"Rules and Regulations {year}"], "derived"),
        (f"Fee Schedule {year}", ["SCHEDULE OF FEES AND CHARGES", f"Effective July 1, {year}"], "neighbour_kind"),
        ("Flower and Decoration Policy", ["FLOWER AND DECORATION POLICY"], "other_subject"),
    ]  # fmt: skip
    items = _doc_list(site, rng, org.upper(), "wp-content/uploads/policies", rules_job, docs)
    jobs = [minutes_job, rules_job]
    _fill(site, jobs)
    dl = "".join(f"<dt>{t}</dt><dd><a href='{p}'>Download</a></dd>" for p, t in items)
    site.html = _page(
        f"Board &amp; Documents &mdash; {org}",
        f"<h1>Meetings</h1>{''.join(blocks)}<h2>Policies</h2><dl class='docs'>{dl}</dl>",
    )
    site.jobs += jobs


def _mosquito_cards(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A mosquito abatement district: cards with <time datetime>, links whose text is only "PDF"."""
    org = f"{place} Mosquito Abatement District"
    style = rng.randrange(3)
    meetings: list[tuple[date, str]] = []
    target: date | None = None
    paths: dict[str, tuple[str, date]] = {}
    for y in (year, year - 1):
        for day in _days(rng, date(y, 1, 10), date(y, 12, 10), 5):
            if y == year and target is None and rng.random() < 0.5:
                target = day
            cards = []
            for kind in ("Agenda", "Minutes"):
                path = f"/{site.name}/files/{rng.getrandbits(40):010x}.pdf"
                site.docs[path] = _pdf(_title(org, "Board of Trustees", kind, day, rng, style), _scan(rng))
                paths[path] = (kind, day)
                cards.append(f"<a class='btn' href='{path}'><i class='fa fa-file-pdf'></i> PDF</a> {kind}")
            meetings.append(
                (day, f"<div class='card'><div class='card-header'><time datetime='{day.isoformat()}'>"
                      f"{_SHORT[day.month - 1]} {day.day}</time></div><div class='card-body'><h4>Board Meeting</h4>"
                      f"<p>{'</p><p>'.join(cards)}</p></div></div>")
            )  # fmt: skip
    if target is None:
        target = min(d for k, d in paths.values() if d.year == year)
    agenda_job = Job(
        rng.choice(
            [
                f"board agenda for {_long(target)}",
                f"agnda {target.month}/{target.day}/{target.year} board meeting",
            ]
        )
    )
    for path, (kind, day) in paths.items():
        if kind == "Agenda":
            agenda_job.labels[path] = RELEVANT if day == target else "other_date"
        else:
            agenda_job.labels[path] = "neighbour_kind"
    plan_job = Job(
        rng.choice([f"the {year} integrated pest management plan", "the IPM plan", f"IPM plan {year}"])
    )
    docs = [
        (f"Integrated Pest Management Plan {year}", ["INTEGRATED PEST MANAGEMENT PLAN", str(year)], RELEVANT),
        (f"Integrated Pest Management Plan {year - 1}", ["INTEGRATED PEST MANAGEMENT PLAN", str(year - 1)], "other_year"),
        (f"IPM Plan {year + 1} - Draft", ["DRAFT", "INTEGRATED PEST MANAGEMENT PLAN", str(year + 1)], "other_status"),
        (f"{year - 1} Surveillance Report", [f"{year - 1} MOSQUITO AND VECTOR SURVEILLANCE REPORT"], "neighbour_kind"),
        ("Notice of Aerial Larvicide Application", ["NOTICE", "AERIAL LARVICIDE APPLICATION", f"Summer {year}"], "other_subject"),
        ("Mosquito Fish Request Form", ["MOSQUITO FISH REQUEST FORM"], "other_subject"),
    ]  # fmt: skip
    items = _doc_list(site, rng, org.upper(), "files/plans", plan_job, docs)
    jobs = [agenda_job, plan_job]
    _fill(site, jobs)
    meetings.sort(reverse=True)
    cards = "".join(
        f"<div class='card doc'><h4>{t}</h4><a href='{p}' aria-label='download'><i class='icon-download'></i> PDF</a></div>"
        for p, t in items
    )
    site.html = _page(
        f"{org} | Board Meetings",
        f"<h1>Board Meetings</h1><div class='cards'>{''.join(c for _, c in meetings)}</div>"
        f"<h2>Plans &amp; Reports</h2><div class='cards'>{cards}</div>",
    )
    site.jobs += jobs


_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _airport_viewer(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A regional airport authority: a query-string document viewer, "Download" beside a title cell."""
    org = f"{place} Regional Airport Authority"
    style = rng.randrange(3)
    n = 100 + rng.randrange(900)
    minutes_job = Job(
        rng.choice([f"airport authority board minutes {year}", f"all {year} board of commissioners minutes"])
    )
    rows = []
    for body, decoy in (
        ("Board of Commissioners", None),
        ("Noise Abatement Committee", "other_body"),
        ("Airport Users Advisory Group", "other_body"),
    ):
        for y in (year, year - 1):
            for day in _days(rng, date(y, 1, 6), date(y, 12, 18), 3 if decoy is None else 2):
                for kind in ("Agenda", "Minutes"):
                    n += rng.randrange(1, 40)
                    path = f"/{site.name}/DocViewer/{n}.pdf"
                    site.docs[path] = _pdf(_title(org, body, kind, day, rng, style), _scan(rng))
                    minutes_job.labels[path] = _meeting_label(decoy, kind, y == year)
                    rows.append((day, f"<tr><td>{day:%m/%d/%y}</td><td>{body} {kind}</td>"
                                      f"<td><a href='{path}?id={n}&amp;inline=1'><img src='/img/pdf.png' alt=''> Download</a></td></tr>"))  # fmt: skip
    plan_job = Job(
        rng.choice(["the airport master plan", "master plan for the airport", "the current master plan"])
    )
    docs = [
        (f"Airport Master Plan ({year})", ["AIRPORT MASTER PLAN", f"Final Report - {MONTHS[rng.randrange(12)]} {year}"], RELEVANT),
        (f"Airport Master Plan ({year - 10})", ["AIRPORT MASTER PLAN", f"Final Report - {year - 10}"], "other_year"),
        ("Master Plan Update - Working Draft", ["WORKING DRAFT", "AIRPORT MASTER PLAN UPDATE", "Not for distribution"], "other_status"),
        ("Master Plan Executive Summary", ["EXECUTIVE SUMMARY", f"Airport Master Plan {year}"], "derived"),
        ("Part 150 Noise Compatibility Study", ["FAR PART 150", "NOISE COMPATIBILITY STUDY"], "other_subject"),
        ("Capital Improvement Program", ["CAPITAL IMPROVEMENT PROGRAM", f"FY {year + 1}-{year + 5}"], "neighbour_kind"),
    ]  # fmt: skip
    for text, lines, label in docs:
        n += rng.randrange(1, 40)
        path = f"/{site.name}/DocViewer/{n}.pdf"
        site.docs[path] = _pdf([org.upper(), *lines, "Chapter 1. Inventory"], _scan(rng))
        plan_job.labels[path] = label
        rows.append(
            (
                date(year, 1, 1),
                f"<tr><td></td><td>{text}</td><td><a href='{path}?id={n}'>Download</a></td></tr>",
            )
        )
    jobs = [minutes_job, plan_job]
    _fill(site, jobs)
    rows.sort(reverse=True)
    site.html = _page(
        f"Public Documents - {org}",
        "<h1>Public Documents</h1><table><tr><th>Date</th><th>Title</th><th></th></tr>"
        f"{''.join(r for _, r in rows)}</table>",
    )
    site.jobs += jobs


def _csd_multiyear(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A community services district: one page, a heading per fiscal year, every kind under each."""
    org = f"{place} Community Services District"
    style = rng.randrange(3)
    fy = year + 1
    budget_job = Job(
        rng.choice(
            [
                f"the adopted budget fy{fy % 100}",
                f"the final budget for fiscal year {year}-{fy % 100}",
                f"CSD adopted budget {year}-{fy}",
            ]
        )
    )
    agenda_job = Job(rng.choice([f"all CSD board agendas {year}", f"board of directors agendas {year}"]))
    sections = []
    for y in (year + 1, year, year - 1):
        span = f"{y}-{(y + 1) % 100:02d}"
        items = []
        for text, lines, label in (
            (f"Adopted Budget FY {span}", ["ADOPTED BUDGET", f"Fiscal Year {span}"], RELEVANT if y == year else "other_year"),
            (f"Proposed Budget FY {span}", ["PROPOSED BUDGET", f"Fiscal Year {span}"], "other_status" if y == year else "other_year"),
            (f"Budget Presentation FY {span}", ["BUDGET WORKSHOP PRESENTATION", f"Fiscal Year {span}"], "derived"),
            (f"Audited Financial Statements FY {span}", ["AUDITED FINANCIAL STATEMENTS", f"Year ended June 30, {y + 1}"], "neighbour_kind"),
        ):  # fmt: skip
            if y == year + 1 and not text.startswith("Proposed"):
                continue
            path = f"/{site.name}/DocumentCenter/{y}/{_slug(text)}.pdf"
            site.docs[path] = _pdf([org.upper(), *lines, "General Fund"], _scan(rng))
            budget_job.labels[path] = label
            items.append(f"<li><a href='{path}'>{text.split(' FY')[0]}</a></li>")
        for body, decoy in (("Board of Directors", None), ("Parks and Recreation Committee", "other_body")):
            for day in _days(rng, date(y, 1, 10), date(y, 12, 10), 3 if decoy is None else 2):
                if y == year + 1 and day.month > 6:
                    continue
                for kind in ("Agenda", "Minutes"):
                    path = f"/{site.name}/DocumentCenter/{y}/{_slug(body)[:5]}{kind[0]}{day:%m%d}.pdf"
                    site.docs[path] = _pdf(_title(org, body, kind, day, rng, style), _scan(rng))
                    if decoy:
                        label = decoy
                    elif kind == "Minutes":
                        label = "neighbour_kind"
                    else:
                        label = RELEVANT if day.year == year else "other_year"
                    agenda_job.labels[path] = label
                    items.append(f"<li>{body} {kind} &ndash; <a href='{path}'>{_long(day)}</a></li>")
        sections.append(f"<section><h2>Fiscal Year {span}</h2><ul>{''.join(items)}</ul></section>")
    jobs = [budget_job, agenda_job]
    _fill(site, jobs)
    for path, label in agenda_job.labels.items():
        if label == "other_body":
            budget_job.labels[path] = "other_body"
    site.html = _page(f"Public Records | {org}", f"<h1>Public Records</h1>{''.join(sections)}")
    site.jobs += jobs


def _foundation_cards(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A school-district foundation: news cards with <time>, the district's school board beside it."""
    org = f"{place} Education Foundation"
    district = f"{place} Unified School District"
    style = rng.randrange(3)
    minutes_job = Job(
        rng.choice([f"foundation board minutes {year}", f"education foundation board mtg minutes {year}"])
    )
    posts = []
    for body, owner, decoy in (
        ("Foundation Board of Directors", org, None),
        ("Board of Education", district, "other_body"),
    ):
        for y in (year, year - 1):
            for day in _days(rng, date(y, 1, 10), date(y, 12, 10), 3 if decoy is None else 2):
                path = f"/{site.name}/uploads/{_slug(owner)[:10].lower()}-minutes-{day:%Y-%m-%d}.pdf"
                site.docs[path] = _pdf(_title(owner, body, "Minutes", day, rng, style), _scan(rng))
                minutes_job.labels[path] = decoy or (RELEVANT if y == year else "other_year")
                posts.append(
                    (day, f"<article class='card'><time datetime='{day.isoformat()}'>{day:%b %d, %Y}</time>"
                          f"<h3>{'Board Meeting' if decoy is None else 'District Board of Education Meeting'}</h3>"
                          f"<p>Minutes: <a href='{path}'><span class='icon-file'></span></a></p></article>")
                )  # fmt: skip
    sch_job = Job(
        rng.choice(
            [
                "the senior scholarship application",
                f"{year} scholarship application for seniors",
                "scholarship applicaton seniors",
            ]
        )
    )
    docs = [
        (f"{year} Senior Scholarship Application", [f"{year} SCHOLARSHIP APPLICATION", "For graduating seniors"], RELEVANT),
        (f"{year - 1} Senior Scholarship Application", [f"{year - 1} SCHOLARSHIP APPLICATION", "For graduating seniors"], "other_year"),
        (f"{year} Classroom Grant Application for Teachers", [f"{year} CLASSROOM GRANT APPLICATION", "For teachers and staff"], "other_audience"),
        ("Scholarship Guidelines and Scoring Rubric", ["SCHOLARSHIP GUIDELINES", "How applications are scored"], "derived"),
        (f"{year} Scholarship Recipients", [f"{year} SCHOLARSHIP RECIPIENTS", "Congratulations"], "neighbour_kind"),
        ("Donation Pledge Form", ["DONATION PLEDGE FORM"], "other_subject"),
    ]  # fmt: skip
    for text, lines, label in docs:
        path = f"/{site.name}/uploads/{rng.getrandbits(32):08x}.pdf"
        site.docs[path] = _pdf([org.upper(), *lines, "Applicant information"], _scan(rng))
        sch_job.labels[path] = label
        day = date(year, rng.randrange(1, 4), rng.randrange(1, 28))
        posts.append(
            (day, f"<article class='card'><time datetime='{day.isoformat()}'>{day:%b %d, %Y}</time>"
                  f"<h3>{text}</h3><p><a href='{path}'>Download</a></p></article>")
        )  # fmt: skip
    jobs = [minutes_job, sch_job]
    _fill(site, jobs)
    posts.sort(reverse=True)
    site.html = _page(
        f"News &amp; Documents | {org}",
        f"<h1>{org}</h1><div class='grid'>{''.join(p for _, p in posts)}</div>",
    )
    site.jobs += jobs


def _elections_rowspan(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A county board of elections: a table per election, the election cell spanning its rows."""
    org = f"{place} County Board of Elections"
    style = rng.randrange(3)
    general = date(year, 11, 2 + (1 - date(year, 11, 1).weekday()) % 7)
    primary = date(year, 5, 2 + (1 - date(year, 5, 1).weekday()) % 7)
    ballot_job = Job(
        rng.choice(
            [
                f"the sample ballot for the november {year} general election",
                f"{year} general election sample ballot",
            ]
        )
    )
    results_job = Job(
        rng.choice([f"official results {year} general election", f"certified election results nov {year}"])
    )
    tables = []
    for name, day, current in (
        ("General Election", general, True),
        ("Primary Election", primary, False),
        ("General Election", date(year - 1, 11, 2 + (1 - date(year - 1, 11, 1).weekday()) % 7), False),
    ):
        rows = []
        kinds = [
            ("Sample Ballot", ["SAMPLE BALLOT", f"{name.upper()}", _long(day)]),
            ("Sample Ballot (Spanish)", ["BOLETA DE MUESTRA", f"{name.upper()}", _long(day)]),
            ("Candidate List", ["CERTIFIED LIST OF CANDIDATES", name, _long(day)]),
            ("Unofficial Results", ["UNOFFICIAL RESULTS", "Election Night Summary", name, _long(day)]),
            ("Official Results", ["OFFICIAL CANVASS RESULTS", "CERTIFIED", name, _long(day)]),
        ]
        for i, (kind, lines) in enumerate(kinds):
            path = f"/{site.name}/elections/{day:%Y-%m-%d}/{_slug(kind).lower()}.pdf"
            site.docs[path] = _pdf([org.upper(), *lines], _scan(rng))
            if day == general:
                b = {"Sample Ballot": RELEVANT, "Sample Ballot (Spanish)": "other_audience"}.get(
                    kind, "neighbour_kind"
                )
                r = {"Official Results": RELEVANT, "Unofficial Results": "other_status"}.get(
                    kind, "neighbour_kind"
                )
            else:
                other = "other_year" if day.year != year else "other_date"
                b = other if kind.startswith("Sample") else "neighbour_kind"
                r = other if kind.endswith("Results") else "neighbour_kind"
            ballot_job.labels[path], results_job.labels[path] = b, r
            lead = f"<td rowspan='{len(kinds)}'>{name}<br>{day:%m/%d/%Y}</td>" if i == 0 else ""
            rows.append(
                f"<tr>{lead}<td>{kind}</td><td><a href='{path}'><span class='fa fa-download'></span></a></td></tr>"
            )
        del current
        tables.append(f"<table class='election'>{''.join(rows)}</table>")
    minutes_job = Job(
        rng.choice([f"board of elections minutes {year}", f"election board meeting minuets {year}"])
    )
    items = []
    for body, decoy in (("Board of Elections", None), ("Board of Canvassers", "other_body")):
        for y in (year, year - 1):
            for day in _days(rng, date(y, 1, 10), date(y, 12, 20), 3 if decoy is None else 2):
                path = f"/{site.name}/meetings/{_slug(body).lower()}/{day:%Y%m%d}.pdf"
                site.docs[path] = _pdf(_title(org, body, "Minutes", day, rng, style), _scan(rng))
                minutes_job.labels[path] = decoy or (RELEVANT if y == year else "other_year")
                items.append(f"<li><a href='{path}'>{body} &ndash; {day:%B %d, %Y}</a></li>")
    jobs = [ballot_job, results_job, minutes_job]
    _fill(site, jobs)
    site.html = _page(
        f"Elections &amp; Meetings | {org}",
        f"<h1>Election Documents</h1>{''.join(tables)}<h2>Meeting Minutes</h2><ul>{''.join(items)}</ul>",
    )
    site.jobs += jobs


TEMPLATES5 = [
    _tribal_rowspan,
    _cemetery_dl,
    _mosquito_cards,
    _airport_viewer,
    _csd_multiyear,
    _foundation_cards,
    _elections_rowspan,
]
PLACES5 = ["Red Cliff", "Sycamore Valley", "Pleasant Hill", "Rosemount", "Delta", "Kern River",
           "Tri-County", "Minute Creek", "Los Osos", "Twain Harte", "Alder Grove", "Budget Springs",
           "Dane", "Sample"]  # fmt: skip


def build_sites5() -> list[Site]:
    """Every part-5 site, deterministic: two instances of each template."""
    sites: list[Site] = []
    for t, build in enumerate(TEMPLATES5):
        for i in range(2):
            rng = random.Random(f"decoys5-{t}-{i}")
            site = Part5Site(f"p5-{build.__name__.strip('_').replace('_', '-')}-{i}", 50 + t, i)
            build(site, rng, PLACES5[t * 2 + i], 2018 + rng.randrange(7))
            sites.append(site)
    return sites


__all__ = ["CATEGORIES5", "build_sites5"]
