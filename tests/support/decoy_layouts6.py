"""Page layouts of part 6's decoy sites: how common public-sector document systems list files.

Each layout names a document's URL the way its system does (``url``) and renders documents as
its pages do (``render``): a legislative-management meeting grid (Name | Meeting Date | ... |
Agenda | Minutes | Video), an agenda centre with collapsible year headings and "Agenda | Minutes |
Packet" per row, a board portal's accordion of year folders with files under meetings and agenda
items, a records repository's folder browser showing entry names only, a document library
(Name | Modified | Modified By, grouped by folder), a download manager's table ("Download (1.2
MB)"), resource cards ("View") and a paginated archive (``<time>``, ``<abbr>``, "PDF (245 KB)").
The body, year or category of a document sits where that system puts it: a column, a folder
row, a parent heading, the file name.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote

from tests.support.decoy_sites import MONTHS

_SHORT = [m[:3] for m in MONTHS]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MEETING_KINDS = ("Agenda", "Minutes", "Packet")


@dataclass
class Item:
    path: str
    title: str  # the title a clerk typed (title-based layouts show it)
    filename: str  # the uploaded file's name (file-name layouts show it)
    group: str  # body, folder or category
    day: date  # meeting date, or the date the file was posted
    size: int  # bytes
    kind: str = ""  # Agenda / Minutes / Packet: a meeting's document
    meeting: str = "Regular Meeting"
    note: str = ""  # the agenda item a board portal files a non-meeting document under


@dataclass
class Layout:
    name: str
    url: Callable[[str, random.Random, Item], str]
    render: Callable[[list[Item], random.Random], str]


def _href(path: str) -> str:
    return quote(path)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n // 1000} KB"


def _long(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def _abbr(group: str) -> str:
    words = [w for w in group.replace("&", " ").split() if w.lower() not in ("and", "the")]
    initials = "".join(w[0] if w[0].isupper() else w[0].lower() for w in words)
    return f"<abbr title='{group}'>{initials}</abbr>"


def _groups(items: list[Item]) -> list[str]:
    return list(dict.fromkeys(i.group for i in items))


def _meetings(items: list[Item]) -> list[tuple[tuple[date, str, str], list[Item]]]:
    """Items per meeting (day, group, meeting name), latest first."""
    out: dict[tuple[date, str, str], list[Item]] = {}
    for item in items:
        out.setdefault((item.day, item.group, item.meeting), []).append(item)
    return sorted(out.items(), key=lambda kv: kv[0], reverse=True)


def _related(items: list[Item]) -> str:
    plain = [i for i in items if not i.kind]
    if not plain:
        return ""
    links = "".join(f"<li><a href='{_href(i.path)}'>{i.title}</a></li>" for i in plain)
    return f"<h2>Related Documents</h2><ul class='related'>{links}</ul>"


# -- a legislative-management meeting grid ---------------------------------------------------------


def _legistar_url(site: str, rng: random.Random, item: Item) -> str:
    code = {"Agenda": "A", "Minutes": "M"}.get(item.kind, "L")
    return f"/{site}/View.ashx/{code}/{rng.randrange(100_000, 999_999)}/{rng.getrandbits(64):016X}.pdf"


def _legistar(items: list[Item], rng: random.Random) -> str:
    rows = []
    for (day, group, meeting), docs in _meetings([i for i in items if i.kind]):
        by_kind = {d.kind: d for d in docs}
        cells = "".join(
            f"<td><a href='{_href(by_kind[k].path)}'>{k}</a></td>"
            if k in by_kind
            else "<td>Not available</td>"
            for k in ("Agenda", "Minutes")
        )
        name = group if meeting == "Regular Meeting" else f"{group} - {meeting}"
        video = (
            f"<a href='Video.aspx?ID={rng.randrange(1000, 9999)}'>Video</a>"
            if rng.random() < 0.6
            else "Not available"
        )
        rows.append(
            f"<tr><td><a href='DepartmentDetail.aspx?ID={len(group)}'>{name}</a></td><td>{day.month}/{day.day}/{day.year}</td>"
            f"<td>{rng.choice(['9:00 AM', '1:30 PM', '6:00 PM'])}</td><td>Board Chambers</td>"
            f"<td><a href='MeetingDetail.aspx?ID={rng.randrange(100_000, 999_999)}'>Meeting details</a></td>{cells}<td>{video}</td></tr>"
        )  # fmt: skip
    years = sorted({i.day.year for i in items}, reverse=True)
    options = "".join(f"<option>{y}</option>" for y in years)
    return (
        f"<form><select name='year'><option>All Years</option>{options}</select>"
        "<select name='body'><option>All Departments</option></select><button>Search Calendar</button></form>"
        "<table class='rgMasterTable'><thead><tr><th>Name</th><th>Meeting Date</th><th>Meeting Time</th>"
        "<th>Meeting Location</th><th>Meeting Details</th><th>Agenda</th><th>Minutes</th><th>Video</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{_related(items)}"
    )


# -- an agenda centre: collapsible year headings, a table per body, "Agenda | Minutes | Packet" ------


def _agenda_center_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/AgendaCenter/ViewFile/{item.kind or 'Document'}/_{item.day:%m%d%Y}-{rng.randrange(100, 2999)}.pdf"


def _agenda_center(items: list[Item], rng: random.Random) -> str:
    meetings = _meetings([i for i in items if i.kind])
    out = []
    for n, year in enumerate(sorted({k[0].year for k, _ in meetings}, reverse=True)):
        bodies = []
        for group in _groups([i for i in items if i.kind]):
            rows = []
            for (day, g, meeting), docs in meetings:
                if g != group or day.year != year:
                    continue
                by_kind = {d.kind: d for d in docs}
                links = " | ".join(
                    f"<a href='{_href(by_kind[k].path)}'>{k}</a>" for k in MEETING_KINDS if k in by_kind
                )
                posted = day - timedelta(days=rng.randrange(2, 7))
                rows.append(
                    f"<tr class='catAgendaRow'><td><h3><strong><abbr title='{MONTHS[day.month - 1]}'>{_SHORT[day.month - 1]}</abbr> "
                    f"{day.day}, {day.year}</strong> &mdash; Posted {_SHORT[posted.month - 1]} {posted.day}, {posted.year}</h3>"
                    f"<p>{meeting}</p></td><td class='files'>{links}</td></tr>"
                )  # fmt: skip
            if rows:
                bodies.append(f"<div class='listing'><h2>{group}</h2><table>{''.join(rows)}</table></div>")
        shown = "" if n == 0 else " style='display:none'"
        out.append(
            f"<div class='year'><h2><button aria-expanded='{str(n == 0).lower()}' aria-controls='y{year}'>{year}</button>"
            f"</h2><div id='y{year}'{shown}>{''.join(bodies)}</div></div>"
        )
    return "<h1>Agenda Center</h1>" + "".join(out) + _related(items)


# -- a board portal: year folders, meetings, files under the meeting or one of its agenda items -----


def _boarddocs_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/Board.nsf/files/{rng.getrandbits(48):012X}/$file/{item.filename}"


def _boarddocs(items: list[Item], rng: random.Random) -> str:
    meetings = _meetings(items)
    folders = []
    for n, year in enumerate(sorted({k[0].year for k, _ in meetings}, reverse=True)):
        entries = []
        for (day, group, meeting), docs in meetings:
            if day.year != year:
                continue
            files = []
            for d in sorted(docs, key=lambda d: (d.note or "", d.kind)):
                label = (
                    f"<span class='item'>{d.note}</span>"
                    if d.note
                    else f"<span class='label'>{d.kind}:</span>"
                )
                files.append(
                    f"<li>{label} <a class='public-file' href='{_href(d.path)}'>{d.filename}</a></li>"
                )
            entries.append(
                f"<div class='meeting'><a class='meeting-link' href='#'><strong>{_SHORT[day.month - 1]} {day.day}, {day.year} "
                f"({_WEEKDAYS[day.weekday()]})</strong><div class='meeting-name'>{group} {meeting}</div></a>"
                f"<ul class='files'>{''.join(files)}</ul></div>"
            )  # fmt: skip
        state = "open" if n == 0 else "closed"
        folders.append(
            f"<section class='folder {state}'><a class='folder-title' role='button' href='#'>{year}</a>"
            f"<div class='folder-content'>{''.join(entries)}</div></section>"
        )
    return "<div id='meetings-tab'><h1>Meetings</h1>" + "".join(folders) + "</div>"


# -- a records repository's folder browser: entry names only -------------------------------------


def _weblink_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/WebLink/0/edoc/{rng.randrange(100_000, 999_999)}/{item.filename}"


def _weblink(items: list[Item], rng: random.Random) -> str:
    oldest = min(i.day.year for i in items)
    folders = "".join(
        f"<tr><td><img src='/WebLink/img/folder.png' alt='Folder'> <a href='Browse.aspx?id={rng.randrange(1000, 9999)}&amp;dbid=0'>"
        f"{y}</a></td><td></td><td></td><td></td><td></td></tr>"
        for y in range(oldest - 1, oldest - 4, -1)
    )  # fmt: skip
    rows = []
    for i in sorted(items, key=lambda i: i.filename.lower()):
        modified = i.day + timedelta(days=rng.randrange(1, 40) if i.kind else 0)
        rows.append(
            f"<tr><td><img src='/WebLink/img/pdf.png' alt='Document'> <a href='{_href(i.path)}?dbid=0'>{i.filename.rsplit('.', 1)[0]}</a></td>"
            f"<td>{rng.randrange(1, 60)}</td><td>{i.kind or 'General'}</td><td>{i.group}</td>"
            f"<td>{modified.month}/{modified.day}/{modified.year} {rng.randrange(1, 12)}:{rng.randrange(60):02d}:00 PM</td></tr>"
        )  # fmt: skip
    return (
        "<ol class='breadcrumb'><li><a href='Browse.aspx?dbid=0'>Repository</a></li><li><a href='#'>Public</a></li>"
        "<li>Board Records</li></ol><table class='browser'><thead><tr><th>Name</th><th>Page count</th>"
        f"<th>Template name</th><th>Board</th><th>Modified</th></tr></thead><tbody>{folders}{''.join(rows)}</tbody></table>"
    )


# -- a document library: Name | Modified | Modified By, grouped by folder ---------------------------


def _sharepoint_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/sites/Public/Shared Documents/{item.group}/{item.filename}"


def _sharepoint(items: list[Item], rng: random.Random) -> str:
    people = ["Clerk Office", "Maria Gonzalez", "J. Nguyen", "Records Admin", "Tom Becker"]
    out = []
    for group in _groups(items):
        inside = sorted((i for i in items if i.group == group), key=lambda i: i.filename.lower())
        out.append(
            f"<tr class='ms-gb'><td colspan='4'><a href='#'>Folder : {group}</a> ({len(inside)})</td></tr>"
        )
        for i in inside:
            modified = i.day + timedelta(days=rng.randrange(1, 30) if i.kind else 0)
            out.append(
                f"<tr><td><img src='/_layouts/15/images/icpdf.png' alt='pdf File'></td><td><a href='{_href(i.path)}'>{i.filename}</a>"
                f"</td><td>{_long(modified)}</td><td>{rng.choice(people)}</td></tr>"
            )  # fmt: skip
    return (
        "<div class='ms-listviewtable'><table><thead><tr><th>Type</th><th>Name</th><th>Modified</th><th>Modified By</th></tr>"
        f"</thead><tbody>{''.join(out)}</tbody></table></div>"
    )


# -- a download manager's table ------------------------------------------------------------------


def _wp_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/wp-content/uploads/{item.day:%Y/%m}/{item.filename}"


def _wp_downloads(items: list[Item], rng: random.Random) -> str:
    rows = "".join(
        f"<tr><td>{i.title}</td><td>{i.group}</td><td><time datetime='{i.day.isoformat()}'>{_long(i.day)}</time></td>"
        f"<td><a class='download-link' href='{_href(i.path)}'>Download</a> <span class='size'>({_size(i.size)})</span></td></tr>"
        for i in sorted(items, key=lambda i: (i.day, i.title), reverse=True)
    )  # fmt: skip
    return (
        "<table class='dlm-downloads'><thead><tr><th>Title</th><th>Category</th><th>Date</th><th></th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


# -- resource cards ------------------------------------------------------------------------------


def _cards_url(site: str, rng: random.Random, item: Item) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"/{site}/fs/resource-manager/view/{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}.pdf"


def _cards(items: list[Item], rng: random.Random) -> str:
    tabs = "".join(f"<li><a href='?category={quote(g)}'>{g}</a></li>" for g in _groups(items))
    cards = "".join(
        f"<article class='fsResource'><a class='fsThumb' href='{_href(i.path)}'><img src='/fs/thumb/{rng.randrange(10**6)}.jpg' alt=''></a>"
        f"<div class='fsBody'><span class='fsCategory'>{i.group}</span><h3 class='fsTitle'>{i.title}</h3>"
        f"<a class='fsResourceLink' href='{_href(i.path)}' target='_blank'>View</a></div></article>"
        for i in items
    )  # fmt: skip
    return f"<ul class='fsFilters'><li><a href='?category=all'>All</a></li>{tabs}</ul><div class='fsGrid'>{cards}</div>"


# -- a paginated archive --------------------------------------------------------------------------


def _archive_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/home/showpublisheddocument/{rng.randrange(1000, 40000)}/{636_800_000_000_000_000 + rng.getrandbits(50)}.pdf"


def _archive(items: list[Item], rng: random.Random) -> str:
    entries = "".join(
        f"<li class='archive-item'><time datetime='{i.day.isoformat()}'>{_SHORT[i.day.month - 1]} {i.day.day}, {i.day.year}</time> "
        f"<span class='category'>{_abbr(i.group) if i.kind else i.group}</span><h3>{i.title}</h3>"
        f"<a href='{_href(i.path)}'>PDF</a> <span class='size'>({_size(i.size)})</span></li>"
        for i in sorted(items, key=lambda i: (i.day, i.title), reverse=True)
    )  # fmt: skip
    total = len(items) + rng.randrange(20, 80)
    pages = -(-total // len(items))
    nav = "".join(f"<a href='?page={p}'>{p}</a> " for p in range(2, pages + 1))
    return (
        f"<p class='results'>Showing 1-{len(items)} of {total} results</p><ul class='archive'>{entries}</ul>"
        f"<nav class='pagination'><span>Page 1 of {pages}</span> {nav}<a href='?page=2' rel='next'>Next &rsaquo;</a></nav>"
    )


LEGISTAR = Layout("legistar", _legistar_url, _legistar)
AGENDA_CENTER = Layout("agenda-center", _agenda_center_url, _agenda_center)
BOARDDOCS = Layout("boarddocs", _boarddocs_url, _boarddocs)
WEBLINK = Layout("weblink", _weblink_url, _weblink)
SHAREPOINT = Layout("sharepoint", _sharepoint_url, _sharepoint)
WP_DOWNLOADS = Layout("wp-downloads", _wp_url, _wp_downloads)
CARDS = Layout("cards", _cards_url, _cards)
ARCHIVE = Layout("archive", _archive_url, _archive)
