"""Page layouts of part 8's decoy sites: five more ways small public bodies list their files.

Each layout names a document's URL the way its site does (``url``) and renders documents as its
pages do (``render``), with the ``Item``/``Layout`` records of part 6; every layout lists both
meeting documents (``Item.kind`` set) and other documents:

- ``YEAR_TABLES``: a heading per body, a sub-heading per year and a table (Meeting Date | Type |
  Agenda | Packet | Minutes) whose cells are "PDF" links; files under ``/documents/<group>/``
  with the clerk's file names (``2024-03-12_BOE_Minutes_APPROVED.pdf``); other documents as a
  list of titles followed by "(PDF)";
- ``DOWNLOAD_HEADINGS``: a heading per meeting ("Board of Education Regular Meeting - March
  12, 2024") with "Agenda: Download" lines under it; other documents as a heading (the title)
  and a "Download" link; files stored under opaque asset ids;
- ``ACCORDION``: an accordion per body or category, a year heading inside, links whose text is
  what the clerk typed ("03-12-2024 Agenda", "Minutes 3.12.24"); a document-centre URL with an
  id and the file name;
- ``DATED_LIST``: a list per category, each entry a date outside the link and a link whose text
  names the body and the kind ("Library Board Minutes") but not the date; files under
  ``wp-content/uploads/<yyyy>/<mm>/``;
- ``DOC_TABLE``: a table per category (Document | Updated | File) whose file cell is a "PDF"
  icon link with a title attribute holding the file name; files under ``/media/<id>/``.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from tests.support.decoy_layouts6 import Item, Layout, _groups, _href, _long, _size
from tests.support.decoy_layouts7 import _by_meeting, _plain
from tests.support.decoy_sites import MONTHS

__all__ = ["ACCORDION", "DATED_LIST", "DOC_TABLE", "DOWNLOAD_HEADINGS", "YEAR_TABLES", "Item", "Layout"]

_KIND = {"Agenda": "Agenda", "Packet": "Agenda Packet", "Minutes": "Minutes"}


def _sections(items: list[Item], start: str, entry: Callable[[str, Item], str], end: str) -> str:
    """A heading per group (in the order groups first appear), its entries newest first."""
    return "".join(
        f"<h2>{g}</h2>{start}"
        + "".join(entry(g, i) for i in sorted((i for i in items if i.group == g), key=lambda i: (i.day, i.title), reverse=True))
        + end
        for g in _groups(items)
    )


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text).strip("-")


# -- a table per body and year, "PDF" cells ---------------------------------------------------------


def _year_tables_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/documents/{_slug(item.group).lower()}/{item.filename}"


def _year_tables(items: list[Item], rng: random.Random) -> str:
    out = []
    for group in _groups(items):
        inside = [i for i in items if i.group == group]
        meetings = _by_meeting(inside)
        if meetings:
            out.append(f"<h2>{group}</h2>")
            kinds = [k for k in ("Agenda", "Packet", "Minutes") if any(k in d for _, d in meetings)]
            head = "".join(f"<th>{_KIND[k]}</th>" for k in kinds)
            for year in sorted({k[0].year for k, _ in meetings}, reverse=True):
                rows = "".join(
                    f"<tr><td>{day.month:02d}/{day.day:02d}/{day.year}</td><td>{meeting}</td>"
                    + "".join(
                        f"<td><a href='{_href(docs[k].path)}'>PDF</a></td>" if k in docs else "<td>&ndash;</td>"
                        for k in kinds
                    )
                    + "</tr>"
                    for (day, _, meeting), docs in meetings
                    if day.year == year
                )
                out.append(
                    f"<h3>{year}</h3><table class='meetings'><thead><tr><th>Meeting Date</th><th>Type</th>{head}</tr>"
                    f"</thead><tbody>{rows}</tbody></table>"
                )
        plain = _plain(inside)
        if plain:
            if not meetings:
                out.append(f"<h2>{group}</h2>")
            links = "".join(f"<li><a href='{_href(i.path)}'>{i.title}</a> (PDF)</li>" for i in plain)
            out.append(f"<ul class='documents'>{links}</ul>")
    return "".join(out)


# -- a heading per meeting or document, "Download" links ---------------------------------------------


def _download_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/files/assets/public/v/{rng.randrange(1, 4)}/{rng.getrandbits(48):012x}.pdf"


def _download_headings(items: list[Item], rng: random.Random) -> str:
    out = []
    for (day, group, meeting), docs in _by_meeting(items):
        lines = "".join(
            f"<p>{_KIND[k]}: <a href='{_href(docs[k].path)}'>Download</a></p>"
            for k in ("Agenda", "Packet", "Minutes")
            if k in docs
        )
        out.append(f"<div class='meeting'><h3>{group} {meeting} - {_long(day)}</h3>{lines}</div>")
    for i in _plain(items):
        out.append(
            f"<div class='document'><h3>{i.title}</h3><p class='posted'>Posted {_long(i.day)}</p>"
            f"<p><a class='btn' href='{_href(i.path)}'>Download</a> <span>(PDF, {_size(i.size)})</span></p></div>"
        )
    return "".join(out)


# -- an accordion per body, links as the clerk typed them ------------------------------------------


def _accordion_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/DocumentCenter/View/{rng.randrange(1000, 30000)}/{item.filename.replace(' ', '-')}"


def _clerk_text(item: Item, style: int) -> str:
    d, kind = item.day, _KIND[item.kind]
    return [
        f"{d:%m-%d-%Y} {kind}",
        f"{kind} {d.month}.{d.day}.{d:%y}",
        f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year} - {kind}",
    ][style] + ("" if item.meeting == "Regular Meeting" else f" ({item.meeting})")


def _accordion(items: list[Item], rng: random.Random) -> str:
    style = rng.randrange(3)
    out = []
    for n, group in enumerate(_groups(items)):
        inside = [i for i in items if i.group == group]
        body = []
        for year in sorted({i.day.year for i in inside}, reverse=True):
            entries = [
                f"<li><a href='{_href(i.path)}'>{_clerk_text(i, style)}</a></li>"
                for i in sorted((i for i in inside if i.kind and i.day.year == year), key=lambda i: i.day, reverse=True)
            ]
            entries += [f"<li><a href='{_href(i.path)}'>{i.title}</a></li>" for i in _plain(inside) if i.day.year == year]
            body.append(f"<h4>{year}</h4><ul>{''.join(entries)}</ul>")
        expanded = "true" if n == 0 else "false"
        out.append(
            f"<button class='accordion' aria-expanded='{expanded}'>{group}</button>"
            f"<div class='panel'>{''.join(body)}</div>"
        )
    return "".join(out)


# -- a dated list per category, the date outside the link -------------------------------------------


def _dated_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/wp-content/uploads/{item.day:%Y/%m}/{item.filename.replace(' ', '-')}"


def _dated_entry(group: str, i: Item) -> str:
    return (
        f"<li><span class='date'>{i.day.month}/{i.day.day}/{i.day.year}</span> "
        f"<a href='{_href(i.path)}'>{f'{group} {_KIND[i.kind]}' if i.kind else i.title}</a>"
        f"{'' if i.meeting == 'Regular Meeting' or not i.kind else ' - ' + i.meeting}</li>"
    )


def _dated_list(items: list[Item], rng: random.Random) -> str:
    return _sections(items, "<ul class='dated'>", _dated_entry, "</ul>")


# -- a table per category, "PDF" icon links with the file name as title -----------------------------


def _doc_table_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/media/{rng.randrange(100, 9000)}/{item.filename.replace(' ', '_')}"


def _doc_row(group: str, i: Item) -> str:
    return (
        f"<tr><td>{f'{_KIND[i.kind]} - {_long(i.day)}' if i.kind else i.title}</td>"
        f"<td>{i.day.month}/{i.day.day}/{i.day.year}</td>"
        f"<td><a href='{_href(i.path)}' title='{i.filename}'><img src='/img/pdf.svg' alt='PDF'></a></td></tr>"
    )


def _doc_table(items: list[Item], rng: random.Random) -> str:
    head = "<table class='docs'><thead><tr><th>Document</th><th>Updated</th><th>File</th></tr></thead><tbody>"
    return _sections(items, head, _doc_row, "</tbody></table>")


YEAR_TABLES, DOWNLOAD_HEADINGS, ACCORDION, DATED_LIST, DOC_TABLE = (
    Layout(name, url, render)
    for name, url, render in [
        ("year-tables", _year_tables_url, _year_tables),
        ("download-headings", _download_url, _download_headings),
        ("accordion", _accordion_url, _accordion),
        ("dated-list", _dated_url, _dated_list),
        ("doc-table", _doc_table_url, _doc_table),
    ]
)
