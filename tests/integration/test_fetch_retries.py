"""Retries follow the error's class, on real servers on 127.0.0.1: a transient failure (5xx, a
dropped connection) is tried again, a terminal one (4xx, 501) is asked once; a bug in our own
code is not swallowed as a network failure."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from docharvest.config import Settings
from docharvest.crawl.fetcher import Fetcher
from docharvest.crawl.headers import ResponseHead
from docharvest.download import DownloadLimits, download_documents_sync
from docharvest.models import Candidate

from tests.support.siteserver import Route, SiteServer

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
PDF_ROUTE = Route(body=PDF, headers={"Content-Type": "application/pdf"})


def _download(settings: Settings, tmp_path: Path, url: str, retries: int = 3):
    crawl = settings.crawl.model_copy(update={"max_retries": retries})
    [out] = download_documents_sync(
        [Candidate(url=url)],
        settings=crawl,
        allow_private_networks=True,
        limits=DownloadLimits(max_file_size_bytes=10**6),
        raw_dir=tmp_path / "raw",
    )
    return out


def test_a_transient_status_is_retried_until_it_passes(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    answers = iter([Route(status=503), Route(status=502), PDF_ROUTE])
    site.add("/flaky.pdf", lambda info: next(answers))
    out = _download(settings, tmp_path, site.url("/flaky.pdf"))
    assert out.status == "downloaded" and out.issue is None
    assert Counter(site.requested_paths())["/flaky.pdf"] == 3


@pytest.mark.parametrize("status", [404, 403, 410, 501])
def test_a_terminal_status_is_asked_once(
    site: SiteServer, settings: Settings, tmp_path: Path, status: int
) -> None:
    site.add("/gone.pdf", Route(status=status))
    out = _download(settings, tmp_path, site.url("/gone.pdf"))
    assert out.status == "failed" and out.issue is not None
    assert out.issue.error_type == f"http_{status}" and out.issue.recoverable is False
    assert Counter(site.requested_paths())["/gone.pdf"] == 1


def test_a_transient_failure_that_persists_gives_up_after_max_retries(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    site.add("/down.pdf", Route(status=500))
    out = _download(settings, tmp_path, site.url("/down.pdf"), retries=2)
    assert Counter(site.requested_paths())["/down.pdf"] == 3
    assert out.issue is not None and out.issue.recoverable is True
    assert "gave up after 3 attempts, max_retries=2" in out.issue.message


class DroppingServer:
    """Closes the first ``drops`` connections without a byte (a reset mid-request), then serves a PDF."""

    def __init__(self, drops: int) -> None:
        self.drops = drops
        self.connections = 0
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/doc"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                self.connections += 1
                conn.recv(65536)
                if self.connections <= self.drops:
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    continue  # RST: the client sees a connection reset, a foreign OSError/ClientError
                head = f"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: {len(PDF)}\r\n"
                conn.sendall(head.encode() + b"Connection: close\r\n\r\n" + PDF)

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def dropping() -> Iterator[DroppingServer]:
    server = DroppingServer(drops=2)
    yield server
    server.close()


def test_a_dropped_connection_is_mapped_to_a_transient_error_and_retried(
    dropping: DroppingServer, settings: Settings, tmp_path: Path
) -> None:
    settings.crawl.obey_robots = False  # the raw server answers one path only
    out = _download(settings, tmp_path, dropping.url)
    assert out.status == "downloaded", out.issue
    # aiohttp itself resends an idempotent request once after a reset (RFC 9112 9.3.1), then
    # raises; the third connection is our retry, decided by the mapped error's class.
    assert dropping.connections == 3


def test_a_dropped_connection_with_no_retries_left_is_a_recoverable_issue(
    dropping: DroppingServer, settings: Settings, tmp_path: Path
) -> None:
    settings.crawl.obey_robots = False
    out = _download(settings, tmp_path, dropping.url, retries=0)
    assert out.status == "failed" and out.issue is not None
    assert out.issue.error_type == "connection_reset" and out.issue.recoverable is True
    assert dropping.connections == 2  # aiohttp's own resend; none of ours


def test_a_bug_in_our_code_is_raised_not_recorded_as_a_network_failure(
    site: SiteServer, settings: Settings
) -> None:
    site.add("/a.pdf", PDF_ROUTE)

    def choose(head: ResponseHead) -> None:
        raise RuntimeError("a bug in a chooser")

    async def fetch() -> None:
        async with Fetcher(settings.crawl, allow_private_networks=True) as fetcher:
            await fetcher.fetch(site.url("/a.pdf"), agent="scraper", choose=choose)

    with pytest.raises(RuntimeError, match="a bug in a chooser"):
        asyncio.run(fetch())
    assert Counter(site.requested_paths())["/a.pdf"] == 1
