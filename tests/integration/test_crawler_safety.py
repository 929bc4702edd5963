"""Security: only http(s), private/loopback/link-local targets refused (also after redirects)."""

from __future__ import annotations

from pathlib import Path

from docharvest.config import Settings
from docharvest.crawl import crawl_site_sync
from docharvest.download import DownloadLimits, download_documents_sync

from tests.support.siteserver import Route, SiteServer, html


def test_private_start_url_is_refused_without_the_setting(site: SiteServer, settings: Settings) -> None:
    site.add("/", html("<a href='/a.pdf'>a</a>"))
    report = crawl_site_sync(site.url("/"), settings=settings.crawl, allow_private_networks=False)
    assert report.start_url_error is not None
    assert "loopback 127.0.0.0/8" in report.start_url_error
    assert "allow_private_networks=false" in report.start_url_error
    assert report.issues[0].error_type == "blocked_private_network"
    assert site.requests == []  # not even robots.txt


def test_localhost_name_is_refused_too(site: SiteServer, settings: Settings) -> None:
    report = crawl_site_sync(
        f"http://localhost:{site.port}/", settings=settings.crawl, allow_private_networks=False
    )
    assert report.start_url_error is not None and "loopback" in report.start_url_error
    assert site.requests == []


def test_redirects_and_links_to_private_targets_are_refused(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    """The start host is trusted by name; every other private target stays refused, hop by hop."""
    crawl = settings.crawl.model_copy(update={"allowed_private_hosts": ["127.0.0.1"]})
    with SiteServer("127.0.0.2") as inner:
        inner.add("/admin", html("<a href='/keys.pdf'>keys</a>"))
        site.add(
            "/",
            html("<a href='/go'>go</a> <a href='/meta.pdf'>metadata</a> <a href='/fine.pdf'>fine</a>"),
        )
        site.add("/go", Route(status=302, headers={"Location": inner.url("/admin")}))
        site.add(
            "/meta.pdf", Route(status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
        )
        site.add("/fine.pdf", Route(body=b"%PDF-1.4 fine", headers={"Content-Type": "application/pdf"}))

        report = crawl_site_sync(site.url("/"), settings=crawl, allow_private_networks=False)
        assert report.start_url_error is None
        [blocked] = [i for i in report.issues if i.error_type == "blocked_private_network"]
        assert blocked.url == inner.url("/admin") and "loopback" in blocked.message

        outcomes = download_documents_sync(
            report.candidates,
            settings=crawl,
            allow_private_networks=False,
            limits=DownloadLimits(max_file_size_bytes=10**6),
            raw_dir=tmp_path,
        )
        by_url = {o.url: o for o in outcomes}
        meta = by_url[site.url("/meta.pdf")]
        assert meta.status == "blocked" and meta.issue is not None
        assert "169.254.169.254" in meta.issue.message and "metadata" in meta.issue.message
        assert by_url[site.url("/fine.pdf")].status == "downloaded"
        assert inner.requests == []


def test_non_http_start_url_is_refused(settings: Settings) -> None:
    report = crawl_site_sync("file:///etc/passwd", settings=settings.crawl, allow_private_networks=True)
    assert report.start_url_error is not None and "not an http(s) URL" in report.start_url_error
