"""Extract job steps end to end without Airflow: files, folders, URLs and a scrape job's documents in,
seed-002 rows, recorded errors, GE flags, the audit JSON and a typed Parquet dataset out."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from docharvest.config import Settings
from docharvest.errors import TerminalError
from docharvest.extract.reading import read_document
from docharvest.models import JobStatus
from docharvest.pipeline import extract as steps
from docharvest.samples.pdfwriter import simple_pdf
from docharvest.store import repository
from docharvest.store.db import get_engine, init_db
from docharvest.views.extract import extract_results

from tests.support.invoices import generate_invoices, scanned_pdf
from tests.support.siteserver import Route, SiteServer


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(simple_pdf([["Invoice No: X-1"]]))))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _run(settings: Settings, conf: dict[str, Any], check: Any = None) -> dict[str, Any]:
    job_id = steps.plan(settings, conf, dag_id="docharvest_extract", run_id="manual__1")
    batches = steps.ingest(settings, job_id)
    engine = get_engine(settings)
    if check:
        check("ingested", extract_results(engine, job_id))
    for batch in batches:
        steps.parse(settings, job_id, batch)
        steps.extract(settings, job_id, batch)
    if check:
        check("extracted", extract_results(engine, job_id))
    steps.validate(settings, job_id)
    steps.publish(settings, job_id)
    return extract_results(engine, job_id)


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, list[Any]]:
    folder = tmp_path / "in"
    folder.mkdir()
    fixtures = generate_invoices(12, seed=5)
    for fx in fixtures:
        (folder / fx.filename).write_bytes(fx.data)
    (folder / "scan.pdf").write_bytes(scanned_pdf())
    (folder / "locked.pdf").write_bytes(_encrypted_pdf())
    (folder / "empty.docx").write_bytes(b"")
    (folder / "notes.xyz").write_bytes(b"ignored: not a document type")
    return folder, fixtures


def test_folder_job_rows_statuses_flags_errors_and_parquet(
    settings: Settings, corpus: tuple[Path, list[Any]]
) -> None:
    folder, fixtures = corpus
    settings = settings.model_copy(update={"extract": settings.extract.model_copy(update={"batch_size": 5})})
    seen: dict[str, dict[str, Any]] = {}
    body = _run(
        settings,
        {"schema_name": "invoice", "inputs": [str(folder)], "job_id": "job_folder1"},
        lambda k, v: seen.update({k: v}),
    )

    # Progressive results: every document has a row right after ingest, values after extract.
    assert seen["ingested"]["total_rows"] == 15 and seen["ingested"]["job_status"] == "processing"
    assert {r["status"] for r in seen["ingested"]["data"]} == {"pending"}
    assert any(r["values"] for r in seen["extracted"]["data"])

    assert body["job_status"] == "complete" and body["schema"]["name"] == "Invoice"
    assert body["links"] == {"self": "/v1/jobs/job_folder1/results", "job": "/v1/jobs/job_folder1"}
    rows = {r["filename"]: r for r in body["data"]}
    assert set(rows) == {fx.filename for fx in fixtures} | {"scan.pdf", "locked.pdf", "empty.docx"}
    assert rows["scan.pdf"]["status"] == "failed" and rows["scan.pdf"]["validation_flags"] == [
        "no_text_layer"
    ]
    assert rows["locked.pdf"]["validation_flags"] == ["encrypted_document"]
    assert rows["empty.docx"]["status"] == "failed"
    for fx in fixtures:
        row = rows[fx.filename]
        assert set(row["values"]) == {"invoice_number", "vendor", "total", "currency", "date", "due_date"}
        errors = [f for f in row["validation_flags"] if not f.startswith("low_confidence:")]
        assert errors == fx.flags
        # Every value read below the approval bar says so; approved means no flag at all.
        evidence = row["field_evidence"]
        unsure = {
            name for name, ev in evidence.items() if ev["confidence"] < settings.extract.approve_confidence
        }
        assert {
            f.split(":", 1)[1] for f in row["validation_flags"] if f.startswith("low_confidence:")
        } == unsure
        assert row["status"] == ("review" if row["validation_flags"] else "approved")
        # Evidence for every non-null value, pointing at the text it was read from.
        text = read_document(str(folder / fx.filename), fx.document_type)
        assert not isinstance(text, str)
        assert {k for k, v in row["values"].items() if v is not None} == set(evidence)
        for ev in evidence.values():
            start, end = ev["span"]
            assert text.pages[ev["page"] - 1][start:end] == ev["raw"]
    assert {r["status"] for r in body["data"]} >= {"approved", "review"}

    engine = get_engine(settings)
    errors = repository.list_errors(engine, "job_folder1")
    assert {e["page_url"].rsplit("/", 1)[-1] for e in errors} == {"scan.pdf", "locked.pdf", "empty.docx"}
    assert all(e["is_recoverable"] and e["agent_name"] == "extractor" for e in errors)
    job = repository.get_job(engine, "job_folder1")
    assert job["status"] == JobStatus.completed and job["kind"] == "extract" and job["schema_id"]

    audit = json.loads((settings.work_dir("job_folder1") / "validation.json").read_text())
    assert "results" in audit and "statistics" in audit

    files = list((settings.datasets_dir / "result_rows_invoice").rglob("*.parquet"))
    table = pq.read_table(files[0])
    assert str(table.schema.field("total").type) == "double"
    assert str(table.schema.field("date").type) == "date32[day]"
    assert {
        "confidence",
        "validation_flags",
        "status",
        "job_id",
        "schema_version",
        "extraction_schema_version",
    } <= set(table.column_names)
    assert table.num_rows == 15 and set(table.column("job_id").to_pylist()) == {"job_folder1"}
    stored = dict(
        zip(table.column("filename").to_pylist(), table.column("field_evidence").to_pylist(), strict=True)
    )
    assert all(json.loads(stored[fx.filename]) == rows[fx.filename]["field_evidence"] for fx in fixtures)
    # The job itself (and its errors) land in the datasets every job kind writes.
    [job_file] = (settings.datasets_dir / "jobs").rglob("*.parquet")
    [job_row] = pq.read_table(job_file).to_pylist()
    assert (job_row["job_id"], job_row["kind"], job_row["status"]) == ("job_folder1", "extract", "completed")
    [errors_file] = (settings.datasets_dir / "job_errors").rglob("*.parquet")
    assert job_row["error_count"] == pq.read_table(errors_file).num_rows > 0


def test_rerunning_steps_does_not_duplicate_rows(settings: Settings, corpus: tuple[Path, list[Any]]) -> None:
    folder, _ = corpus
    conf = {"schema_name": "invoice", "inputs": [str(folder)], "job_id": "job_rerun1"}
    first = _run(settings, conf)
    second = _run(settings, conf)
    assert second["total_rows"] == first["total_rows"] == 15
    assert [r["id"] for r in first["data"]] == [r["id"] for r in second["data"]]
    assert [r["values"] for r in first["data"]] == [r["values"] for r in second["data"]]


def test_zero_documents_completes_with_a_warning(settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    body = _run(
        settings, {"schema_name": "invoice", "inputs": [str(tmp_path / "empty")], "job_id": "job_empty1"}
    )
    assert body["job_status"] == "complete" and body["total_rows"] == 0
    assert any("No documents" in w for w in repository.list_warnings(get_engine(settings), "job_empty1"))


def test_bad_schema_and_missing_inputs(settings: Settings, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": "x", "fields": [{"name": "a", "type": "colour"}]}))
    with pytest.raises(TerminalError, match="field 'a' type: unknown type 'colour'"):
        steps.plan(settings, {"schema_name": str(bad), "inputs": ["x"]}, dag_id="d", run_id="r1")
    body = _run(
        settings, {"schema_name": "invoice", "inputs": [str(tmp_path / "nope.pdf")], "job_id": "job_missing1"}
    )
    assert body["total_rows"] == 0
    [error] = repository.list_errors(get_engine(settings), "job_missing1")
    assert error["error_type"] == "input_not_found"


def test_urls_and_a_scrape_jobs_documents(settings: Settings, site: SiteServer, tmp_path: Path) -> None:
    [fx] = generate_invoices(1, seed=9, layouts=["classic"])
    site.add("/inv.pdf", Route(body=fx.data, headers={"Content-Type": "application/pdf"}))
    site.add("/gone.pdf", Route(body="nope", status=404))
    body = _run(
        settings,
        {
            "schema_name": "invoice",
            "inputs": [site.url("/inv.pdf"), site.url("/gone.pdf")],
            "job_id": "job_urls1",
        },
    )
    assert body["total_rows"] == 1
    assert body["data"][0]["values"]["total"] == pytest.approx(fx.truth["total"])
    assert any(
        e["page_url"].endswith("/gone.pdf") for e in repository.list_errors(get_engine(settings), "job_urls1")
    )

    # A finished scrape job's downloaded documents are the inputs of the next extract job.
    engine = init_db(settings)
    raw = tmp_path / "raw.pdf"
    raw.write_bytes(fx.data)
    repository.ensure_job(engine, {"job_id": "job_scrape1", "kind": "scrape", "status": "completed"})
    repository.upsert_documents(
        engine,
        [
            {
                "job_id": "job_scrape1",
                "url": "https://example.org/a.pdf",
                "status": "extracted",
                "raw_path": str(raw),
                "document_type": "pdf",
                "filename": "a.pdf",
            }
        ],
    )
    body = _run(
        settings, {"schema_name": "invoice", "source_job_id": "job_scrape1", "job_id": "job_fromscrape1"}
    )
    assert [r["filename"] for r in body["data"]] == ["a.pdf"]
    assert body["data"][0]["values"]["invoice_number"] == fx.truth["invoice_number"]


def test_oversize_document_is_a_failed_row_and_a_recorded_error(settings: Settings, tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10))
    conf = {"schema_name": "invoice", "inputs": [str(big)], "job_id": "job_big1", "max_file_size_mb": 1}
    body = _run(settings, conf)
    assert body["data"][0]["status"] == "failed"
    assert body["data"][0]["validation_flags"] == ["file_too_large"]
    [error] = repository.list_errors(get_engine(settings), "job_big1")
    assert "too large" in error["error_message"]


def test_cancelled_job_stops_reading_and_keeps_partial_rows(
    settings: Settings, corpus: tuple[Path, list[Any]]
) -> None:
    folder, _ = corpus
    job_id = steps.plan(
        settings,
        {"schema_name": "invoice", "inputs": [str(folder)], "job_id": "job_cancel1"},
        dag_id="d",
        run_id="r",
    )
    [batch] = steps.ingest(settings, job_id)
    engine = get_engine(settings)
    repository.update_job(engine, job_id, status=JobStatus.cancelled)
    steps.parse(settings, job_id, batch)
    steps.extract(settings, job_id, batch)
    steps.validate(settings, job_id)
    steps.publish(settings, job_id)
    body = extract_results(engine, job_id)
    assert body["job_status"] == "cancelled" and body["total_rows"] == 15
    assert {r["status"] for r in body["data"]} == {"pending"}
