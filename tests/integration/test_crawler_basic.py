"""The crawler and downloader end to end against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import hashlib
from pathlib import Path

from docharvest.config import Settings
from docharvest.crawl import crawl_site_sync
from docharvest.download import DownloadLimits, download_documents_sync
from docharvest.samples.pdfwriter import simple_pdf

from tests.support.siteserver import Route, SiteServer, html

PDF = simple_pdf([["Board meeting minutes", "January 2024"]], title="Minutes")


def _pdf_route(body: bytes = PDF) -> Route:
    return Route(body=body, headers={"Content-Type": "application/pdf"})


def test_nested_documents_found_and_downloaded(site: SiteServer, settings: Settings, tmp_path: Path) -> None:
    site.add("/", html("<title>Home</title><a href='/about/'>About</a><a href='/minutes.pdf'>Minutes</a>"))
    site.add("/about/", html("<h2>Reports</h2><p>Annual <a href='../reports/annual.pdf'>report</a></p>"))
    site.add("/minutes.pdf", _pdf_route())
    site.add("/reports/annual.pdf", _pdf_route(PDF + b"%annual"))

    report = crawl_site_sync(site.url("/"), settings=settings.crawl, allow_private_networks=True)

    assert report.start_url_error is None
    assert report.pages_crawled == 2
    urls = [c.url for c in report.candidates]
    assert urls == [site.url("/minutes.pdf"), site.url("/reports/annual.pdf")]
    annual = report.candidates[1]
    assert annual.source_page == site.url("/about/")
    assert annual.heading == "Reports"
    assert annual.link_text == "report"
    assert "Annual" in annual.context
    # Discovery never downloads documents it can name by URL.
    assert ("GET", "/minutes.pdf") not in site.requests

    outcomes = download_documents_sync(
        report.candidates,
        settings=settings.crawl,
        allow_private_networks=True,
        limits=DownloadLimits(max_file_size_bytes=1_000_000),
        raw_dir=tmp_path / "raw",
    )
    assert [o.status for o in outcomes] == ["downloaded", "downloaded"]
    first = outcomes[0]
    assert first.document_type == "pdf"
    assert first.sha256 == hashlib.sha256(PDF).hexdigest()
    assert first.raw_path == tmp_path / "raw" / first.sha256[:2] / first.sha256
    assert first.raw_path.read_bytes() == PDF
    assert first.filename == "minutes.pdf"


def test_unreachable_start_url_is_a_start_error(settings: Settings) -> None:
    report = crawl_site_sync("http://127.0.0.1:9/", settings=settings.crawl, allow_private_networks=True)
    assert report.start_url_error is not None
    assert "127.0.0.1:9" in report.start_url_error
    assert report.candidates == []
