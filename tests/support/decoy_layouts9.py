"""Page layouts of part 9's decoy sites: six more ways public bodies list files, none of parts 6-8's.

Each layout names a document's URL the way its site does (``url``) and renders documents as its
pages do (``render``), with the ``Item``/``Layout`` records of part 6; every layout lists both
meeting documents (``Item.kind`` set) and other documents:

- ``DOC_CENTER``: a CMS document centre: a folder tree in a sidebar and a search-results list,
  each result a link (the clerk's title, "Agenda - March 12, 2024": no body), the folder path
  ("Documents › Board of Fire Commissioners › Agendas › 2024"), a snippet and the file type;
  files served by id (``/DocumentCenter/File/<id>.pdf``);
- ``EVENTS``: a calendar's event list, one event per meeting (a date badge, "Board of Fire
  Commissioners Regular Meeting", the date and place) with an "Attachments" list whose link text
  is the uploaded file's name; other documents as a "Related files" list of titles;
- ``TWO_COLUMN``: a heading per body and a two-column table "Agendas | Minutes" (and "Packets"
  when there are any) whose links are only the meeting's date ("03/12/2024"); other documents as
  a list of titles under their category;
- ``NEWS_POSTS``: announcement posts, newest first, each a headline, a "Posted" date and a line of
  prose linking the document inline ("The agenda is <a>available here</a>.", "read the <a>adopted
  plan</a>"): the link text alone rarely names the document;
- ``YEAR_MONTH``: an archive by year then month, a breadcrumb trail before every month
  ("Home › Government › Archive › 2024 › March"), entries as a day and a link naming the body and
  the kind but neither the month nor the year; files under ``/archive/<yyyy>/<mm>/``;
- ``BADGE_GRID``: a grid of cards, each card one link holding a "PDF" badge, the title, the
  category and date and the size; files under an opaque hash.
"""

from __future__ import annotations

import random

from tests.support.decoy_layouts6 import Item, Layout, _href, _long, _size
from tests.support.decoy_layouts7 import _by_meeting, _groups, _plain, _present
from tests.support.decoy_sites import MONTHS

__all__ = ["BADGE_GRID", "DOC_CENTER", "EVENTS", "NEWS_POSTS", "TWO_COLUMN", "YEAR_MONTH", "Item", "Layout"]

_KIND = {"Agenda": "Agenda", "Packet": "Agenda Packet", "Minutes": "Minutes"}
_PLURAL = {"Agenda": "Agendas", "Packet": "Packets", "Minutes": "Minutes"}
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _newest(items: list[Item]) -> list[Item]:
    return sorted(items, key=lambda i: (i.day, i.title), reverse=True)


# -- a document centre: folder tree and search results ---------------------------------------------


def _doc_center_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/DocumentCenter/File/{rng.randrange(2000, 60000)}.pdf"


def _folder(i: Item) -> str:
    return " &rsaquo; ".join(
        ["Documents", i.group, _PLURAL[i.kind], str(i.day.year)] if i.kind else ["Documents", i.group]
    )


def _doc_center(items: list[Item], rng: random.Random) -> str:
    tree = "".join(
        f"<li class='folder'><a href='?FID={rng.randrange(10, 400)}'>{g}</a></li>" for g in _groups(items)
    )
    results = "".join(
        f"<li class='result'><a class='title' href='{_href(i.path)}'>"
        f"{f'{_KIND[i.kind]} - {_long(i.day)}' if i.kind else i.title}</a>"
        f"<div class='folder-path'>{_folder(i)}</div>"
        f"<p class='snippet'>{i.meeting if i.kind else i.note.split(' ', 1)[-1]} &hellip;</p>"
        f"<span class='meta'>PDF &middot; {_size(i.size)} &middot; Modified {i.day.month}/{i.day.day}/{i.day.year}</span></li>"
        for i in _newest(items)
    )  # fmt: skip
    return (
        f"<aside class='dc-tree'><h2>Folders</h2><ul>{tree}</ul></aside>"
        "<section class='dc-results'><form class='dc-search'><input name='q' placeholder='Search documents'>"
        f"<button>Search</button></form><p class='count'>Showing {len(items)} documents</p>"
        f"<ol class='results'>{results}</ol></section>"
    )


