"""One size cap per job: the job's ``max_file_size_mb`` stops the crawler's prefetch, the
downloader and the parse alike (real servers on 127.0.0.1 that count the bytes they send)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

from docharvest.config import Settings
from docharvest.crawl import crawl_site_sync
from docharvest.download import DownloadLimits, download_documents_sync
from docharvest.models import file_size_bytes
from docharvest.pipeline import extract as extract_steps
from docharvest.pipeline import scrape as scrape_steps
from docharvest.samples.pdfwriter import simple_pdf
from docharvest.store import repository
from docharvest.store.db import get_engine

from tests.support.siteserver import RequestInfo, Route, SiteServer, html

MB = 1024 * 1024
PDF_SMALL = simple_pdf([["Summary 2024"]], title="Summary")
CHUNK = 64 * 1024


class CountingDocument:
    """A PDF streamed without a Content-Length (so no cap can refuse it up front), 200 MB if read
    to the end; counts the body bytes written per request."""

    def __init__(self, total_mb: int = 200) -> None:
        self.chunks = total_mb * MB // CHUNK
        self.sent: list[int] = []
        self._lock = threading.Lock()

    def __call__(self, info: RequestInfo) -> Route:
        with self._lock:
            self.sent.append(0)
            slot = len(self.sent) - 1
        return Route(headers={"Content-Type": "application/pdf"}, chunks=self._body(slot))

    def _body(self, slot: int) -> Iterator[bytes]:
        for i in range(self.chunks):
            part = b"%PDF-1.4\n" + b"0" * (CHUNK - 9) if i == 0 else b"0" * CHUNK
            self.sent[slot] += len(part)
            yield part


def test_a_page_url_that_is_an_oversize_document_is_never_downloaded_in_full(
    site: SiteServer, settings: Settings
) -> None:
    # A crawl without the job's cap spools under a job's default (100 MB): only the job's own
    # 1 MB can stop the 200 MB body near 1 MB.
    report = CountingDocument()
    site.add(
        "/",
        html("<h1>Council</h1><a href='/report'>Annual report</a> <a href='/minutes.pdf'>Minutes 2024</a>"),
    )
    site.add("/report", report)
    site.add(
        "/minutes.pdf",
        Route(
            body=simple_pdf([["Minutes 2024"]], title="Minutes"), headers={"Content-Type": "application/pdf"}
        ),
    )
    conf = {"website": site.url("/"), "prompt": "annual report and minutes", "max_file_size_mb": 1}
    job_id = scrape_steps.plan(settings, conf, dag_id="docharvest_scrape", run_id="manual__cap")
    for batch in scrape_steps.discover(settings, job_id):
        scrape_steps.download(settings, job_id, batch)

    assert report.sent, "the crawler never asked for the page URL"
    # Each request stopped near the 1 MB cap (loopback socket buffers absorb a few MB after the
    # close); without the job's cap the prefetch would have read up to 100 MB.
    assert max(report.sent) < 16 * MB, [n // MB for n in report.sent]
    prefetched = settings.work_dir(job_id) / "prefetched"
    assert all(f.stat().st_size <= MB for f in prefetched.rglob("*") if f.is_file())
    engine = get_engine(settings)
    docs = {d["url"]: d for d in repository.list_documents(engine, job_id)}
    assert docs[site.url("/minutes.pdf")]["status"] != "discovered"
    report_doc = docs.get(site.url("/report"))
    assert report_doc is None or report_doc["status"] not in ("downloaded", "extracted")
    issues = repository.list_errors(engine, job_id)
    warnings = repository.list_warnings(engine, job_id)
    told = [e["error_message"] for e in issues] + warnings
    assert any("/report" in m or "max_file_size_mb" in m for m in told), told


def test_an_extract_job_parses_what_it_downloaded_under_its_own_cap(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    # The deployment's default cap (1 MB) is below the job's (5 MB): the job's cap governs both steps.
    settings = settings.model_copy(
        update={"extract": settings.extract.model_copy(update={"max_file_size_mb": 1})}
    )
    text = ("Invoice No: INV-7\nTotal: 12.50 EUR\n" + "line of the ledger\n" * 120_000).encode()
    assert 2 * MB < len(text) < 5 * MB
    site.add("/ledger.txt", Route(body=text, headers={"Content-Type": "text/plain"}))
    conf = {"schema_name": "invoice", "inputs": [site.url("/ledger.txt")], "max_file_size_mb": 5}
    job_id = extract_steps.plan(settings, conf, dag_id="docharvest_extract", run_id="manual__cap")
    engine = get_engine(settings)
    for batch in extract_steps.ingest(settings, job_id):
        extract_steps.parse(settings, job_id, batch)
    [doc] = repository.list_documents(engine, job_id)
    assert doc["status"] == "parsed", doc.get("error")
    assert not [e for e in repository.list_errors(engine, job_id) if "too large" in e["error_message"]]

    # Without a cap of its own, an extract job takes the deployment's: refused at download, not after.
    site.add("/ledger2.txt", Route(body=text, headers={"Content-Type": "text/plain"}))
    conf = {"schema_name": "invoice", "inputs": [site.url("/ledger2.txt")], "job_id": "job_capdefault"}
    job_id = extract_steps.plan(settings, conf, dag_id="docharvest_extract", run_id="manual__cap2")
    assert repository.get_job_record(engine, job_id).params.max_file_size_mb == 1  # type: ignore[union-attr]
    extract_steps.ingest(settings, job_id)
    assert not [d for d in repository.list_documents(engine, job_id) if d["status"] == "parsed"]
    assert any("max_file_size_mb=1" in e["error_message"] for e in repository.list_errors(engine, job_id))


def test_the_crawler_and_the_downloader_stop_an_oversize_page_url_at_the_same_cap(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    # The crawler's own default cap (a job's default, 100 MB) would read half of this 200 MB
    # body; the cap handed to it is the one the downloader applies afterwards.
    cap = file_size_bytes(1)
    report_doc = CountingDocument()
    site.add("/", html("<a href='/report'>Annual report</a>"))
    site.add("/report", report_doc)
    found = crawl_site_sync(site.url("/"), settings=settings.crawl, allow_private_networks=True,
                            work_dir=tmp_path / "prefetch", max_file_size_bytes=cap)  # fmt: skip
    [candidate] = found.candidates
    assert candidate.url == site.url("/report") and "prefetched" not in candidate.extra
    assert not [f for f in (tmp_path / "prefetch").rglob("*") if f.is_file()]
    [outcome] = download_documents_sync(
        found.candidates, settings=settings.crawl, allow_private_networks=True,
        limits=DownloadLimits(max_file_size_bytes=cap), raw_dir=tmp_path / "raw",
    )  # fmt: skip
    assert outcome.status == "too_large" and outcome.issue is not None
    assert "max_file_size_mb=1" in outcome.issue.message
    assert outcome.issue.error_type == "file_too_large" and outcome.raw_path is None
    assert len(report_doc.sent) == 1  # the crawler's look only: the downloader trusts what it found
    assert report_doc.sent[0] < 16 * MB, report_doc.sent[0] // MB
    assert not [f for f in (tmp_path / "raw").rglob("*") if f.is_file()]


def test_an_oversize_page_url_by_content_length_is_asked_for_once(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    cap = file_size_bytes(1)
    body = b"%PDF-1.4\n" + b"0" * (3 * MB)
    site.add("/", html("<a href='/report'>Annual report</a> <a href='/small'>Summary</a>"))
    site.add("/report", Route(body=body, headers={"Content-Type": "application/pdf"}))
    site.add("/small", Route(body=PDF_SMALL, headers={"Content-Type": "application/pdf"}))
    found = crawl_site_sync(site.url("/"), settings=settings.crawl, allow_private_networks=True,
                            work_dir=tmp_path / "prefetch", max_file_size_bytes=cap)  # fmt: skip
    by_url = {c.url: c for c in found.candidates}
    assert by_url[site.url("/report")].extra["too_large"]["size_bytes"] == len(body)
    assert "too_large" not in by_url[site.url("/small")].extra
    outcomes = download_documents_sync(
        found.candidates, settings=settings.crawl, allow_private_networks=True,
        limits=DownloadLimits(max_file_size_bytes=cap), raw_dir=tmp_path / "raw",
    )  # fmt: skip
    report, small = sorted(outcomes, key=lambda o: o.url)
    assert report.status == "too_large" and report.size_bytes == len(body) and report.issue is not None
    assert report.issue.message.startswith("file 3.0 MB exceeds max_file_size_mb=1")
    assert small.status == "downloaded"
    assert site.requested_paths().count("/report") == 1
    # A downloader under a larger cap than the crawler's cannot trust the mark: it asks again.
    [again] = download_documents_sync(
        [by_url[site.url("/report")]], settings=settings.crawl, allow_private_networks=True,
        limits=DownloadLimits(max_file_size_bytes=4 * MB), raw_dir=tmp_path / "raw",
    )  # fmt: skip
    assert again.status == "downloaded" and again.size_bytes == len(body)
    assert site.requested_paths().count("/report") == 2
