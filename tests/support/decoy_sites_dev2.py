"""Development part 2 of the near-miss decoy sites (tuned on, like ``decoy_sites``' tuning part).

Written after held-back part 3 (``decoy_sites_part3``) was fixed and its untuned figures recorded,
to give the tuning loop page structures and organisations the first development part lacks, so
that failure classes (and scores between 0.3 and 0.9, which calibration needs) can be studied
without looking at part 3. Its organisations and page structures differ from part 3's:

- a city's meeting archive in the Granicus style (name, date, duration, agenda/minutes/video
  columns), the city's name holding a body word ("Port Townsend", "Council Hill");
- a fire district's plain directory index (``Index of /docs``): dated file names only, drafts
  next to approved minutes, the pension board's minutes, proposed/adopted/summary budgets;
- a community college's news-style page: links inside sentences ("the Board approved the
  <a>minutes</a> of its March 14 meeting"), handbooks for students, employees, adjunct faculty;
- a hospital district's nested lists (year > meeting > documents) with bare "Download" links,
  many scans, and committees meeting the same day as the board.

Decoy categories are part 3's (``CATEGORIES3``).
"""

from __future__ import annotations

import random
from datetime import date

from tests.support.decoy_sites import RELEVANT, Job, Site, _long, _page, _pdf
from tests.support.decoy_sites_part3 import _days, _meeting_label, _slug, _title

SCAN_SHARE = 0.3