# -- a calendar's event list, attachments per meeting ------------------------------------------------


def _events_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/calendar/event-attachments/{rng.randrange(100, 9999)}/{item.filename.replace(' ', '-')}"


def _events(items: list[Item], rng: random.Random) -> str:
    out = []
    place = rng.choice(["Administration Building, Board Room", "Station 1 Training Room", "Community Room"])
    for (day, group, meeting), docs in _by_meeting(items):
        attached = "".join(
            f"<li><a href='{_href(d.path)}'>{d.filename}</a> <span class='size'>({_size(d.size)})</span></li>"
            for _, d in _present(docs)
        )
        out.append(
            f"<article class='event'><div class='date-badge'><span class='mon'>{MONTHS[day.month - 1][:3].upper()}</span>"
            f"<span class='day'>{day.day}</span></div><h3 class='event-title'>{group} {meeting}</h3>"
            f"<p class='when'>{_WEEKDAYS[day.weekday()]}, {_long(day)} &middot; 6:00 PM</p><p class='where'>{place}</p>"
            f"<h4>Attachments</h4><ul class='attachments'>{attached}</ul>"
            "<a class='ics' href='#'>Add to my calendar</a></article>"
        )  # fmt: skip
    plain = _plain(items)
    if plain:
        links = "".join(
            f"<li><a href='{_href(i.path)}'>{i.title}</a> <small>{i.group}</small></li>" for i in plain
        )
        out.append(f"<h2>Related files</h2><ul class='related-files'>{links}</ul>")
    return "<div class='event-list'>" + "".join(out) + "</div>"


# -- a two-column table per body, date-only links ---------------------------------------------------


def _two_column_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/uploads/{item.filename.replace(' ', '-')}"


