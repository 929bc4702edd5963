"""The bundled demo website: a small municipality with nested pages and documents.

``build_demo_site(folder)`` writes it (HTML, PDF, DOCX, TXT); ``serve_folder`` serves a
folder on 127.0.0.1. The site has documents relevant to the demo prompt and decoys
(agendas, other years, another body's minutes), a broken link and one oversize file.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from docharvest.samples.pdfwriter import PdfBuilder

DEMO_PROMPT = "Find all board meeting minutes from 2024"


def _page(title: str, body: str, crumbs: str = "") -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Town of Millbrook</title></head>
<body>
<nav><a href="/">Home</a> | <a href="/government/">Government</a> | <a href="/departments/planning/">Planning</a>
 | <a href="/news/">News</a></nav>
<div class="breadcrumb">{crumbs}</div>
<main><h1>{title}</h1>
{body}
</main>
<footer>Town of Millbrook, 1 Main Street. <a href="/contact.html">Contact</a></footer>
</body></html>
"""


def _minutes_pdf(body: str, when: datetime, approved: str, pages: int = 2) -> bytes:
    pdf = PdfBuilder(title=f"{body} Meeting Minutes - {when:%B %d, %Y}", created=when)
    first = pdf.page()
    first.text(72, 720, "TOWN OF MILLBROOK", size=14, bold=True)
    first.text(72, 700, f"{body} - Regular Meeting Minutes", size=13, bold=True)
    y = first.lines(
        72,
        670,
        [
            f"Meeting date: {when:%A, %B %d, %Y} at 7:00 PM, Town Hall",
            "Present: Chair R. Alvarez, Members J. Chen, P. O'Neil, S. Okafor",
            "1. Call to order and pledge of allegiance.",
            f"2. The minutes of the previous meeting were approved on {approved}.",
            "3. Public comment: residents spoke about road repairs on Elm Street.",
        ],
    )
    first.lines(72, y - 10, [f"4. Motion {i}: approved 4-0." for i in range(1, 12)])
    for number in range(2, pages + 1):
        pdf.page().lines(
            72,
            720,
            [f"Page {number}", "Old business and new business items continued."]
            + [f"Discussion item {i}: referred to committee." for i in range(1, 25)],
        )
    return pdf.to_bytes()


def _agenda_pdf(body: str, when: datetime) -> bytes:
    pdf = PdfBuilder(title=f"{body} Agenda - {when:%B %d, %Y}", created=when)
    pdf.page().lines(
        72,
        720,
        [
            "TOWN OF MILLBROOK",
            f"{body} - Meeting Agenda",
            f"{when:%B %d, %Y}, 7:00 PM",
            "1. Call to order",
            "2. Approval of prior minutes",
            "3. Budget hearing",
            "4. Adjourn",
        ],
    )
    return pdf.to_bytes()


def docx_bytes(title: str, paragraphs: list[str]) -> bytes:
    import io

    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _oversize_pdf(megabytes: float) -> bytes:
    pdf = PdfBuilder(title="Board of Selectmen Minutes 2024 - bound volume (scanned)")
    page = pdf.page()
    page.text(72, 720, "Board of Selectmen - Minutes 2024 - complete bound volume")
    data = pdf.to_bytes()
    # Pad with a PDF comment so the file is valid but large, like a scanned volume.
    return data + b"%" + b"0" * int(megabytes * 1024 * 1024) + b"\n"


