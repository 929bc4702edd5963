"""Scrape jobs through the DAG on a messy site: the job completes and reports every document once.

Full-site mode runs through the CLI (``docharvest scrape``, dag.test underneath); single-page
mode runs the DAG with ``dag.test`` directly. Both on the session's metadata DB (SQLite, or
PostgreSQL when DOCHARVEST_TEST_DATABASE_URL is set). The site and what a correct job reports
are described in tests/support/messy_site.py; the server logs prove which requests were made.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pyarrow.parquet as pq
import pytest
from docharvest.cli import main
from docharvest.config import Settings
from docharvest.models import ScrapeConf, new_job_id
from docharvest.store import repository
from docharvest.store.db import get_engine

from tests.support.messy_site import OVERSIZE_MB, PROMPT, MessySite, build_messy_site
from tests.support.siteserver import SiteServer


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[dict[str, str]]:
    values = {
        "DOCHARVEST_DATA_DIR": str(tmp_path_factory.mktemp("messy-data")),
        "DOCHARVEST_DATABASE_URL": database_url,
        "DOCHARVEST_CRAWL__MIN_DELAY_SECONDS": "0",
        "DOCHARVEST_CRAWL__RETRY_BACKOFF_SECONDS": "0.05",
        "DOCHARVEST_CRAWL__MAX_RETRIES": "1",
        "DOCHARVEST_BATCH_SIZE": "4",  # several mapped download/extract batches
        "DOCHARVEST_IN_PROCESS_BATCH_SIZE": "4",  # the CLI too (it would make one)
        "DOCHARVEST_RELEVANCE__DOWNLOAD_THRESHOLD": "0",
    }
    with pytest.MonkeyPatch.context() as mp:
        for key, value in values.items():
            mp.setenv(key, value)
        saved = dict(os.environ)
        yield values
        os.environ.clear()
        os.environ.update(saved)


def _serve() -> tuple[SiteServer, SiteServer, MessySite]:
    main_host, other_host = SiteServer("127.0.0.1").start(), SiteServer("127.0.0.2").start()
    return main_host, other_host, build_messy_site(main_host, other_host)


@pytest.fixture(scope="module")
def full_run(env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    main_host, other_host, site = _serve()
    out = tmp_path_factory.mktemp("messy-out") / "results.json"
    try:
        code = main(
            [
                "scrape",
                site.start_url,
                "--prompt",
                PROMPT,
                "--max-file-size-mb",
                str(OVERSIZE_MB),
                "--allow-private-network",
                "-o",
                str(out),
            ]
        )
        yield {"code": code, "results": json.loads(out.read_text()), "site": site, "settings": Settings()}
    finally:
        main_host.stop()
        other_host.stop()


@pytest.fixture(scope="module")
def single_run(env: dict[str, str]) -> Iterator[dict[str, Any]]:
    from docharvest.orchestration.runner import run_job
    from docharvest.views.scrape import scrape_results

    main_host, other_host, site = _serve()
    settings = Settings(allow_private_networks=True)
    conf = ScrapeConf(
        website=site.start_url,  # type: ignore[arg-type]
        prompt=PROMPT,
        single_page=True,
        max_file_size_mb=OVERSIZE_MB,
        job_id=new_job_id(),
    )
    try:
        state = run_job("docharvest_scrape", conf.model_dump(mode="json", exclude_none=True), settings)
        results = scrape_results(get_engine(settings), str(conf.job_id))
        yield {"state": state, "results": results, "site": site, "settings": settings}
    finally:
        main_host.stop()
        other_host.stop()


RUNS = ["full_run", "single_run"]


def _rows(run: dict[str, Any]) -> list[dict[str, Any]]:
    return repository.list_documents(get_engine(run["settings"]), run["results"]["job_id"])


def _sha_of_reported(run: dict[str, Any]) -> Counter[str]:
    """sha256 of every document the results list (the user's answer), counted."""
    rows = [d for d in _rows(run) if d["status"] != "duplicate"]
    by_url = {d["url"]: d for d in rows} | {d["final_url"]: d for d in rows if d["final_url"]}
    return Counter(by_url[d["url"]]["sha256"] for d in run["results"]["documents"])


def _diagnosis(run: dict[str, Any]) -> dict[str, Any]:
    """What a failed run knew: every row, the job's errors and warnings, the pages requested."""
    keys = ("url", "status", "sha256", "pre_score", "confidence_score", "batch", "error", "source_page")
    return {
        "rows": [{k: d.get(k) for k in keys} for d in _rows(run)],
        "errors": run["results"]["errors"],
        "warnings": run["results"]["warnings"],
        "requested": run["site"].main.requested_paths(),
    }


@pytest.mark.parametrize("mode", RUNS)
def test_job_completes(mode: str, request: pytest.FixtureRequest) -> None:
    run = request.getfixturevalue(mode)
    assert run.get("code", 0) == 0 and run.get("state", "success") == "success"
    assert run["results"]["status"] == "completed", run["results"].get("message")


@pytest.mark.parametrize("mode", RUNS)
def test_each_expected_document_is_reported_exactly_once(mode: str, request: pytest.FixtureRequest) -> None:
    run = request.getfixturevalue(mode)
    site: MessySite = run["site"]
    reported = _sha_of_reported(run)
    expected = site.expected(single_page=mode == "single_run")
    missing = [d.key for d in expected if reported[d.sha256] == 0]
    twice = [d.key for d in expected if reported[d.sha256] > 1]
    assert not missing and not twice, {
        "missing": missing,
        "reported more than once": twice,
        **(_diagnosis(run) if missing else {}),
    }
    if mode == "single_run":  # documents only reachable through other pages are not single-page results
        deeper = {d.sha256 for d in site.docs if not d.on_start_page}
        assert not deeper & set(reported)
    # No listed document is a duplicate row or lacks its bytes.
    assert all(sha and len(sha) == 64 for sha in reported)


@pytest.mark.parametrize("mode", RUNS)
def test_no_forbidden_request_was_made(mode: str, request: pytest.FixtureRequest) -> None:
    site: MessySite = request.getfixturevalue(mode)["site"]
    assert site.forbidden_requests() == []
    # The site's own variants of one file are fetched once (?download=1 and #page=2 are the same URL).
    feb = [p for p in site.main.requested_paths() if p.startswith("/files/2024/council-minutes-2024-02.pdf")]
    assert len(feb) == 1


@pytest.mark.parametrize("mode", RUNS)
def test_broken_documents_are_recorded_once_each(mode: str, request: pytest.FixtureRequest) -> None:
    run = request.getfixturevalue(mode)
    site: MessySite = run["site"]
    errors = run["results"]["errors"]

    def errors_for(path: str) -> list[dict[str, Any]]:
        return [e for e in errors if (e["page_url"] or "").endswith(path)]

    assert [e["agent_name"] for e in errors_for(site.not_found)] == ["scraper"]
    assert "404" in errors_for(site.not_found)[0]["error_type"]
    for path in (site.corrupt, site.encrypted):
        found = errors_for(path)
        assert [e["agent_name"] for e in found] == ["extractor"], path
        assert found[0]["is_recoverable"] is True
    assert "encrypt" in errors_for(site.encrypted)[0]["error_message"].lower()
    oversize = [w for w in run["results"]["warnings"] if site.oversize in w]
    assert len(oversize) == 1 and "max_file_size_mb" in oversize[0]
    rows = {d["url"]: d for d in _rows(run)}
    assert rows[site.main.url(site.oversize)]["status"] == "too_large"
    assert all(
        p.stat().st_size < OVERSIZE_MB * 1024 * 1024
        for p in run["settings"].raw_dir.rglob("*")
        if p.is_file()
    )


def test_full_site_records_crawl_problems_and_merges_copies(full_run: dict[str, Any]) -> None:
    site: MessySite = full_run["site"]
    results = full_run["results"]
    server_errors = [e for e in results["errors"] if (e["page_url"] or "").endswith(site.server_error_page)]
    assert [e["error_type"] for e in server_errors] == ["http_500"]
    warnings = " ".join(results["warnings"])
    assert "robots.txt disallows" in warnings and "max_calendar_pages=10" in warnings
    assert "offsite_documents=false" in warnings
    # The February file is at two URLs: one row keeps it and names the copy as an alias.
    rows = _rows(full_run)
    feb_sha = next(d.sha256 for d in site.docs if d.key == "feb-variants-and-copy")
    feb = [d for d in rows if d["sha256"] == feb_sha]
    kept = [d for d in feb if d["status"] != "duplicate"]
    assert len(kept) == 1 and len(feb) == 2
    assert site.main.url("/archive/copies/feb-2024.pdf") in kept[0]["aliases"] + [kept[0]["url"]]
    # A redirect chain: the row keeps the linked URL and the final one.
    jan = next(d for d in rows if d["url"].endswith("/go/minutes-2024-01"))
    assert (
        jan["final_url"].endswith("/files/2024/council-minutes-2024-01.pdf") and jan["status"] == "extracted"
    )
    # Sitemap-only and slow pages were crawled; the windows-1252 page's link text survived decoding.
    special = next(d for d in rows if d["url"].endswith("special-meeting-minutes-2024-06-20.pdf"))
    assert "\u2013" in (special["evidence"] or {}).get("link_text", "")


def test_full_site_parquet_holds_every_row_once(full_run: dict[str, Any]) -> None:
    settings, job_id = full_run["settings"], full_run["results"]["job_id"]
    files = list(settings.datasets_dir.glob(f"documents/job_date=*/part-{job_id}.parquet"))
    assert len(files) == 1
    table = pq.read_table(files[0]).to_pylist()
    urls = [r["url"] for r in table]
    assert len(urls) == len(set(urls)) == len(_rows(full_run))


def test_a_retried_publish_changes_nothing(full_run: dict[str, Any]) -> None:
    from docharvest.pipeline import scrape

    settings, job_id = full_run["settings"], full_run["results"]["job_id"]
    before = sorted((d["url"], d["status"], tuple(d["aliases"])) for d in _rows(full_run))
    scrape.publish(settings, job_id)
    after = sorted((d["url"], d["status"], tuple(d["aliases"])) for d in _rows(full_run))
    assert after == before
