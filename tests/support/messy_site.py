"""A messy municipal website on 127.0.0.1 (plus a second host on 127.0.0.2) for whole-job tests.

Every trap the crawler tests cover one at a time, all on one site at once: redirect chains to
documents, the same bytes at two URLs, ``?v=``/``?download=1`` variants, ``#page=`` fragments,
extension-less PDFs with and without Content-Disposition, an uppercase extension, ``<base href>``,
a windows-1252 page, a slow page, a 404, a 500, robots-disallowed paths, an infinite calendar,
a sitemap-only page, an oversize file, a corrupt and an encrypted PDF, DOCX and CRLF TXT
documents, and relevant-looking documents on another host.

``build_messy_site`` registers the routes and returns what a correct job must report, so tests
assert against the site's own description rather than against numbers copied from a run.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from docharvest.samples.demo_site import docx_bytes
from docharvest.samples.pdfwriter import PdfBuilder, corrupt_pdf

from tests.support.siteserver import RequestInfo, Route, SiteServer, html

PROMPT = "city council meeting minutes from 2024"
OVERSIZE_MB = 1  # the job's --max-file-size-mb in the tests; the bound volume is 1.5 MB
PDF = {"Content-Type": "application/pdf"}


@dataclass(frozen=True)
class Doc:
    """A relevant document of the site: where it is linked from and the bytes it serves."""

    key: str
    body: bytes
    on_start_page: bool  # linked from the start page (single_page mode must report it)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


@dataclass
class MessySite:
    main: SiteServer
    other: SiteServer
    docs: list[Doc] = field(default_factory=list)
    # Documents that must end as exactly one recorded error/warning, by URL path fragment.
    not_found: str = "/files/2024/council-minutes-2024-10.pdf"
    corrupt: str = "/files/2024/council-minutes-2024-11.pdf"
    encrypted: str = "/files/2024/council-minutes-2024-12.pdf"
    oversize: str = "/files/2024/council-minutes-2024-bound-volume.pdf"
    server_error_page: str = "/departments/broken"

    @property
    def start_url(self) -> str:
        return self.main.url("/")

    def expected(self, single_page: bool) -> list[Doc]:
        return [d for d in self.docs if d.on_start_page or not single_page]

    def forbidden_requests(self) -> list[str]:
        """Requests a polite, in-scope crawl must never make (the server logs prove it)."""
        bad = [f"main {p}" for p in self.main.requested_paths() if p.startswith("/private/")]
        bad += [f"other {p}" for p in self.other.requested_paths()]  # offsite off: not even robots.txt
        calendar = [p for p in self.main.requested_paths() if p.startswith("/calendar")]
        if len(calendar) > 10:
            bad.append(f"{len(calendar)} calendar requests (at most 10)")
        return bad


def minutes_pdf(when: date, body: str = "City Council", extra: str = "") -> bytes:
    pdf = PdfBuilder(title=f"{body} Meeting Minutes - {when:%B %d, %Y}")
    page = pdf.page()
    page.text(72, 720, "CITY OF RIVERTON", size=14, bold=True)
    page.text(72, 700, f"{body} - Regular Meeting Minutes {extra}".strip(), size=13, bold=True)
    page.lines(
        72,
        670,
        [
            f"Meeting date: {when:%A, %B %d, %Y} at 6:30 PM, Council Chambers",
            "Present: Mayor D. Ruiz, Council Members A. Patel, K. Brown, L. Nguyen",
            "1. Call to order. 2. Approval of the agenda.",
            "3. Public comment on the downtown parking plan.",
            "4. Motion to approve the consent calendar: carried 4-0.",
        ],
    )
    return pdf.to_bytes()


def _encrypted(pdf: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password="council-only", owner_password="clerk", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _page(title: str, body: str, base: str = "") -> str:
    base_tag = f'<base href="{base}">' if base else ""
    return (
        f"<!doctype html><html><head><title>{title}</title>{base_tag}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/meetings/'>Meetings</a> <a href='/archive/'>Archive</a>"
        " <a href='/calendar?month=2024-01'>Calendar</a></nav>"
        f"<main><h1>{title}</h1>{body}</main><footer>City of Riverton</footer></body></html>"
    )


def build_messy_site(main: SiteServer, other: SiteServer) -> MessySite:
    site = MessySite(main, other)
    m = minutes_pdf
    jan, feb, mar, apr = m(date(2024, 1, 9)), m(date(2024, 2, 13)), m(date(2024, 3, 12)), m(date(2024, 4, 9))
    may, jun = m(date(2024, 5, 14)), m(date(2024, 6, 11))
    special = m(date(2024, 6, 20), extra="(Special Meeting)")
    sitemap_only = m(date(2024, 9, 10))
    slow_doc = m(date(2024, 2, 27), extra="(Adjourned Meeting)")
    jul = docx_bytes(
        "City Council Meeting Minutes - July 9, 2024",
        ["Regular meeting of the City Council of Riverton, July 9, 2024.", "Minutes approved 4-0."],
    )
    aug = (
        b"CITY OF RIVERTON\r\nCity Council Meeting Minutes\r\nAugust 13, 2024\r\n\r\n"
        b"Present: Mayor D. Ruiz and all council members.\r\nThe minutes were approved 4-0.\r\n"
    )
    site.docs = [
        Doc("jan-redirect-chain", jan, True),
        Doc("feb-variants-and-copy", feb, True),
        Doc("mar-extensionless-with-disposition", mar, True),
        Doc("apr-base-href", apr, False),
        Doc("may-uppercase-extension", may, True),
        Doc("jun-version-variants", jun, True),
        Doc("jul-docx", jul, True),
        Doc("aug-crlf-txt", aug, True),
        Doc("special-meeting-cp1252-page", special, False),
        Doc("sitemap-only-page", sitemap_only, False),
        Doc("slow-page", slow_doc, False),
    ]
    # Extension-less without Content-Disposition: another document, typed by its bytes.
    oct_doc = m(date(2024, 10, 8), extra="(Work Session)")
    site.docs.append(Doc("oct-extensionless-no-disposition", oct_doc, True))

    o = other.base_url
    main.add(
        "/robots.txt",
        Route(
            body="User-agent: *\nDisallow: /private/\nSitemap: /sitemap.xml\n",
            headers={"Content-Type": "text/plain"},
        ),
    )
    main.add(
        "/sitemap.xml",
        Route(
            body=f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            f"<url><loc>{main.url('/hidden/board-archive')}</loc></url></urlset>",
            headers={"Content-Type": "application/xml"},
        ),
    )
    main.add(
        "/",
        html(
            _page(
                "City of Riverton",
                f"""<h2>City Council minutes 2024</h2>
                <ul>
                <li><a href="/go/minutes-2024-01">January 9, 2024 minutes</a></li>
                <li><a href="/files/2024/council-minutes-2024-02.pdf">February 13, 2024 minutes</a>
                    (<a href="/files/2024/council-minutes-2024-02.pdf?download=1">download</a>,
                    <a href="/files/2024/council-minutes-2024-02.pdf#page=2">page 2</a>)</li>
                <li><a href="/DocumentCenter/View/303">March 12, 2024 minutes</a></li>
                <li><a href="/files/2024/COUNCIL-MINUTES-2024-05.PDF">May 14, 2024 minutes</a></li>
                <li><a href="/files/2024/council-minutes-2024-06.pdf?v=2">June 11, 2024 minutes</a>
                    <a href="/files/2024/council-minutes-2024-06.pdf?v=3">(corrected)</a></li>
                <li><a href="/files/2024/council-minutes-2024-07.docx">July 9, 2024 minutes (Word)</a></li>
                <li><a href="/files/2024/council-minutes-2024-08.txt">August 13, 2024 minutes (text)</a></li>
                <li><a href="{site.not_found}">September 2024 minutes</a></li>
                <li><a href="/DocumentCenter/View/310">October 8, 2024 work session minutes</a></li>
                <li><a href="{site.corrupt}">November 12, 2024 minutes</a></li>
                <li><a href="{site.encrypted}">December 10, 2024 minutes</a></li>
                <li><a href="{site.oversize}">2024 minutes, bound volume</a></li>
                <li><a href="/private/council-minutes-2024-closed-session.pdf">Closed session minutes 2024</a></li>
                <li><a href="{o}/files/council-minutes-2024-joint.pdf">Joint council minutes 2024 (county site)</a></li>
                </ul>
                <p><a href="/departments/">Departments</a> <a href="{site.server_error_page}">Budget office</a>
                <a href="/private/staff.html">Staff</a> <a href="{o}/news">County news</a></p>""",
            )
        ),
    )
    main.add("/go/minutes-2024-01", Route(status=301, headers={"Location": "/r/2024-01"}))
    main.add("/r/2024-01", Route(status=302, headers={"Location": "/files/2024/council-minutes-2024-01.pdf"}))
    main.add("/files/2024/council-minutes-2024-01.pdf", Route(body=jan, headers=PDF))
    main.add("/files/2024/council-minutes-2024-02.pdf", Route(body=feb, headers=PDF))
    main.add("/archive/copies/feb-2024.pdf", Route(body=feb, headers=PDF))  # same bytes, second URL
    main.add(
        "/DocumentCenter/View/303",
        Route(
            body=mar,
            headers={
                "Content-Type": "application/octet-stream",
                "Content-Disposition": 'attachment; filename="council-minutes-2024-03.pdf"',
            },
        ),
    )
    main.add(
        "/DocumentCenter/View/310", Route(body=oct_doc, headers={"Content-Type": "application/octet-stream"})
    )
    main.add("/files/2024/council-minutes-2024-04.pdf", Route(body=apr, headers=PDF))
    main.add("/files/2024/COUNCIL-MINUTES-2024-05.PDF", Route(body=may, headers=PDF))
    main.add("/files/2024/council-minutes-2024-06.pdf", Route(body=jun, headers=PDF))
    main.add(
        "/files/2024/council-minutes-2024-07.docx",
        Route(
            body=jul,
            headers={
                "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            },
        ),
    )
    main.add(
        "/files/2024/council-minutes-2024-08.txt", Route(body=aug, headers={"Content-Type": "text/plain"})
    )
    main.add(site.corrupt, Route(body=corrupt_pdf(), headers=PDF))
    main.add(site.encrypted, Route(body=_encrypted(m(date(2024, 12, 10))), headers=PDF))
    main.add(site.oversize, Route(body=jan + b"%" + b"0" * int(1.5 * 1024 * 1024) + b"\n", headers=PDF))
    main.add("/private/council-minutes-2024-closed-session.pdf", Route(body=m(date(2024, 3, 1)), headers=PDF))
    main.add("/private/staff.html", html(_page("Staff", "<p>Staff only</p>")))
    # <base href>: the relative link resolves against /files/2024/, not against /meetings/.
    main.add(
        "/meetings/",
        html(
            _page(
                "Meetings",
                "<h2>April</h2><a href='council-minutes-2024-04.pdf'>April 9, 2024 council minutes</a>",
                base="/files/2024/",
            )
        ),
    )
    # A windows-1252 page (curly quotes, en dash) linking a special meeting and a copy of February.
    archive = _page(
        "Minutes archive \u2013 2024",
        "<p>\u201cSpecial\u201d meetings \u2013 2024</p>"
        "<a href='/files/2024/special-meeting-minutes-2024-06-20.pdf'>Special meeting minutes \u2013 June 20, 2024</a> "
        "<a href='/archive/copies/feb-2024.pdf'>February 13, 2024 council minutes (copy)</a>",
    ).encode("cp1252")
    main.add("/archive/", Route(body=archive, headers={"Content-Type": "text/html; charset=windows-1252"}))
    main.add("/files/2024/special-meeting-minutes-2024-06-20.pdf", Route(body=special, headers=PDF))
    main.add(
        "/departments/",
        html(_page("Departments", "<a href='/departments/finance'>Finance (slow)</a>")),
    )
    main.add(
        "/departments/finance",
        Route(
            body=_page(
                "Finance",
                "<a href='/files/2024/adjourned-meeting-minutes-2024-02-27.pdf'>Council adjourned meeting minutes, "
                "February 27, 2024</a>",
            ),
            headers={"Content-Type": "text/html; charset=utf-8"},
            delay=1.5,
        ),
    )
    main.add("/files/2024/adjourned-meeting-minutes-2024-02-27.pdf", Route(body=slow_doc, headers=PDF))
    main.add(site.server_error_page, Route(status=500, body=b"oops"))
    main.add(
        "/hidden/board-archive",
        html(
            _page(
                "Archive",
                "<a href='/files/2024/council-minutes-2024-09-10.pdf'>September 10, 2024 minutes</a>",
            )
        ),
    )
    main.add("/files/2024/council-minutes-2024-09-10.pdf", Route(body=sitemap_only, headers=PDF))

    def calendar(info: RequestInfo) -> Route:
        month = info.path.split("month=", 1)[1][:7] if "month=" in info.path else "2024-01"
        first = date(int(month[:4]), int(month[5:7]), 1)
        nxt, prv = first + timedelta(days=32), first - timedelta(days=1)
        return html(
            _page(
                f"Calendar {month}",
                f"<a href='/calendar?month={nxt:%Y-%m}'>next</a> <a href='/calendar?month={prv:%Y-%m}'>previous</a>",
            )
        )

    main.add("/calendar", calendar)
    # The other host: relevant-looking, but offsite (documents only with offsite_documents on).
    other.add(
        "/files/council-minutes-2024-joint.pdf", Route(body=m(date(2024, 5, 1), extra="(Joint)"), headers=PDF)
    )
    other.add("/news", html(_page("County news", "<a href='/files/minutes.pdf'>minutes</a>")))
    return site
