"""The API against hostile requests (issue 17): key before body, body caps, cursors, error echo,
uploads that create no job, and liveness of the jobs it reports."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from docharvest.api import create_app
from docharvest.api.keys import create_key
from docharvest.config import Settings
from docharvest.models import JobKind, JobStatus
from docharvest.store.db import init_db
from fastapi.testclient import TestClient

from tests.support.api_helpers import AirflowRecorder, add_job, with_api

BODY_ROUTES = ["/scrape", "/v1/schemas", "/v1/extract", "/v1/extract/async", "/v1/extract/stream", "/v1/jobs"]


@pytest.fixture
def engine(settings: Settings) -> sa.Engine:
    return init_db(settings)


@pytest.fixture
def org() -> str:
    return f"hard-{datetime.now(UTC).timestamp()}"


@pytest.fixture
def airflow() -> AirflowRecorder:
    return AirflowRecorder()


@pytest.fixture
def app_settings(settings: Settings) -> Settings:
    return with_api(settings, airflow_password="pw", max_body_kb=64, extract_max_wait_seconds=0.2)


@pytest.fixture
def client(
    app_settings: Settings, airflow: AirflowRecorder, engine: sa.Engine, org: str
) -> Iterator[TestClient]:
    key = create_key(engine, org)[0]
    with TestClient(create_app(app_settings, airflow_transport=airflow.transport())) as client:
        client.headers["x-api-key"] = key
        yield client


def _chunks(total: int, seen: list[int]) -> Iterator[bytes]:
    for _ in range(total // 65536):
        seen.append(1)
        yield b"x" * 65536


@pytest.mark.parametrize("path", BODY_ROUTES)
def test_no_key_is_401_before_the_body_is_read(client: TestClient, path: str) -> None:
    response = client.post(
        path, content=b"{" * 10_000_000, headers={"x-api-key": "", "Content-Type": "application/json"}
    )
    assert response.status_code == 401
    bad_key = client.post(path, content=b"{}", headers={"x-api-key": "sk-not-a-key"})
    assert bad_key.status_code == 401


@pytest.mark.parametrize("path", BODY_ROUTES)
def test_a_body_past_the_route_limit_is_413_in_the_family_shape(client: TestClient, path: str) -> None:
    response = client.post(path, content=b" " * (65 * 1024), headers={"Content-Type": "application/json"})
    assert response.status_code == 413, response.text
    body = response.json()
    message = body["message"] if path.startswith("/scrape") else body["error"]["message"]
    if not path.startswith("/scrape"):
        assert body["error"]["code"] == "payload_too_large"
    assert "65536 bytes" in message


def test_a_chunked_body_is_cut_at_the_limit(client: TestClient) -> None:
    seen: list[int] = []
    response = client.post(
        "/v1/schemas", content=_chunks(4 * 1024 * 1024, seen), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_malformed_json_says_what_is_wrong(client: TestClient) -> None:
    response = client.post(
        "/scrape", content=b'{"website": "https://a.example", ', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    message = response.json()["message"]
    assert message.startswith("body: not valid JSON:") and "at character" in message


def test_error_bodies_echo_only_a_short_prefix(client: TestClient) -> None:
    long_id = "job_" + "a" * 60_000
    for path in (f"/scrape/status/{long_id}", f"/v1/jobs/{long_id}", f"/no/such/{long_id}"):
        response = client.get(path)
        assert 400 <= response.status_code < 500
        assert len(response.content) < 1_000, (path, len(response.content))


@pytest.mark.parametrize(
    "raw",
    [
        '[1e999, "r"]',
        '[-1e999, "r"]',
        '[NaN, "r"]',
        f'[{10**400}, "r"]',
        '[1.5, "r"]',
        '{"a": 1, "b": 2}',
        '[true, "r"]',
        '[-5, "r"]',
        '[1, "' + "r" * 200 + '"]',
        "[" * 50 + "]" * 50,
        '"x"',
    ],
)
def test_a_crafted_cursor_is_400(client: TestClient, engine: sa.Engine, org: str, raw: str) -> None:
    job = add_job(engine, org, kind=JobKind.extract, status=JobStatus.completed)
    cursor = base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")
    response = client.get(f"/v1/jobs/{job['job_id']}/results", params={"cursor": cursor[:500]})
    assert response.status_code == 400, response.text
    assert "cursor" in response.json()["error"]["message"]


def test_uploads_of_a_job_that_is_not_created_are_removed(
    client: TestClient, airflow: AirflowRecorder, app_settings: Settings
) -> None:
    uploads = app_settings.data_dir / "uploads"
    airflow.fail_with = 500  # Airflow refuses: 503, no job
    response = client.post(
        "/v1/jobs", data={"schema_id": "invoice"}, files=[("files", ("a.txt", b"Invoice 1", "text/plain"))]
    )
    assert response.status_code == 503
    json_post = client.post(
        "/v1/jobs", json={"schema_id": "invoice", "documents": ["https://a.example/x.pdf"]}
    )
    assert json_post.status_code == 503
    assert not uploads.exists() or list(uploads.iterdir()) == []


def test_a_job_whose_worker_died_is_failed_when_read(client: TestClient, engine: sa.Engine, org: str) -> None:
    stale = datetime.now(UTC) - timedelta(hours=2)
    quiet = add_job(
        engine, org, status=JobStatus.in_progress, started_at=stale, heartbeat_at=stale, updated_at=stale
    )
    orphan = add_job(
        engine,
        org,
        status=JobStatus.in_progress,
        started_at=datetime.now(UTC),
        owner=f"{os.uname().nodename}:{_dead_pid()}",
    )
    body = client.get(f"/scrape/status/{quiet['job_id']}").json()
    assert body["status"] == "failed"
    assert "no heartbeat" in client.get(f"/v1/jobs/{quiet['job_id']}").json()["error"]
    v1 = client.get(f"/v1/jobs/{orphan['job_id']}").json()
    assert v1["status"] == "failed" and "is gone" in v1["error"]
    cancel = client.post(f"/scrape/cancel/{orphan['job_id']}")
    assert cancel.status_code == 409  # not "the job keeps running"


def test_a_job_whose_dag_run_failed_is_failed_when_read(
    app_settings: Settings, engine: sa.Engine, org: str
) -> None:
    recorder = AirflowRecorder()
    recorder.runs["api__x"] = {
        "dag_id": "docharvest_scrape",
        "dag_run_id": "api__x",
        "state": "failed",
        "conf": {},
    }
    job = add_job(
        engine,
        org,
        status=JobStatus.in_progress,
        dag_id="docharvest_scrape",
        run_id="api__x",
        created_at=datetime.now(UTC) - timedelta(minutes=5),
        heartbeat_at=datetime.now(UTC),
    )
    key = create_key(engine, org)[0]
    with TestClient(create_app(app_settings, airflow_transport=recorder.transport())) as client:
        body = client.get(f"/v1/jobs/{job['job_id']}", headers={"x-api-key": key}).json()
    assert body["status"] == "failed" and "DAG run api__x is failed" in json.dumps(body)


def _dead_pid() -> int:
    pid = 4_000_000
    while Path(f"/proc/{pid}").exists():
        pid -= 1
    return pid
