"""Documents downloaded during the crawl: asked for once, parsed as they land, results unchanged.

The scrape job's discover step fetches the candidates it would download anyway while it crawls
(``docharvest.prefetch``); the download step adopts them and, in a job whose steps share one
process, the extract step takes what the warm parse workers read meanwhile. Real servers on
127.0.0.1 count the requests; the messy site (tests/support/messy_site.py) runs through the CLI
with the overlap and without it, and the two jobs must report the same.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docharvest.cli import main
from docharvest.config import Settings
from docharvest.pipeline import isolation
from docharvest.pipeline import scrape as scrape_steps
from docharvest.samples.pdfwriter import simple_pdf
from docharvest.store import repository
from docharvest.store.db import get_engine

from tests.support.messy_site import OVERSIZE_MB, PROMPT, MessySite, build_messy_site
from tests.support.siteserver import Route, SiteServer, html

PDF = {"Content-Type": "application/pdf"}
MB = 1024 * 1024


def _council_site(site: SiteServer) -> dict[str, bytes]:
    """A page linking council documents (one behind a redirect, one over a 1 MB cap) and a form the prompt does not ask for."""
    docs = {
        f"/files/minutes-2024-{m:02d}.pdf": simple_pdf(
            [[f"City Council minutes {m}/2024"]], title=f"Minutes {m}"
        )
        for m in (1, 2, 3)
    }
    site.add(
        "/",
        html(
            "<h1>City Council</h1>"
            + "".join(f"<a href='{path}'>Council minutes {path[-6:-4]}/2024</a> " for path in docs)
            + "<a href='/old/agenda.pdf'>Council agenda 2024</a> "
            + "<a href='/files/bound-volume.pdf'>Council minutes 2024, bound volume</a> "
            + "<a href='/forms/parking-permit.pdf'>Parking permit form</a>"
        ),
    )
    for path, body in docs.items():
        site.add(path, Route(body=body, headers=PDF))
    agenda = simple_pdf([["City Council agenda 2024"]], title="Agenda")
    site.add("/old/agenda.pdf", Route(status=301, headers={"Location": "/files/agenda.pdf"}))
    site.add("/files/agenda.pdf", Route(body=agenda, headers=PDF))
    site.add("/files/bound-volume.pdf", Route(body=b"%PDF-1.4\n" + b"0" * (2 * MB), headers=PDF))
    site.add(
        "/forms/parking-permit.pdf",
        Route(body=simple_pdf([["Parking permit application"]], title="Permit"), headers=PDF),
    )
    return docs | {"/files/agenda.pdf": agenda}


def _document_requests(site: SiteServer) -> Counter[str]:
    return Counter(p for p in site.requested_paths() if p.endswith(".pdf"))


def _read_ahead_idle(timeout: float = 60.0) -> None:
    ahead = isolation._warm.ahead if isolation._warm is not None else None
    deadline = time.monotonic() + timeout
    while ahead is not None and (ahead.queue or ahead.running) and time.monotonic() < deadline:
        time.sleep(0.05)


def _run_steps(settings: Settings, site: SiteServer) -> tuple[str, Counter[str], Counter[str]]:
    """plan + discover, then download + extract; the document requests after each half."""
    conf = {"website": site.url("/"), "prompt": "city council minutes and agenda 2024", "max_file_size_mb": 1}
    job_id = scrape_steps.plan(settings, conf, dag_id="docharvest_scrape", run_id=f"manual__{time.time_ns()}")
    batches = scrape_steps.discover(settings, job_id)
    after_crawl = _document_requests(site)
    for batch in batches:
        scrape_steps.download(settings, job_id, batch)
    for batch in batches:
        scrape_steps.extract(settings, job_id, batch)
    return job_id, after_crawl, _document_requests(site)


def test_a_document_fetched_during_the_crawl_is_not_fetched_again(
    site: SiteServer, settings: Settings
) -> None:
    bodies = _council_site(site)
    job_id, after_crawl, after_job = _run_steps(settings, site)

    # Every document the job downloads was asked for once, during the crawl; the redirect once too.
    for path in bodies:
        assert after_crawl[path] == 1 and after_job[path] == 1, (path, after_crawl, after_job)
    assert after_job["/old/agenda.pdf"] == 1
    # Over the cap: the crawl's look told the download step, which did not ask again.
    assert after_crawl["/files/bound-volume.pdf"] == after_job["/files/bound-volume.pdf"] == 1
    # Below the job's download floor: never fetched, by the crawl or after it.
    assert after_job["/forms/parking-permit.pdf"] == 0

    docs = {d["url"]: d for d in repository.list_documents(get_engine(settings), job_id)}
    for path, body in bodies.items():
        url = site.url("/old/agenda.pdf") if path == "/files/agenda.pdf" else site.url(path)
        doc = docs[url]
        assert doc["status"] == "extracted" and doc["file_size_bytes"] == len(body), doc
        assert Path(doc["raw_path"]).read_bytes() == body
        assert Path(doc["raw_path"]).is_relative_to(settings.raw_dir)
    assert docs[site.url("/old/agenda.pdf")]["final_url"] == site.url("/files/agenda.pdf")
    assert docs[site.url("/old/agenda.pdf")]["aliases"] == [site.url("/old/agenda.pdf")]  # as a download has
    assert docs[site.url("/files/bound-volume.pdf")]["status"] == "too_large"
    assert docs[site.url("/forms/parking-permit.pdf")]["status"] == "skipped"


def test_a_document_that_failed_for_good_during_the_crawl_is_not_asked_for_again(
    site: SiteServer, settings: Settings
) -> None:
    site.add(
        "/",
        html(
            "<h1>City Council</h1><a href='/files/minutes-2024-05.pdf'>Council minutes 05/2024</a> "
            "<a href='/files/minutes-2024-06.pdf'>Council minutes 06/2024</a> "
            "<a href='/files/minutes-2024-07.pdf'>Council minutes 07/2024</a>"
        ),
    )
    site.add("/files/minutes-2024-05.pdf", Route(status=404))  # gone: asking again changes nothing
    site.add(
        "/files/minutes-2024-06.pdf", Route(body=b"<html>moved</html>", headers={"Content-Type": "text/html"})
    )
    site.add("/files/minutes-2024-07.pdf", Route(body=simple_pdf([["Council minutes 7/2024"]]), headers=PDF))
    job_id, after_crawl, after_job = _run_steps(settings, site)

    for path in ("/files/minutes-2024-05.pdf", "/files/minutes-2024-06.pdf"):
        assert after_crawl[path] == after_job[path] == 1, (path, after_crawl, after_job)
    docs = {d["url"].rsplit("/", 1)[1]: d for d in repository.list_documents(get_engine(settings), job_id)}
    assert docs["minutes-2024-05.pdf"]["status"] == "failed" and "404" in docs["minutes-2024-05.pdf"]["error"]
    assert docs["minutes-2024-06.pdf"]["status"] == "failed"
    assert docs["minutes-2024-07.pdf"]["status"] == "extracted"
    errors = {
        e["page_url"].rsplit("/", 1)[1]: e for e in repository.list_errors(get_engine(settings), job_id)
    }
    assert errors["minutes-2024-05.pdf"]["error_type"] and not errors["minutes-2024-05.pdf"]["is_recoverable"]


def test_without_the_overlap_the_download_step_fetches_them(site: SiteServer, settings: Settings) -> None:
    bodies = _council_site(site)
    settings = settings.model_copy(
        update={"crawl": settings.crawl.model_copy(update={"prefetch_documents": False})}
    )
    job_id, after_crawl, after_job = _run_steps(settings, site)
    assert not after_crawl  # the crawl reads pages only
    assert all(after_job[path] == 1 for path in bodies), after_job
    statuses = Counter(d["status"] for d in repository.list_documents(get_engine(settings), job_id))
    assert statuses == {"extracted": 4, "too_large": 1, "skipped": 1}


def test_documents_read_during_the_crawl_are_taken_by_extract(
    site: SiteServer, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With warm workers (a job in one process), the crawl's documents are parsed as they land:
    once that is done, the extract step reads none itself."""
    bodies = _council_site(site)
    conf = {"website": site.url("/"), "prompt": "city council minutes and agenda 2024", "max_file_size_mb": 1}
    with isolation.keep_warm():
        job_id = scrape_steps.plan(settings, conf, dag_id="docharvest_scrape", run_id="manual__ahead")
        batches = scrape_steps.discover(settings, job_id)
        _read_ahead_idle()

        def no_new_reads(limits: isolation.ParseLimits) -> Any:
            raise AssertionError("extract read a document the crawl had handed to the parse workers")

        monkeypatch.setattr(isolation, "_take_worker", no_new_reads)
        for batch in batches:
            scrape_steps.download(settings, job_id, batch)
            scrape_steps.extract(settings, job_id, batch)
    docs = repository.list_documents(get_engine(settings), job_id)
    read = [d for d in docs if d["status"] == "extracted"]
    assert len(read) == len(bodies) and all(d["page_count"] == 1 and d["text_length"] for d in read)


