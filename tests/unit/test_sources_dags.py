"""Generated per-source DAGs: one per valid source, the job DAG's tasks, fast to parse, no I/O.

These build DAG objects (Airflow's SDK, no Airflow DB): DagBag parses dags/docharvest_sources.py
with DOCHARVEST_SOURCES_FILE pointing at a file written by the test.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

DAG_FILE = Path(__file__).resolve().parents[2] / "dags" / "docharvest_sources.py"
SCRAPE_TASKS = ["plan", "discover", "download", "extract", "validate", "publish"]


def _scrape(i: int, **extra: Any) -> dict[str, Any]:
    return {
        "name": f"site_{i}",
        "kind": "scrape",
        "website": f"https://site{i}.example.org/",
        "prompt": "Board meeting minutes",
        "schedule": "0 6 * * 1",
        "owner": f"org{i % 5}",
        **extra,
    }


def _bag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sources: list[dict[str, Any]]) -> Any:
    from airflow.dag_processing.dagbag import DagBag

    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": sources}))
    monkeypatch.setenv("DOCHARVEST_SOURCES_FILE", str(path))
    return DagBag(dag_folder=str(DAG_FILE))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Any socket connect during parsing is recorded and refused."""
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError("network use at DAG parse time")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    yield attempts


def test_one_dag_per_valid_source_reusing_the_scrape_tasks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_network: list[Any]
) -> None:
    sources = [
        _scrape(1, description="Minutes of Springfield's board", tags=["municipal"]),
        _scrape(2, parameters={"timeout": 5}),  # invalid: not scheduled
        {"name": "acme", "kind": "knowledge", "website": "https://acme.example.com/", "schedule": "@monthly"},
        _scrape(3, schedule=None, catchup=True, start_date="2025-03-01"),
    ]
    bag = _bag(tmp_path, monkeypatch, sources)
    assert bag.import_errors == {}
    assert sorted(bag.dags) == [
        "docharvest_source_acme",
        "docharvest_source_site_1",
        "docharvest_source_site_3",
    ]
    assert no_network == []

    site = bag.dags["docharvest_source_site_1"]
    assert [t.task_id for t in site.tasks] == SCRAPE_TASKS
    assert set(site.tags) == {"docharvest", "source", "scrape", "org:org1", "municipal"}
    assert site.owner == "docharvest" and all(t.retries >= 1 for t in site.tasks)
    assert "Minutes of Springfield's board" in site.doc_md and "`org1`" in site.doc_md
    assert site.schedule == "0 6 * * 1" and site.catchup is False and site.max_active_runs == 1
    assert site.fileloc == str(DAG_FILE)  # workers re-parse the DAG file, not the builder module
    publish = site.get_task("publish")
    assert {o.name for o in publish.outlets} >= {"docharvest_documents", "docharvest_jobs"}

    manual = bag.dags["docharvest_source_site_3"]
    assert manual.schedule is None
    assert manual.catchup is True and manual.start_date.date().isoformat() == "2025-03-01"

    acme = bag.dags["docharvest_source_acme"]
    assert [t.task_id for t in acme.tasks] == ["plan", "crawl", "extract", "publish"]


def test_the_scrape_job_dag_is_unchanged_by_the_refactor() -> None:
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(DAG_FILE.with_name("docharvest_scrape.py")))
    dag = bag.dags["docharvest_scrape"]
    assert [t.task_id for t in dag.tasks] == SCRAPE_TASKS
    assert dag.schedule is None
    assert set(dag.params) == {
        "website",
        "prompt",
        "single_page",
        "timeout",
        "confidence_threshold",
        "file_type",
        "max_file_size_mb",
        "offsite_documents",
    }  # job_id / org_id travel in the run's conf (API, sources), not as form fields
    assert dag.fileloc.endswith("docharvest_scrape.py")
    assert dag.get_task("download").max_active_tis_per_dagrun == 4


def test_two_hundred_sources_parse_within_airflows_import_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_network: list[Any]
) -> None:
    sources = [
        _scrape(i)
        if i % 4
        else {
            "name": f"biz_{i}",
            "kind": "knowledge",
            "website": f"https://b{i}.example.com/",
            "schedule": "@weekly",
        }
        for i in range(200)
    ]
    _bag(tmp_path, monkeypatch, sources[:2])  # warm imports shared by every parse
    start = time.perf_counter()
    bag = _bag(tmp_path, monkeypatch, sources)
    elapsed = time.perf_counter() - start
    assert bag.import_errors == {} and len(bag.dags) == 200
    assert no_network == []
    # A functional bound, not a speed figure: past Airflow's dagbag_import_timeout (30 s) the
    # DAG processor drops the file and every source's DAG with it. (Speed: bench/, ~1 s quiet.)
    assert elapsed < 30.0, f"200 sources took {elapsed:.2f}s to parse"


def test_a_worker_parses_only_the_dag_it_runs(tmp_path: Path) -> None:
    from docharvest.orchestration.sources_dags import build_source_dags

    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": [_scrape(i) for i in range(5)]}))
    dags = build_source_dags(path, fileloc=str(DAG_FILE), only_dag_id="docharvest_source_site_3")
    assert list(dags) == ["docharvest_source_site_3"]
    assert len(build_source_dags(path, fileloc=str(DAG_FILE))) == 5


def test_extract_sources_are_scheduled_with_the_extract_tasks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_network: list[Any]
) -> None:
    from docharvest.models import ExtractConf

    source = {
        "name": "supplier_invoices",
        "kind": "extract",
        "inputs": ["https://invoices.example.org/2024/oct.pdf", "/srv/inbox/invoices"],
        "schema": "invoice",
        "schedule": "@daily",
        "owner": "finance",
    }
    bag = _bag(tmp_path, monkeypatch, [source])
    dag = bag.dags["docharvest_source_supplier_invoices"]
    assert [t.task_id for t in dag.tasks] == ["plan", "ingest", "parse", "extract", "validate", "publish"]
    assert "extract" in dag.tags and "org:finance" in dag.tags and dag.schedule == "@daily"
    assert no_network == []
    from docharvest.sources import parse_sources

    (parsed,) = parse_sources({"sources": [source]}).sources
    conf = ExtractConf.model_validate(parsed.conf())  # what the plan task receives is a valid job conf
    assert conf.schema_name == "invoice" and conf.org_id == "finance"
