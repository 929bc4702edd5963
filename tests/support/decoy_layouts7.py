"""Page layouts of part 7's decoy sites: eight more document systems, none of part 6's.

Each layout names a document's URL the way its system does (``url``) and renders documents as
its pages do (``render``), with the ``Item``/``Layout`` records of part 6:

- ``ESCRIBE``: a meeting-portal list, one block per meeting (body - meeting name as a link to the
  meeting page, "Wednesday, March 05, 2025 @ 9:30 AM", location) with "Agenda (PDF)", "Agenda
  Package (PDF)" and "Minutes (PDF)" links served by a file stream (``FileStream.ashx/<id>.pdf``);
- ``ARCHIVE_CENTER``: an archive module, one list per category ("Board of Retirement Agendas"),
  every entry's link text only what the clerk typed: "03/12/24", "March 2024", "Mar 12 Regular";
- ``DRUPAL_TABLE``: a views table (Title | Document Type | Committee | Date) with exposed
  filters and a pager, files under ``sites/default/files/<yyyy-mm>/`` with sanitised names;
- ``ICON_GRID``: a meeting table (Meeting | Date | Agenda | Packet | Minutes) whose links are
  icons only (a generic "Download" tooltip, the kind only in the column header), files in a blob
  store named ``MEET-<Kind>-<hash>.pdf``; other documents in a table of icon links beside names;
- ``WP_TOGGLE``: a page builder's toggles, a heading per body or category and a toggle per year;
  meetings as "March 12 (Regular): Agenda | Minutes", other entries by title;
- ``FILE_LIST``: plain lists of links whose text is the uploaded file name, under category
  headings, "(PDF, 1.2 MB)" after each;
- ``PRIMEGOV``: a meetings table with a year selector (Meeting | Date | Time | Documents), the
  documents cell a list of "Agenda", "Agenda Packet", "Minutes" links to compiled outputs;
- ``SQUARESPACE``: site-builder blocks, a heading and a short line per entry and a "VIEW PDF" /
  "DOWNLOAD" button; meetings as a heading naming the body and date with "AGENDA" / "MINUTES"
  buttons; files under ``/s/<file name>``.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from urllib.parse import quote

from tests.support.decoy_layouts6 import Item, Layout
from tests.support.decoy_sites import MONTHS

__all__ = [
    "ARCHIVE_CENTER",
    "DRUPAL_TABLE",
    "ESCRIBE",
    "FILE_LIST",
    "ICON_GRID",
    "PRIMEGOV",
    "SQUARESPACE",
    "WP_TOGGLE",
    "Item",
    "Layout",
]

_SHORT = [m[:3] for m in MONTHS]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_KIND_LABEL = {"Agenda": "Agenda", "Packet": "Agenda Packet", "Minutes": "Minutes"}


def _href(path: str) -> str:
    return quote(path)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n // 1000} KB"


def _groups(items: list[Item]) -> list[str]:
    return list(dict.fromkeys(i.group for i in items))


def _by_meeting(items: list[Item]) -> list[tuple[tuple[date, str, str], dict[str, Item]]]:
    """Meeting items per meeting (day, body, meeting name) -> {kind: item}, latest first."""
    out: dict[tuple[date, str, str], dict[str, Item]] = {}
    for item in items:
        if item.kind:
            out.setdefault((item.day, item.group, item.meeting), {})[item.kind] = item
    return sorted(out.items(), key=lambda kv: kv[0], reverse=True)


def _present(docs: dict[str, Item]) -> list[tuple[str, Item]]:
    """A meeting's documents in the order portals list them: agenda, packet, minutes."""
    return [(k, docs[k]) for k in ("Agenda", "Packet", "Minutes") if k in docs]


def _plain(items: list[Item]) -> list[Item]:
    return sorted((i for i in items if not i.kind), key=lambda i: (i.day, i.title), reverse=True)


def _time(rng: random.Random) -> str:
    return rng.choice(["9:00 AM", "9:30 AM", "1:30 PM", "5:30 PM", "6:00 PM"])


# -- a meeting portal's list (eScribe style) ------------------------------------------------------


def _escribe_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/FileStream.ashx/{rng.randrange(10_000, 99_999)}.pdf"


