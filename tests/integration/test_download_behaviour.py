"""Downloader behaviour beyond size caps: robots, dedup within a batch, headers, deadline, loops."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

from docharvest.config import Settings
from docharvest.download import DownloadLimits, download_documents_sync
from docharvest.models import Candidate

from tests.support.siteserver import Route, SiteServer

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def download(settings: Settings, tmp_path: Path, candidates: list[Candidate], **kw: Any):
    return download_documents_sync(
        candidates,
        settings=settings.crawl,
        allow_private_networks=True,
        limits=DownloadLimits(max_file_size_bytes=kw.pop("cap", 10**6), deadline=kw.pop("deadline", None)),
        raw_dir=tmp_path / "raw",
        **kw,
    )


def test_robots_is_checked_for_candidates_the_crawler_did_not_vet(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    site.add("/robots.txt", Route(body="User-agent: *\nDisallow: /private/\n"))
    site.add("/private/x.pdf", Route(body=PDF, headers={"Content-Type": "application/pdf"}))
    site.add("/public.pdf", Route(status=302, headers={"Location": "/private/x.pdf"}))
    out = download(
        settings,
        tmp_path,
        [Candidate(url=site.url("/private/x.pdf")), Candidate(url=site.url("/public.pdf"))],
    )
    assert [o.status for o in out] == ["blocked", "blocked"]
    assert all(o.issue is not None and o.issue.error_type == "robots_disallowed" for o in out)
    assert "/private/x.pdf" not in site.requested_paths()


def test_one_request_per_url_in_a_batch_and_headers_kept(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    headers = {
        "Content-Type": "application/octet-stream",
        "Content-Disposition": "attachment; filename*=UTF-8''Proc%C3%A8s-verbal.pdf",
        "ETag": '"v1"',
        "Last-Modified": "Wed, 21 Oct 2025 07:28:00 GMT",
    }
    site.add("/get", Route(body=PDF, headers=headers))
    out = download(
        settings, tmp_path, [Candidate(url=site.url("/get?id=1")), Candidate(url=site.url("/get?id=1#x"))]
    )
    assert Counter(site.requested_paths())["/get?id=1"] == 1
    first = out[0]
    assert first.status == "downloaded" and first.document_type == "pdf"
    assert first.filename == "Procès-verbal.pdf"
    assert first.etag == '"v1"' and first.last_modified == "Wed, 21 Oct 2025 07:28:00 GMT"
    assert out[1].sha256 == first.sha256 and out[1].status == "downloaded"


def test_candidates_redirecting_to_each_other_do_not_hang(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    site.add("/a.pdf", Route(status=302, headers={"Location": "/b.pdf"}))
    site.add("/b.pdf", Route(status=302, headers={"Location": "/a.pdf"}))
    started = time.monotonic()
    out = download(settings, tmp_path, [Candidate(url=site.url("/a.pdf")), Candidate(url=site.url("/b.pdf"))])
    assert time.monotonic() - started < 5
    assert {o.status for o in out} == {"failed"}
    assert all(o.issue is not None and o.issue.error_type == "redirect_loop" for o in out)


def test_expired_deadline_fails_remaining_downloads_as_recoverable(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    site.add("/a.pdf", Route(body=PDF, headers={"Content-Type": "application/pdf"}))
    [out] = download(settings, tmp_path, [Candidate(url=site.url("/a.pdf"))], deadline=time.monotonic() - 1)
    assert out.status == "failed" and out.issue is not None
    assert out.issue.error_type == "timeout" and out.issue.recoverable
    assert site.requests == []


def test_a_broken_document_server_is_a_recorded_failure(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    site.add("/err.pdf", Route(status=500))
    crawl = settings.crawl.model_copy(update={"max_retries": 1})
    [out] = download_documents_sync(
        [
            Candidate(url=site.url("/err.pdf")),
        ][:1],
        settings=crawl,
        allow_private_networks=True,
        limits=DownloadLimits(max_file_size_bytes=10**6),
        raw_dir=tmp_path,
    )
    assert out.status == "failed" and out.issue is not None
    assert out.issue.agent == "scraper" and out.issue.error_type == "http_500" and out.issue.recoverable
    assert Counter(site.requested_paths())["/err.pdf"] == 2