def _two_column(items: list[Item], rng: random.Random) -> str:
    style = rng.randrange(2)
    out = []
    for group in _groups(items):
        inside = [i for i in items if i.group == group]
        meetings = _by_meeting(inside)
        out.append(f"<h2>{group}</h2>")
        if meetings:
            kinds = [k for k in ("Agenda", "Packet", "Minutes") if any(k in d for _, d in meetings)]
            head = "".join(f"<th>{_PLURAL[k]}</th>" for k in kinds)
            rows = "".join(
                "<tr>"
                + "".join(
                    f"<td><a href='{_href(d[k].path)}'>"
                    f"{f'{day:%m/%d/%Y}' if style == 0 else _long(day)}"
                    f"{'' if meeting == 'Regular Meeting' else ' (special)'}</a></td>"
                    if k in d
                    else "<td></td>"
                    for k in kinds
                )
                + "</tr>"
                for (day, _, meeting), d in meetings
            )
            out.append(f"<table class='two-col'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        plain = _plain(inside)
        if plain:
            out.append(
                "<ul class='docs'>"
                + "".join(f"<li><a href='{_href(i.path)}'>{i.title}</a></li>" for i in plain)
                + "</ul>"
            )
    return "".join(out)


# -- announcement posts linking the document in prose ------------------------------------------------


def _news_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/sites/g/files/{rng.getrandbits(32):08x}/f/news/{item.filename.replace(' ', '_')}"


def _news_post(i: Item, n: int) -> tuple[str, str]:
    """(headline, prose) of the post announcing ``i``."""
    a = f"<a href='{_href(i.path)}'>"
    if i.kind == "Agenda":
        return (
            f"{i.group} {i.meeting} - {_long(i.day)}",
            [f"The agenda for this meeting is {a}available here</a>.", f"{a}View the agenda</a> (PDF)."][
                n % 2
            ],
        )
    if i.kind == "Packet":
        return (f"Meeting materials: {i.group}, {_long(i.day)}", f"The full {a}agenda packet</a> is posted.")
    if i.kind == "Minutes":
        return (
            f"Minutes posted: {i.group}",
            [
                f"Minutes of the {_long(i.day)} {i.meeting.lower()} of the {i.group} are now {a}online</a>.",
                f"Read the {a}minutes</a> of the {i.group} meeting held {_long(i.day)}.",
            ][n % 2],
        )
    return (
        i.title,
        [
            f"The {i.group} page has a new document: {a}{i.title}</a>.",
            f"{a}Click here</a> to read it (PDF, {_size(i.size)}).",
            f"Residents can {a}download the document</a> from this post.",
        ][n % 3],
    )


def _news_posts(items: list[Item], rng: random.Random) -> str:
    posts = []
    for n, i in enumerate(_newest(items)):
        headline, prose = _news_post(i, n + rng.randrange(3))
        posts.append(
            f"<article class='post'><h3>{headline}</h3><p class='byline'>Posted "
            f"<time datetime='{i.day.isoformat()}'>{_long(i.day)}</time> in {i.group}</p><p>{prose}</p></article>"
        )
    return "<section class='news'><h2>News &amp; Announcements</h2>" + "".join(posts) + "</section>"


# -- an archive by year and month, breadcrumb trails -------------------------------------------------


def _year_month_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/archive/{item.day:%Y/%m}/{item.filename.replace(' ', '_')}"


def _year_month(items: list[Item], rng: random.Random) -> str:
    out = []
    for year in sorted({i.day.year for i in items}, reverse=True):
        out.append(f"<section class='year'><h2>{year}</h2>")
        for month in sorted({i.day.month for i in items if i.day.year == year}, reverse=True):
            mon = MONTHS[month - 1]
            crumbs = (
                f"<a href='/'>Home</a> &rsaquo; Government &rsaquo; Archive &rsaquo; {year} &rsaquo; {mon}"
            )
            entries = "".join(
                f"<li><span class='day'>{i.day.day}</span> <a href='{_href(i.path)}'>"
                f"{f'{i.group} {_KIND[i.kind]}' if i.kind else i.title}</a>"
                f"{'' if i.meeting == 'Regular Meeting' or not i.kind else ' (' + i.meeting + ')'}</li>"
                for i in _newest([i for i in items if (i.day.year, i.day.month) == (year, month)])
            )
            out.append(f"<nav class='breadcrumb'>{crumbs}</nav><h3>{mon}</h3><ul>{entries}</ul>")
        out.append("</section>")
    return "".join(out)


# -- a grid of whole-card links with file-type badges ------------------------------------------------


def _badge_url(site: str, rng: random.Random, item: Item) -> str:
    return f"/{site}/m/{rng.getrandbits(96):024x}.pdf"


def _badge_grid(items: list[Item], rng: random.Random) -> str:
    cards = "".join(
        f"<a class='card' href='{_href(i.path)}'><span class='badge badge-pdf'>PDF</span>"
        f"<span class='card-title'>{_KIND[i.kind] if i.kind else i.title}</span>"
        f"<span class='card-meta'>{i.group} &middot; {i.day.month}/{i.day.day}/{i.day.year}</span>"
        f"<span class='card-size'>{_size(i.size)}</span></a>"
        for i in _newest(items)
    )
    filters = "".join(f"<button data-filter='{n}'>{g}</button>" for n, g in enumerate(_groups(items)))
    return f"<div class='filters'><button class='active'>All</button>{filters}</div><div class='card-grid'>{cards}</div>"


DOC_CENTER, EVENTS, TWO_COLUMN, NEWS_POSTS, YEAR_MONTH, BADGE_GRID = (
    Layout(name, url, render)
    for name, url, render in [
        ("doc-center", _doc_center_url, _doc_center),
        ("events", _events_url, _events),
        ("two-column", _two_column_url, _two_column),
        ("news-posts", _news_url, _news_posts),
        ("year-month", _year_month_url, _year_month),
        ("badge-grid", _badge_url, _badge_grid),
    ]
)
