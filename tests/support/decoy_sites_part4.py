"""Held-back part 4 of the near-miss decoy sites: written before any round-2 tuning, never tuned on.

Part 3 (``decoy_sites_part3``) had its misjudged documents inspected while fixing round 1's
failures, so it became a development part. This part was written after that, before any scoring
change of round 2, by someone who had not looked at how the scorer reads pages: its organisations
and page layouts differ from every earlier part's, and ``bench/relevance.py --with-part4`` prints
only its aggregate figures (never a per-document error), so that it stays a clean measure.

Seven kinds of organisation, two instances each, every page built like a common CMS page:

- a community college district: an accordion per year (button + hidden panel), one table per
  year (meeting, date, agenda, minutes) mixing the trustees with the academic senate, the
  foundation and the bond oversight committee; draft minutes beside approved ones; a catalog
  (a kind outside the vocabulary) with its addendum and last year's edition; handbooks for
  adjunct faculty, full-time faculty, classified staff and students;
- a port authority: a "document library" with filter links in query strings, every document
  served from ``/DocumentLibrary/View/<id>?...``-style URLs whose link text is the title alone;
  commission vs harbor advisory committee minutes; tariffs (the current one, the superseded one,
  a proposed amendment, the notice of the amendment); the strategic business plan;
- a county health department: an agenda-centre listing (a heading per body, rows of "Agenda |
  Minutes | Packet" with a posted date); the community health assessment (outside the
  vocabulary) with its executive summary, the improvement plan and the previous assessment;
  food-safety inspection reports for other subjects;
- a fire protection district: news posts that link the PDF inside a sentence, the post's date
  being the publishing date; the final budget, the preliminary one, last year's, the hearing
  notice; the standards of cover (outside the vocabulary) and its previous edition;
- a regional planning council: a sidebar archive (year links in an ``<aside>``) and a main
  listing of the current year's meetings per committee; the CEDS (a shorthand) with its annual
  update and the previous five-year edition; the regional transportation plan;
- a conservation district: nested lists where the year and the body sit in parent ``<li>``
  labels and the links are bare month names; the annual plan of work (outside the vocabulary),
  the long-range plan, the annual report, a cost-share program manual;
- a state licensing board (a board of nursing): board vs education committee vs discipline
  committee minutes in a table by quarter; renewal applications for RN, LPN and APRN licences,
  the renewal instructions, last cycle's form; the nurse practice act and the rules.

About a third of the documents are scans (no text layer) and can only be judged from the page.
Prompts are worded as people type them: typos ("minuets", "catalouge"), shorthand ("BOT",
"CEDS", "mtg", "fy25"), "the" for one document and "all" for a set, kinds the vocabulary does not
know. Decoy categories are ``CATEGORIES3``.

Figures (``bench/relevance.py --corpora-only --with-part3 --with-part4``, mean over 36 jobs at 0.5):
untuned, before round 2: P 0.255 R 0.722 F1 0.301, ECE 0.476, decoy precision 0.105; after round 2
(the final run, the first whose per-document errors were printed, so this part is seen from
then on): P 0.390 R 0.625 F1 0.439, ECE 0.136, decoy precision 0.485.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from tests.support.decoy_sites import MONTHS, RELEVANT, Job, Site, _long, _page, _pdf
from tests.support.decoy_sites_part3 import CATEGORIES3, _days, _meeting_label, _slug, _title

CATEGORIES4 = CATEGORIES3
SCAN_SHARE = 0.33
_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass
class Part4Site(Site):
    @property
    def part(self) -> str:
        return "part4"


def _fill(site: Site, jobs: list[Job], default: str = "neighbour_kind") -> None:
    """Every document of the site gets a label in every job (unlabelled ones: ``default``)."""
    for job in jobs:
        for path in site.docs:
            job.labels.setdefault(path, default)


def _scan(rng: random.Random, share: float = SCAN_SHARE) -> bool:
    return rng.random() < share


# -- templates -------------------------------------------------------------------------------------


def _college_accordion(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A community college district: accordion per year, one table of all bodies' meetings."""
    org = f"{place} Community College District"
    style = rng.randrange(3)
    approved = rng.random() < 0.5
    minutes_job = Job(
        rng.choice(
            [f"approved board of trustees minutes {year}", f"all approved BOT minutes for {year}"]
            if approved
            else [f"BOT minuets {year}", f"all trustee mtg minutes for {year}"]
        )
    )
    bodies = [
        ("Board of Trustees", None, 4),
        ("Academic Senate", "other_body", 2),
        ("Foundation Board of Directors", "other_body", 2),
        ("Citizens' Bond Oversight Committee", "other_body", 2),
    ]
    panels = []
    for y in (year, year - 1):
        rows: list[tuple[date, str]] = []
        for body, decoy, n in bodies:
            days = _days(rng, date(y, 1, 10), date(y, 12, 15), n)
            for day in days:
                cells = []
                draft = decoy is None and day == days[-1] and y == year
                for kind in ("Agenda", "Minutes"):
                    path = f"/{site.name}/Board/Documents/{y}/{_slug(body)}_{kind}_{day:%Y-%m-%d}.pdf"
                    site.docs[path] = _pdf(_title(org, body, kind, day, rng, style), _scan(rng))
                    label = _meeting_label(decoy, kind, y == year)
                    if draft and kind == "Minutes":
                        site.docs[path] = _pdf(
                            ["DRAFT - NOT YET APPROVED", *_title(org, body, kind, day, rng, style)],
                            _scan(rng),
                        )
                        label = "other_status" if approved else label
                        cells.append(f"<td><a href='{path}'>Draft Minutes</a></td>")
                    else:
                        cells.append(f"<td><a href='{path}'>{kind} (PDF)</a></td>")
                    minutes_job.labels[path] = label
                rows.append((day, f"<tr><td>{body}</td><td>{day:%b %d, %Y}</td>{''.join(cells)}</tr>"))
        rows.sort()
        table = "".join(r for _, r in rows)
        panels.append(
            f"<div class='accordion-item'><h3><button class='accordion-button' aria-expanded='false'>{y}"
            f"</button></h3><div class='accordion-panel' hidden><table><tr><th>Meeting</th><th>Date</th>"
            f"<th>Agenda</th><th>Minutes</th></tr>{table}</table></div></div>"
        )
    span = f"{year}-{(year + 1) % 100:02d}"
    prev = f"{year - 1}-{year % 100:02d}"
    cat_job = Job(
        rng.choice([f"the {span} college catalog", f"{year}-{year + 1} catalouge", "the course catalog"])
    )
    hb_job = Job(rng.choice(["the adjunct faculty handbook", "part-time faculty handbook pls"]))
    docs = [
        (f"{span} College Catalog", [org, "COLLEGE CATALOG", span], RELEVANT, "neighbour_kind"),
        (f"{prev} College Catalog", [org, "COLLEGE CATALOG", prev], "other_year", "neighbour_kind"),
        (f"{span} Catalog Addendum", [org, "CATALOG ADDENDUM", span, "Changes since publication"], "derived", "neighbour_kind"),
        (f"Fall {year} Schedule of Classes", [org, f"FALL {year}", "SCHEDULE OF CLASSES"], "neighbour_kind", "neighbour_kind"),
        (f"Student Handbook {span}", [org, "STUDENT HANDBOOK", span], "neighbour_kind", "other_audience"),
        (f"Adjunct Faculty Handbook {span}", [org, "ADJUNCT FACULTY HANDBOOK", span], "neighbour_kind", RELEVANT),
        (f"Adjunct Faculty Handbook {prev}", [org, "ADJUNCT FACULTY HANDBOOK", prev], "neighbour_kind", "other_year"),
        (f"Full-Time Faculty Handbook {span}", [org, "FULL-TIME FACULTY HANDBOOK", span], "neighbour_kind", "other_audience"),
        (f"Classified Staff Handbook {span}", [org, "CLASSIFIED STAFF HANDBOOK", span], "neighbour_kind", "other_audience"),
    ]  # fmt: skip
    items = []
    for text, lines, cat_label, hb_label in docs:
        path = f"/{site.name}/Academics/Publications/{_slug(text)}.pdf"
        site.docs[path] = _pdf(lines + ["Welcome to the college."], _scan(rng))
        cat_job.labels[path] = cat_label
        hb_job.labels[path] = hb_label
        items.append(f"<li><a href='{path}'>{text}</a></li>")
    jobs = [minutes_job, cat_job, hb_job]
    _fill(site, jobs)
    for path, label in minutes_job.labels.items():
        if label == "other_body":
            hb_job.labels[path] = cat_job.labels[path] = "other_body"
    site.html = _page(
        f"Board of Trustees Meetings | {org}",
        f"<h1>Board of Trustees</h1><p>Agendas are posted 72 hours before each meeting.</p>"
        f"<div class='accordion'>{''.join(panels)}</div>"
        f"<aside><h2>Publications</h2><ul>{''.join(items)}</ul></aside>",
    )
    site.jobs += jobs


