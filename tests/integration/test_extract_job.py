"""The extract job end to end: ``docharvest extract`` runs a real Airflow DAG run (dag.test) over
generated invoices and writes the seed-002 results JSON."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docharvest.cli import main
from docharvest.config import Settings
from docharvest.store import repository
from docharvest.store.db import get_engine

from tests.support.invoices import generate_invoices, scanned_pdf

pytestmark = pytest.mark.slow

# Seed 002's row keys plus the documented extra field_evidence.
ROW_KEYS = {
    "id",
    "document_id",
    "filename",
    "status",
    "values",
    "confidence",
    "validation_flags",
    "field_evidence",
}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[dict[str, str]]:
    values = {
        "DOCHARVEST_DATA_DIR": str(tmp_path_factory.mktemp("extract-data")),
        "DOCHARVEST_DATABASE_URL": database_url,
        "DOCHARVEST_EXTRACT__BATCH_SIZE": "4",
    }
    with pytest.MonkeyPatch.context() as mp:
        for key, value in values.items():
            mp.setenv(key, value)
        saved = dict(os.environ)
        yield values
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture(scope="module")
def run(env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("invoices")
    fixtures = generate_invoices(9, seed=13)
    for fx in fixtures:
        (folder / fx.filename).write_bytes(fx.data)
    (folder / "scan.pdf").write_bytes(scanned_pdf())
    out = tmp_path_factory.mktemp("out") / "results.json"
    code = main(["extract", "--schema", "invoice", str(folder), "-o", str(out)])
    return {
        "code": code,
        "results": json.loads(out.read_text()),
        "fixtures": fixtures,
        "settings": Settings(),
    }


def test_cli_writes_the_seed_002_results_shape(run: dict[str, Any]) -> None:
    body = run["results"]
    assert run["code"] == 0
    assert set(body) == {"job_id", "job_status", "schema", "total_rows", "data", "links"}
    assert body["job_status"] == "complete"
    assert set(body["schema"]) == {"id", "name"} and body["schema"]["name"] == "Invoice"
    assert body["total_rows"] == len(body["data"]) == 10
    assert all(set(row) == ROW_KEYS for row in body["data"])
    assert body["links"]["self"] == f"/v1/jobs/{body['job_id']}/results"


def test_rows_values_statuses_and_flags(run: dict[str, Any]) -> None:
    rows = {r["filename"]: r for r in run["results"]["data"]}
    assert rows["scan.pdf"]["status"] == "failed" and rows["scan.pdf"]["validation_flags"] == [
        "no_text_layer"
    ]
    for fx in run["fixtures"]:
        row = rows[fx.filename]
        assert [f for f in row["validation_flags"] if not f.startswith("low_confidence:")] == fx.flags
        assert row["status"] == ("review" if row["validation_flags"] else "approved")
        if fx.truth["total"] is not None:
            assert row["values"]["total"] == pytest.approx(fx.truth["total"])
        # Every non-null value carries its confidence and where it was read.
        evidence = row["field_evidence"]
        assert {k for k, v in row["values"].items() if v is not None} == set(evidence)
        assert all(0 < e["confidence"] <= 1 and e["page"] >= 1 and e["line"] for e in evidence.values())


def test_parquet_rows_carry_field_evidence(run: dict[str, Any]) -> None:
    import pyarrow.parquet as pq

    [part] = (run["settings"].datasets_dir / "result_rows_invoice").rglob("*.parquet")
    table = pq.read_table(part)
    stored = dict(
        zip(table.column("filename").to_pylist(), table.column("field_evidence").to_pylist(), strict=True)
    )
    for row in run["results"]["data"]:
        want = row["field_evidence"]
        assert (json.loads(stored[row["filename"]]) if stored[row["filename"]] else None) == want


def test_job_row_agents_and_recorded_error(run: dict[str, Any]) -> None:
    engine = get_engine(run["settings"])
    job = repository.get_job(engine, run["results"]["job_id"])
    assert job["status"] == "completed" and job["dag_id"] == "docharvest_extract"
    assert {"coordinator", "extractor", "validator", "publisher"} <= set(job["agents_completed"])
    [error] = repository.list_errors(engine, job["job_id"])
    assert error["page_url"].endswith("scan.pdf") and error["is_recoverable"]


def test_cli_refuses_a_bad_schema_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = tmp_path / "s.json"
    schema.write_text(
        json.dumps({"name": "s", "fields": [{"name": "amount", "type": "string", "pattern": "(["}]})
    )
    assert main(["extract", "--schema", str(schema), str(tmp_path)]) == 2
    assert "field 'amount' pattern: invalid regex" in capsys.readouterr().err
    assert main(["extract", "--schema", "invoice"]) == 2
    assert "inputs" in capsys.readouterr().err