def _escribe(items: list[Item], rng: random.Random) -> str:
    blocks = []
    for (day, group, meeting), docs in _by_meeting(items):
        links = "".join(
            f"<div class='resource'><a href='{_href(d.path)}?DocumentId={rng.randrange(10**4, 10**5)}'>"
            f"<img src='/Images/pdf.svg' alt='PDF'> {'Agenda Package' if k == 'Packet' else k} (PDF)</a></div>"
            for k, d in _present(docs)
        )
        guid = f"{rng.getrandbits(128):032x}"
        blocks.append(
            f"<div class='calendar-item'><div class='meeting-title'><h3><a href='Meeting.aspx?Id={guid}&amp;lang=English'>"
            f"{group} - {meeting}</a></h3></div><div class='meeting-date'>{_WEEKDAYS[day.weekday()]}, "
            f"{MONTHS[day.month - 1]} {day.day:02d}, {day.year} @ {_time(rng)}</div>"
            f"<div class='meeting-location'>Board Room</div><div class='resource-list'>{links}</div></div>"
        )  # fmt: skip
    others = "".join(
        f"<li><a href='{_href(i.path)}'>{i.title}</a> <span class='posted'>{_SHORT[i.day.month - 1]} {i.day.day}, {i.day.year}</span></li>"
        for i in _plain(items)
    )  # fmt: skip
    tabs = "<ul class='tabs'><li class='active'>Upcoming Meetings</li><li>Previous Meetings</li></ul>"
    extra = f"<h2>Other Documents</h2><ul class='other-docs'>{others}</ul>" if others else ""
    return f"{tabs}<div class='meeting-list'>{''.join(blocks)}</div>{extra}"


# -- an archive module: a list per category, link text as the clerk typed it -----------------------


def _archive_center_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/ArchiveCenter/ViewFile/Item/{rng.randrange(100, 9999)}.pdf"


def _clerk_name(item: Item, style: int) -> str:
    d = item.day
    return [
        f"{d:%m/%d/%y}",
        f"{MONTHS[d.month - 1]} {d.year}",
        f"{_SHORT[d.month - 1]} {d.day} {item.meeting.split()[0]}",
        f"{d.month}-{d.day}-{d.year} {item.kind}",
    ][style]


def _archive_center(items: list[Item], rng: random.Random) -> str:
    style = rng.randrange(4)
    cats: dict[str, list[Item]] = {}
    for i in sorted(items, key=lambda i: i.day, reverse=True):
        plural = {"Agenda": "Agendas", "Packet": "Agenda Packets", "Minutes": "Minutes"}
        cats.setdefault(f"{i.group} {plural[i.kind]}" if i.kind else i.group, []).append(i)
    options = "".join(f"<option value='{n}'>{c}</option>" for n, c in enumerate(cats, start=10))
    lists = []
    for n, (cat, inside) in enumerate(cats.items(), start=10):
        rows = "".join(
            f"<li><a href='{_href(i.path)}'>{_clerk_name(i, style) if i.kind else i.title}</a></li>"
            for i in inside
        )
        lists.append(
            f"<div class='archive' id='ADID{n}'><h2 class='archiveTitle'>{cat}</h2><ul class='archiveItems'>{rows}</ul></div>"
        )
    return (
        "<h1>Archive Center</h1><form><label for='ADID'>View Archived Items</label>"
        f"<select id='ADID'><option>All Archives</option>{options}</select></form>{''.join(lists)}"
    )


# -- a views table (Drupal style) ----------------------------------------------------------------


def _drupal_name(filename: str) -> str:
    stem, _, ext = filename.rpartition(".")
    return re.sub(r"[^a-z0-9_.-]+", "_", stem.lower()).strip("_") + "." + ext.lower()


def _drupal_url(site: str, rng: random.Random, item: Item) -> str:
    posted = item.day + timedelta(days=rng.randrange(0, 20) if item.kind else 0)
    return f"/{site}/sites/default/files/{posted:%Y-%m}/{_drupal_name(item.filename)}"


def _drupal_row(n: int, i: Item) -> str:
    return (
        f"<tr class='{'odd' if n % 2 else 'even'}'><td class='views-field views-field-title'><a href='{_href(i.path)}'>{i.title}</a></td>"
        f"<td class='views-field-field-document-type'>{i.kind or 'Document'}</td><td class='views-field-field-committee'>{i.group}</td>"
        f"<td class='views-field-field-date'>{i.day.month}/{i.day.day}/{i.day.year}</td></tr>"
    )  # fmt: skip


