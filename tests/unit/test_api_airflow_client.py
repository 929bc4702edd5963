"""The Airflow REST client: token handling, idempotent triggers, errors as AirflowUnavailableError."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from docharvest.api.airflow_client import AirflowClient, AirflowUnavailableError, read_password_file
from docharvest.api.ratelimit import RateLimiter
from docharvest.config import ApiSettings

from tests.support.api_helpers import AirflowRecorder


def client_for(recorder: AirflowRecorder, **settings: object) -> AirflowClient:
    return AirflowClient(
        ApiSettings.model_validate({"airflow_password": "pw", **settings}), recorder.transport()
    )


def test_trigger_unpauses_once_and_reuses_the_token() -> None:
    recorder = AirflowRecorder()
    client = client_for(recorder)
    client.trigger_dag_run("docharvest_scrape", "api__job_a", {"job_id": "job_a"})
    client.trigger_dag_run("docharvest_scrape", "api__job_b", {"job_id": "job_b"})
    methods = [(m, p) for m, p, _ in recorder.calls]
    assert methods.count(("POST", "/auth/token")) == 1
    assert methods.count(("PATCH", "/api/v2/dags/docharvest_scrape")) == 1
    assert [b["dag_run_id"] for b in recorder.triggered()] == ["api__job_a", "api__job_b"]
    assert recorder.calls[0][2] == {"username": "admin", "password": "pw"}


def test_expired_token_is_renewed() -> None:
    recorder = AirflowRecorder(paused=False)
    client = client_for(recorder)
    client.trigger_dag_run("d", "r1", {})
    client._token = "token-expired-elsewhere"  # what Airflow answers 401 to
    recorder.handle = _reject_token("token-expired-elsewhere", recorder.handle)  # type: ignore[method-assign]
    client._http = httpx.Client(base_url=client.base_url, transport=httpx.MockTransport(recorder.handle))
    client.trigger_dag_run("d", "r2", {})
    assert recorder.tokens_issued == 2 and "r2" in recorder.runs


def _reject_token(token: str, handle):  # type: ignore[no-untyped-def]
    def wrapped(request: httpx.Request) -> httpx.Response:
        if request.headers.get("Authorization") == f"Bearer {token}":
            return httpx.Response(401, json={"detail": "expired"})
        return handle(request)

    return wrapped


def test_existing_run_makes_trigger_idempotent() -> None:
    recorder = AirflowRecorder(paused=False)
    client = client_for(recorder)
    client.trigger_dag_run("d", "r1", {"a": 1})

    def conflict(request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/dagRuns"):
            return httpx.Response(409, json={"detail": "exists"})
        return recorder.handle(request)

    client._http = httpx.Client(base_url=client.base_url, transport=httpx.MockTransport(conflict))
    assert client.trigger_dag_run("d", "r1", {"a": 1})["dag_run_id"] == "r1"


def test_timeout_checks_whether_the_run_was_created() -> None:
    recorder = AirflowRecorder(paused=False)

    def slow_trigger(request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/dagRuns"):
            recorder.handle(request)  # Airflow created it, but the answer is lost
            raise httpx.ReadTimeout("timed out", request=request)
        return recorder.handle(request)

    client = AirflowClient(ApiSettings(airflow_password="pw"), httpx.MockTransport(slow_trigger))  # type: ignore[arg-type]
    assert client.trigger_dag_run("d", "r1", {})["dag_run_id"] == "r1"


@pytest.mark.parametrize(
    ("status", "message"),
    [(500, "answered HTTP 500"), (403, r"refused starting d \(HTTP 403")],
)
def test_errors_become_unavailable(status: int, message: str) -> None:
    recorder = AirflowRecorder(paused=False)

    def failing(request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/dagRuns"):
            return httpx.Response(status, json={"detail": "nope"})
        return recorder.handle(request)

    client = AirflowClient(ApiSettings(airflow_password="pw"), httpx.MockTransport(failing))  # type: ignore[arg-type]
    with pytest.raises(AirflowUnavailableError, match=message):
        client.trigger_dag_run("d", "r1", {})


def test_missing_dag_and_bad_credentials_are_explained() -> None:
    def no_dag(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/auth/token":
            return httpx.Response(201, json={"access_token": "token-1"})
        return httpx.Response(404, json={"detail": "not found"})

    client = AirflowClient(ApiSettings(airflow_password="pw"), httpx.MockTransport(no_dag))  # type: ignore[arg-type]
    with pytest.raises(AirflowUnavailableError, match="not loaded in Airflow"):
        client.trigger_dag_run("missing", "r1", {})
    refusing = httpx.MockTransport(lambda r: httpx.Response(401, json={"detail": "bad"}))
    client = AirflowClient(ApiSettings(airflow_password="wrong"), refusing)
    with pytest.raises(AirflowUnavailableError, match="refused the API's credentials"):
        client.get_dag_run("d", "r")
    with pytest.raises(AirflowUnavailableError, match="credentials are not configured"):
        AirflowClient(ApiSettings(), refusing).get_dag_run("d", "r")


def test_password_file_plain_or_simple_auth_manager_json(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("s3cret\n")
    (tmp_path / "generated.json").write_text(json.dumps({"admin": "from-json", "other": "x"}))
    assert read_password_file(tmp_path / "plain", "admin") == "s3cret"
    assert read_password_file(tmp_path / "generated.json", "admin") == "from-json"
    with pytest.raises(AirflowUnavailableError, match="no entry for 'nobody'"):
        read_password_file(tmp_path / "generated.json", "nobody")
    with pytest.raises(AirflowUnavailableError, match="cannot read"):
        read_password_file(tmp_path / "absent", "admin")


def test_rate_limiter_refills_over_time() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=60, burst=2, clock=lambda: now[0])
    assert [limiter.acquire("k") for _ in range(3)] == [0, 0, 1]
    assert limiter.acquire("other") == 0
    now[0] = 1.0
    assert limiter.acquire("k") == 0 and limiter.acquire("k") == 1
    slow = RateLimiter(per_minute=1, burst=1, clock=lambda: now[0])
    assert slow.acquire("k") == 0 and slow.acquire("k") == 60