def test_the_crawl_fetches_no_more_documents_than_the_job_keeps(site: SiteServer, settings: Settings) -> None:
    _council_site(site)
    settings = settings.model_copy(update={"crawl": settings.crawl.model_copy(update={"max_documents": 2})})
    job_id, after_crawl, _ = _run_steps(settings, site)
    # Redirect hops count as requests of their own: count the documents' first requests.
    firsts = sum(n for path, n in after_crawl.items() if not path.startswith("/files/agenda"))
    assert firsts <= 2, after_crawl
    kept = [d for d in repository.list_documents(get_engine(settings), job_id) if d["batch"] is not None]
    assert len(kept) == 2


# -- the same job with and without the overlap, through the CLI ------------------------------------


@pytest.fixture(scope="module")
def cli_env(database_url: str) -> Iterator[None]:
    values = {
        "DOCHARVEST_DATABASE_URL": database_url,
        "DOCHARVEST_CRAWL__MIN_DELAY_SECONDS": "0",
        "DOCHARVEST_CRAWL__RETRY_BACKOFF_SECONDS": "0.05",
        "DOCHARVEST_CRAWL__MAX_RETRIES": "1",
        "DOCHARVEST_BATCH_SIZE": "4",  # several mapped download/extract batches
        "DOCHARVEST_IN_PROCESS_BATCH_SIZE": "4",  # the CLI too (it would make one)
    }
    with pytest.MonkeyPatch.context() as mp:
        for key, value in values.items():
            mp.setenv(key, value)
        saved = dict(os.environ)
        yield
        os.environ.clear()
        os.environ.update(saved)