def _drupal_table(items: list[Item], rng: random.Random) -> str:
    """Newest first, as the view's default sort on the date column."""
    newest = sorted(items, key=lambda i: (i.day, i.title), reverse=True)
    rows = "".join(_drupal_row(n, i) for n, i in enumerate(newest))
    groups = "".join(f"<option>{g}</option>" for g in _groups(items))
    return (
        "<form class='views-exposed-form'><label>Committee</label><select name='committee'><option>- Any -</option>"
        f"{groups}</select><label>Keywords</label><input name='combine'><button>Apply</button></form>"
        "<table class='views-table cols-4'><thead><tr><th><a href='?order=title&amp;sort=asc'>Title</a></th>"
        "<th>Document Type</th><th>Committee</th><th class='active'><a href='?order=field_date&amp;sort=asc'>Date</a></th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
        "<nav class='pager'><ul><li class='pager-current'>1</li><li><a href='?page=1'>2</a></li>"
        "<li><a href='?page=1'>next &rsaquo;</a></li><li><a href='?page=3'>last &raquo;</a></li></ul></nav>"
    )


# -- a meeting table of icon-only links (Municode-meetings style) ---------------------------------


def _icon_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/blob/pubu/MEET-{item.kind or 'Doc'}-{rng.getrandbits(128):032x}.pdf"


def _icon(path: str, rng: random.Random) -> str:
    title = rng.choice(["Download", "Download", "View PDF"])
    return f"<a href='{_href(path)}' title='{title}' target='_blank'><span class='fa fa-file-pdf-o' aria-hidden='true'></span></a>"


def _icon_grid(items: list[Item], rng: random.Random) -> str:
    kinds = [k for k in ("Agenda", "Packet", "Minutes") if any(i.kind == k for i in items)]
    rows = []
    for (day, group, meeting), docs in _by_meeting(items):
        cells = "".join(f"<td>{_icon(docs[k].path, rng) if k in docs else ''}</td>" for k in kinds)
        rows.append(
            f"<tr><td class='meeting-name'>{group}<br><small>{meeting}</small></td>"
            f"<td>{_SHORT[day.month - 1]} {day.day}, {day.year} {_time(rng)}</td>{cells}</tr>"
        )
    head = "".join(f"<th>{_KIND_LABEL[k]}</th>" for k in kinds)
    table = (
        f"<table class='table meetings'><thead><tr><th>Meeting</th><th>Date</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        if rows
        else ""
    )
    plain = "".join(
        f"<tr><td>{i.title}</td><td>{i.group}</td><td>{_icon(i.path, rng)}</td></tr>" for i in _plain(items)
    )
    others = (
        f"<h2>Documents</h2><table class='table docs'><thead><tr><th>Name</th><th>Category</th><th></th></tr></thead>"
        f"<tbody>{plain}</tbody></table>"
        if plain
        else ""
    )
    return table + others


# -- a page builder's toggles per year (WordPress style) ------------------------------------------


def _wp_toggle_url(site: str, rng: random.Random, item: Item) -> str:
    name = item.filename.replace(" ", "-")
    return f"/{site}/wp-content/uploads/sites/{rng.randrange(2, 9)}/{item.day:%Y/%m}/{name}"


def _wp_toggle(items: list[Item], rng: random.Random) -> str:
    out = []
    for group in _groups(items):
        inside = [i for i in items if i.group == group]
        out.append(f"<h2 class='elementor-heading-title'>{group}</h2><div class='elementor-toggle'>")
        for n, year in enumerate(sorted({i.day.year for i in inside}, reverse=True)):
            entries = []
            for (day, _, meeting), docs in _by_meeting([i for i in inside if i.day.year == year]):
                links = " | ".join(
                    f"<a href='{_href(d.path)}'>{_KIND_LABEL[k]}</a>" for k, d in _present(docs)
                )
                entries.append(f"<li>{MONTHS[day.month - 1]} {day.day} ({meeting.split()[0]}): {links}</li>")
            for i in _plain([i for i in inside if i.day.year == year]):
                entries.append(f"<li><a href='{_href(i.path)}'>{i.title}</a></li>")
            hidden = "" if n == 0 else " hidden"
            out.append(
                f"<div class='elementor-toggle-item'><div class='elementor-tab-title' role='button' aria-expanded='{str(n == 0).lower()}'>"
                f"<span class='elementor-toggle-icon'></span>{year}</div><div class='elementor-tab-content'{hidden}><ul>{''.join(entries)}</ul></div></div>"
            )  # fmt: skip
        out.append("</div>")
    return "".join(out)


