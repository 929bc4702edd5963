"""Near-miss decoy sites: real page structures, the documents people ask for, and their near misses.

Each site is one page built like a common public-sector CMS page (an agenda-center table per
body, a school district's document library, a year accordion, meeting headings with bare
"Download" links, a board-portal table of icon links with hashed file names, nested lists per
board) with its documents, and one to three jobs whose prompts are worded as people type them.
Every document that is not relevant to a job is a labelled near miss of one category:

- ``other_body``: the same kind from another body of the organisation (library board, PTA);
- ``other_audience``: the same kind for another audience or level (middle-school, athletics);
- ``neighbour_kind``: a neighbouring kind (agenda for minutes, bell schedule for a calendar);
- ``other_year`` / ``other_date``: the same kind from another year or another meeting.

About a fifth of the documents are scanned (a PDF page with drawing operators and no text),
so they can only be judged from the page. The split into a tuning part and a held-back part is
fixed here, before any tuning: templates 4 and 5 (board-portal table, nested lists) and the
third instance of every other template are held back (``Site.part``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from docharvest.samples.pdfwriter import PdfBuilder, simple_pdf

RELEVANT = "relevant"
CATEGORIES = ("other_body", "other_audience", "neighbour_kind", "other_year", "other_date")
HELD_TEMPLATES = (4, 5)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]  # fmt: skip


@dataclass
class Job:
    prompt: str
    labels: dict[str, str] = field(default_factory=dict)  # doc path -> RELEVANT or a decoy category

    @property
    def relevant(self) -> set[str]:
        return {p for p, c in self.labels.items() if c == RELEVANT}


@dataclass
class Site:
    name: str
    template: int
    instance: int
    html: str = ""
    docs: dict[str, bytes] = field(default_factory=dict)  # path (from the site root) -> bytes
    jobs: list[Job] = field(default_factory=list)

    @property
    def part(self) -> str:
        return "held" if self.template in HELD_TEMPLATES or self.instance == 2 else "tune"

    @property
    def start_path(self) -> str:
        return f"/{self.name}/index.html"

    def write(self, root: Path) -> None:
        folder = root / self.name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(self.html)
        for path, data in self.docs.items():
            target = root / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def scanned_pdf() -> bytes:
    """A page with only drawing operators (a scan without OCR): no text layer, no title."""
    pdf = PdfBuilder()
    page = pdf.page()
    for y in range(700, 200, -24):
        page.rule(72, y, 540, y)
    return pdf.to_bytes()


def _pdf(lines: list[str], scanned: bool) -> bytes:
    return scanned_pdf() if scanned else simple_pdf([lines])


def _long(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
            f"<nav class='breadcrumb'>Home &gt; Government &gt; {title}</nav><main>{body}</main></body></html>")  # fmt: skip


def _meetings(rng: random.Random, year: int, n: int) -> list[date]:
    days = sorted({date(year, 1, 1) + timedelta(days=rng.randrange(0, 360)) for _ in range(n * 2)})
    return days[:n]


def _minutes_text(org: str, body: str, kind: str, day: date, rng: random.Random) -> list[str]:
    opening = rng.choice(["Regular Meeting", "Regular Session", "Meeting"])
    return [org.upper(), body, kind.upper(), f"{opening} - {_long(day)}",
            "1. Call to order", "2. Roll call", "3. Public comment", "4. Adjournment"]  # fmt: skip


# -- templates -------------------------------------------------------------------------------------


def _agenda_center(site: Site, rng: random.Random, town: str, year: int) -> None:
    """Template 0: one table per body (date, agenda, minutes), as agenda-center modules render it."""
    bodies = [("City Council", None), ("Library Board of Trustees", "other_body"),
              ("Planning Commission", "other_body"), ("Parks and Recreation Advisory Board", "other_body")]  # fmt: skip
    minutes_job = Job(f"{rng.choice(['Find all', 'Get', 'I need the'])} city council minutes from {year}")
    target_day = None
    sections = []
    for b, (body, decoy) in enumerate(bodies):
        rows = []
        for y in (year, year - 1):
            for day in _meetings(rng, y, 3 if b == 0 else 2):
                code = f"{day:%m%d%Y}-{rng.randrange(100, 999)}"
                for kind in ("Agenda", "Minutes"):
                    path = f"/{site.name}/AgendaCenter/ViewFile/{kind}/_{code}.pdf"
                    site.docs[path] = _pdf(
                        _minutes_text(f"City of {town}", body, kind, day, rng), rng.random() < 0.2
                    )
                    if kind == "Minutes":
                        minutes_job.labels[path] = decoy or (RELEVANT if y == year else "other_year")
                    else:
                        minutes_job.labels[path] = decoy or "neighbour_kind"
                rows.append(f"<tr><td><strong>{_long(day)}</strong> {rng.choice(['Regular Meeting', 'Meeting'])}</td>"
                            f"<td><a href='/{site.name}/AgendaCenter/ViewFile/Agenda/_{code}.pdf' title='View Agenda'>"
                            f"<img alt=''></a></td><td><a href='/{site.name}/AgendaCenter/ViewFile/Minutes/_{code}.pdf'>"
                            f"Minutes</a></td></tr>")  # fmt: skip
                if b == 0 and y == year and target_day is None:
                    target_day = (day, code)
        sections.append(f"<h2>{body}</h2><table><tr><th>Meeting</th><th>Agenda</th><th>Minutes</th></tr>"
                        + "".join(rows) + "</table>")  # fmt: skip
    assert target_day is not None
    day, code = target_day
    agenda_job = Job(f"the agenda for the city council meeting on {_long(day)}")
    for path in minutes_job.labels:
        on_day = f"_{code}." in path
        if "/Agenda/" in path and on_day:
            agenda_job.labels[path] = RELEVANT
        elif minutes_job.labels[path] == "other_body":
            agenda_job.labels[path] = "other_body"
        else:
            agenda_job.labels[path] = "neighbour_kind" if on_day or "/Minutes/" in path else "other_date"
    site.html = _page("Agenda Center", "<h1>Agendas &amp; Minutes</h1>" + "".join(sections))
    site.jobs += [minutes_job, agenda_job]


def _school_library(site: Site, rng: random.Random, district: str, year: int) -> None:
    """Template 1: a district's document library, grouped by category headings."""
    span, prev = f"{year}-{(year + 1) % 100:02d}", f"{year - 1}-{year % 100:02d}"
    handbooks = [
        (f"{span} High School Student Handbook", RELEVANT, "Student Handbook", "High School", span),
        (f"{span} Middle School Student Handbook", "other_audience", "Student Handbook", "Middle School", span),
        (f"Elementary Parent/Student Handbook {span}", "other_audience", "Parent/Student Handbook", "Elementary Schools", span),
        (f"Athletic Handbook {span}", "other_audience", "Athletic Handbook", "Athletics Department", span),
        (f"{prev} High School Student Handbook", "other_year", "Student Handbook", "High School", prev),
        ("Handbook Acknowledgment Form", "neighbour_kind", "Handbook Acknowledgment Form", "High School", span),
    ]  # fmt: skip
    calendars = [
        (f"{span} District Calendar", RELEVANT, "School Year Calendar", span),
        (f"{prev} District Calendar", "other_year", "School Year Calendar", prev),
        ("High School Bell Schedule", "neighbour_kind", "Bell Schedule", span),
        (f"{MONTHS[rng.randrange(12)]} Lunch Menu", "neighbour_kind", "Lunch Menu", span),
    ]
    hb_job = Job(
        rng.choice([f"the high school student handbook for {span}", f"{span} high school student handbook"])
    )
    cal_job = Job(rng.choice([f"school year calendar {year}-{year + 1}", f"the {span} school calendar"]))
    items_h, items_c = [], []
    for i, (text, label, title, unit, period) in enumerate(handbooks):
        path = f"/{site.name}/uploads/{year}/0{i + 1}/{text.lower().replace(' ', '-').replace('/', '-')}.pdf"
        site.docs[path] = _pdf(
            [district.upper(), unit, title.upper(), period, "Welcome to a new school year."],
            i == 0 and site.instance == 1,
        )
        hb_job.labels[path], cal_job.labels[path] = label, "neighbour_kind"
        items_h.append(f"<li><a href='{path}'>{text}</a> (PDF)</li>")
    for i, (text, label, title, period) in enumerate(calendars):
        path = f"/{site.name}/uploads/{year}/1{i}/{text.lower().replace(' ', '_')}.pdf"
        site.docs[path] = _pdf(
            [district.upper(), title.upper(), period, "First day of school", "Winter recess"],
            i == 0 and site.instance == 0,
        )
        cal_job.labels[path], hb_job.labels[path] = label, "neighbour_kind"
        items_c.append(f"<li><a href='{path}'>{text}</a></li>")
    board_job = Job(f"board of education meeting minutes {year}")
    items_b = []
    for body, decoy in (
        ("Board of Education", None),
        ("PTA", "other_body"),
        ("Parent Teacher Organization", "other_body"),
    ):
        for day in _meetings(rng, year, 2):
            path = f"/{site.name}/uploads/{day:%Y/%m}/{body.split()[0].lower()}-minutes-{day:%m-%d}.pdf"
            site.docs[path] = _pdf(_minutes_text(district, body, "Minutes", day, rng), rng.random() < 0.2)
            board_job.labels[path] = decoy or RELEVANT
            hb_job.labels[path] = cal_job.labels[path] = "neighbour_kind"
            items_b.append(f"<li><a href='{path}'>{body} Minutes - {_long(day)}</a></li>")
    for path in list(hb_job.labels):
        board_job.labels.setdefault(path, "neighbour_kind")
    site.html = _page(f"{district} - Documents",
                      f"<h1>District Documents</h1><h2>Handbooks</h2><ul>{''.join(items_h)}</ul>"
                      f"<h2>Calendars &amp; Schedules</h2><ul>{''.join(items_c)}</ul>"
                      f"<h2>Meeting Minutes</h2><ul>{''.join(items_b)}</ul>")  # fmt: skip
    site.jobs += [hb_job, cal_job, board_job]