def _granicus_archive(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A city's meeting archive: one row per meeting, agenda/minutes/video columns."""
    org = f"City of {place}"
    style = rng.randrange(3)
    council_job = Job(
        rng.choice([f"city council minutes {year}", f"all council meeting minutes from {year}"])
    )
    rows: list[tuple[date, str]] = []
    pc_agendas: dict[date, str] = {}
    pc_minutes: set[str] = set()
    pc_other: set[str] = set()
    for body, decoy in (
        ("City Council", None),
        ("Planning Commission", "pc"),
        ("Board of Adjustment", "other_body"),
        ("Council Finance Committee", "other_body"),
    ):
        for y in (year, year - 1):
            for day in _days(rng, date(y, 1, 6), date(y, 12, 18), 3 if decoy is None else 2):
                title = rng.choice([f"{body} Regular Meeting", f"{body}", f"{body} - Special Meeting"])
                cells = []
                for kind in ("Agenda", "Minutes"):
                    path = f"/{site.name}/viewer/{kind.lower()}/{rng.randrange(10**5, 10**6)}.pdf"
                    site.docs[path] = _pdf(
                        _title(org, body, kind, day, rng, style), rng.random() < SCAN_SHARE
                    )
                    council_job.labels[path] = _meeting_label(
                        "other_body" if decoy else None, kind, y == year
                    )
                    if decoy == "pc" and kind == "Agenda":
                        pc_other.add(path)
                        if y == year:
                            pc_agendas[day] = path
                    elif decoy == "pc" and kind == "Minutes":
                        pc_minutes.add(path)
                    cells.append(f"<td class='listItem'><a href='{path}' target='_blank'>{kind}</a></td>")
                rows.append(
                    (
                        day,
                        f"<tr class='listingRow'><td class='listItem'>{title}</td><td class='listItem'>"
                        f"{_SHORT[day.month - 1]} {day.day:02d}, {day.year}</td><td>01h 12m</td>{''.join(cells)}"
                        f"<td><a href='#video'>Video</a></td></tr>",
                    )  # fmt: skip
                )
    target = sorted(pc_agendas)[rng.randrange(len(pc_agendas))]
    pc_job = Job(
        rng.choice(
            [f"the planning commission agenda for {_long(target)}", f"planning comm agenda {target:%m/%d/%y}"]
        )
    )
    for path in council_job.labels:
        if path == pc_agendas[target]:
            pc_job.labels[path] = RELEVANT
        elif path in pc_other:
            pc_job.labels[path] = "other_date"
        elif path in pc_minutes:
            pc_job.labels[path] = "neighbour_kind"
        else:
            pc_job.labels[path] = "other_body"
    rows.sort(reverse=True)
    site.html = _page(
        f"Meeting Archive | {org}",
        "<h1>Video &amp; Meeting Archive</h1><table class='listingTable'><tr><th>Name</th><th>Date</th>"
        f"<th>Duration</th><th>Agenda</th><th>Minutes</th><th>Video</th></tr>{''.join(r for _, r in rows)}</table>",
    )
    site.jobs += [council_job, pc_job]


_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _directory_index(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A fire district's directory index: dated file names are all there is."""
    minutes_job = Job(
        rng.choice(
            [f"approved board minutes {year}, no drafts", f"{year} fire district board minutes (final only)"]
        )
    )
    names: list[str] = []
    for y in (year, year - 1):
        for day in _days(rng, date(y, 1, 6), date(y, 12, 18), 4):
            for kind, status, label in (
                ("Agenda", "", "neighbour_kind"),
                ("Minutes", "", None),
                ("Minutes", "_DRAFT", "other_status"),
            ):
                if status and rng.random() < 0.5:
                    continue
                name = f"{day:%Y-%m-%d}_Board_{kind}{status}.pdf"
                lines = [f"{place.upper()} FIRE PROTECTION DISTRICT", "Board of Fire Commissioners", kind.upper(),
                         _long(day)] + (["DRAFT - NOT YET APPROVED"] if status else []) + ["1. Call to Order"]  # fmt: skip
                site.docs[f"/{site.name}/docs/{name}"] = _pdf(lines, rng.random() < SCAN_SHARE)
                minutes_job.labels[f"/{site.name}/docs/{name}"] = label or (
                    RELEVANT if y == year else "other_year"
                )
                names.append(name)
        for day in _days(rng, date(y, 1, 6), date(y, 12, 18), 2):
            name = f"{day:%Y-%m-%d}_Pension_Board_Minutes.pdf"
            site.docs[f"/{site.name}/docs/{name}"] = _pdf(
                [f"{place.upper()} FIREFIGHTERS PENSION BOARD", "MINUTES", _long(day)],
                rng.random() < SCAN_SHARE,
            )
            minutes_job.labels[f"/{site.name}/docs/{name}"] = "other_body"
            names.append(name)
    budget_job = Job(rng.choice([f"the adopted {year + 1} budget", f"{year + 1} budget adopted version"]))
    for name, lines, label in (
        (f"Budget_{year + 1}_Adopted.pdf", ["ADOPTED BUDGET", f"Fiscal Year {year + 1}"], RELEVANT),
        (f"Budget_{year + 1}_Proposed.pdf", ["PROPOSED BUDGET", f"Fiscal Year {year + 1}"], "other_status"),
        (f"Budget_{year}_Adopted.pdf", ["ADOPTED BUDGET", f"Fiscal Year {year}"], "other_year"),
        (
            f"Budget_{year + 1}_Summary.pdf",
            ["BUDGET SUMMARY", "At a Glance", f"Fiscal Year {year + 1}"],
            "derived",
        ),
        (
            f"Budget_Hearing_Notice_{year + 1}.pdf",
            ["NOTICE OF BUDGET HEARING", f"Fiscal Year {year + 1}"],
            "derived",
        ),
        (
            f"Audit_{year - 1}.pdf",
            ["INDEPENDENT AUDITOR'S REPORT", f"Year ended December 31, {year - 1}"],
            "neighbour_kind",
        ),
    ):
        site.docs[f"/{site.name}/docs/{name}"] = _pdf(
            [f"{place.upper()} FIRE PROTECTION DISTRICT", *lines], rng.random() < SCAN_SHARE
        )
        budget_job.labels[f"/{site.name}/docs/{name}"] = label
        minutes_job.labels[f"/{site.name}/docs/{name}"] = "neighbour_kind"
        names.append(name)
    for path in minutes_job.labels:
        budget_job.labels.setdefault(path, "neighbour_kind")
    rows = "".join(
        f"<tr><td><a href='{n}'>{n}</a></td><td>{rng.randrange(1, 28):02d}-{_SHORT[rng.randrange(12)]}-{year + 1} 10:12</td>"
        f"<td>{rng.randrange(40, 900)}K</td></tr>"
        for n in sorted(names)
    )
    html = (
        "<!DOCTYPE html><html><head><title>Index of /docs</title></head><body><h1>Index of /docs</h1>"
        f"<table><tr><th>Name</th><th>Last modified</th><th>Size</th></tr>{rows}</table></body></html>"
    )
    # The index lives in the folder of its files, so its relative links resolve there.
    site.html = html.replace("href='", f"href='/{site.name}/docs/")
    site.jobs += [minutes_job, budget_job]


def _news_paragraphs(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A community college page: links inside sentences, handbooks for several audiences."""
    org = f"{place} Community College"
    style = rng.randrange(3)
    minutes_job = Job(rng.choice([f"board of trustees meeting minutes {year}", f"trustee minutes {year}"]))
    paras = []
    for y in (year, year - 1):
        for body, decoy in (
            ("Board of Trustees", None),
            ("Foundation Board", "other_body"),
            ("Academic Senate", "other_body"),
        ):
            for day in _days(rng, date(y, 1, 6), date(y, 12, 18), 2 if decoy else 3):
                paths = {}
                for kind in ("Agenda", "Minutes"):
                    path = f"/{site.name}/sites/default/files/{_slug(body).lower()}/{rng.getrandbits(32):08x}.pdf"
                    site.docs[path] = _pdf(
                        _title(org, body, kind, day, rng, style), rng.random() < SCAN_SHARE
                    )
                    minutes_job.labels[path] = _meeting_label(decoy, kind, y == year)
                    paths[kind] = path
                paras.append(
                    f"<p>The {body} met on {_long(day)}. Read the <a href='{paths['Agenda']}'>agenda</a> "
                    f"and the approved <a href='{paths['Minutes']}'>minutes</a>.</p>"
                )
    span = f"{year}-{year + 1}"
    hb_job = Job(rng.choice([f"the student handbook {span}", f"{span} student handbook"]))
    items = []
    for text, lines, label in (
        (f"Student Handbook {span}", ["STUDENT HANDBOOK", span, org], RELEVANT),
        (
            f"Student Handbook {year - 1}-{year}",
            ["STUDENT HANDBOOK", f"{year - 1}-{year}", org],
            "other_year",
        ),
        ("Employee Handbook", ["EMPLOYEE HANDBOOK", org, span], "other_audience"),
        ("Adjunct Faculty Handbook", ["ADJUNCT FACULTY HANDBOOK", org, span], "other_audience"),
        ("Student Code of Conduct Complaint Form", ["STUDENT CONDUCT COMPLAINT FORM", org], "derived"),
        (f"Academic Calendar {span}", ["ACADEMIC CALENDAR", span, org], "neighbour_kind"),
    ):
        path = f"/{site.name}/sites/default/files/docs/{_slug(text).lower()}.pdf"
        site.docs[path] = _pdf(lines + ["Welcome"], rng.random() < SCAN_SHARE)
        hb_job.labels[path] = label
        minutes_job.labels[path] = "neighbour_kind"
        items.append(f"<li><a href='{path}'>{text}</a></li>")
    for path in minutes_job.labels:
        hb_job.labels.setdefault(path, "neighbour_kind")
    site.html = _page(
        f"Governance | {org}",
        f"<h1>College Governance</h1>{''.join(paras)}<h2>Publications</h2><ul>{''.join(items)}</ul>",
    )
    site.jobs += [minutes_job, hb_job]


def _nested_meetings(site: Site, rng: random.Random, place: str, year: int) -> None:
    """A hospital district: year > meeting > documents, bare "Download" links, many scans."""
    org = f"{place} Hospital District"
    style = rng.randrange(3)
    groups = []
    board_minutes: dict[date, str] = {}
    all_paths: dict[str, tuple[str | None, str, date]] = {}
    for y in (year, year - 1):
        meetings = []
        days = _days(rng, date(y, 1, 6), date(y, 12, 18), 4)
        for day in days:
            meetings.append((day, "Board of Directors", None))
        for day in days[:2] + _days(rng, date(y, 1, 6), date(y, 12, 18), 1):
            meetings.append((day, "Quality Committee", "other_body"))
        items = []
        for day, body, decoy in sorted(meetings):
            docs = []
            for kind in ("Agenda", "Minutes"):
                path = f"/{site.name}/files/{rng.getrandbits(48):012x}.pdf"
                site.docs[path] = _pdf(_title(org, body, kind, day, rng, style), rng.random() < 0.45)
                all_paths[path] = (decoy, kind, day)
                if decoy is None and kind == "Minutes":
                    board_minutes[day] = path
                docs.append(f"<li>{kind} <a href='{path}'>Download</a></li>")
            items.append(f"<li><strong>{body} &ndash; {_long(day)}</strong><ul>{''.join(docs)}</ul></li>")
        groups.append(f"<li>{y}<ul>{''.join(items)}</ul></li>")
    target = sorted(d for d in board_minutes if d.year == year)[0]
    one_job = Job(
        rng.choice(
            [f"minutes of the board meeting on {_long(target)}", f"board mtg minutes {target:%m/%d/%Y}"]
        )
    )
    all_job = Job(rng.choice([f"all board of directors agendas {year}", f"hospital board agendas {year}"]))
    for path, (decoy, kind, day) in all_paths.items():
        one_job.labels[path] = _meeting_label(decoy and "other_body", kind, day == target, "other_date")
        if decoy:
            all_job.labels[path] = "other_body"
        elif kind == "Minutes":
            all_job.labels[path] = "neighbour_kind"
        else:
            all_job.labels[path] = RELEVANT if day.year == year else "other_year"
    site.html = _page(
        f"Board Meetings | {org}",
        f"<h1>Board of Directors Meetings</h1><ul class='tree'>{''.join(groups)}</ul>",
    )
    site.jobs += [one_job, all_job]


TEMPLATES_DEV2 = [_granicus_archive, _directory_index, _news_paragraphs, _nested_meetings]
PLACES_DEV2 = ["Port Townsend", "Council Hill", "Cedar Ridge", "Commission Lake", "Bayview", "Elm Valley",
               "Board Camp", "Riverside"]  # fmt: skip


def build_sites_dev2() -> list[Site]:
    """Every development-part-2 site (part "tune"), deterministic: two instances of each template."""
    sites: list[Site] = []
    for t, build in enumerate(TEMPLATES_DEV2):
        for i in range(2):
            rng = random.Random(f"decoys-dev2-{t}-{i}")
            # template 20+ with instance 0/1: Site.part is "tune"
            site = Site(f"dev2-{build.__name__.strip('_').replace('_', '-')}-{i}", 20 + t, i)
            build(site, rng, PLACES_DEV2[t * 2 + i], 2018 + rng.randrange(7))
            sites.append(site)
    return sites
