"""Coverage: link forms, sitemaps, extension-less documents, redirects, canonical URLs, scope, caps."""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path
from typing import Any

from docharvest.config import Settings
from docharvest.crawl import CrawlReport, PageRecord, crawl_site_sync
from docharvest.download import DownloadLimits, download_documents_sync
from docharvest.samples.pdfwriter import simple_pdf

from tests.support.siteserver import RequestInfo, Route, SiteServer, html

PDF = simple_pdf([["Agenda"]], title="Agenda")
PDF_ROUTE = Route(body=PDF, headers={"Content-Type": "application/pdf"})


def crawl(site: SiteServer, settings: Settings, path: str = "/", **kwargs: Any) -> CrawlReport:
    crawl_overrides = kwargs.pop("crawl", {})
    return crawl_site_sync(
        site.url(path),
        settings=settings.crawl.model_copy(update=crawl_overrides),
        allow_private_networks=kwargs.pop("allow_private_networks", True),
        **kwargs,
    )


def gets(site: SiteServer) -> Counter[str]:
    return Counter(path for method, path in site.requests if method == "GET")


def test_link_forms_over_http(site: SiteServer, settings: Settings) -> None:
    site.add(
        "/",
        html(
            """<head><base href="/docs/"><link rel="alternate" href="/alt/print.pdf"></head>
            <a href="a.pdf">relative to base</a> <a href="../up.PDF">uppercase</a>
            <a href="/sp ace/b%20c.docx?download=1#page=2">spaces</a>
            <area href="/area.pdf"> <iframe src="/frame.html"></iframe>
            <div data-href="/data.csv">d</div> <span onclick="window.open('/click.txt')">c</span>
            <select><option value="/opt.xlsx">o</option></select>"""
        ),
    )
    site.add("/frame.html", html("<a href='/in-frame.pdf'>inside the iframe</a>"))
    report = crawl(site, settings)
    urls = {c.url for c in report.candidates}
    base = site.base_url
    assert urls == {
        f"{base}/alt/print.pdf",
        f"{base}/docs/a.pdf",
        f"{base}/up.PDF",
        f"{base}/sp%20ace/b%20c.docx?download=1",  # as the site gave it (WHATWG), minus the fragment
        f"{base}/area.pdf",
        f"{base}/data.csv",
        f"{base}/click.txt",
        f"{base}/opt.xlsx",
        f"{base}/in-frame.pdf",
    }
    assert report.pages_crawled == 2


def test_sitemap_only_pages_are_crawled(site: SiteServer, settings: Settings) -> None:
    site.add("/robots.txt", Route(body="User-agent: *\nAllow: /\nSitemap: /index.xml\n"))
    site.add("/", html("<p>Nothing linked here</p>"))
    site.add(
        "/index.xml",
        Route(body=f"<sitemapindex><sitemap><loc>{site.url('/pages.xml.gz')}</loc></sitemap></sitemapindex>"),
    )
    urlset = f"<urlset><url><loc>{site.url('/hidden.html')}</loc></url><url><loc>{site.url('/listed.pdf')}</loc></url></urlset>"
    site.add(
        "/pages.xml.gz",
        Route(body=gzip.compress(urlset.encode()), headers={"Content-Type": "application/gzip"}),
    )
    site.add(
        "/sitemap.xml", Route(body=f"<urlset><url><loc>{site.url('/default.html')}</loc></url></urlset>")
    )
    site.add("/hidden.html", html("<a href='/only-in-sitemap-page.pdf'>report</a>"))
    site.add("/default.html", html("<a href='/from-default.pdf'>report</a>"))

    report = crawl(site, settings)
    urls = {c.url for c in report.candidates}
    assert site.url("/only-in-sitemap-page.pdf") in urls
    assert site.url("/listed.pdf") in urls
    assert site.url("/from-default.pdf") in urls
    assert report.pages_crawled == 3


