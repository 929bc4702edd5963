"""The scrape job end to end: a real Airflow DAG run (dag.test) against a real site on 127.0.0.1.

The site is the bundled demo site: nested pages, PDF/DOCX/TXT documents, decoys, a corrupt
PDF, a broken link and an oversize file.
"""

from __future__ import annotations

import json
import os
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from docharvest.cli import main
from docharvest.config import Settings
from docharvest.samples.demo_site import DEMO_PROMPT, build_demo_site, serve_folder
from docharvest.store import repository
from docharvest.store.db import get_engine

from tests.support.contracts import SCRAPE_RESULTS, component, validate_component

ISO_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[dict[str, str]]:
    """DocHarvest's environment for CLI runs: own data dir, fast crawl, loopback allowed."""
    data = tmp_path_factory.mktemp("scrape-data")
    values = {
        "DOCHARVEST_DATA_DIR": str(data),
        "DOCHARVEST_DATABASE_URL": database_url,
        "DOCHARVEST_CRAWL__MIN_DELAY_SECONDS": "0",
        "DOCHARVEST_CRAWL__RETRY_BACKOFF_SECONDS": "0.05",
        "DOCHARVEST_BATCH_SIZE": "5",
        # Download every candidate, decoys included, so each document type goes through every step.
        "DOCHARVEST_RELEVANCE__DOWNLOAD_THRESHOLD": "0",
    }
    with pytest.MonkeyPatch.context() as mp:
        for key, value in values.items():
            mp.setenv(key, value)
        saved = dict(os.environ)
        yield values
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = build_demo_site(tmp_path_factory.mktemp("site"), oversize_mb=3)
    server = serve_folder(folder)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def run(env: dict[str, str], demo_site: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("out") / "results.json"
    code = main(
        [
            "scrape",
            demo_site,
            "--prompt",
            DEMO_PROMPT,
            "--max-file-size-mb",
            "1",
            "--allow-private-network",
            "-o",
            str(out),
        ]
    )
    results = json.loads(out.read_text())
    return {"code": code, "results": results, "settings": Settings(), "site": demo_site}


def _docs(run: dict[str, Any]) -> list[dict[str, Any]]:
    return repository.list_documents(get_engine(run["settings"]), run["results"]["job_id"])


def test_job_completes_and_exits_zero(run: dict[str, Any]) -> None:
    results = run["results"]
    assert run["code"] == 0
    assert results["status"] == "completed"
    assert re.match(r"^job_[a-z0-9]+$", results["job_id"])
    assert results["message"] == f"Job completed successfully. Found {len(results['documents'])} document(s)."


def test_results_match_the_seed_contract_field_for_field(run: dict[str, Any]) -> None:
    results = run["results"]
    validate_component(results, SCRAPE_RESULTS, "JobResultsResponse")
    assert set(component(SCRAPE_RESULTS, "JobResultsResponse")["properties"]) <= set(results)
    assert set(component(SCRAPE_RESULTS, "ExtractedDocument")["properties"]) <= set(results["documents"][0])
    meta = results["metadata"]
    for key in ("created_at", "started_at", "completed_at", "estimated_completion"):
        assert ISO_Z.match(meta[key]), (key, meta[key])
    assert meta["original_website"] == run["site"]
    assert meta["original_prompt"] == DEMO_PROMPT
    assert meta["parameters"]["max_file_size_mb"] == 1 and meta["parameters"]["timeout"] == 1800
    assert meta["current_agent"] is None and meta["final_status"] == "completed"
    assert meta["agents_completed"] == [
        "coordinator",
        "navigator",
        "validator",
        "scraper",
        "extractor",
        "publisher",
    ]
    assert results["runtime_minutes"] == round(results["total_runtime_seconds"] / 60, 2)
    assert 0 <= results["success_rate"] <= 1 and results["cost"] > 0


def test_nested_documents_of_every_type_are_found_and_read(run: dict[str, Any]) -> None:
    docs = {Path(d["url"]).name: d for d in _docs(run)}
    # Three levels deep: home -> government -> board/meetings-2023 -> the PDF.
    assert "board-minutes-2023-06-13.pdf" in docs
    extracted = {d["document_type"] for d in docs.values() if d["status"] == "extracted"}
    assert {"pdf", "docx", "txt"} <= extracted
    budget = docs["fy2024-budget.docx"]
    assert budget["page_count"] == 1 and budget["text_length"] > 20 and len(budget["sha256"]) == 64
    assert run["results"]["total_documents_found"] == len(docs)


def test_relevant_documents_are_listed_and_decoys_rank_below(run: dict[str, Any]) -> None:
    listed = {Path(d["url"]).name: d["confidence_score"] for d in run["results"]["documents"]}
    wanted = {f"board-minutes-2024-0{m}-{9 + m:02d}.pdf" for m in range(1, 7)} | {
        "board-minutes-2024-08-13.txt"
    }
    assert wanted <= set(listed)
    scores = {Path(d["url"]).name: d["confidence_score"] or 0 for d in _docs(run)}
    for decoy in ("board-agenda-2024-01-10.pdf", "board-minutes-2023-06-13.pdf", "recycling-schedule.txt"):
        assert scores[decoy] < min(scores[w] for w in wanted), decoy


def test_oversize_file_is_a_warning_and_not_stored(run: dict[str, Any]) -> None:
    atlas = next(d for d in _docs(run) if d["url"].endswith("board-minutes-2024-bound-volume.pdf"))
    assert atlas["status"] == "too_large" and atlas["raw_path"] is None
    assert any("max_file_size_mb" in w for w in run["results"]["warnings"])
    raw = run["settings"].raw_dir
    assert all(p.stat().st_size < 1024 * 1024 for p in raw.rglob("*") if p.is_file())


def test_corrupt_pdf_is_a_recoverable_extractor_error(run: dict[str, Any]) -> None:
    errors = [e for e in run["results"]["errors"] if e["page_url"].endswith("board-minutes-2024-07-09.pdf")]
    assert len(errors) == 1
    assert errors[0]["agent_name"] == "extractor" and errors[0]["is_recoverable"] is True
    assert run["results"]["has_errors"] is True and run["results"]["status"] == "completed"


def test_broken_link_is_a_scraper_error(run: dict[str, Any]) -> None:
    errors = [e for e in run["results"]["errors"] if e["page_url"].endswith("board-minutes-2024-09-10.pdf")]
    assert [e["agent_name"] for e in errors] == ["scraper"]
    assert "404" in errors[0]["error_type"] + errors[0]["error_message"]


def test_parquet_datasets_hold_every_candidate_with_lineage(run: dict[str, Any]) -> None:
    import duckdb

    datasets = run["settings"].datasets_dir
    job_id = run["results"]["job_id"]
    files = list(datasets.glob(f"documents/job_date=*/part-{job_id}.parquet"))
    assert len(files) == 1
    table = pq.read_table(files[0])
    assert table.num_rows == len(_docs(run))
    assert set(table.column("job_id").to_pylist()) == {job_id}
    count = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{datasets}/documents/*/*.parquet', hive_partitioning = true) "
        f"WHERE job_id = '{job_id}' AND status = 'extracted' AND confidence_score >= 0.1"
    ).fetchall()
    assert count == [(len(run["results"]["documents"]),)]
    jobs = pq.read_table(next(datasets.glob(f"jobs/job_date=*/part-{job_id}.parquet"))).to_pylist()
    assert jobs[0]["total_documents_found"] == run["results"]["total_documents_found"]


def test_rerunning_steps_creates_no_duplicates(run: dict[str, Any]) -> None:
    """A retried task rewrites the same rows: counts and Parquet stay as they were."""
    from docharvest.pipeline import scrape

    settings, job_id = run["settings"], run["results"]["job_id"]
    engine = get_engine(settings)

    def snapshot() -> tuple[int, int, int, int]:
        parquet = sum(
            pq.read_table(p).num_rows for p in settings.datasets_dir.rglob(f"part-{job_id}.parquet")
        )
        return (
            len(repository.list_documents(engine, job_id)),
            len(repository.list_errors(engine, job_id)),
            len(repository.list_warnings(engine, job_id)),
            parquet,
        )

    before = snapshot()
    batches = sorted({d["batch"] for d in repository.list_documents(engine, job_id)})
    for batch in batches:
        scrape.download(settings, job_id, batch)
        scrape.extract(settings, job_id, batch)
    scrape.validate(settings, job_id)
    scrape.publish(settings, job_id)
    assert snapshot() == before


def test_the_cli_reads_its_documents_in_one_batch(run: dict[str, Any]) -> None:
    """Every task of a CLI job runs in one process, one after another: its documents go through one
    download and one extract task, not a mapped task per ``batch_size`` (5 here)."""
    fetched = [d for d in _docs(run) if d["batch"] is not None]
    assert len(fetched) > 5
    assert {d["batch"] for d in fetched} == {0}
    assert any(d["status"] == "extracted" for d in fetched)


def test_unreachable_start_url_fails_the_job(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    out = tmp_path / "failed.json"
    code = main(
        [
            "scrape",
            f"http://127.0.0.1:{port}/",
            "--prompt",
            "minutes",
            "--allow-private-network",
            "-o",
            str(out),
        ]
    )
    results = json.loads(out.read_text())
    assert code != 0
    assert results["status"] == "failed"
    assert results["message"].startswith("Job failed: Failed to scrape URL:")
    assert "Failed to scrape URL" in capsys.readouterr().err


def test_cli_refuses_out_of_bounds_parameters(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["scrape", "https://example.org/", "--prompt", "minutes", "--timeout", "30"])
    assert code == 2
    assert "timeout: Input should be greater than or equal to 60" in capsys.readouterr().err


def test_candidates_below_the_download_threshold_are_kept_but_not_fetched() -> None:
    from docharvest.models import Candidate
    from docharvest.pipeline.scrape.candidates import candidate_rows
    from docharvest.relevance import RuleScorer, parse_prompt

    intent = parse_prompt(DEMO_PROMPT)
    candidates = [
        Candidate(
            url="https://t.example/docs/board-minutes-2024-01-09.pdf",
            link_text="Board minutes January 9, 2024",
        ),
        Candidate(
            url="https://t.example/docs/dog-license-form.pdf", link_text="Dog license application form"
        ),
    ]
    rows = {
        r["url"].rsplit("/", 1)[1]: r
        for r in candidate_rows("job_t", candidates, RuleScorer(), intent, 10, 0.02)
    }
    assert rows["board-minutes-2024-01-09.pdf"]["status"] == "discovered"
    assert rows["board-minutes-2024-01-09.pdf"]["batch"] == 0
    skipped = rows["dog-license-form.pdf"]
    assert skipped["status"] == "skipped" and skipped["batch"] is None
    assert skipped["pre_score"] < 0.02 and skipped["relevance_reason"]