def _year_accordion(site: Site, rng: random.Random, village: str, year: int) -> None:
    """Template 2: a year accordion (tabs with aria-controls); link texts carry no year."""
    job = Job(f"Find all village board minutes from {year}")
    tabs, panels = [], []
    for y in (year, year - 1):
        items = []
        for body, decoy in (("Village Board", None), ("Zoning Board of Appeals", "other_body")):
            for day in _meetings(rng, y, 3):
                for kind in ("Minutes", "Agenda"):
                    path = f"/{site.name}/files/{body.split()[0]}-{kind}-{day.month}-{day.day}-{len(site.docs)}.pdf"
                    scanned = rng.random() < 0.3
                    site.docs[path] = _pdf(
                        _minutes_text(f"Village of {village}", body, kind, day, rng), scanned
                    )
                    label = decoy or (
                        "neighbour_kind" if kind == "Agenda" else RELEVANT if y == year else "other_year"
                    )
                    job.labels[path] = label
                    items.append(
                        f"<p><a href='{path}'>{MONTHS[day.month - 1]} {day.day} {body} {kind}</a></p>"
                    )
        tabs.append(
            f"<div class='acc-title' role='tab' id='t{y}' aria-controls='p{y}'><a href='#'>{y}</a></div>"
        )
        panels.append(f"<div class='acc-panel' role='tabpanel' id='p{y}'>{''.join(items)}</div>")
    site.html = _page(
        "Meeting Minutes",
        "<h1>Boards &amp; Commissions</h1>" + "".join(t + p for t, p in zip(tabs, panels, strict=True)),
    )
    site.jobs.append(job)