def test_extensionless_pdf_is_found_and_not_fetched_twice(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    site.add("/", html("<a href='/download?id=3'>Council agenda</a> <a href='/file/9'>Plan</a>"))
    site.add("/download", Route(body=PDF, headers={"Content-Type": "application/octet-stream"}))
    site.add(
        "/file/9",
        Route(
            body=PDF,
            headers={
                "Content-Type": "application/pdf",
                "Content-Disposition": 'attachment; filename="plan.pdf"',
            },
        ),
    )
    report = crawl(site, settings, work_dir=tmp_path / "prefetch")
    by_url = {c.url: c for c in report.candidates}
    agenda = by_url[site.url("/download?id=3")]
    assert agenda.link_text == "Council agenda"
    assert agenda.extra["prefetched"]["sha256"]
    assert by_url[site.url("/file/9")].extra["filename"] == "plan.pdf"
    assert report.pages_crawled == 1

    outcomes = download_documents_sync(
        report.candidates,
        settings=settings.crawl,
        allow_private_networks=True,
        limits=DownloadLimits(max_file_size_bytes=1_000_000),
        raw_dir=tmp_path / "raw",
    )
    assert all(o.status == "downloaded" and o.document_type == "pdf" for o in outcomes)
    assert {o.url: o.filename for o in outcomes}[site.url("/file/9")] == "plan.pdf"
    assert gets(site)["/download?id=3"] == 1 and gets(site)["/file/9"] == 1


def test_redirect_chain_final_url_and_aliases(site: SiteServer, settings: Settings, tmp_path: Path) -> None:
    site.add(
        "/", html("<a href='/old.pdf'>old</a> <a href='/old-page'>moved</a> <a href='/new-page'>new</a>")
    )
    site.add("/old.pdf", Route(status=301, headers={"Location": "/mid"}))
    site.add("/mid", Route(status=307, headers={"Location": site.url("/files/new.pdf")}))
    site.add("/files/new.pdf", PDF_ROUTE)
    site.add("/old-page", Route(status=308, headers={"Location": "/new-page"}))
    site.add("/new-page", html("<a href='/n.pdf'>n</a>"))
    report = crawl(site, settings)
    assert gets(site)["/new-page"] == 1  # reached by a link and by a redirect, fetched once
    assert site.url("/n.pdf") in {c.url for c in report.candidates}

    [old] = [c for c in report.candidates if c.url.endswith("/old.pdf")]
    [outcome] = download_documents_sync(
        [old],
        settings=settings.crawl,
        allow_private_networks=True,
        limits=DownloadLimits(max_file_size_bytes=10**6),
        raw_dir=tmp_path,
    )
    assert outcome.status == "downloaded"
    assert outcome.url == site.url("/old.pdf")
    assert outcome.final_url == site.url("/files/new.pdf")
    assert set(outcome.aliases) == {site.url("/old.pdf"), site.url("/mid")}


def test_redirect_loop_and_too_many_redirects(site: SiteServer, settings: Settings) -> None:
    site.add("/", html("<a href='/loop-a'>a</a> <a href='/hop/0'>chain</a>"))
    site.add("/loop-a", Route(status=302, headers={"Location": "/loop-b"}))
    site.add("/loop-b", Route(status=302, headers={"Location": "/loop-a"}))

    def chain(info: RequestInfo) -> Route:
        n = int(info.path.rsplit("/", 1)[-1])
        return Route(status=301, headers={"Location": f"/hop/{n + 1}"})

    for n in range(20):
        site.add(f"/hop/{n}", chain)
    report = crawl(site, settings)
    types = {i.error_type: i for i in report.issues}
    assert "redirect_loop" in types and types["redirect_loop"].url == site.url("/loop-a")
    assert "max_redirects=10" in types["too_many_redirects"].message
    assert gets(site)["/loop-a"] == 1
    assert max(int(p.rsplit("/", 1)[-1]) for p in gets(site) if p.startswith("/hop/")) == 10


def test_every_url_fetched_once_after_canonicalisation(site: SiteServer, settings: Settings) -> None:
    port = site.port
    site.add(
        "/",
        html(
            f"""<a href="/p?b=2&a=1">1</a> <a href="/p?a=1&b=2#x">2</a>
            <a href="HTTP://127.0.0.1:{port}/p?a=1&amp;b=2">3</a> <a href="/q/">4</a> <a href="/q">5</a>
            <a href="/./q/../q/">6</a> <a href="/r?utm_source=mail">7</a> <a href="/r">8</a>"""
        ),
    )
    for path in ("/p", "/q", "/q/", "/r"):
        site.add(path, html("<a href='/'>home</a>"))
    crawl(site, settings)
    counts = gets(site)
    # One request per identity (dedup_key), for the first form met, sent as the site wrote it.
    assert counts["/p?b=2&a=1"] + counts["/p?a=1&b=2"] == 1
    assert counts["/q/"] + counts["/q"] == 1
    assert counts["/r?utm_source=mail"] + counts["/r"] == 1
    assert counts["/"] == 1
    assert all(n == 1 for n in counts.values()), counts


def test_links_are_requested_as_the_site_wrote_them(site: SiteServer, settings: Settings) -> None:
    # Each query is a different resource to the server: no decoding, no "=" added, no sorting.
    hrefs = ["/s?q=a%2Bb", "/s?q=a+b", "/s?12345", "/s?n=%E9", "/%7eu/x?b=2&a=1", "/p a"]
    site.add("/", html(" ".join(f'<a href="{h}">{i}</a>' for i, h in enumerate(hrefs))))
    crawl(site, settings)
    counts = gets(site)
    for path in ["/s?q=a%2Bb", "/s?q=a+b", "/s?12345", "/s?n=%E9", "/%7eu/x?b=2&a=1", "/p%20a"]:
        assert counts[path] == 1, (path, counts)


def _chain_site(site: SiteServer, n: int) -> None:
    for i in range(n):
        site.add(f"/p{i}" if i else "/", html(f"<a href='/p{i + 1}'>next</a> <a href='/d{i}.pdf'>doc</a>"))


def test_max_pages_is_exact_and_max_depth_holds(site: SiteServer, settings: Settings) -> None:
    _chain_site(site, 30)
    report = crawl(site, settings, crawl={"max_pages": 7, "max_depth": 50, "concurrency": 8})
    assert report.pages_crawled == 7
    assert sum(1 for p in gets(site) if p == "/" or p.startswith("/p")) == 7
    assert any("max_pages=7" in w for w in report.warnings)

    site.log.clear()
    report = crawl(site, settings, crawl={"max_depth": 2})
    assert report.pages_crawled == 3  # depth 0, 1, 2
    assert {p.depth for p in report.pages} == {0, 1, 2}
    assert site.url("/d2.pdf") in {c.url for c in report.candidates}  # documents on the last page count


def test_single_page_reads_only_the_start_page(site: SiteServer, settings: Settings) -> None:
    site.add("/", html("<a href='/a.pdf'>A</a> <a href='/other'>page</a> <a href='/get/5'>Budget (PDF)</a>"))
    site.add("/other", html("<a href='/b.pdf'>B</a>"))
    report = crawl(site, settings, single_page=True)
    assert {c.url for c in report.candidates} == {site.url("/a.pdf"), site.url("/get/5")}
    # /other is asked once (it could have been a document) but its links are not followed.
    assert set(gets(site)) <= {"/", "/robots.txt", "/other"}
    assert "/b.pdf" not in gets(site)
    assert report.pages_crawled == 1


def test_single_page_finds_documents_behind_redirects_and_extensionless_urls(
    site: SiteServer, settings: Settings
) -> None:
    site.add(
        "/",
        html(
            """<h2>Council minutes</h2><ul>
            <li><a href='/go/minutes-jan'>January minutes</a></li>
            <li><a href='/hop/1'>February minutes</a></li>
            <li><a href='/DocumentCenter/View/7'>March minutes</a></li>
            <li><a href='/about'>About the council</a></li></ul>"""
        ),
    )
    site.add("/go/minutes-jan", Route(status=301, headers={"Location": "/files/jan.pdf"}))
    site.add("/hop/1", Route(status=302, headers={"Location": "/hop/2"}))
    site.add("/hop/2", Route(status=302, headers={"Location": "/files/feb.pdf"}))
    site.add("/files/jan.pdf", PDF_ROUTE)
    site.add("/files/feb.pdf", PDF_ROUTE)
    site.add("/DocumentCenter/View/7", Route(body=PDF, headers={"Content-Type": "application/octet-stream"}))
    site.add("/about", html("<a href='/about/charter.pdf'>Charter</a>"))
    report = crawl(site, settings, single_page=True, work_dir=site_work_dir(settings))
    found = {c.url: c for c in report.candidates}
    assert set(found) == {site.url("/go/minutes-jan"), site.url("/hop/1"), site.url("/DocumentCenter/View/7")}
    march = found[site.url("/DocumentCenter/View/7")]
    assert march.link_text == "March minutes" and march.heading == "Council minutes"
    assert march.hinted_type == "pdf"
    assert "/about/charter.pdf" not in gets(site) and report.pages_crawled == 1


def site_work_dir(settings: Settings) -> Path:
    return settings.data_dir / "prefetched"


def test_scope_www_twin_other_domain_and_offsite_documents(site: SiteServer, settings: Settings) -> None:
    with SiteServer("127.0.0.2") as other:
        dns = {"city.test": "127.0.0.1", "www.city.test": "127.0.0.1", "county.test": "127.0.0.2"}
        p, q = site.port, other.port
        site.add(
            "/",
            html(
                f"""<a href="http://www.city.test:{p}/twin">twin</a>
                <a href="http://county.test:{q}/page">other domain page</a>
                <a href="http://county.test:{q}/shared.pdf">county pdf</a>"""
            ),
        )
        site.add("/twin", html("<a href='/twin.pdf'>t</a>"))
        # By default the crawl stays on the start host and its www. twin: nothing asked of county.test.
        report = crawl_site_sync(
            f"http://city.test:{p}/", settings=settings.crawl, allow_private_networks=True, dns_overrides=dns
        )
        urls = {c.url for c in report.candidates}
        assert f"http://www.city.test:{p}/twin.pdf" in urls
        assert f"http://county.test:{q}/shared.pdf" not in urls
        assert other.requested_paths() == []
        assert any("offsite_documents=false" in w for w in report.warnings)
        # Allowed by the user: the other host's document is collected, its pages still are not crawled.
        site.log.clear()
        report = crawl_site_sync(
            f"http://city.test:{p}/",
            settings=settings.crawl.model_copy(update={"offsite_documents": True}),
            allow_private_networks=True,
            dns_overrides=dns,
        )
        urls = {c.url for c in report.candidates}
        assert f"http://county.test:{q}/shared.pdf" in urls
        assert "/page" not in other.requested_paths()  # pages of another domain are not crawled
        assert other.requested_paths() == ["/robots.txt"]  # its robots.txt is read for the document


def test_include_and_exclude_patterns(site: SiteServer, settings: Settings) -> None:
    site.add("/", html("<a href='/news/1'>n</a> <a href='/docs/1'>d</a> <a href='/docs/private/1'>p</a>"))
    for path in ("/news/1", "/docs/1", "/docs/private/1"):
        site.add(path, html(f"<a href='{path}.pdf'>x</a>"))
    report = crawl(
        site, settings, crawl={"include_patterns": [r"^/($|docs/)"], "exclude_patterns": ["/private/"]}
    )
    assert {c.url for c in report.candidates} == {site.url("/docs/1.pdf")}
    assert "/news/1" not in gets(site) and "/docs/private/1" not in gets(site)


def test_windows_1252_page_parses(site: SiteServer, settings: Settings) -> None:
    body = "<a href='/pv.pdf'>Procès-verbal – séance du 3 mars</a>".encode("cp1252")
    site.add("/", Route(body=body, headers={"Content-Type": "text/html"}))
    report = crawl(site, settings)
    assert report.candidates[0].link_text == "Procès-verbal – séance du 3 mars"


def test_callbacks_see_pages_and_progress(site: SiteServer, settings: Settings) -> None:
    _chain_site(site, 4)
    seen: list[tuple[PageRecord, int]] = []
    progress: list[tuple[int, int]] = []
    report = crawl(
        site,
        settings,
        on_page=lambda rec, text: seen.append((rec, len(text))),
        on_progress=lambda a, b: progress.append((a, b)),
    )
    assert [rec.url for rec, _ in seen] == [p.url for p in report.pages]
    assert all(size > 0 for _, size in seen)
    assert progress[-1][0] == report.pages_crawled == 4
    assert all(done <= planned for done, planned in progress)
    assert report.urls_discovered >= 8


def test_start_url_that_is_a_document(site: SiteServer, settings: Settings, tmp_path: Path) -> None:
    site.add("/report", Route(body=PDF, headers={"Content-Type": "application/pdf"}))
    report = crawl(site, settings, "/report", work_dir=tmp_path / "prefetch")
    assert report.start_url_error is None
    assert report.pages_crawled == 0
    [candidate] = report.candidates
    assert candidate.url == site.url("/report") and candidate.hinted_type == "pdf"
    assert candidate.extra["prefetched"]["size_bytes"] == len(PDF)