# -- plain lists of file names under category headings --------------------------------------------


def _file_list_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/Files/{item.filename}"


def _file_list(items: list[Item], rng: random.Random) -> str:
    out = []
    for group in _groups(items):
        inside = sorted(
            (i for i in items if i.group == group), key=lambda i: i.filename.lower(), reverse=True
        )
        links = "".join(
            f"<li><a href='{_href(i.path)}'>{i.path.rsplit('/', 1)[1]}</a> <span class='meta'>(PDF, {_size(i.size)})</span></li>"
            for i in inside
        )
        out.append(f"<h3>{group}</h3><ul class='file-list'>{links}</ul>")
    return "".join(out)


# -- a meetings table with compiled outputs (PrimeGov style) --------------------------------------


def _primegov_url(site: str, rng: random.Random, item: Item) -> str:
    if item.kind:
        return f"/{site}/api/compilemeetingdocument/CompileOutputFile/{rng.randrange(1000, 60000)}.pdf"
    return f"/{site}/api/publicdocument/{rng.randrange(1000, 60000)}.pdf"


def _primegov(items: list[Item], rng: random.Random) -> str:
    meetings = _by_meeting(items)
    years = sorted({k[0].year for k, _ in meetings}, reverse=True)
    rows = []
    for (day, group, meeting), docs in meetings:
        links = "".join(
            f"<li><a class='document' href='{_href(d.path)}'>{_KIND_LABEL[k]}</a></li>"
            for k, d in _present(docs)
        )
        rows.append(
            f"<tr><td>{group} - {meeting}</td><td>{_WEEKDAYS[day.weekday()]}, {MONTHS[day.month - 1]} {day.day}, {day.year}</td>"
            f"<td>{_time(rng)}</td><td><ul class='documents'>{links}</ul></td></tr>"
        )  # fmt: skip
    options = "".join(f"<option>{y}</option>" for y in years)
    table = (
        f"<div class='archived'><h2>Archived Meetings</h2><select id='year'>{options}</select>"
        "<table class='k-grid'><thead><tr><th>Meeting</th><th>Date</th><th>Time</th><th>Documents</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
        if rows
        else ""
    )
    plain = "".join(
        f"<li><a href='{_href(i.path)}'>{i.title}</a> &middot; {i.group}</li>" for i in _plain(items)
    )
    return table + (f"<h2>Public Documents</h2><ul>{plain}</ul>" if plain else "")


# -- site-builder blocks with buttons (Squarespace style) -----------------------------------------


def _squarespace_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/s/{item.filename.replace(' ', '+')}"


def _sqs_button(path: str, label: str) -> str:
    return f"<a class='sqs-block-button-element' href='{_href(path)}'>{label}</a>"


def _squarespace(items: list[Item], rng: random.Random) -> str:
    """A block per meeting (its buttons), then one per other document (its button)."""
    meetings = [
        f"<div class='sqs-block html-block'><h3>{group} {meeting} &mdash; {_SHORT[day.month - 1]}. {day.day}, {day.year}</h3>"
        f"<p>{' '.join(_sqs_button(d.path, _KIND_LABEL[k].upper()) for k, d in _present(docs))}</p></div>"
        for (day, group, meeting), docs in _by_meeting(items)
    ]  # fmt: skip
    others = [
        f"<div class='sqs-block html-block'><h3>{i.title}</h3><p>{i.group} &middot; Posted {MONTHS[i.day.month - 1]} {i.day.year}</p>"
        f"<p>{_sqs_button(i.path, rng.choice(['VIEW PDF', 'DOWNLOAD', 'READ']))}</p></div>"
        for i in _plain(items)
    ]  # fmt: skip
    return f"<div class='sqs-layout'>{''.join(meetings + others)}</div>"


ESCRIBE, ARCHIVE_CENTER, DRUPAL_TABLE, ICON_GRID, WP_TOGGLE, FILE_LIST, PRIMEGOV, SQUARESPACE = (
    Layout(name, url, render)
    for name, url, render in [
        ("escribe", _escribe_url, _escribe),
        ("archive-center", _archive_center_url, _archive_center),
        ("drupal-table", _drupal_url, _drupal_table),
        ("icon-grid", _icon_url, _icon_grid),
        ("wp-toggle", _wp_toggle_url, _wp_toggle),
        ("file-list", _file_list_url, _file_list),
        ("primegov", _primegov_url, _primegov),
        ("squarespace", _squarespace_url, _squarespace),
    ]
)
