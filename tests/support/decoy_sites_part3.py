"""Held-back part 3 of the near-miss decoy sites: new organisations, new page structures.

Written before any tuning against it, after the first held-back part (``decoy_sites``, templates
4/5 and every third instance) had been looked at while fixing failures, so that part is no longer
clean. Nothing here is to be tuned on: fix a failure class seen here by reproducing it in the
development part, never by reading these pages.

Six kinds of organisation the first two parts do not have, two instances each, every page built
like a common CMS page of that kind of organisation:

- a public library system: ``<details>`` per year, a list per body, bare "Agenda"/"Minutes" links
  after a month-and-day; the Friends group and the Foundation publish minutes on the same page;
- a regional transit authority: one table of every body's meetings (date, body, icon links with
  a generic "PDF" tooltip), a budget list with the adopted book, last year's, the proposed one,
  a "Budget in Brief", the hearing notice and the board presentation;
- a water district: a card per meeting (date, meeting title, "Agenda"/"Minutes" buttons) under a
  year heading, many scans, committees meeting the same day as the board; water-quality reports;
- a university's governance page: a ``<caption>``-ed table per senate/council under academic-year
  headings; handbooks for faculty, staff, students, graduate students;
- a housing authority's posts list (WordPress style): a post per document, bare "Download PDF"
  links, "Posted on" dates that are not the meeting's date (December minutes posted in January);
  annual plan, five-year plan, the hearing notice, the advisory board's comments;
- a parks and recreation department's document centre: one table (title, category, date) with
  parks board and tree board minutes, activity guides, master plans and youth-sports handbooks.

Several place names contain words that name bodies or their specialities ("Council Bluffs",
"Park City", "Water Valley", "Port Arthur", "Council Grove"): the organisation's own name is in
page titles and title blocks. About a third of the documents are scans (no text layer) and can
only be judged from the page. Prompts are worded as people type them (lower case, "mtg", "fy25",
"pls"), some asking for one document ("the ...") and some for a set ("all ...").

Decoy categories are those of ``decoy_sites.CATEGORIES`` plus ``other_status`` (the proposed
budget when the adopted one is asked for), ``derived`` (a summary, notice, presentation or form
about the one document asked for) and ``other_subject`` (the same kind about something else: a
trails plan next to the parks master plan).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from tests.support.decoy_sites import CATEGORIES, MONTHS, RELEVANT, Job, Site, _long, _page, _pdf

CATEGORIES3 = (*CATEGORIES, "other_status", "derived", "other_subject")
SCAN_SHARE = 0.33
_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass
class Part3Site(Site):
    @property
    def part(self) -> str:
        return "part3"


def _days(rng: random.Random, start: date, end: date, n: int) -> list[date]:
    span = (end - start).days
    days: set[date] = set()
    while len(days) < n:
        days.add(start + timedelta(days=rng.randrange(span)))
    return sorted(days)


def _title(org: str, body: str, kind: str, day: date, rng: random.Random, style: int) -> list[str]:
    """A title block in one of three layouts public bodies use, then the start of the body."""
    weekday = _WEEKDAYS[day.weekday()]
    session = rng.choice(["Regular", "Regular", "Special"])
    items = [
        "1. Call to Order",
        "2. Roll Call",
        "3. Approval of the Agenda",
        "4. Public Comment",
        "5. Adjourn",
    ]
    if style == 0:
        return [org.upper(), body, kind.upper(), f"{session} Meeting - {_long(day)}", *items]
    if style == 1:
        return [org, f"{kind} of the {session} Meeting of the {body}", f"{weekday}, {_long(day)}", *items]
    return [f"{body} {kind}", org, f"{day:%m/%d/%Y} {session} Meeting", *items]


def _meeting_label(decoy: str | None, kind: str, current: bool, other: str = "other_year") -> str:
    """A meeting document's label for a minutes request: another body's, an agenda, or minutes."""
    if decoy:
        return decoy
    if kind != "Minutes":
        return "neighbour_kind"
    return RELEVANT if current else other


def _slug(text: str) -> str:
    keep = "".join(c if c.isalnum() else "-" for c in text)
    return "-".join(p for p in keep.split("-") if p)


# -- templates -------------------------------------------------------------------------------------


def _library_system(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A library system: a <details> per year, a list per body, "Mon D - Agenda | Minutes"."""
    org = f"{place} Public Library"
    style = rng.randrange(3)
    bodies = [
        ("Board of Trustees", None, 4),
        ("Finance Committee", "other_body", 2),
        ("Friends of the Library Board", "other_body", 2),
        ("Library Foundation Board of Directors", "other_body", 2),
    ]
    minutes_job = Job(
        rng.choice(
            [
                f"board of trustees minutes {year}",
                f"Library trustees meeting minutes from {year}",
                f"all {year} trustee board minutes",
            ]
        )
    )
    panels = []
    for y in (year, year - 1):
        blocks = []
        for body, decoy, n in bodies:
            items = []
            for day in _days(rng, date(y, 1, 5), date(y, 12, 20), n):
                links = []
                for kind in ("Agenda", "Minutes"):
                    path = f"/{site.name}/media/{rng.randrange(1000, 9999)}/{kind.lower()}-{_SHORT[day.month - 1].lower()}{day.day}.pdf"
                    site.docs[path] = _pdf(
                        _title(org, body, kind, day, rng, style), rng.random() < SCAN_SHARE
                    )
                    minutes_job.labels[path] = _meeting_label(decoy, kind, y == year)
                    links.append(f"<a href='{path}'>{kind}</a>")
                items.append(f"<li>{MONTHS[day.month - 1]} {day.day} &ndash; {' | '.join(links)}</li>")
            blocks.append(f"<h4>{body}</h4><ul>{''.join(items)}</ul>")
        panels.append(f"<details><summary>{y}</summary>{''.join(blocks)}</details>")
    plan_job = Job(rng.choice([f"the {year}-{year + 4} strategic plan", "the library's strategic plan"]))
    hb_job = Job(rng.choice(["the library staff handbook", "employee handbook"]))
    plans = [
        (f"Strategic Plan {year}-{year + 4}", ["STRATEGIC PLAN", f"{year}-{year + 4}", org], RELEVANT, "neighbour_kind"),
        (f"Strategic Plan {year - 5}-{year - 1}", ["STRATEGIC PLAN", f"{year - 5}-{year - 1}", org], "other_year", "neighbour_kind"),
        ("Strategic Plan at a Glance (one page)", ["Strategic Plan at a Glance", f"{year}-{year + 4}"], "derived", "neighbour_kind"),
        (f"Annual Report {year - 1}", [org, f"ANNUAL REPORT {year - 1}"], "neighbour_kind", "neighbour_kind"),
        ("Facilities Master Plan", [org, "FACILITIES MASTER PLAN", str(year - 2)], "other_subject", "neighbour_kind"),
        ("Employee Handbook", [org, "EMPLOYEE HANDBOOK", f"Revised {MONTHS[rng.randrange(12)]} {year}"], "neighbour_kind", RELEVANT),
        ("Volunteer Handbook", [org, "VOLUNTEER HANDBOOK"], "neighbour_kind", "other_audience"),
        ("Teen Volunteer Handbook", [org, "TEEN VOLUNTEER HANDBOOK"], "neighbour_kind", "other_audience"),
        ("Trustee Orientation Manual", [org, "BOARD OF TRUSTEES", "ORIENTATION MANUAL"], "neighbour_kind", "other_audience"),
        ("Personnel Policies", [org, "PERSONNEL POLICIES", f"Adopted by the Board of Trustees {year - 3}"], "neighbour_kind", "neighbour_kind"),
    ]  # fmt: skip
    items = []
    for text, lines, plan_label, hb_label in plans:
        path = f"/{site.name}/media/{rng.randrange(1000, 9999)}/{_slug(text).lower()}.pdf"
        site.docs[path] = _pdf(
            lines + ["Our mission is to connect people with ideas."], rng.random() < SCAN_SHARE
        )
        plan_job.labels[path], hb_job.labels[path] = plan_label, hb_label
        minutes_job.labels[path] = "neighbour_kind"
        items.append(f"<li><a href='{path}'>{text}</a></li>")
    for path, label in minutes_job.labels.items():
        plan_job.labels.setdefault(path, "neighbour_kind")
        hb_job.labels.setdefault(path, "neighbour_kind" if label != "other_body" else "other_body")
    site.html = _page(
        f"Board of Trustees | {org}",
        f"<h1>{org}</h1><h2>Board Meetings</h2><p>The Board of Trustees meets monthly.</p>{''.join(panels)}"
        f"<h2>Plans, Reports &amp; Policies</h2><ul>{''.join(items)}</ul>",
    )
    site.jobs += [minutes_job, plan_job, hb_job]


