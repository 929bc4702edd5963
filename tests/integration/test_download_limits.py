"""Downloader: size caps before and during streaming, type from the bytes, same bytes stored once."""

from __future__ import annotations

import gzip
from pathlib import Path

from docharvest.config import Settings
from docharvest.download import DownloadLimits, download_documents_sync
from docharvest.models import Candidate
from docharvest.samples.pdfwriter import simple_pdf

from tests.support.siteserver import Route, SiteServer

PDF = simple_pdf([["Budget 2024"]], title="Budget")
MB = 1024 * 1024


def _download(settings: Settings, tmp_path: Path, urls: list[str], cap: int = MB, private: bool = True):
    return download_documents_sync(
        [Candidate(url=u) for u in urls],
        settings=settings.crawl,
        allow_private_networks=private,
        limits=DownloadLimits(max_file_size_bytes=cap),
        raw_dir=tmp_path / "raw",
    )


def test_oversize_by_content_length_is_refused_before_the_body(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    big = b"%PDF-1.4\n" + b"0" * (3 * MB)
    site.add("/big.pdf", Route(body=big, headers={"Content-Type": "application/pdf"}))
    [outcome] = _download(settings, tmp_path, [site.url("/big.pdf")])
    assert outcome.status == "too_large"
    assert outcome.size_bytes == len(big)
    assert outcome.issue is not None
    assert outcome.issue.error_type == "file_too_large"
    assert outcome.issue.agent == "scraper"
    assert outcome.issue.recoverable is False
    assert "max_file_size_mb=1" in outcome.issue.message
    assert outcome.raw_path is None
    assert not list((tmp_path / "raw").rglob("*.pdf"))


def test_oversize_stream_is_aborted_early(site: SiteServer, settings: Settings, tmp_path: Path) -> None:
    sent: list[int] = []

    def chunks():
        yield b"%PDF-1.4\n"
        for _ in range(3200):  # 3200 x 64 KB = 200 MB if read in full
            sent.append(1)
            yield b"0" * 65536

    site.add("/stream.pdf", Route(headers={"Content-Type": "application/pdf"}, chunks=chunks()))
    [outcome] = _download(settings, tmp_path, [site.url("/stream.pdf")])
    assert outcome.status == "too_large"
    assert "max_file_size_mb=1" in outcome.issue.message  # type: ignore[union-attr]
    # Stopped long before the 200 MB end (loopback socket buffers absorb several MB after the close).
    assert len(sent) < 500
    assert not [p for p in (tmp_path / "raw").rglob("*") if p.is_file()]


def test_gzip_bomb_is_refused_after_decompression(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    bomb = gzip.compress(b"%PDF-1.4\n" + b"\0" * (50 * MB))  # ~50 KB on the wire
    assert len(bomb) < 200_000
    site.add(
        "/bomb.pdf", Route(body=bomb, headers={"Content-Type": "application/pdf", "Content-Encoding": "gzip"})
    )
    [outcome] = _download(settings, tmp_path, [site.url("/bomb.pdf")])
    assert outcome.status == "too_large"
    assert outcome.issue is not None and outcome.issue.error_type == "file_too_large"


def test_gzip_transfer_encoding_is_decoded(site: SiteServer, settings: Settings, tmp_path: Path) -> None:
    site.add(
        "/z.pdf",
        Route(
            body=gzip.compress(PDF), headers={"Content-Type": "application/pdf", "Content-Encoding": "gzip"}
        ),
    )
    [outcome] = _download(settings, tmp_path, [site.url("/z.pdf")])
    assert outcome.status == "downloaded"
    assert outcome.raw_path is not None and outcome.raw_path.read_bytes() == PDF


def test_private_address_refused_without_the_setting(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    site.add("/a.pdf", Route(body=PDF, headers={"Content-Type": "application/pdf"}))
    [outcome] = _download(settings, tmp_path, [site.url("/a.pdf")], private=False)
    assert outcome.status == "blocked"
    assert outcome.issue is not None
    assert outcome.issue.error_type == "blocked_private_network"
    assert "loopback" in outcome.issue.message
    assert site.requests == []


def test_same_bytes_at_two_urls_stored_once_with_aliases(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    for path in ("/a.pdf", "/copy/a.pdf"):
        site.add(path, Route(body=PDF, headers={"Content-Type": "application/pdf"}))
    a, b = _download(settings, tmp_path, [site.url("/a.pdf"), site.url("/copy/a.pdf")])
    assert a.status == b.status == "downloaded"
    assert a.sha256 == b.sha256
    assert a.raw_path == b.raw_path
    assert site.url("/copy/a.pdf") in a.aliases
    assert site.url("/a.pdf") in b.aliases
    assert len([p for p in (tmp_path / "raw").rglob("*") if p.is_file()]) == 1


def test_type_comes_from_the_bytes(site: SiteServer, settings: Settings, tmp_path: Path) -> None:
    site.add("/download", Route(body=PDF, headers={"Content-Type": "application/octet-stream"}))
    site.add(
        "/fake.pdf", Route(body="<html><body>Not found</body></html>", headers={"Content-Type": "text/html"})
    )
    real, fake = _download(settings, tmp_path, [site.url("/download"), site.url("/fake.pdf")])
    assert real.status == "downloaded" and real.document_type == "pdf"
    assert fake.status == "failed"
    assert fake.issue is not None and fake.issue.error_type == "not_a_document"
