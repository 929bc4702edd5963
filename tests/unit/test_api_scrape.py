"""The scrape family of the jobs API (seed 001): submit, status, results, cancel, list; auth and errors."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from docharvest.api import create_app
from docharvest.api.keys import create_key, revoke_key
from docharvest.api.scrape_models import ScrapeJobStatus
from docharvest.config import Settings
from docharvest.models import JobStatus, is_job_id
from docharvest.store import repository
from docharvest.store.db import init_db
from docharvest.store.tables import jobs
from docharvest.views.scrape import scrape_results
from fastapi.testclient import TestClient

from tests.support.api_helpers import AirflowRecorder, add_documents, add_job, with_api
from tests.support.contracts import SCRAPE_RESULTS, validate_component

BODY = {
    "website": "https://example.com",
    "prompt": "Find all board meeting minutes from 2024",
    "parameters": {"single_page": False, "timeout": 1800, "confidence_threshold": 0.7},
}


@pytest.fixture
def org() -> str:
    return f"org-{datetime.now(UTC).timestamp()}"


@pytest.fixture
def engine(settings: Settings) -> sa.Engine:
    return init_db(settings)


@pytest.fixture
def airflow() -> AirflowRecorder:
    return AirflowRecorder()


@pytest.fixture
def api_settings(settings: Settings) -> Settings:
    return with_api(settings, airflow_password="pw", rate_limit_burst=1000)


@pytest.fixture
def client(api_settings: Settings, airflow: AirflowRecorder) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings, airflow_transport=airflow.transport())) as client:
        yield client


@pytest.fixture
def key(engine: sa.Engine, org: str) -> str:
    return create_key(engine, org)[0]


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def assert_scrape_error(response: Any, status: int, path: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "message", "status_code", "path", "timestamp"}
    assert body["error"] is True and body["status_code"] == status and body["path"] == path
    validate_component(body, SCRAPE_RESULTS, "ErrorResponse")
    return body


def org_jobs(engine: sa.Engine, org: str) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(jobs).where(jobs.c.org_id == org)).mappings()]


# -- submit -------------------------------------------------------------------------


def test_submit_creates_pending_job_and_triggers_the_dag(
    client: TestClient, key: str, airflow: AirflowRecorder, engine: sa.Engine, org: str
) -> None:
    response = client.post("/scrape", json=BODY, headers=auth(key))
    assert response.status_code == 200, response.text
    body = response.json()
    assert is_job_id(body["job_id"]) and body["status"] == "pending"
    [trigger] = airflow.triggered()
    assert trigger["logical_date"] is None and trigger["dag_run_id"] == f"api__{body['job_id']}"
    conf = trigger["conf"]
    assert conf["job_id"] == body["job_id"] and conf["org_id"] == org
    assert conf["website"] == "https://example.com/" and conf["timeout"] == 1800
    assert conf["confidence_threshold"] == 0.7
    # the DAG was unpaused before the first run
    assert ("PATCH", "/api/v2/dags/docharvest_scrape", {"is_paused": False}) in airflow.calls
    [row] = org_jobs(engine, org)
    assert (
        row["status"] == "pending" and row["kind"] == "scrape" and row["run_id"] == f"api__{body['job_id']}"
    )


@pytest.mark.parametrize(
    ("parameters", "field", "bound"),
    [
        ({"timeout": 30}, "parameters.timeout", "60"),
        ({"timeout": 3601}, "parameters.timeout", "3600"),
        ({"confidence_threshold": 1.5}, "parameters.confidence_threshold", "1"),
        ({"max_file_size_mb": 0}, "parameters.max_file_size_mb", "1"),
        ({"file_type": "image"}, "parameters.file_type", "document"),
    ],
)
def test_out_of_bound_parameter_is_refused_never_clamped(
    client: TestClient,
    key: str,
    airflow: AirflowRecorder,
    engine: sa.Engine,
    org: str,
    parameters: dict[str, Any],
    field: str,
    bound: str,
) -> None:
    response = client.post("/scrape", json={**BODY, "parameters": parameters}, headers=auth(key))
    body = assert_scrape_error(response, 422, "/scrape")
    assert field in body["message"] and bound in body["message"]
    assert airflow.triggered() == [] and org_jobs(engine, org) == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"prompt": "x"}, "website"),
        ({**BODY, "website": "ftp://example.com"}, "website"),
        ({**BODY, "prompt": "   "}, "prompt"),
        ({**BODY, "colour": "red"}, "colour"),
    ],
)
def test_bad_body_names_the_field(client: TestClient, key: str, payload: dict[str, Any], field: str) -> None:
    body = assert_scrape_error(client.post("/scrape", json=payload, headers=auth(key)), 422, "/scrape")
    assert body["message"].startswith(field)


def test_airflow_unreachable_answers_503_and_leaves_no_job(
    api_settings: Settings, key: str, engine: sa.Engine, org: str
) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = with_api(api_settings, airflow_url=f"http://127.0.0.1:{port}")
    with TestClient(create_app(settings)) as client:
        response = client.post("/scrape", json=BODY, headers=auth(key))
    body = assert_scrape_error(response, 503, "/scrape")
    assert "unreachable" in body["message"] and "No job was created" in body["message"]
    assert org_jobs(engine, org) == []


def test_airflow_error_answers_503_and_leaves_no_job(
    client: TestClient, key: str, airflow: AirflowRecorder, engine: sa.Engine, org: str
) -> None:
    airflow.fail_with = 500
    assert_scrape_error(client.post("/scrape", json=BODY, headers=auth(key)), 503, "/scrape")
    assert org_jobs(engine, org) == []


def test_webhook_url_needs_a_configured_secret(
    client: TestClient, key: str, engine: sa.Engine, org: str
) -> None:
    response = client.post(
        "/scrape", json={**BODY, "webhook_url": "https://hooks.example.com/x"}, headers=auth(key)
    )
    body = assert_scrape_error(response, 422, "/scrape")
    assert "webhook_url" in body["message"] and "WEBHOOK_SECRET" in body["message"]
    assert org_jobs(engine, org) == []


# -- auth and rate limit ---------------------------------------------------------------


def test_missing_invalid_and_revoked_keys_are_401(client: TestClient, engine: sa.Engine, org: str) -> None:
    job = add_job(engine, org)
    path = f"/scrape/status/{job['job_id']}"
    assert "Missing API key" in assert_scrape_error(client.get(path), 401, path)["message"]
    bad = client.get(path, headers=auth("sk-" + "x" * 40))
    assert "Invalid" in assert_scrape_error(bad, 401, path)["message"]
    key, row = create_key(engine, org)
    assert client.get(path, headers=auth(key)).status_code == 200
    revoke_key(engine, row["id"])
    assert_scrape_error(client.get(path, headers=auth(key)), 401, path)


def test_x_api_key_header_and_underscore_keys_work(client: TestClient, engine: sa.Engine, org: str) -> None:
    job = add_job(engine, org)
    key = create_key(engine, org)[0]
    underscored = "sk_" + key[3:]
    with engine.begin() as conn:  # a key issued elsewhere in the sk_ form
        from docharvest.api.keys import hash_key
        from docharvest.store.tables import api_keys

        conn.execute(
            sa.insert(api_keys).values(
                id="key_underscore" + org[-6:],
                org_id=org,
                key_hash=hash_key(underscored),
                prefix=underscored[:10],
                created_at=datetime.now(UTC),
            )
        )
    path = f"/scrape/status/{job['job_id']}"
    assert client.get(path, headers={"x-api-key": key}).status_code == 200
    assert client.get(path, headers={"x-api-key": underscored}).status_code == 200


def test_rate_limit_answers_429_with_retry_after(settings: Settings, engine: sa.Engine, org: str) -> None:
    limited = with_api(settings, rate_limit_per_minute=6, rate_limit_burst=2)
    job = add_job(engine, org)
    key = create_key(engine, org)[0]
    other = create_key(engine, org)[0]
    path = f"/scrape/status/{job['job_id']}"
    with TestClient(create_app(limited)) as client:
        assert [client.get(path, headers=auth(key)).status_code for _ in range(2)] == [200, 200]
        response = client.get(path, headers=auth(key))
        body = assert_scrape_error(response, 429, path)
        assert 1 <= int(response.headers["Retry-After"]) <= 10 and "6/minute" in body["message"]
        assert client.get(path, headers=auth(other)).status_code == 200  # limits are per key


# -- status --------------------------------------------------------------------------


def test_status_of_running_job(client: TestClient, key: str, engine: sa.Engine, org: str) -> None:
    job = add_job(
        engine,
        org,
        status=JobStatus.in_progress,
        started_at=datetime.now(UTC),
        current_agent="navigator",
        agents_completed=["coordinator"],
        current_step="Crawling https://example.com",
        pages_scraped=4,
        total_pages=10,
    )
    response = client.get(f"/scrape/status/{job['job_id']}", headers=auth(key))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "in_progress" and body["is_active"] is True
    assert body["current_agent"] == "navigator" and body["agents_completed"] == ["coordinator"]
    assert body["progress"]["pages_scraped"] == 4 and body["progress"]["total_pages"] == 10
    assert 5 < body["progress"]["percentage"] < 50
    assert "Crawling" in body["message"]
    # Served without the response model's round trip, yet exactly what the model documents.
    assert body == ScrapeJobStatus.model_validate(body).model_dump(mode="json")


def test_malformed_job_id_is_400_naming_the_format(client: TestClient, key: str) -> None:
    for bad in ("123", "job_ABC", "job-1", "job_"):
        path = f"/scrape/status/{bad}"
        body = assert_scrape_error(client.get(path, headers=auth(key)), 400, path)
        assert "^job_[a-z0-9]+$" in body["message"]


def test_other_orgs_job_is_404(client: TestClient, engine: sa.Engine, key: str) -> None:
    theirs = add_job(engine, "someone-else")
    for path in (f"/scrape/status/{theirs['job_id']}", f"/scrape/results/{theirs['job_id']}"):
        body = assert_scrape_error(client.get(path, headers=auth(key)), 404, path)
        assert body["message"] == "Job not found or access denied"
    path = "/scrape/status/job_doesnotexist"
    assert_scrape_error(client.get(path, headers=auth(key)), 404, path)


# -- results -------------------------------------------------------------------------


def test_results_match_the_seed_schema(client: TestClient, key: str, engine: sa.Engine, org: str) -> None:
    now = datetime.now(UTC)
    job = add_job(
        engine,
        org,
        status=JobStatus.completed,
        started_at=now,
        completed_at=now,
        total_runtime_seconds=90.0,
        total_documents_found=5,
        total_documents_downloaded=4,
        total_pages_crawled=3,
        success_rate=0.8,
        agents_completed=["coordinator", "navigator", "scraper", "extractor", "validator", "publisher"],
    )
    add_documents(engine, job["job_id"], 4)
    repository.record_warning(engine, job["job_id"], "Some documents were too large to download")
    response = client.get(f"/scrape/results/{job['job_id']}", headers=auth(key))
    assert response.status_code == 200
    body = response.json()
    validate_component(body, SCRAPE_RESULTS, "JobResultsResponse")
    assert body["status"] == "completed" and len(body["documents"]) == 4
    assert response.headers["X-Total-Count"] == "4"
    scores = [d["confidence_score"] for d in body["documents"]]
    assert scores == sorted(scores, reverse=True)
    assert body["warnings"] == ["Some documents were too large to download"]
    assert body["runtime_minutes"] == 1.5 and body["metadata"]["final_status"] == "completed"


def test_results_pages(client: TestClient, key: str, engine: sa.Engine, org: str) -> None:
    job = add_job(engine, org, status=JobStatus.completed)
    add_documents(engine, job["job_id"], 25)
    full = client.get(f"/scrape/results/{job['job_id']}", headers=auth(key)).json()["documents"]
    page = client.get(f"/scrape/results/{job['job_id']}?limit=10&offset=20", headers=auth(key))
    assert page.headers["X-Total-Count"] == "25"
    assert [d["url"] for d in page.json()["documents"]] == [d["url"] for d in full[20:]]
    bad = client.get(f"/scrape/results/{job['job_id']}?limit=0", headers=auth(key))
    assert "limit" in assert_scrape_error(bad, 422, f"/scrape/results/{job['job_id']}")["message"]


def test_results_page_equals_the_cli_body(client: TestClient, key: str, engine: sa.Engine, org: str) -> None:
    job = add_job(engine, org, status=JobStatus.completed, completed_at=datetime.now(UTC))
    add_documents(engine, job["job_id"], 12)
    repository.record_error(
        engine, job["job_id"], agent_name="scraper", error_type="http_404", error_message="HTTP 404"
    )
    served = client.get(f"/scrape/results/{job['job_id']}?limit=5&offset=5", headers=auth(key)).json()
    assert served == json.loads(json.dumps(scrape_results(engine, job["job_id"], limit=5, offset=5)))
    assert served["has_errors"] is True and len(served["documents"]) == 5


def test_ended_job_pages_carry_an_etag_that_moves_with_every_write(
    client: TestClient, key: str, engine: sa.Engine, org: str
) -> None:
    job = add_job(engine, org, status=JobStatus.completed, completed_at=datetime.now(UTC))
    add_documents(engine, job["job_id"], 5)
    path = f"/scrape/results/{job['job_id']}?limit=2"
    first = client.get(path, headers=auth(key))
    etag = first.headers["ETag"]
    assert first.headers["X-Total-Count"] == "5" and first.json()["errors"] == []
    again = client.get(path, headers={**auth(key), "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["ETag"] == etag
    other_page = client.get(f"{path}&offset=2", headers=auth(key)).headers["ETag"]
    assert other_page != etag
    # A late write (e.g. a task still finishing after a cancel) is seen at once: no stale summary.
    repository.record_error(
        engine, job["job_id"], agent_name="scraper", error_type="http_404", error_message="HTTP 404"
    )
    after_error = client.get(path, headers={**auth(key), "If-None-Match": etag})
    assert after_error.status_code == 200 and after_error.headers["ETag"] != etag
    assert [e["error_type"] for e in after_error.json()["errors"]] == ["http_404"]
    add_documents(engine, job["job_id"], 7)
    assert client.get(path, headers=auth(key)).headers["X-Total-Count"] == "7"


def test_active_job_pages_have_no_etag(client: TestClient, key: str, engine: sa.Engine, org: str) -> None:
    job = add_job(engine, org, status=JobStatus.in_progress, started_at=datetime.now(UTC))
    add_documents(engine, job["job_id"], 3)
    response = client.get(f"/scrape/results/{job['job_id']}", headers=auth(key))
    assert response.status_code == 200 and "ETag" not in response.headers
    assert response.headers["X-Total-Count"] == "3"


def test_ended_job_runtime_stops_at_its_end(
    client: TestClient, key: str, engine: sa.Engine, org: str
) -> None:
    now = datetime.now(UTC)
    job = add_job(
        engine,
        org,
        status=JobStatus.cancelled,
        started_at=now - timedelta(seconds=300),
        completed_at=now - timedelta(seconds=180),
    )
    body = client.get(f"/scrape/results/{job['job_id']}", headers=auth(key)).json()
    assert body["total_runtime_seconds"] == pytest.approx(120, abs=0.01)


# -- cancel --------------------------------------------------------------------------


def test_cancel_stops_the_run_and_keeps_partial_results(
    client: TestClient, key: str, airflow: AirflowRecorder, engine: sa.Engine
) -> None:
    body = {**BODY, "parameters": {"confidence_threshold": 0.1}}
    job_id = client.post("/scrape", json=body, headers=auth(key)).json()["job_id"]
    repository.update_job(engine, job_id, status=JobStatus.in_progress, started_at=datetime.now(UTC))
    add_documents(engine, job_id, 3)
    response = client.post(f"/scrape/cancel/{job_id}", headers=auth(key))
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "cancelled" and response.json()["is_active"] is False
    run_path = f"/api/v2/dags/docharvest_scrape/dagRuns/api__{job_id}"
    assert airflow.runs[f"api__{job_id}"]["state"] == "failed"
    # The DAG's last task is failed before the run, so Airflow cannot read the run as a success
    # once the stopped task reports back (apache/airflow#57061).
    assert airflow.runs[f"api__{job_id}"]["task_states"] == {"publish": "failed"}
    patches = [p for m, p, _ in airflow.calls if m == "PATCH" and p.startswith(run_path)]
    assert patches == [f"{run_path}/taskInstances/publish", run_path]
    results = client.get(f"/scrape/results/{job_id}", headers=auth(key)).json()
    assert results["status"] == "cancelled" and len(results["documents"]) == 3
    again = client.post(f"/scrape/cancel/{job_id}", headers=auth(key))
    assert "already cancelled" in assert_scrape_error(again, 409, f"/scrape/cancel/{job_id}")["message"]


def test_cancel_when_airflow_is_down_keeps_the_job_running(
    client: TestClient, key: str, airflow: AirflowRecorder, engine: sa.Engine
) -> None:
    job_id = client.post("/scrape", json=BODY, headers=auth(key)).json()["job_id"]
    repository.update_job(engine, job_id, status=JobStatus.in_progress)
    airflow.fail_with = 503
    response = client.post(f"/scrape/cancel/{job_id}", headers=auth(key))
    assert_scrape_error(response, 503, f"/scrape/cancel/{job_id}")
    assert repository.get_job(engine, job_id)["status"] == "in_progress"


# -- list ----------------------------------------------------------------------------


def test_jobs_list_is_own_newest_first_and_paginated(
    client: TestClient, key: str, engine: sa.Engine, org: str
) -> None:
    base = datetime(2024, 1, 1, tzinfo=UTC)
    ids = [add_job(engine, org, created_at=base.replace(day=d))["job_id"] for d in range(1, 6)]
    add_job(engine, "someone-else")
    first = client.get("/scrape/jobs?limit=2", headers=auth(key)).json()
    assert [j["job_id"] for j in first["jobs"]] == ids[::-1][:2]
    assert first["total"] == 5 and first["next_offset"] == 2
    last = client.get("/scrape/jobs?limit=2&offset=4", headers=auth(key)).json()
    assert [j["job_id"] for j in last["jobs"]] == [ids[0]] and last["next_offset"] is None


# -- OpenAPI -------------------------------------------------------------------------


def test_openapi_documents_operations_errors_and_auth(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"bearerAuth", "apiKeyAuth"} <= set(spec["components"]["securitySchemes"])
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert operation.get("description"), (method, path)
            assert "HTTPValidationError" not in str(operation["responses"]), (method, path)
    results = spec["components"]["schemas"]["JobResultsResponse"]
    assert results["examples"] and "success_rate" in results["properties"]
    assert spec["paths"]["/scrape"]["post"]["responses"]["422"]