def _download_headings(site: Site, rng: random.Random, county: str, year: int) -> None:
    """Template 3: a heading per meeting, bare "Download" links under labels; many scans."""
    meetings = _meetings(rng, year, 4)
    target = meetings[rng.randrange(len(meetings))]
    job = Job(f"the minutes of the board of commissioners meeting on {_long(target)}")
    blocks = []
    for body, decoy in (("Board of Commissioners", None), ("Board of Health", "other_body")):
        blocks.append(f"<h2>{body}</h2>")
        for day in meetings:
            links = []
            for kind in ("Agenda", "Minutes"):
                path = f"/{site.name}/docs/{rng.getrandbits(48):012x}.pdf"
                site.docs[path] = _pdf(
                    _minutes_text(f"{county} County", body, kind, day, rng), rng.random() < 0.5
                )
                if decoy:
                    job.labels[path] = decoy
                elif kind == "Agenda":
                    job.labels[path] = "neighbour_kind"
                else:
                    job.labels[path] = RELEVANT if day == target else "other_date"
                links.append(f"<li>{kind}: <a href='{path}'>Download</a></li>")
            blocks.append(f"<h3>Regular Meeting &ndash; {_long(day)}</h3><ul>{''.join(links)}</ul>")
    site.html = _page(f"{county} County Meetings", "".join(blocks))
    site.jobs.append(job)


