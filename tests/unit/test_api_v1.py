"""The /v1 families: extract jobs and results (seed 002), schemas, knowledge jobs and status (seed 003)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from docharvest.api import create_app
from docharvest.api.keys import create_key
from docharvest.config import Settings
from docharvest.models import JobKind, JobStatus
from docharvest.store import repository
from docharvest.store.db import init_db
from docharvest.store.repository import update_result_rows as update_rows
from docharvest.store.tables import knowledge_items, result_rows
from fastapi.testclient import TestClient

from tests.support.api_helpers import AirflowRecorder, add_job, with_api

INVOICE_SCHEMA = {
    "name": "purchase_order",
    "version": 1,
    "fields": [{"name": "po_number", "type": "string", "required": True, "labels": ["po number"]}],
}


@pytest.fixture
def engine(settings: Settings) -> sa.Engine:
    return init_db(settings)


@pytest.fixture
def airflow() -> AirflowRecorder:
    return AirflowRecorder()


@pytest.fixture
def org() -> str:
    return f"v1-{datetime.now(UTC).timestamp()}"


@pytest.fixture
def client(settings: Settings, airflow: AirflowRecorder, engine: sa.Engine, org: str) -> Iterator[TestClient]:
    app_settings = with_api(settings, airflow_password="pw", extract_max_wait_seconds=0.3)
    key = create_key(engine, org)[0]
    with TestClient(create_app(app_settings, airflow_transport=airflow.transport())) as client:
        client.headers["x-api-key"] = key
        yield client


def assert_v1_error(response: Any, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    return str(body["error"]["message"])


def add_rows(engine: sa.Engine, job_id: str, count: int) -> None:
    now = datetime.now(UTC)
    rows = [
        {
            "id": f"res_{job_id}_{i:04d}",
            "job_id": job_id,
            "document_id": f"doc_{i:04d}",
            "filename": f"invoice_{i}.pdf",
            "status": "approved" if i % 3 else "review",
            "values": {"invoice_number": f"INV-{i}", "total": 10.0 * i},
            "confidence": 0.9,
            "validation_flags": [] if i % 3 else ["missing_required_field:total"],
            "field_evidence": {
                "invoice_number": {
                    "confidence": 0.95,
                    "page": 1,
                    "line": f"Invoice No: INV-{i}",
                    "span": [12, 17],
                }
            },
            "position": i,
            "created_at": now,
        }
        for i in range(count)
    ]
    with engine.begin() as conn:
        conn.execute(sa.insert(result_rows), rows)


# -- extract ---------------------------------------------------------------------------


def test_extract_job_from_builtin_schema_and_urls(
    client: TestClient, airflow: AirflowRecorder, org: str
) -> None:
    response = client.post(
        "/v1/jobs", json={"schema_id": "invoice", "documents": ["https://example.com/a.pdf"]}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "pending" and body["kind"] == "extract"
    [trigger] = airflow.triggered()
    conf = trigger["conf"]
    assert conf["schema_name"] == "invoice" and conf["inputs"] == ["https://example.com/a.pdf"]
    assert conf["org_id"] == org and conf["job_id"] == body["id"]
    assert "/docharvest_extract/" in [p for m, p, _ in airflow.calls if m == "POST" and "dagRuns" in p][0]


def test_extract_job_with_inline_schema_and_uploads(client: TestClient, airflow: AirflowRecorder) -> None:
    files = [
        ("files", ("po.txt", b"PO number: 4711", "text/plain")),
        ("files", ("b.txt", b"PO number: 1", "text/plain")),
    ]
    response = client.post("/v1/jobs", data={"schema": json.dumps(INVOICE_SCHEMA)}, files=files)
    assert response.status_code == 200, response.text
    conf = airflow.triggered()[0]["conf"]
    assert conf["schema_name"].startswith("sch_")
    assert [Path(p).read_text() for p in conf["inputs"]] == ["PO number: 4711", "PO number: 1"]
    stored = client.get(f"/v1/schemas/{conf['schema_name']}").json()
    assert stored["name"] == "purchase_order" and stored["builtin"] is False


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"documents": ["https://example.com/a.pdf"]}, "schema_id or schema"),
        ({"schema_id": "invoice"}, "documents"),
        ({"schema_id": "invoice", "documents": ["file:///etc/passwd"]}, "documents.0"),
        ({"schema_id": "invoice", "documents": ["https://e.com/a"], "timeout": 30}, "timeout"),
        ({"schema": {"name": "x", "fields": []}, "documents": ["https://e.com/a"]}, "schema"),
    ],
)
def test_extract_body_errors_are_400_validation_error(
    client: TestClient, body: dict[str, Any], field: str
) -> None:
    assert field in assert_v1_error(client.post("/v1/jobs", json=body), 400, "validation_error")


def test_unknown_schema_and_other_orgs_source_job_are_404(client: TestClient, engine: sa.Engine) -> None:
    unknown = client.post("/v1/jobs", json={"schema_id": "sch_nope", "documents": ["https://e.com/a"]})
    assert_v1_error(unknown, 404, "not_found")
    theirs = add_job(engine, "someone-else", status=JobStatus.completed)
    body = {"schema_id": "invoice", "source_job_id": theirs["job_id"]}
    assert_v1_error(client.post("/v1/jobs", json=body), 404, "not_found")


def test_results_are_paged_with_a_cursor(client: TestClient, engine: sa.Engine, org: str) -> None:
    job = add_job(engine, org, kind=JobKind.extract, status=JobStatus.in_progress)
    add_rows(engine, job["job_id"], 7)
    first = client.get(f"/v1/jobs/{job['job_id']}/results?limit=3")
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["job_status"] == "processing" and body["total_rows"] == 7 and len(body["data"]) == 3
    assert body["links"]["self"] == f"/v1/jobs/{job['job_id']}/results"
    seen = [r["id"] for r in body["data"]]
    while body["links"]["next"]:
        body = client.get(body["links"]["next"]).json()
        seen += [r["id"] for r in body["data"]]
    assert seen == [f"res_{job['job_id']}_{i:04d}" for i in range(7)]
    row = first.json()["data"][0]
    # Seed 002's keys, plus the documented extra field_evidence (values keep their shape).
    assert set(row) == {
        "id",
        "document_id",
        "filename",
        "status",
        "values",
        "confidence",
        "validation_flags",
        "field_evidence",
    }
    assert row["validation_flags"] == ["missing_required_field:total"]
    assert row["field_evidence"]["invoice_number"] == {
        "confidence": 0.95,
        "page": 1,
        "line": "Invoice No: INV-0",
        "span": [12, 17],
    }
    assert (
        "field_evidence"
        in client.get("/openapi.json").json()["components"]["schemas"]["ResultRow"]["properties"]
    )
    bad = client.get(f"/v1/jobs/{job['job_id']}/results?cursor=%%%")
    assert "cursor" in assert_v1_error(bad, 400, "validation_error")


def test_ended_extract_job_pages_answer_304_until_a_row_changes(
    client: TestClient, engine: sa.Engine, org: str
) -> None:
    job = add_job(engine, org, kind=JobKind.extract, status=JobStatus.in_progress)
    add_rows(engine, job["job_id"], 4)
    path = f"/v1/jobs/{job['job_id']}/results?limit=2"
    assert "ETag" not in client.get(path).headers  # a running job's rows still change
    repository.update_job(engine, job["job_id"], status=JobStatus.completed, completed_at=datetime.now(UTC))
    first = client.get(path)
    etag = first.headers["ETag"]
    assert first.json()["job_status"] == "complete" and first.json()["total_rows"] == 4
    assert client.get(path, headers={"If-None-Match": f'W/"x", {etag}'}).status_code == 304
    update_rows(engine, job["job_id"], [{"id": f"res_{job['job_id']}_0001", "status": "review"}])
    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert [r["status"] for r in changed.json()["data"]] == ["review", "review"]


def test_v1_errors_for_ids_keys_and_ownership(client: TestClient, engine: sa.Engine) -> None:
    assert "job_" in assert_v1_error(client.get("/v1/jobs/a1b2c3d4/results"), 400, "validation_error")
    theirs = add_job(engine, "someone-else", kind=JobKind.extract)
    assert_v1_error(client.get(f"/v1/jobs/{theirs['job_id']}/results"), 404, "not_found")
    assert_v1_error(client.get(f"/v1/jobs/{theirs['job_id']}"), 404, "not_found")
    anonymous = client.get("/v1/schemas", headers={"x-api-key": ""})
    assert_v1_error(anonymous, 401, "unauthorized")


def test_schemas_list_has_builtins_and_own(client: TestClient) -> None:
    created = client.post("/v1/schemas", json=INVOICE_SCHEMA)
    assert created.status_code == 201 and created.json()["id"].startswith("sch_")
    names = {s["name"] for s in client.get("/v1/schemas").json()["data"]}
    assert {"invoice", "meeting_minutes", "purchase_order"} <= names
    assert client.get("/v1/schemas/invoice").json()["builtin"] is True
    bad = client.post("/v1/schemas", json={"name": "Bad Name", "fields": []})
    assert_v1_error(bad, 400, "validation_error")


# -- knowledge and status ------------------------------------------------------------------


def test_knowledge_async_and_status_shapes(
    client: TestClient, airflow: AirflowRecorder, engine: sa.Engine
) -> None:
    response = client.post("/v1/extract/async", json={"url": "https://linear.app", "maxPages": 10})
    assert response.status_code == 200, response.text
    job_id = response.json()["jobId"]
    assert airflow.triggered()[0]["conf"]["max_pages"] == 10
    pending = client.get(f"/v1/jobs/{job_id}").json()
    assert pending["status"] == "pending" and pending["progress"] is None and pending["startedAt"] is None
    started = datetime.now(UTC) - timedelta(seconds=72)
    repository.update_job(
        engine,
        job_id,
        status=JobStatus.completed,
        started_at=started,
        completed_at=started + timedelta(seconds=72.15),
        total_runtime_seconds=72.15,
        pages_scraped=10,
        total_pages=10,
        current_step="Complete",
        result={
            "business": {"name": "Linear", "domain": "linear.app", "category": "Software", "description": "x"}
        },
    )
    with engine.begin() as conn:
        conn.execute(
            sa.insert(knowledge_items),
            [
                {
                    "id": "ki_1",
                    "job_id": job_id,
                    "title": "Issue Tracking",
                    "category": "FEATURE",
                    "position": 0,
                    "created_at": datetime.now(UTC),
                    "source": "https://linear.app/features",
                }
            ],
        )
    done = client.get(f"/v1/jobs/{job_id}").json()
    assert done["status"] == "completed" and done["durationMs"] == 72150
    assert done["result"]["business"]["name"] == "Linear"
    assert done["result"]["knowledgeItems"][0]["title"] == "Issue Tracking"


def test_status_of_other_kinds_and_cancelled(client: TestClient, engine: sa.Engine, org: str) -> None:
    scrape = add_job(
        engine, org, status=JobStatus.completed, started_at=datetime.now(UTC), completed_at=datetime.now(UTC)
    )
    body = client.get(f"/v1/jobs/{scrape['job_id']}").json()
    assert body["status"] == "completed" and body["result"] == {
        "kind": "scrape",
        "resultsUrl": f"/scrape/results/{scrape['job_id']}",
    }
    cancelled = add_job(engine, org, status=JobStatus.cancelled, completed_at=datetime.now(UTC))
    body = client.get(f"/v1/jobs/{cancelled['job_id']}").json()
    assert body["status"] == "failed" and "cancel" in body["error"].lower()


def test_sync_extract_answers_202_while_running(client: TestClient) -> None:
    response = client.post("/v1/extract", json={"url": "https://linear.app"})
    assert response.status_code == 202 and response.json()["status"] == "pending"
    assert_v1_error(
        client.post("/v1/extract", json={"url": "https://linear.app", "maxPages": 0}), 400, "validation_error"
    )


def test_stream_sends_progress_then_result(client: TestClient, engine: sa.Engine, org: str) -> None:
    import threading
    import time

    def finish_soon() -> None:
        time.sleep(0.8)
        [job] = repository.list_jobs(engine, org_id=org, kind=JobKind.knowledge)
        repository.update_job(
            engine,
            job["job_id"],
            status=JobStatus.in_progress,
            pages_scraped=3,
            total_pages=5,
            started_at=datetime.now(UTC),
            current_step="Scraping https://linear.app/features",
        )
        time.sleep(0.8)
        repository.update_job(
            engine,
            job["job_id"],
            status=JobStatus.failed,
            error="Failed to scrape URL",
            completed_at=datetime.now(UTC),
        )

    threading.Thread(target=finish_soon, daemon=True).start()
    with client.stream("POST", "/v1/extract/stream", json={"url": "https://linear.app"}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = [line.split(": ", 1)[1] for line in response.iter_lines() if line.startswith("event: ")]
    assert events[0] == "progress" and events[-1] == "error" and len(events) >= 3
