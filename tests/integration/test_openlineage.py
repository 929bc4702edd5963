"""OpenLineage events of a real scrape job, through apache-airflow-providers-openlineage.

The provider reads its configuration once per process: its plugin registers the listener at
import time, and only when a transport is configured. This suite's process runs with
OpenLineage off (the provider's default without a transport), so the job runs as
``docharvest scrape`` in a subprocess whose environment alone carries
``AIRFLOW__OPENLINEAGE__TRANSPORT`` (the file transport: one JSON file per event). It shares
the suite's Airflow home and metadata DB, and the demo site on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from docharvest.config import Settings
from docharvest.orchestration import lineage
from docharvest.samples.demo_site import DEMO_PROMPT, build_demo_site, serve_folder
from docharvest.store import repository
from docharvest.store.db import get_engine

REPO = Path(__file__).resolve().parents[2]
NAMESPACE = "docharvest-test"
TASKS = {"plan", "discover", "download", "extract", "validate", "publish"}
OPENLINEAGE_ENV = ("AIRFLOW__OPENLINEAGE__", "OPENLINEAGE")


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = serve_folder(build_demo_site(tmp_path_factory.mktemp("site"), oversize_mb=3))
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, database_url: str, demo_site: str) -> dict[str, Any]:
    data = tmp_path_factory.mktemp("ol-data")
    events = tmp_path_factory.mktemp("ol-events")
    out = data / "results.json"
    env = {
        # The suite's Airflow home, dags folder and DB (set by the root conftest); none of a
        # developer's own OpenLineage settings.
        **{k: v for k, v in os.environ.items() if not k.startswith(OPENLINEAGE_ENV)},
        "DOCHARVEST_DATA_DIR": str(data),
        "DOCHARVEST_DATABASE_URL": database_url,
        "DOCHARVEST_CRAWL__MIN_DELAY_SECONDS": "0",
        "DOCHARVEST_CRAWL__RETRY_BACKOFF_SECONDS": "0.05",
        "DOCHARVEST_BATCH_SIZE": "5",
        "DOCHARVEST_IN_PROCESS_BATCH_SIZE": "5",  # the CLI too (it would make one)
        "AIRFLOW__OPENLINEAGE__TRANSPORT": json.dumps({"type": "file", "log_file_path": str(events / "ol")}),
        "AIRFLOW__OPENLINEAGE__NAMESPACE": NAMESPACE,
    }
    proc = subprocess.run(
        [sys.executable, "-m", "docharvest.cli", "scrape", demo_site, "--prompt", DEMO_PROMPT,
         "--max-file-size-mb", "1", "--allow-private-network", "-o", str(out)],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-4000:]
    results = json.loads(out.read_text())
    settings = Settings(data_dir=data, database_url=database_url)
    return {
        "results": results,
        "job": repository.get_job(get_engine(settings), results["job_id"]),
        "settings": settings,
        "events": [json.loads(p.read_text()) for p in sorted(events.glob("ol-*.json"))],
    }


def _task_events(run: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in run["events"] if e["job"]["name"].startswith("docharvest_scrape.")]


def test_every_task_emits_start_and_complete(run: dict[str, Any]) -> None:
    assert run["results"]["status"] == "completed"
    seen = {(e["job"]["name"].split(".", 1)[1], e["eventType"]) for e in _task_events(run)}
    assert seen == {(task, kind) for task in TASKS for kind in ("START", "COMPLETE")}
    assert {e["job"]["namespace"] for e in run["events"]} == {NAMESPACE}


def test_run_facets_carry_the_dag_run_id(run: dict[str, Any]) -> None:
    run_id = run["job"]["run_id"]
    assert run_id
    for event in _task_events(run):
        facets = event["run"]["facets"]
        assert facets["airflow"]["dagRun"]["run_id"] == run_id
        assert facets["airflow"]["dagRun"]["dag_id"] == "docharvest_scrape"
        assert facets["parent"]["job"] == {"namespace": NAMESPACE, "name": "docharvest_scrape", "facets": {}}
    # All tasks hang under one parent run: the DAG run.
    assert len({e["run"]["facets"]["parent"]["run"]["runId"] for e in _task_events(run)}) == 1


def test_publish_complete_names_the_parquet_datasets(run: dict[str, Any]) -> None:
    (complete,) = [
        e
        for e in _task_events(run)
        if e["job"]["name"] == "docharvest_scrape.publish" and e["eventType"] == "COMPLETE"
    ]
    datasets = run["settings"].datasets_dir.resolve()
    outputs = {(o["namespace"], o["name"]): o for o in complete["outputs"]}
    assert set(outputs) == {("file", f"{datasets}/{name}") for name in ("documents", "jobs", "job_errors")}
    documents = outputs[("file", f"{datasets}/documents")]
    columns = {f["name"] for f in documents["facets"]["schema"]["fields"]}
    assert {"document_id", "url", "sha256", "job_id", "run_id"} <= columns
    # The event's name is where the rows are, and the rows carry the run the event reports.
    table = pq.read_table(Path(f"{datasets}/documents"), columns=["job_id", "run_id"])
    assert set(table.column("run_id").to_pylist()) == {
        complete["run"]["facets"]["airflow"]["dagRun"]["run_id"]
    }
    # Only publish writes datasets; the other tasks report none.
    assert not [e for e in _task_events(run) if e["outputs"] and e is not complete]


def test_openlineage_is_off_without_a_transport() -> None:
    """This process configured no transport: the provider disables itself, no listener runs."""
    from airflow.providers.openlineage import conf
    from airflow.providers.openlineage.plugins.openlineage import OpenLineageProviderPlugin

    if any(k.startswith(OPENLINEAGE_ENV) for k in os.environ):
        pytest.skip("this environment configures OpenLineage")
    assert conf.is_disabled()
    assert OpenLineageProviderPlugin.listeners == []


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("/srv/data/datasets", ("file", "/srv/data/datasets/documents")),
        ("file:///srv/data/datasets/", ("file", "/srv/data/datasets/documents")),
        ("s3://bucket/docharvest", ("s3", "bucket", "docharvest/documents")),
        ("s3://bucket?endpoint_override=127.0.0.1:9000&scheme=http", ("s3", "bucket", "documents")),
        ("gcs://bucket/a/b", ("gs", "bucket", "a/b/documents")),
        ("memory://scratch/datasets", ("memory", "scratch", "datasets/documents")),
    ],
)
def test_dataset_identifier_follows_the_openlineage_naming_spec(
    location: str, expected: tuple[str, ...]
) -> None:
    if expected[0] == "file":
        assert lineage.dataset_identifier(location, "documents") == expected
    else:
        scheme, authority, name = expected
        assert lineage.dataset_identifier(location, "documents") == (f"{scheme}://{authority}", name)


def test_extract_publish_names_its_schemas_result_rows(settings: Settings) -> None:
    """An extract job's publish writes ``result_rows_<schema>`` (typed columns), ``jobs`` and ``job_errors``."""
    from docharvest.extract.schema import load_schema

    schema = load_schema("invoice")
    work = settings.work_dir("job_lineage")
    work.mkdir(parents=True)
    (work / "schema.json").write_text(json.dumps({"id": "invoice", **schema.model_dump(mode="json")}))
    published = lineage.extract_datasets(settings, "job_lineage")
    output, *others = lineage.output_datasets("s3://bucket/prefix", published)
    assert (output.namespace, output.name) == ("s3://bucket", "prefix/result_rows_invoice")
    assert [o.name for o in others] == ["prefix/jobs", "prefix/job_errors"]
    columns = [f.name for f in output.facets["schema"].fields]
    assert columns[: len(schema.fields)] == [f.name for f in schema.fields]
    assert {"result_id", "confidence", "job_id", "run_id"} <= set(columns)