def _board_portal(site: Site, rng: random.Random, district: str, year: int) -> None:
    """Template 4 (held back): one table, a row per meeting, icon links, hashed file names."""
    span = f"{year}-{(year + 1) % 100:02d}"
    minutes_job = Job(f"school board minutes {year}")
    finance_job = Job(f"Finance Committee agendas from {year}")
    rows = []
    for body in ("Board of Education Regular Meeting", "Finance Committee", "PTO General Meeting"):
        for y in (year, year - 1):
            for day in _meetings(rng, y, 2):
                cells = []
                for kind in ("Agenda", "Minutes"):
                    path = f"/{site.name}/files/{rng.getrandbits(64):016x}.pdf"
                    site.docs[path] = _pdf(
                        _minutes_text(district, body.replace(" Regular Meeting", ""), kind, day, rng),
                        rng.random() < 0.2,
                    )
                    board = body.startswith("Board")
                    minutes_job.labels[path] = ("other_body" if not board else "neighbour_kind" if kind == "Agenda"
                                                else RELEVANT if y == year else "other_year")  # fmt: skip
                    fin = body.startswith("Finance")
                    finance_job.labels[path] = ("other_body" if not fin else "neighbour_kind" if kind == "Minutes"
                                                else RELEVANT if y == year else "other_year")  # fmt: skip
                    cells.append(f"<td><a href='{path}' target='_blank'><img alt=''></a></td>")
                rows.append(f"<tr><td>{body}</td><td>{day:%m/%d/%Y}</td>{''.join(cells)}</tr>")
    hb_job = Job("the high school student handbook")
    hb_rows = []
    for text, label in (("Student Handbook - High School", RELEVANT), ("Student Handbook - Middle School", "other_audience"),
                        ("Coaches Handbook", "other_audience"), ("Substitute Teacher Handbook", "other_audience")):  # fmt: skip
        path = f"/{site.name}/files/{rng.getrandbits(64):016x}.pdf"
        site.docs[path] = _pdf([district.upper(), text.upper(), span], False)
        hb_job.labels[path] = label
        minutes_job.labels[path] = finance_job.labels[path] = "neighbour_kind"
        hb_rows.append(f"<tr><td><a href='{path}'>{text}</a></td><td>{span}</td></tr>")
    for path in list(minutes_job.labels):
        hb_job.labels.setdefault(path, "neighbour_kind")
    site.html = _page(f"{district} Board Portal",
                      "<h1>Meetings</h1><table><thead><tr><th>Meeting</th><th>Date</th><th>Agenda</th>"
                      f"<th>Minutes</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
                      f"<h2>Policies &amp; Handbooks</h2><table>{''.join(hb_rows)}</table>")  # fmt: skip
    site.jobs += [minutes_job, finance_job, hb_job]


def _nested_lists(site: Site, rng: random.Random, town: str, year: int) -> None:
    """Template 5 (held back): a nested list per board; the date is the link, the kind after it."""
    select_job = Job(f"Select Board minutes for {year}")
    target = None
    groups = []
    for body, decoy in (
        ("Select Board", None),
        ("Conservation Commission", "cons"),
        ("Board of Health", "other_body"),
    ):
        items = []
        for y in (year, year - 1):
            for day in _meetings(rng, y, 2):
                for kind in ("Minutes", "Agenda"):
                    path = f"/{site.name}/DocumentCenter/View/{rng.randrange(1000, 9999)}/{body.replace(' ', '-')}-{kind}-{day:%Y%m%d}.pdf"
                    site.docs[path] = _pdf(
                        _minutes_text(f"Town of {town}", body, kind, day, rng), rng.random() < 0.25
                    )
                    select_job.labels[path] = ("other_body" if decoy else "neighbour_kind" if kind == "Agenda"
                                               else RELEVANT if y == year else "other_year")  # fmt: skip
                    if decoy == "cons" and kind == "Agenda" and y == year and target is None:
                        target = (day, path)
                    items.append(f"<li><a href='{path}'>{_long(day)}</a> ({kind})</li>")
        groups.append(f"<li><strong>{body}</strong><ul>{''.join(items)}</ul></li>")
    assert target is not None
    day, target_path = target
    cons_job = Job(f"the conservation commission agenda for {_long(day)}")
    for path in select_job.labels:
        if path == target_path:
            cons_job.labels[path] = RELEVANT
        elif "Conservation" not in path:
            cons_job.labels[path] = "other_body"
        else:
            cons_job.labels[path] = "neighbour_kind" if "-Minutes-" in path else "other_date"
    site.html = _page("Minutes &amp; Agendas", f"<h1>Boards and Committees</h1><ul>{''.join(groups)}</ul>")
    site.jobs += [select_job, cons_job]


TEMPLATES = [
    _agenda_center,
    _school_library,
    _year_accordion,
    _download_headings,
    _board_portal,
    _nested_lists,
]
PLACES = ["Millbrook", "Cedar Falls", "Ashford", "Riverton", "Oak Hollow", "Fairview", "Granite Bay", "Westfield",
          "Lakeside", "Pine Ridge", "Brookhaven", "Hillsdale", "Stonebridge", "Maple Grove", "Harbor Point",
          "Elm Creek", "Red Bank", "Silver Lake"]  # fmt: skip


def build_sites() -> list[Site]:
    """Every decoy site, deterministic: three instances of each template."""
    sites = []
    for t, build in enumerate(TEMPLATES):
        for i in range(3):
            rng = random.Random(f"decoys-{t}-{i}")
            place = PLACES[t * 3 + i]
            site = Site(f"{build.__name__.strip('_').replace('_', '-')}-{i}", t, i)
            suffix = " School District" if t in (1, 4) else ""
            build(site, rng, place + suffix, 2018 + rng.randrange(7))
            sites.append(site)
    return sites