def _transit_table(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A transit authority: one table of every body's meetings, icon links titled "PDF"."""
    org = f"{place} Regional Transit Authority"
    style = rng.randrange(3)
    bodies = [
        ("Board of Directors", None),
        ("Finance and Audit Committee", "fin"),
        ("Citizens Advisory Committee", "other_body"),
        ("Operations Committee", "other_body"),
    ]
    minutes_job = Job(
        rng.choice([f"board of directors meeting minutes {year}", f"transit board minutes {year}"])
    )
    rows: list[tuple[date, str]] = []
    shared_day = _days(rng, date(year, 2, 1), date(year, 11, 1), 1)[0]
    fin_agendas: dict[date, str] = {}
    fin_minutes: set[str] = set()
    for body, decoy in bodies:
        for y in (year, year - 1):
            days = _days(rng, date(y, 1, 5), date(y, 12, 20), 3 if decoy is None else 2)
            if y == year and body in ("Board of Directors", "Finance and Audit Committee"):
                days = sorted(set(days) | {shared_day})
            for day in days:
                cells = []
                for kind in ("Agenda", "Minutes"):
                    path = f"/{site.name}/Portals/0/Meetings/{rng.getrandbits(40):010x}.pdf"
                    site.docs[path] = _pdf(
                        _title(org, body, kind, day, rng, style), rng.random() < SCAN_SHARE
                    )
                    minutes_job.labels[path] = _meeting_label(
                        "other_body" if decoy is not None else None, kind, y == year
                    )
                    if decoy == "fin" and kind == "Agenda":
                        fin_agendas[day] = path
                    elif decoy == "fin":
                        fin_minutes.add(path)
                    cells.append(
                        f"<td><a href='{path}' title='PDF'><img src='/icons/pdf.png' alt='PDF'></a></td>"
                    )
                rows.append((day, f"<tr><td>{day:%m/%d/%Y}</td><td>{body}</td>{''.join(cells)}</tr>"))
    fin_job = Job(
        rng.choice(
            [
                f"the finance and audit committee agenda for {_long(shared_day)}",
                f"finance & audit cmte agenda {shared_day:%m/%d/%Y}",
            ]
        )
    )
    for path in minutes_job.labels:
        if path == fin_agendas[shared_day]:
            fin_job.labels[path] = RELEVANT
        elif path in fin_agendas.values():
            fin_job.labels[path] = "other_date"
        elif path in fin_minutes:
            fin_job.labels[path] = "neighbour_kind"
        else:
            fin_job.labels[path] = "other_body"
    fy = year + 1
    budget_job = Job(rng.choice([f"the adopted FY{fy} operating budget", f"fy{fy % 100} adopted budget"]))
    budgets = [
        (f"FY{fy} Adopted Operating Budget", ["ADOPTED OPERATING BUDGET", f"Fiscal Year {fy}", f"July 1, {fy - 1} - June 30, {fy}"], RELEVANT),
        (f"FY{fy - 1} Adopted Operating Budget", ["ADOPTED OPERATING BUDGET", f"Fiscal Year {fy - 1}", f"July 1, {fy - 2} - June 30, {fy - 1}"], "other_year"),
        (f"FY{fy} Proposed Operating Budget", ["PROPOSED OPERATING BUDGET", f"Fiscal Year {fy}"], "other_status"),
        (f"FY{fy} Budget in Brief", ["BUDGET IN BRIEF", f"Fiscal Year {fy}"], "derived"),
        (f"Notice of Public Hearing - FY{fy} Budget", ["NOTICE OF PUBLIC HEARING", f"Proposed Fiscal Year {fy} Budget"], "derived"),
        (f"FY{fy} Budget Presentation to the Board", ["FY" + str(fy) + " Budget", "Presentation to the Board of Directors"], "derived"),
        (f"FY{fy}-FY{fy + 9} Capital Improvement Program", ["CAPITAL IMPROVEMENT PROGRAM", f"FY{fy} - FY{fy + 9}"], "other_subject"),
    ]  # fmt: skip
    items = []
    for text, lines, label in budgets:
        path = f"/{site.name}/Portals/0/Finance/{_slug(text)}.pdf"
        site.docs[path] = _pdf([org.upper(), *lines, "Table of Contents"], rng.random() < SCAN_SHARE)
        budget_job.labels[path] = label
        minutes_job.labels[path] = fin_job.labels[path] = "neighbour_kind"
        items.append(f"<li><a href='{path}'>{text}</a> (PDF)</li>")
    for path in minutes_job.labels:
        budget_job.labels.setdefault(path, "neighbour_kind")
    rows.sort()
    site.html = _page(
        f"Board Meetings - {org}",
        f"<h1>Board &amp; Committee Meetings</h1><table><thead><tr><th>Date</th><th>Meeting</th><th>Agenda</th>"
        f"<th>Minutes</th></tr></thead><tbody>{''.join(r for _, r in rows)}</tbody></table>"
        f"<h2>Budget &amp; Finance</h2><ul>{''.join(items)}</ul>",
    )
    site.jobs += [minutes_job, fin_job, budget_job]


def _water_cards(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A water district: a card per meeting under a year heading; bare buttons; many scans."""
    org = f"{place} Water District"
    style = rng.randrange(3)
    meetings: list[tuple[date, str, str | None]] = []
    for y in (year, year - 1):
        board_days = _days(rng, date(y, 1, 8), date(y, 12, 15), 4)
        for d in board_days:
            meetings.append((d, "Regular Board Meeting", None))
        meetings.append((board_days[1] + timedelta(days=9), "Special Board Meeting", None))
        for d in _days(rng, date(y, 1, 8), date(y, 12, 15), 2):
            meetings.append((d, "Finance Committee Meeting", "other_body"))
        eng_days = _days(rng, date(y, 1, 8), date(y, 12, 15), 2) + [board_days[2]]
        for d in eng_days:
            meetings.append((d, "Engineering Committee Meeting", "eng"))
    target = next(d for d, title, decoy in sorted(meetings) if d.year == year and decoy == "eng" and
                  any(d == d2 and t2 == "Regular Board Meeting" for d2, t2, _ in meetings))  # fmt: skip
    one_job = Job(
        rng.choice(
            [
                f"minutes from the {_long(target)} board meeting",
                f"water board mtg minutes {MONTHS[target.month - 1].lower()} {target.day} {target.year}",
            ]
        )
    )
    eng_job = Job(
        rng.choice(
            [f"all engineering committee agendas {year}", f"engineering committee agendas for {year} pls"]
        )
    )
    cards: dict[int, list[str]] = {year: [], year - 1: []}
    for day, title, decoy in sorted(meetings):
        body = "Board of Directors" if decoy is None else title.replace(" Meeting", "")
        buttons = []
        for kind in ("Agenda", "Minutes"):
            path = f"/{site.name}/files/meetings/{rng.getrandbits(64):016x}.pdf"
            site.docs[path] = _pdf(_title(org, body, kind, day, rng, style), rng.random() < 0.45)
            one_job.labels[path] = _meeting_label(
                "other_body" if decoy is not None else None, kind, day == target, "other_date"
            )
            if decoy != "eng":
                eng_job.labels[path] = "other_body"
            elif kind == "Minutes":
                eng_job.labels[path] = "neighbour_kind"
            else:
                eng_job.labels[path] = RELEVANT if day.year == year else "other_year"
            buttons.append(f"<a class='btn btn-primary' href='{path}'>{kind}</a>")
        cards[day.year].append(
            f"<div class='meeting-card'><div class='date'>{_long(day)}</div><div class='title'>{title}</div>"
            f"<div class='links'>{''.join(buttons)}</div></div>"
        )
    ccr_job = Job(rng.choice([f"{year} water quality report", f"the {year} consumer confidence report"]))
    reports = [
        (f"{year} Water Quality Report (CCR)", [f"{year} CONSUMER CONFIDENCE REPORT", "Annual Water Quality Report", org], RELEVANT),
        (f"{year - 1} Water Quality Report (CCR)", [f"{year - 1} CONSUMER CONFIDENCE REPORT", "Annual Water Quality Report", org], "other_year"),
        (f"{year} Annual Report", [org, f"{year} ANNUAL REPORT"], "neighbour_kind"),
        ("Lead Service Line Inventory", [org, "LEAD SERVICE LINE INVENTORY", f"October {year}"], "other_subject"),
        ("Water Shortage Contingency Plan", [org, "WATER SHORTAGE CONTINGENCY PLAN"], "other_subject"),
        ("CCR Certification Form", ["CONSUMER CONFIDENCE REPORT CERTIFICATION FORM", org], "derived"),
    ]  # fmt: skip
    items = []
    for text, lines, label in reports:
        path = f"/{site.name}/files/reports/{_slug(text).lower()}.pdf"
        site.docs[path] = _pdf(
            lines + ["Your drinking water meets all standards."], rng.random() < SCAN_SHARE
        )
        ccr_job.labels[path] = label
        one_job.labels[path] = eng_job.labels[path] = "neighbour_kind"
        items.append(f"<li><a href='{path}'>{text}</a></li>")
    for path in one_job.labels:
        ccr_job.labels.setdefault(path, "neighbour_kind")
    body_html = "".join(
        f"<h2>{y} Meetings</h2><div class='cards'>{''.join(cards[y])}</div>" for y in (year, year - 1)
    )
    site.html = _page(
        f"Board Meetings | {org}",
        f"<h1>Board Meetings</h1>{body_html}<h2>Water Quality &amp; Reports</h2><ul>{''.join(items)}</ul>",
    )
    site.jobs += [one_job, eng_job, ccr_job]


def _university_governance(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A university governance page: a captioned table per senate under academic-year headings."""
    org = f"{place} University"
    style = rng.randrange(3)
    span = f"{year}-{(year + 1) % 100:02d}"
    senate_job = Job(
        rng.choice(
            [
                f"faculty senate minutes {span}",
                f"Faculty Senate minutes for the {year}-{year + 1} academic year",
            ]
        )
    )
    sections = []
    for ay in (year, year - 1):
        tables = []
        for body, decoy in (
            ("Faculty Senate", None),
            ("Staff Senate", "other_body"),
            ("Student Government Association Senate", "other_body"),
            ("Graduate Council", "other_body"),
        ):
            rows = []
            for day in _days(rng, date(ay, 9, 5), date(ay + 1, 5, 1), 3):
                cells = []
                for kind in ("Agenda", "Minutes"):
                    path = (
                        f"/{site.name}/governance/docs/{_slug(body).lower()}-{kind.lower()}-{day:%Y%m%d}.pdf"
                    )
                    site.docs[path] = _pdf(
                        _title(org, body, kind, day, rng, style), rng.random() < SCAN_SHARE
                    )
                    senate_job.labels[path] = _meeting_label(decoy, kind, ay == year)
                    cells.append(f"<td><a href='{path}'>{kind}</a></td>")
                rows.append(f"<tr><td>{_long(day)}</td>{''.join(cells)}</tr>")
            tables.append(f"<table><caption>{body}</caption>{''.join(rows)}</table>")
        sections.append(f"<h2>Academic Year {ay}-{(ay + 1) % 100:02d}</h2>{''.join(tables)}")
    prev = f"{year - 1}-{year % 100:02d}"
    hb_job = Job(rng.choice([f"the {span} faculty handbook", f"faculty handbook {year}-{year + 1}"]))
    handbooks = [
        (f"Faculty Handbook {span}", ["FACULTY HANDBOOK", span, org], RELEVANT),
        (f"Faculty Handbook {prev}", ["FACULTY HANDBOOK", prev, org], "other_year"),
        (f"Staff Handbook {span}", ["STAFF HANDBOOK", span, org], "other_audience"),
        (f"Undergraduate Student Handbook {span}", ["STUDENT HANDBOOK", span, org], "other_audience"),
        (f"Graduate Student Handbook {span}", ["GRADUATE STUDENT HANDBOOK", span, org], "other_audience"),
        (f"Summary of Faculty Handbook Revisions {span}", ["SUMMARY OF CHANGES", f"Faculty Handbook {span}"], "derived"),
    ]  # fmt: skip
    items = []
    for text, lines, label in handbooks:
        path = f"/{site.name}/governance/handbooks/{_slug(text).lower()}.pdf"
        site.docs[path] = _pdf(lines + ["Section 1. Introduction"], rng.random() < SCAN_SHARE)
        hb_job.labels[path] = label
        senate_job.labels[path] = "neighbour_kind"
        items.append(f"<li><a href='{path}'>{text}</a></li>")
    for path in senate_job.labels:
        hb_job.labels.setdefault(path, "neighbour_kind")
    site.html = _page(
        f"Shared Governance | {org}",
        f"<h1>Shared Governance</h1>{''.join(sections)}<h2>Handbooks</h2><ul>{''.join(items)}</ul>",
    )
    site.jobs += [senate_job, hb_job]


def _housing_posts(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A housing authority's posts list: a post per document, "Download PDF", "Posted on" dates."""
    org = f"{place} Housing Authority"
    style = rng.randrange(3)
    minutes_job = Job(
        rng.choice(
            [
                f"housing authority board of commissioners minutes {year}",
                f"Board of Commissioners meeting minutes {year}",
            ]
        )
    )
    posts: list[tuple[date, str]] = []
    for y in (year, year - 1):
        days = _days(rng, date(y, 1, 10), date(y, 11, 30), 3) + [date(y, 12, rng.randrange(8, 18))]
        for body, decoy, these in (
            ("Board of Commissioners", None, days),
            ("Resident Advisory Board", "other_body", days[:2]),
        ):
            for day in these:
                path = f"/{site.name}/wp-content/uploads/{(day + timedelta(days=35)):%Y/%m}/{rng.getrandbits(32):08x}.pdf"
                site.docs[path] = _pdf(
                    _title(org, body, "Minutes", day, rng, style), rng.random() < SCAN_SHARE
                )
                minutes_job.labels[path] = decoy or (RELEVANT if day.year == year else "other_year")
                posted = day + timedelta(days=rng.randrange(28, 42))
                posts.append(
                    (posted, f"<article><h3>{body} Meeting Minutes &ndash; {_long(day)}</h3>"
                             f"<p class='meta'>Posted on {_long(posted)}</p>"
                             f"<p><a href='{path}'>Download PDF</a></p></article>"))  # fmt: skip
                if decoy is None and day.month != 12:
                    notice = f"/{site.name}/wp-content/uploads/{day:%Y/%m}/{rng.getrandbits(32):08x}.pdf"
                    site.docs[notice] = _pdf(
                        [
                            org.upper(),
                            "NOTICE OF REGULAR MEETING",
                            body,
                            _long(day),
                            "AGENDA",
                            "1. Call to Order",
                        ],
                        rng.random() < SCAN_SHARE,
                    )
                    minutes_job.labels[notice] = "neighbour_kind"
                    posted = day - timedelta(days=rng.randrange(3, 8))
                    posts.append(
                        (posted, f"<article><h3>Notice of Meeting and Agenda &ndash; {body} &ndash; {_long(day)}</h3>"
                                 f"<p class='meta'>Posted on {_long(posted)}</p>"
                                 f"<p><a href='{notice}'>Download PDF</a></p></article>"))  # fmt: skip
    plan_job = Job(rng.choice([f"the FY{year + 1} PHA annual plan", f"annual plan fy {year + 1}"]))
    plans = [
        (f"FY{year + 1} PHA Annual Plan", ["PHA ANNUAL PLAN", f"Fiscal Year {year + 1}", org], RELEVANT),
        (f"FY{year} PHA Annual Plan", ["PHA ANNUAL PLAN", f"Fiscal Year {year}", org], "other_year"),
        (f"5-Year Plan FY{year}-FY{year + 4}", ["PHA 5-YEAR PLAN", f"Fiscal Years {year}-{year + 4}", org], "other_subject"),
        (f"Public Hearing Notice: FY{year + 1} Annual Plan", ["NOTICE OF PUBLIC HEARING", f"FY{year + 1} PHA Annual Plan", org], "derived"),
        (f"Resident Advisory Board Comments on the FY{year + 1} Annual Plan", ["RESIDENT ADVISORY BOARD", "Comments", f"FY{year + 1} Annual Plan"], "derived"),
        ("Admissions and Continued Occupancy Policy", ["ADMISSIONS AND CONTINUED OCCUPANCY POLICY", org], "neighbour_kind"),
    ]  # fmt: skip
    for text, lines, label in plans:
        path = f"/{site.name}/wp-content/uploads/{year}/{rng.randrange(1, 13):02d}/{_slug(text)}.pdf"
        site.docs[path] = _pdf(lines + ["Section A. PHA Information"], rng.random() < SCAN_SHARE)
        plan_job.labels[path] = label
        minutes_job.labels[path] = "neighbour_kind"
        posted = date(year, rng.randrange(1, 12), rng.randrange(1, 28))
        posts.append(
            (posted, f"<article><h3>{text}</h3><p class='meta'>Posted on {_long(posted)}</p>"
                     f"<p><a href='{path}'>Download PDF</a></p></article>"))  # fmt: skip
    for path in minutes_job.labels:
        plan_job.labels.setdefault(path, "neighbour_kind")
    posts.sort(reverse=True)
    site.html = _page(
        f"Public Notices &amp; Board Documents &ndash; {org}",
        f"<h1>Public Notices &amp; Board Documents</h1>{''.join(p for _, p in posts)}",
    )
    site.jobs += [minutes_job, plan_job]


def _parks_document_center(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A parks department's document centre: one table (title, category, date)."""
    org = f"City of {place}"
    style = rng.randrange(3)
    minutes_job = Job(
        rng.choice([f"parks board minutes {year}", f"Parks and Recreation Board minutes for {year}"])
    )
    rows: list[tuple[str, str, str, str]] = []  # title, category, date, path
    n = 1000 + rng.randrange(8000)
    for body, decoy in (
        ("Parks and Recreation Board", None),
        ("Tree Board", "other_body"),
        ("Golf Course Advisory Committee", "other_body"),
    ):
        for y in (year, year - 1):
            for day in _days(rng, date(y, 1, 5), date(y, 12, 20), 3 if decoy is None else 2):
                for kind in ("Agenda", "Minutes"):
                    n += rng.randrange(1, 40)
                    title = f"{body} {kind} {MONTHS[day.month - 1]} {day.day}, {day.year}"
                    path = f"/{site.name}/DocumentCenter/View/{n}/{_slug(title)}.pdf"
                    site.docs[path] = _pdf(
                        _title(org, body, kind, day, rng, style), rng.random() < SCAN_SHARE
                    )
                    minutes_job.labels[path] = _meeting_label(decoy, kind, y == year)
                    rows.append((title, body, f"{day:%m/%d/%Y}", path))
    plan_job = Job(rng.choice(["the parks master plan", "Parks and Recreation Master Plan"]))
    hb_job = Job(
        rng.choice(["the youth sports handbook for parents", f"youth sports parent handbook {year}"])
    )
    others = [
        (f"Parks, Recreation and Open Space Master Plan ({year - 1})", "Plans & Studies", ["PARKS, RECREATION AND OPEN SPACE", "MASTER PLAN", f"Adopted {MONTHS[rng.randrange(12)]} {year - 1}", org], RELEVANT, "neighbour_kind"),
        (f"Parks Master Plan ({year - 11})", "Plans & Studies", ["PARKS AND RECREATION MASTER PLAN", str(year - 11), org], "other_year", "neighbour_kind"),
        ("Master Plan Executive Summary", "Plans & Studies", ["EXECUTIVE SUMMARY", "Parks, Recreation and Open Space Master Plan"], "derived", "neighbour_kind"),
        ("Master Plan Community Survey Results", "Plans & Studies", ["COMMUNITY SURVEY RESULTS", "Parks Master Plan Update"], "derived", "neighbour_kind"),
        ("Trails Master Plan", "Plans & Studies", ["TRAILS MASTER PLAN", org], "other_subject", "neighbour_kind"),
        (f"Summer {year} Activity Guide", "Activity Guides", [f"SUMMER {year}", "ACTIVITY GUIDE", org], "neighbour_kind", "neighbour_kind"),
        (f"Youth Sports Parent Handbook {year}", "Youth Sports", ["YOUTH SPORTS", "PARENT HANDBOOK", str(year)], "neighbour_kind", RELEVANT),
        (f"Youth Sports Parent Handbook {year - 1}", "Youth Sports", ["YOUTH SPORTS", "PARENT HANDBOOK", str(year - 1)], "neighbour_kind", "other_year"),
        ("Youth Sports Coaches Handbook", "Youth Sports", ["YOUTH SPORTS", "COACHES HANDBOOK", str(year)], "neighbour_kind", "other_audience"),
        ("Adult Softball League Handbook", "Adult Sports", ["ADULT SOFTBALL LEAGUE", "HANDBOOK", str(year)], "neighbour_kind", "other_audience"),
        ("Youth Sports Registration Form", "Youth Sports", ["YOUTH SPORTS REGISTRATION FORM", str(year)], "neighbour_kind", "derived"),
    ]  # fmt: skip
    for text, category, lines, plan_label, hb_label in others:
        n += rng.randrange(1, 40)
        path = f"/{site.name}/DocumentCenter/View/{n}/{_slug(text)}.pdf"
        site.docs[path] = _pdf(lines + ["Introduction"], rng.random() < SCAN_SHARE)
        plan_job.labels[path], hb_job.labels[path] = plan_label, hb_label
        minutes_job.labels[path] = "neighbour_kind"
        rows.append((text, category, f"{rng.randrange(1, 13):02d}/{rng.randrange(1, 28):02d}/{year}", path))
    for path in minutes_job.labels:
        plan_job.labels.setdefault(path, "neighbour_kind")
        hb_job.labels.setdefault(path, "neighbour_kind")
    rng.shuffle(rows)
    body = "".join(f"<tr><td><a href='{p}'>{t}</a></td><td>{c}</td><td>{d}</td></tr>" for t, c, d, p in rows)
    site.html = _page(
        f"Document Center | Parks &amp; Recreation | {org}",
        "<h1>Parks &amp; Recreation Documents</h1><table><thead><tr><th>Title</th><th>Category</th>"
        f"<th>Date</th></tr></thead><tbody>{body}</tbody></table>",
    )
    site.jobs += [minutes_job, plan_job, hb_job]


TEMPLATES3 = [
    _library_system,
    _transit_table,
    _water_cards,
    _university_governance,
    _housing_posts,
    _parks_document_center,
]
# Two places per template; several name bodies or their specialities in the place name.
PLACES3 = ["Council Bluffs", "Maple Valley", "Port Arthur", "Park City", "Water Valley", "Elk Grove",
           "Westbrook", "Northfield State", "Park Forest", "Bay Harbor", "Council Grove", "Athens"]  # fmt: skip


def build_sites3() -> list[Site]:
    """Every part-3 site, deterministic: two instances of each template."""
    sites: list[Site] = []
    for t, build in enumerate(TEMPLATES3):
        for i in range(2):
            rng = random.Random(f"decoys3-{t}-{i}")
            site = Part3Site(f"p3-{build.__name__.strip('_').replace('_', '-')}-{i}", 10 + t, i)
            build(site, rng, PLACES3[t * 2 + i], 2019 + rng.randrange(6))
            sites.append(site)
    return sites