def _messy_job(site: MessySite, tmp: Path, prefetch: bool) -> dict[str, Any]:
    out = tmp / "results.json"
    os.environ["DOCHARVEST_DATA_DIR"] = str(tmp / "data")
    os.environ["DOCHARVEST_CRAWL__PREFETCH_DOCUMENTS"] = "true" if prefetch else "false"
    before = len(site.main.requested_paths())
    args = ["scrape", site.start_url, "--prompt", PROMPT, "--max-file-size-mb", str(OVERSIZE_MB)]
    code = main([*args, "--allow-private-network", "-o", str(out)])
    engine = get_engine(Settings())
    results = json.loads(out.read_text())
    job_id = results["job_id"]
    return {
        "code": code,
        "documents_requested": sum(1 for p in site.main.requested_paths()[before:] if "/files/" in p),
        "view": _drop(results, _RUN_KEYS),
        "rows": _drop(_rows(engine, job_id), _RUN_KEYS),
        "issues": sorted(
            (e["error_type"], e["error_message"]) for e in repository.list_errors(engine, job_id)
        ),
        "warnings": sorted(repository.list_warnings(engine, job_id)),
    }


# Row columns that say when or where this run kept things, not what the job found.
_RUN_COLUMNS = {"job_id", "id", "evidence", "raw_path", "text_path", "discovered_at", "downloaded_at",
                "extracted_at", "created_at", "updated_at"}  # fmt: skip


def _rows(engine: Any, job_id: str) -> list[dict[str, Any]]:
    rows = []
    for doc in sorted(repository.list_documents(engine, job_id), key=lambda d: d["url"]):
        row = {k: v for k, v in doc.items() if k not in _RUN_COLUMNS}
        row["raw_file"] = Path(doc["raw_path"]).name if doc["raw_path"] else None
        row["text"] = Path(doc["text_path"]).read_text() if doc["text_path"] else None
        rows.append(row)
    return rows


# Keys of the job's answer that say which run it was and when, not what it found.
_RUN_KEYS = {"job_id", "error_id", "timestamp", "created_at", "updated_at", "started_at", "completed_at",
             "estimated_completion", "runtime_minutes", "total_runtime_seconds", "cpu_seconds", "cost",
             "extracted_at", "downloaded_at", "discovered_at"}  # fmt: skip


def _drop(value: Any, keys: set[str]) -> Any:
    """``value`` without ``keys``; errors sorted (recorded as steps finish: mapped batches run in
    no fixed order, with the overlap or without it)."""
    if isinstance(value, dict):
        return {k: _drop(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        items = [_drop(v, keys) for v in value]
        if all(isinstance(v, dict) and "error_type" in v for v in items):
            items.sort(key=lambda v: json.dumps(v, sort_keys=True, default=str))
        return items
    return value


def test_the_job_reports_the_same_with_and_without_the_overlap(
    cli_env: None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # One site for both jobs: its DOCX and encrypted PDF differ byte-wise each time it is built.
    main_host, other_host = SiteServer("127.0.0.1").start(), SiteServer("127.0.0.2").start()
    try:
        site = build_messy_site(main_host, other_host)
        with_overlap = _messy_job(site, tmp_path_factory.mktemp("overlap"), prefetch=True)
        without = _messy_job(site, tmp_path_factory.mktemp("no-overlap"), prefetch=False)
    finally:
        main_host.stop()
        other_host.stop()
    assert with_overlap["code"] == without["code"] == 0
    assert with_overlap["view"] == without["view"]
    assert with_overlap["rows"] == without["rows"]
    assert with_overlap["issues"] == without["issues"]
    assert with_overlap["warnings"] == without["warnings"]
    assert with_overlap["documents_requested"] > 0