def build_demo_site(folder: Path, oversize_mb: float = 3.0) -> Path:
    """Write the demo site into ``folder`` and return it."""
    files: dict[str, bytes | str] = {}
    links_2024 = []
    for when in [datetime(2024, m, 9 + m) for m in range(1, 7)]:
        name = f"/documents/2024/board-minutes-{when:%Y-%m-%d}.pdf"
        files[name] = _minutes_pdf("Board of Selectmen", when, f"{when - timedelta(days=28):%B %d, %Y}")
        agenda = f"/documents/2024/board-agenda-{when:%Y-%m-%d}.pdf"
        files[agenda] = _agenda_pdf("Board of Selectmen", when)
        links_2024.append(
            f"<tr><td>{when:%B %d, %Y}</td><td><a href='{agenda}'>Agenda</a></td>"
            f"<td><a href='{name}'>Minutes</a></td></tr>"
        )
    # December 2023 minutes uploaded in January 2024 and mentioning a 2024 approval date: a 2023 document.
    files["/documents/2024/board-minutes-2023-12-12.pdf"] = _minutes_pdf(
        "Board of Selectmen", datetime(2023, 12, 12), "January 9, 2024"
    )
    files["/documents/2023/board-minutes-2023-06-13.pdf"] = _minutes_pdf(
        "Board of Selectmen", datetime(2023, 6, 13), "July 11, 2023"
    )
    files["/documents/planning/pc-minutes-2024-03-05.pdf"] = _minutes_pdf(
        "Planning Commission", datetime(2024, 3, 5), "April 2, 2024"
    )
    files["/documents/budget/fy2024-budget.docx"] = docx_bytes(
        "Town of Millbrook FY2024 Budget",
        ["Adopted operating budget for fiscal year 2024.", "General fund: $12,400,000."],
    )
    files["/documents/board-minutes-2024-08-13.txt"] = (
        "TOWN OF MILLBROOK\nBoard of Selectmen - Regular Meeting Minutes\n"
        "Meeting date: August 13, 2024\nPresent: all members.\n1. Budget transfer approved 5-0.\n"
    )
    files["/documents/recycling-schedule.txt"] = "Recycling pickup schedule 2024: every other Tuesday.\n"
    files["/documents/2024/board-minutes-2024-bound-volume.pdf"] = _oversize_pdf(oversize_mb)
    files["/documents/2024/board-minutes-2024-07-09.pdf"] = b"%PDF-1.4\n%broken upload\n" + b"\x00" * 2048

    files["/index.html"] = _page(
        "Welcome to Millbrook",
        "<p>Official website of the Town of Millbrook.</p>"
        "<ul><li><a href='/government/'>Town government</a></li>"
        "<li><a href='/documents/recycling-schedule.txt'>Recycling schedule</a></li>"
        "<li><a href='/departments/planning/'>Planning department</a></li></ul>",
    )
    files["/government/index.html"] = _page(
        "Town Government",
        "<p>The Board of Selectmen meets on the second Tuesday of each month.</p>"
        "<ul><li><a href='board/meetings-2024.html'>Board meetings 2024</a></li>"
        "<li><a href='board/meetings-2023.html'>Board meetings 2023 (archive)</a></li>"
        "<li><a href='/finance/budget.html'>Budget</a></li></ul>",
        "Home &gt; Government",
    )
    files["/government/board/meetings-2024.html"] = _page(
        "Board of Selectmen - 2024 Meetings",
        "<table><tr><th>Date</th><th>Agenda</th><th>Minutes</th></tr>"
        + "".join(links_2024)
        + "<tr><td>July 9, 2024</td><td></td><td><a href='/documents/2024/board-minutes-2024-07-09.pdf'>Minutes</a></td></tr>"
        + "<tr><td>August 13, 2024</td><td></td><td><a href='/documents/board-minutes-2024-08-13.txt'>Minutes (text)</a></td></tr>"
        + "<tr><td>September 10, 2024</td><td></td><td><a href='/documents/2024/board-minutes-2024-09-10.pdf'>Minutes</a></td></tr>"
        + "</table><p><a href='/documents/2024/board-minutes-2024-bound-volume.pdf'>2024 board minutes,"
        " complete scanned volume</a> (large file)</p><p>Late upload: <a href='/documents/2024/board-minutes-2023-12-12.pdf'>Minutes of December 12 meeting</a></p>",
        "Home &gt; Government &gt; Board",
    )
    files["/government/board/meetings-2023.html"] = _page(
        "Board of Selectmen - 2023 Meetings",
        "<ul><li><a href='/documents/2023/board-minutes-2023-06-13.pdf'>June 13, 2023 minutes</a></li></ul>",
        "Home &gt; Government &gt; Board &gt; Archive",
    )
    files["/departments/planning/index.html"] = _page(
        "Planning Commission",
        "<p>Minutes of the Planning Commission:</p>"
        "<ul><li><a href='/documents/planning/pc-minutes-2024-03-05.pdf'>March 5, 2024</a></li></ul>",
        "Home &gt; Departments &gt; Planning",
    )
    files["/finance/budget.html"] = _page(
        "Budget", "<p><a href='/documents/budget/fy2024-budget.docx'>FY2024 adopted budget (Word)</a></p>"
    )
    files["/news/index.html"] = _page("News", "<p>Road repairs on Elm Street begin in May.</p>")
    files["/contact.html"] = _page("Contact", "<p>Town Hall, 1 Main Street, Millbrook.</p>")
    files["/robots.txt"] = "User-agent: *\nDisallow: /private/\n"

    for name, content in files.items():
        path = folder / name.lstrip("/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return folder


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that stops reading (the size cap aborting an oversize download) is expected.
        return


def serve_folder(folder: Path, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """Serve ``folder`` over HTTP on ``host`` in a background thread; call ``.shutdown()`` to stop."""
    server = _QuietServer((host, port), partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