def _port_library(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A port authority's document library: filter links in query strings, title-only links."""
    org = f"Port of {place}"
    style = rng.randrange(3)
    n = 2000 + rng.randrange(5000)
    rows: list[tuple[str, str, str, str]] = []  # title, category, date, path
    minutes_job = Job(
        rng.choice([f"port commission minutes {year}", f"all {year} commission meeting minutes"])
    )
    target: date | None = None
    meta: dict[str, tuple[str | None, str, date]] = {}
    for body, decoy in (
        ("Port Commission", None),
        ("Harbor Advisory Committee", "other_body"),
        ("Airport Advisory Board", "other_body"),
    ):
        for y in (year, year - 1):
            for day in _days(rng, date(y, 1, 6), date(y, 12, 18), 3 if decoy is None else 2):
                if decoy is None and y == year and target is None:
                    target = day
                for kind in ("Agenda", "Minutes"):
                    n += rng.randrange(1, 30)
                    title = (
                        f"{body} {'Regular Meeting ' if rng.random() < 0.5 else ''}{kind} - {day:%m.%d.%y}"
                    )
                    path = f"/{site.name}/DocumentLibrary/View/{n}.pdf"
                    meta[path] = (decoy, kind, day)
                    site.docs[path] = _pdf(_title(org, body, kind, day, rng, style), _scan(rng))
                    minutes_job.labels[path] = _meeting_label(decoy, kind, y == year)
                    category = "Commission Meetings" if decoy is None else "Advisory Committees"
                    rows.append((title, category, f"{day:%m/%d/%Y}", path))
    assert target is not None
    one_job = Job(
        rng.choice(
            [
                f"the commission agenda for {_long(target)}",
                f"port commission mtg agenda {target.month}/{target.day}/{target.year}",
            ]
        )
    )
    for path, (decoy, kind, day) in meta.items():
        if decoy:
            one_job.labels[path] = "other_body"
        elif kind == "Agenda":
            one_job.labels[path] = RELEVANT if day == target else "other_date"
        else:
            one_job.labels[path] = "neighbour_kind"
    tariff_job = Job(rng.choice(["the current terminal tariff", f"marine terminal tariff {year}"]))
    docs = [
        (f"Marine Terminal Tariff No. 7 (effective July 1, {year})", "Tariffs", [org, "MARINE TERMINAL TARIFF NO. 7", f"Effective July 1, {year}"], RELEVANT),
        (f"Marine Terminal Tariff No. 6 (superseded June 30, {year})", "Tariffs", [org, "MARINE TERMINAL TARIFF NO. 6", f"Effective July 1, {year - 2}", "SUPERSEDED"], "other_year"),
        ("Proposed Amendment 3 to Tariff No. 7", "Tariffs", [org, "PROPOSED AMENDMENT NO. 3", "Marine Terminal Tariff No. 7", "DRAFT FOR PUBLIC COMMENT"], "other_status"),
        ("Notice of Tariff Amendment", "Public Notices", ["NOTICE OF PROPOSED TARIFF AMENDMENT", org, "Comments due within 30 days"], "derived"),
        ("Airport Rates and Charges Schedule", "Tariffs", [org, "AIRPORT RATES AND CHARGES", f"Fiscal Year {year}"], "other_subject"),
        (f"Strategic Business Plan {year}-{year + 5}", "Plans & Reports", [org, "STRATEGIC BUSINESS PLAN", f"{year}-{year + 5}"], "neighbour_kind"),
        (f"{year - 1} Annual Report", "Plans & Reports", [org, f"{year - 1} ANNUAL REPORT"], "neighbour_kind"),
    ]  # fmt: skip
    for text, category, lines, label in docs:
        n += rng.randrange(1, 30)
        path = f"/{site.name}/DocumentLibrary/View/{n}.pdf"
        site.docs[path] = _pdf(lines + ["1. General Provisions"], _scan(rng))
        tariff_job.labels[path] = label
        rows.append((text, category, f"{rng.randrange(1, 13):02d}/{rng.randrange(1, 28):02d}/{year}", path))
    jobs = [minutes_job, one_job, tariff_job]
    _fill(site, jobs)
    rng.shuffle(rows)
    filters = "".join(
        f"<li><a href='/{site.name}/index.html?category={_slug(c)}&amp;year={y}'>{c} ({y})</a></li>"
        for c in ("Commission Meetings", "Advisory Committees", "Tariffs", "Public Notices")
        for y in (year, year - 1)
    )
    listing = "".join(
        f"<tr><td><a href='{p}?fileName={_slug(t)}.pdf'>{t}</a></td><td>{c}</td><td>{d}</td></tr>"
        for t, c, d, p in rows
    )
    site.html = _page(
        f"Document Library - {org}",
        f"<h1>Document Library</h1><div class='filters'><h2>Filter by</h2><ul>{filters}</ul></div>"
        "<table class='doc-library'><thead><tr><th>Document</th><th>Category</th><th>Date</th></tr></thead>"
        f"<tbody>{listing}</tbody></table>",
    )
    site.jobs += jobs


def _health_agenda_center(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A county health department: agenda centre, a heading per body, Agenda | Minutes | Packet."""
    org = f"{place} County Health Department"
    style = rng.randrange(3)
    minutes_job = Job(rng.choice([f"board of health minutes {year}", f"{year} BOH meeting minutes"]))
    agenda_job = Job(
        rng.choice(
            [f"all advisory committee agendas {year}", f"community health advisory cmte agendas {year}"]
        )
    )
    sections = []
    for body, decoy in (
        ("Board of Health", None),
        ("Community Health Advisory Committee", "adv"),
        ("Environmental Health Appeals Board", "other_body"),
    ):
        rows = []
        for y in (year, year - 1):
            for day in reversed(_days(rng, date(y, 1, 8), date(y, 12, 12), 3 if decoy is None else 2)):
                links = []
                for kind in ("Agenda", "Minutes", "Packet"):
                    path = f"/{site.name}/AgendaCenter/ViewFile/{kind}/_{day:%m%d%Y}-{rng.randrange(100, 999)}.pdf"
                    lines = _title(org, body, kind if kind != "Packet" else "Agenda Packet", day, rng, style)
                    site.docs[path] = _pdf(lines, _scan(rng))
                    minutes_job.labels[path] = _meeting_label(
                        None if decoy is None else "other_body",
                        "Minutes" if kind == "Minutes" else "Agenda",
                        y == year,
                    )
                    if decoy != "adv":
                        agenda_job.labels[path] = "other_body"
                    elif kind == "Agenda":
                        agenda_job.labels[path] = RELEVANT if y == year else "other_year"
                    else:
                        agenda_job.labels[path] = "neighbour_kind"
                    links.append(f"<a href='{path}'>{kind}</a>")
                rows.append(
                    f"<tr><td><strong>{MONTHS[day.month - 1]} {day.day}, {day.year}</strong> "
                    f"&mdash; Posted {_long(day - timedelta(days=rng.randrange(2, 6)))}</td>"
                    f"<td>{' | '.join(links)}</td></tr>"
                )
        sections.append(f"<h2 class='agenda-category'>{body}</h2><table>{''.join(rows)}</table>")
    cha_job = Job(
        rng.choice(
            [
                "the community health assessment",
                f"{year} community health needs assessment",
                "the latest CHA report",
            ]
        )
    )
    docs = [
        (f"{year} Community Health Assessment", [org, f"{year} COMMUNITY HEALTH ASSESSMENT"], RELEVANT),
        (f"{year - 3} Community Health Assessment", [org, f"{year - 3} COMMUNITY HEALTH ASSESSMENT"], "other_year"),
        (f"{year} CHA Executive Summary", [org, "EXECUTIVE SUMMARY", f"{year} Community Health Assessment"], "derived"),
        (f"Community Health Improvement Plan {year}-{year + 3}", [org, "COMMUNITY HEALTH IMPROVEMENT PLAN", f"{year}-{year + 3}"], "neighbour_kind"),
        (f"{year} Annual Report", [org, f"{year} ANNUAL REPORT"], "neighbour_kind"),
        ("Food Establishment Inspection Summary", [org, "FOOD ESTABLISHMENT INSPECTIONS", f"{year}"], "other_subject"),
        ("Community Health Worker Program Overview", [org, "COMMUNITY HEALTH WORKER PROGRAM"], "other_subject"),
    ]  # fmt: skip
    items = []
    for text, lines, label in docs:
        path = f"/{site.name}/DocumentCenter/View/{rng.randrange(10000, 99999)}/{_slug(text)}.pdf"
        site.docs[path] = _pdf(lines + ["Prepared by the Epidemiology Division"], _scan(rng))
        cha_job.labels[path] = label
        items.append(f"<li><a href='{path}'>{text}</a></li>")
    jobs = [minutes_job, agenda_job, cha_job]
    _fill(site, jobs)
    site.html = _page(
        f"Agenda Center &bull; {org}",
        f"<h1>Agenda Center</h1><p>Select a category below.</p>{''.join(sections)}"
        f"<h2>Reports &amp; Assessments</h2><ul>{''.join(items)}</ul>",
    )
    site.jobs += jobs


def _fire_news(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A fire protection district's news posts: PDF links inside sentences, publishing dates."""
    org = f"{place} Fire Protection District"
    fy = year + 1
    posts: list[tuple[date, str]] = []
    budget_job = Job(
        rng.choice(
            [f"the final FY{fy} budget", f"fy{fy % 100} final budget", f"adopted budget {year}-{fy % 100}"]
        )
    )
    budgets = [
        (f"Final Budget FY {year}-{fy % 100}", ["FINAL BUDGET", f"Fiscal Year {year}-{fy % 100}", f"Adopted September {rng.randrange(8, 20)}, {year}"], RELEVANT,
         "the Board of Directors adopted the final budget for fiscal year {y}. Read the {link}."),
        (f"Preliminary Budget FY {year}-{fy % 100}", ["PRELIMINARY BUDGET", f"Fiscal Year {year}-{fy % 100}"], "other_status",
         "the preliminary budget for fiscal year {y} is available for review. See the {link}."),
        (f"Final Budget FY {year - 1}-{year % 100}", ["FINAL BUDGET", f"Fiscal Year {year - 1}-{year % 100}"], "other_year",
         "the final budget for fiscal year {py} was adopted. Download the {link}."),
        (f"Notice of Budget Hearing FY {year}-{fy % 100}", ["NOTICE OF PUBLIC HEARING", f"Fiscal Year {year}-{fy % 100} Budget"], "derived",
         "a public hearing on the fiscal year {y} budget will be held. Read the {link}."),
        (f"Budget Message FY {year}-{fy % 100}", ["BUDGET MESSAGE", "From the Fire Chief", f"Fiscal Year {year}-{fy % 100}"], "derived",
         "the Fire Chief's message accompanying the fiscal year {y} budget: {link}."),
    ]  # fmt: skip
    soc_job = Job(
        rng.choice(
            ["the standards of cover", f"standards of cover {year}", "the SOC / community risk assessment"]
        )
    )
    socs = [
        (
            f"Standards of Cover {year}",
            ["COMMUNITY RISK ASSESSMENT", "STANDARDS OF COVER", str(year)],
            RELEVANT,
        ),
        (f"Standards of Cover {year - 5}", ["STANDARDS OF COVER", str(year - 5)], "other_year"),
        (f"Strategic Plan {year}-{year + 4}", ["STRATEGIC PLAN", f"{year}-{year + 4}"], "neighbour_kind"),
        (f"{year - 1} Annual Report", [f"{year - 1} ANNUAL REPORT", "Incidents by Type"], "neighbour_kind"),
        ("Wildfire Evacuation Plan", ["WILDFIRE EVACUATION PLAN", org], "other_subject"),
    ]
    minutes_job = Job(rng.choice([f"board minutes {year}", f"all fire board meeting minutes {year}"]))
    for text, lines, label, sentence in budgets:
        path = f"/{site.name}/files/news/{_slug(text).lower()}.pdf"
        site.docs[path] = _pdf([org.upper(), *lines, "Section 1. Summary"], _scan(rng))
        budget_job.labels[path] = label
        posted = date(year, rng.randrange(5, 10), rng.randrange(1, 28))
        link = f"<a href='{path}'>{text.split(' FY')[0].lower()} (PDF)</a>"
        posts.append(
            (posted, f"<article class='news'><h2>{text}</h2><time>{posted:%B %d, %Y}</time><p>On {_long(posted)}, "
                     f"{sentence.format(y=f'{year}-{fy % 100}', py=f'{year - 1}-{year % 100}', link=link)}</p></article>")
        )  # fmt: skip
    for text, lines, label in socs:
        path = f"/{site.name}/files/news/{rng.getrandbits(32):08x}.pdf"
        site.docs[path] = _pdf([org.upper(), *lines, "Response Time Objectives"], _scan(rng))
        soc_job.labels[path] = label
        posted = date(year, rng.randrange(1, 12), rng.randrange(1, 28))
        posts.append(
            (posted, f"<article class='news'><h2>District publishes {text}</h2><time>{posted:%B %d, %Y}</time>"
                     f"<p>The district has published its {text}. <a href='{path}'>Click here</a> to read it.</p></article>")
        )  # fmt: skip
    for y in (year, year - 1):
        for day in _days(rng, date(y, 1, 10), date(y, 12, 10), 4):
            for body, decoy in (("Board of Directors", None), ("Firefighters' Pension Board", "other_body")):
                if decoy and day.month % 2:
                    continue
                path = f"/{site.name}/files/news/minutes-{_slug(body).lower()}-{day:%Y%m%d}.pdf"
                site.docs[path] = _pdf(_title(org, body, "Minutes", day, rng, rng.randrange(3)), _scan(rng))
                minutes_job.labels[path] = decoy or (RELEVANT if y == year else "other_year")
                posted = day + timedelta(days=rng.randrange(20, 40))
                posts.append(
                    (posted, f"<article class='news'><h2>{body} approves minutes</h2><time>{posted:%B %d, %Y}</time>"
                             f"<p>The minutes of the {MONTHS[day.month - 1]} {day.day} meeting are now "
                             f"<a href='{path}'>available</a>.</p></article>")
                )  # fmt: skip
    jobs = [budget_job, soc_job, minutes_job]
    _fill(site, jobs)
    posts.sort(reverse=True)
    site.html = _page(
        f"News &amp; Announcements | {org}",
        f"<h1>News</h1>{''.join(p for _, p in posts)}",
    )
    site.jobs += jobs


def _planning_sidebar(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A regional planning council: a sidebar archive of years, the current year's meetings."""
    org = f"{place} Regional Planning Council"
    style = rng.randrange(3)
    exec_job = Job(
        rng.choice([f"executive committee minutes {year}", f"exec committee minutes {year} please"])
    )
    sections = []
    for body, decoy in (
        ("Executive Committee", None),
        ("Full Council", "other_body"),
        ("Technical Advisory Committee", "other_body"),
        ("Economic Development District Board", "other_body"),
    ):
        items = []
        for y in (year, year - 1):
            for day in _days(rng, date(y, 1, 10), date(y, 12, 10), 3 if decoy is None else 2):
                for kind in ("Agenda", "Minutes"):
                    path = f"/{site.name}/uploads/{rng.getrandbits(48):012x}.pdf"
                    site.docs[path] = _pdf(_title(org, body, kind, day, rng, style), _scan(rng))
                    exec_job.labels[path] = _meeting_label(decoy, kind, y == year)
                    items.append(f"<li>{_long(day)} {kind}: <a href='{path}'>view</a></li>")
        sections.append(f"<section><h3>{body}</h3><ul>{''.join(items)}</ul></section>")
    ceds_job = Job(
        rng.choice(["the CEDS", f"the {year}-{year + 4} ceds", "comprehensive economic development strategy"])
    )
    docs = [
        (f"Comprehensive Economic Development Strategy {year}-{year + 4}", [org, "COMPREHENSIVE ECONOMIC DEVELOPMENT STRATEGY", f"{year}-{year + 4}"], RELEVANT),
        (f"Comprehensive Economic Development Strategy {year - 5}-{year - 1}", [org, "COMPREHENSIVE ECONOMIC DEVELOPMENT STRATEGY", f"{year - 5}-{year - 1}"], "other_year"),
        (f"CEDS Annual Performance Report {year + 1}", [org, "CEDS ANNUAL PERFORMANCE REPORT", str(year + 1)], "derived"),
        ("CEDS Public Comment Draft", [org, "DRAFT", "Comprehensive Economic Development Strategy", "For public comment"], "other_status"),
        (f"Regional Transportation Plan {year + 1}-{year + 25}", [org, "REGIONAL TRANSPORTATION PLAN", f"{year + 1}-{year + 25}"], "other_subject"),
        ("Regional Housing Needs Assessment", [org, "REGIONAL HOUSING NEEDS ASSESSMENT", str(year)], "other_subject"),
        (f"Unified Planning Work Program FY{year + 1}", [org, "UNIFIED PLANNING WORK PROGRAM", f"Fiscal Year {year + 1}"], "neighbour_kind"),
    ]  # fmt: skip
    pubs = []
    for text, lines, label in docs:
        path = f"/{site.name}/uploads/{rng.getrandbits(48):012x}.pdf"
        site.docs[path] = _pdf(lines + ["Chapter 1"], _scan(rng))
        ceds_job.labels[path] = label
        pubs.append(f"<li><a href='{path}'>{text}</a></li>")
    jobs = [exec_job, ceds_job]
    _fill(site, jobs)
    archive = "".join(
        f"<li><a href='/{site.name}/archive/{y}/'>{y} Meetings</a></li>"
        for y in range(year - 1, year - 6, -1)
    )
    site.html = _page(
        f"Meetings &amp; Publications &ndash; {org}",
        f"<div class='layout'><aside class='sidebar'><h2>Archive</h2><ul>{archive}</ul>"
        f"<h2>Publications</h2><ul>{''.join(pubs)}</ul></aside>"
        f"<div class='content'><h1>Meetings</h1><p>Agendas and minutes for {year - 1} and {year}.</p>"
        f"{''.join(sections)}</div></div>",
    )
    site.jobs += jobs


def _conservation_nested(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A conservation district: nested lists, year > body > bare month links."""
    org = f"{place} Soil and Water Conservation District"
    style = rng.randrange(3)
    minutes_job = Job(
        rng.choice(
            [
                f"all {year} board meeting minutes",
                f"swcd board minutes {year}",
                f"conservation district board minutes for {year}",
            ]
        )
    )
    years = []
    for y in (year, year - 1):
        bodies = []
        for body, decoy in (
            ("Board of Supervisors", None),
            ("Education and Outreach Committee", "other_body"),
        ):
            for kind in ("Agendas", "Minutes"):
                months = []
                for day in _days(rng, date(y, 1, 8), date(y, 12, 12), 4 if decoy is None else 2):
                    path = (
                        f"/{site.name}/docs/{y}/{_slug(body).lower()[:12]}-{kind[:3].lower()}-{day:%m%d}.pdf"
                    )
                    single = "Minutes" if kind == "Minutes" else "Agenda"
                    site.docs[path] = _pdf(_title(org, body, single, day, rng, style), _scan(rng))
                    minutes_job.labels[path] = _meeting_label(decoy, single, y == year)
                    months.append(f"<li><a href='{path}'>{MONTHS[day.month - 1]}</a></li>")
                bodies.append(f"<li>{body} {kind}<ul>{''.join(months)}</ul></li>")
        years.append(f"<li>{y}<ul>{''.join(bodies)}</ul></li>")
    pow_job = Job(
        rng.choice([f"the {year} annual plan of work", f"annual work plan {year}", "the plan of work"])
    )
    docs = [
        (f"{year} Annual Plan of Work", [org, "ANNUAL PLAN OF WORK", f"Calendar Year {year}"], RELEVANT),
        (f"{year - 1} Annual Plan of Work", [org, "ANNUAL PLAN OF WORK", f"Calendar Year {year - 1}"], "other_year"),
        (f"Long Range Plan {year - 2}-{year + 2}", [org, "LONG RANGE PLAN", f"{year - 2}-{year + 2}"], "neighbour_kind"),
        (f"{year - 1} Annual Report", [org, f"{year - 1} ANNUAL REPORT"], "neighbour_kind"),
        ("Cost-Share Program Manual", [org, "COST-SHARE PROGRAM", "PROGRAM MANUAL"], "other_subject"),
        (f"{year} Tree Sale Order Form", [org, f"{year} TREE SALE", "ORDER FORM"], "other_subject"),
    ]  # fmt: skip
    items = []
    for text, lines, label in docs:
        path = f"/{site.name}/docs/plans/{_slug(text).lower()}.pdf"
        site.docs[path] = _pdf(lines + ["Goals and objectives"], _scan(rng))
        pow_job.labels[path] = label
        items.append(f"<li><a href='{path}'>{text}</a></li>")
    jobs = [minutes_job, pow_job]
    _fill(site, jobs)
    site.html = _page(
        f"District Documents | {org}",
        f"<h1>{org}</h1><h2>Meeting Documents</h2><ul class='tree'>{''.join(years)}</ul>"
        f"<h2>Plans and Reports</h2><ul>{''.join(items)}</ul>",
    )
    site.jobs += jobs


def _licensing_board(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A state board of nursing: minutes by quarter per body, licence renewal forms per licence."""
    org = f"{place} Board of Nursing"
    style = rng.randrange(3)
    minutes_job = Job(
        rng.choice([f"board of nursing minutes {year}", f"all full board meeting minutes {year}"])
    )
    rows = []
    for y in (year, year - 1):
        for q in range(4):
            start = date(y, 1 + 3 * q, 3)
            for body, decoy in (
                ("Board", None),
                ("Education Committee", "other_body"),
                ("Discipline Committee", "other_body"),
            ):
                day = _days(rng, start, start + timedelta(days=80), 1)[0]
                cells = []
                for kind in ("Agenda", "Minutes"):
                    path = f"/{site.name}/Portals/docs/{_slug(body).lower()}/{day:%Y}/Q{q + 1}-{kind.lower()}.pdf"
                    site.docs[path] = _pdf(
                        _title(org, "Full Board" if decoy is None else body, kind, day, rng, style),
                        _scan(rng),
                    )
                    minutes_job.labels[path] = _meeting_label(decoy, kind, y == year)
                    cells.append(f"<a href='{path}' title='{kind}'><span class='icon-pdf'></span></a>")
                rows.append(
                    f"<tr><td>Q{q + 1} {y}</td><td>{body if decoy else 'Full Board Meeting'}</td>"
                    f"<td>{_long(day)}</td><td>{' '.join(cells)}</td></tr>"
                )
    renew_job = Job(
        rng.choice(
            ["the RN renewal application", "rn license renewal form", "registered nurse renewal applicaton"]
        )
    )
    forms = [
        (f"RN License Renewal Application ({year}-{year + 1} cycle)", ["APPLICATION FOR RENEWAL", "REGISTERED NURSE LICENSE", f"Renewal Period {year}-{year + 1}"], RELEVANT),
        (f"RN License Renewal Application ({year - 2}-{year - 1} cycle)", ["APPLICATION FOR RENEWAL", "REGISTERED NURSE LICENSE", f"Renewal Period {year - 2}-{year - 1}"], "other_year"),
        ("LPN License Renewal Application", ["APPLICATION FOR RENEWAL", "LICENSED PRACTICAL NURSE LICENSE", f"Renewal Period {year}-{year + 1}"], "other_audience"),
        ("APRN License Renewal Application", ["APPLICATION FOR RENEWAL", "ADVANCED PRACTICE REGISTERED NURSE", f"Renewal Period {year}-{year + 1}"], "other_audience"),
        ("Instructions for Online Renewal", ["HOW TO RENEW YOUR LICENSE ONLINE", "Step-by-step instructions"], "derived"),
        ("RN Application for Licensure by Examination", ["APPLICATION FOR LICENSURE BY EXAMINATION", "REGISTERED NURSE"], "neighbour_kind"),
        ("Nurse Practice Act", ["NURSE PRACTICE ACT", f"As amended through {year}"], "neighbour_kind"),
        ("Continuing Education Audit Form", ["CONTINUING EDUCATION AUDIT", "Registered Nurses and LPNs"], "other_subject"),
    ]  # fmt: skip
    items = []
    for text, lines, label in forms:
        path = f"/{site.name}/Portals/forms/{rng.getrandbits(32):08x}.pdf"
        site.docs[path] = _pdf([org.upper(), *lines, "Section 1. Applicant Information"], _scan(rng))
        renew_job.labels[path] = label
        items.append(
            f"<li><a href='{path}'>{text}</a> <span class='size'>PDF, {rng.randrange(80, 900)} KB</span></li>"
        )
    jobs = [minutes_job, renew_job]
    _fill(site, jobs)
    site.html = _page(
        f"{org} - Meetings and Forms",
        "<h1>Board Meetings</h1><table><tr><th>Quarter</th><th>Meeting</th><th>Date</th><th>Documents</th></tr>"
        f"{''.join(rows)}</table><h2>Forms &amp; Applications</h2><ul>{''.join(items)}</ul>",
    )
    site.jobs += jobs


TEMPLATES4 = [
    _college_accordion,
    _port_library,
    _health_agenda_center,
    _fire_news,
    _planning_sidebar,
    _conservation_nested,
    _licensing_board,
]
# Two places per template; some hold words of bodies, kinds or audiences.
PLACES4 = ["Foothill-Mesa", "Harbor Valley", "Port Angeles", "Commerce Bay", "Marion", "Staff Lake",
           "Board Camp", "Cedar Falls", "Summit", "Plan Creek", "Greene", "Union Grove",
           "Oregon", "Minnesota"]  # fmt: skip


def build_sites4() -> list[Site]:
    """Every part-4 site, deterministic: two instances of each template."""
    sites: list[Site] = []
    for t, build in enumerate(TEMPLATES4):
        for i in range(2):
            rng = random.Random(f"decoys4-{t}-{i}")
            site = Part4Site(f"p4-{build.__name__.strip('_').replace('_', '-')}-{i}", 40 + t, i)
            build(site, rng, PLACES4[t * 2 + i], 2018 + rng.randrange(7))
            sites.append(site)
    return sites


__all__ = ["CATEGORIES4", "build_sites4"]
