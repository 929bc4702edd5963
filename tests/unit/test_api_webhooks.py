"""Webhooks: signed deliveries to a real receiver on 127.0.0.1, claimed once, retried with back-off,
queued in the DB so a new dispatcher (another process, or after a crash) finishes them."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import sqlalchemy as sa
from docharvest.api import create_app
from docharvest.api.keys import create_key
from docharvest.api.webhooks import (
    SIGNATURE_HEADER,
    WebhookDispatcher,
    blocked_target,
    due_events,
    sign,
    verify,
)
from docharvest.config import Settings
from docharvest.models import JobStatus
from docharvest.store import repository
from docharvest.store.db import init_db
from docharvest.store.tables import jobs, webhook_deliveries
from fastapi.testclient import TestClient

from tests.support.api_helpers import AirflowRecorder, add_job, with_api

SECRET = "whsec-test-secret"


class Receiver:
    """A webhook endpoint: answers the queued statuses in turn (then 200), records every POST."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                return

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append({"headers": dict(self.headers.items()), "body": body})
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def events(self) -> list[str]:
        return [json.loads(r["body"])["event"] for r in self.received]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


@pytest.fixture
def hook_settings(settings: Settings) -> Settings:
    return with_api(settings, webhook_secret=SECRET, webhook_backoff_seconds=0, airflow_password="pw")


@pytest.fixture
def engine(hook_settings: Settings) -> Iterator[sa.Engine]:
    engine = init_db(hook_settings)
    retire_webhooks(engine)
    yield engine
    retire_webhooks(engine)


def retire_webhooks(engine: sa.Engine) -> None:
    """Empty the delivery queue the tests share (one DB per session): any dispatcher works
    the whole queue, so another test's leftovers would be retried to a dead receiver."""
    with engine.begin() as conn:
        conn.execute(sa.update(jobs).where(jobs.c.webhook_url.is_not(None)).values(webhook_url=None))
        conn.execute(sa.delete(webhook_deliveries))


def deliveries(engine: sa.Engine, job_id: str) -> list[dict[str, Any]]:
    query = sa.select(webhook_deliveries).where(webhook_deliveries.c.job_id == job_id)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def test_signature_round_trip_and_tampering() -> None:
    body = b'{"event": "job.completed"}'
    header = sign(SECRET, int(time.time()), body)
    assert verify(SECRET, header, body)
    assert not verify(SECRET, header, body + b" ")
    assert not verify("other", header, body)
    assert not verify(SECRET, sign(SECRET, int(time.time()) - 3600, body), body)  # replayed late
    assert not verify(SECRET, "garbage", body)


def test_due_events_follow_the_job() -> None:
    assert due_events({"status": "pending"}) == []
    assert due_events({"status": "in_progress", "started_at": datetime.now(UTC)}) == ["started"]
    assert due_events({"status": "completed"}) == ["started", "completed"]
    assert due_events({"status": "cancelled", "started_at": None}) == ["started", "cancelled"]


def test_events_are_delivered_signed_and_once_across_dispatchers(
    hook_settings: Settings, engine: sa.Engine, receiver: Receiver
) -> None:
    job = add_job(
        engine, "hooks", webhook_url=receiver.url, status=JobStatus.in_progress, started_at=datetime.now(UTC)
    )
    first, second = WebhookDispatcher(hook_settings, engine), WebhookDispatcher(hook_settings, engine)
    first.run_once()
    second.run_once()  # another API process: must not send the same event again
    repository.update_job(engine, job["job_id"], status=JobStatus.completed, completed_at=datetime.now(UTC))
    second.run_once()
    first.run_once()
    assert receiver.events() == ["job.started", "job.completed"]
    for request in receiver.received:
        assert verify(SECRET, request["headers"][SIGNATURE_HEADER], request["body"])
    payload = json.loads(receiver.received[1]["body"])
    assert payload["job"]["job_id"] == job["job_id"] and payload["job"]["status"] == "completed"
    rows = deliveries(engine, job["job_id"])
    assert {(r["event"], r["status_code"], r["attempts"]) for r in rows} == {
        ("started", 200, 1),
        ("completed", 200, 1),
    }
    assert all(r["delivered_at"] is not None for r in rows)


def test_failed_delivery_is_retried_then_recorded(
    hook_settings: Settings, engine: sa.Engine, receiver: Receiver
) -> None:
    settings = with_api(hook_settings, webhook_max_attempts=3)
    job = add_job(
        engine, "hooks", webhook_url=receiver.url, status=JobStatus.failed, started_at=datetime.now(UTC)
    )
    receiver.statuses = [500, 503, 500, 500, 500]  # started: fails 3 times; failed: 500, 500, then 200
    dispatcher = WebhookDispatcher(settings, engine)
    for _ in range(4):
        dispatcher.run_once()
    rows = {r["event"]: r for r in deliveries(engine, job["job_id"])}
    assert rows["started"]["attempts"] == 3 and rows["started"]["delivered_at"] is None
    assert rows["started"]["error"] == "HTTP 500" and rows["started"]["status_code"] == 500
    assert rows["failed"]["attempts"] == 3 and rows["failed"]["status_code"] == 200
    assert len(receiver.received) == 6


def test_backoff_delays_the_next_attempt(
    hook_settings: Settings, engine: sa.Engine, receiver: Receiver
) -> None:
    settings = with_api(hook_settings, webhook_backoff_seconds=30)
    add_job(
        engine, "hooks", webhook_url=receiver.url, status=JobStatus.in_progress, started_at=datetime.now(UTC)
    )
    receiver.statuses = [500]
    dispatcher = WebhookDispatcher(settings, engine)
    dispatcher.run_once()
    dispatcher.run_once()  # within the 30 s back-off: no new attempt
    assert len(receiver.received) == 1
    assert dispatcher.run_once(now=datetime.now(UTC) + timedelta(seconds=25)) == 0
    assert len(receiver.received) == 1
    assert dispatcher.run_once(now=datetime.now(UTC) + timedelta(seconds=31)) == 1
    assert len(receiver.received) == 2


def test_a_new_dispatcher_finishes_what_a_crashed_one_claimed(
    hook_settings: Settings, engine: sa.Engine, receiver: Receiver
) -> None:
    settings = with_api(hook_settings, webhook_backoff_seconds=30)
    job = add_job(
        engine, "hooks", webhook_url=receiver.url, status=JobStatus.in_progress, started_at=datetime.now(UTC)
    )
    receiver.statuses = [500]
    crashed = WebhookDispatcher(settings, engine)
    assert crashed.run_once() == 1  # claims the event; the first attempt fails
    del crashed  # the process dies: nothing of its state survives
    [row] = deliveries(engine, job["job_id"])
    assert row["attempts"] == 1 and row["delivered_at"] is None and row["lease_until"] is None

    restarted = WebhookDispatcher(settings, engine)
    assert restarted.run_once() == 0  # still inside the back-off
    assert restarted.run_once(now=datetime.now(UTC) + timedelta(seconds=31)) == 1
    assert restarted.run_once(now=datetime.now(UTC) + timedelta(hours=1)) == 0  # delivered: done
    assert [r["headers"]["X-DocHarvest-Delivery"] for r in receiver.received] == [row["id"], row["id"]]
    [row] = deliveries(engine, job["job_id"])
    assert row["attempts"] == 2 and row["status_code"] == 200 and row["error"] is None
    assert row["delivered_at"] is not None and row["lease_until"] is None


def queue_delivery(engine: sa.Engine, job: dict[str, Any], **values: Any) -> str:
    """A ``started`` delivery row as another API process (or one from before 0004) left it."""
    delivery_id = repository.fingerprint(job["job_id"], "started", prefix="whd_")
    row = {"job_id": job["job_id"], "event": "started", "url": job["webhook_url"], "attempts": 0}
    with engine.begin() as conn:
        conn.execute(
            sa.insert(webhook_deliveries).values(
                id=delivery_id, created_at=datetime.now(UTC), **row, **values
            )
        )
    return delivery_id


def test_a_leased_delivery_waits_for_the_lease_to_expire(
    hook_settings: Settings, engine: sa.Engine, receiver: Receiver
) -> None:
    job = add_job(
        engine, "hooks", webhook_url=receiver.url, status=JobStatus.in_progress, started_at=datetime.now(UTC)
    )
    held_until = datetime.now(UTC) + timedelta(seconds=60)  # another process is mid-attempt
    queue_delivery(engine, job, next_attempt_at=datetime.now(UTC), lease_until=held_until)
    dispatcher = WebhookDispatcher(hook_settings, engine)
    assert dispatcher.run_once() == 0
    assert dispatcher.run_once(now=held_until - timedelta(seconds=1)) == 0
    assert receiver.received == []
    assert deliveries(engine, job["job_id"])[0]["attempts"] == 0

    assert dispatcher.run_once(now=held_until + timedelta(seconds=1)) == 1
    assert receiver.events() == ["job.started"]
    [row] = deliveries(engine, job["job_id"])
    assert row["attempts"] == 1 and row["delivered_at"] is not None and row["lease_until"] is None


def test_a_delivery_attempted_by_another_dispatcher_meanwhile_is_not_leased_again(
    hook_settings: Settings, engine: sa.Engine, receiver: Receiver
) -> None:
    settings = with_api(hook_settings, webhook_backoff_seconds=30)
    job = add_job(
        engine, "hooks", webhook_url=receiver.url, status=JobStatus.in_progress, started_at=datetime.now(UTC)
    )
    queue_delivery(engine, job, next_attempt_at=datetime.now(UTC))
    receiver.statuses = [500]
    slow, fast = WebhookDispatcher(settings, engine), WebhookDispatcher(settings, engine)
    [seen] = slow._due(datetime.now(UTC))  # read, then overtaken before taking the lease
    assert fast.run_once() == 1  # fails, backs off 30 s and releases its lease
    assert not slow._lease(seen, datetime.now(UTC))  # so the back-off holds for everyone
    assert len(receiver.received) == 1


def test_a_delivery_queued_before_the_queue_columns_is_due(
    hook_settings: Settings, engine: sa.Engine, receiver: Receiver
) -> None:
    job = add_job(
        engine, "hooks", webhook_url=receiver.url, status=JobStatus.in_progress, started_at=datetime.now(UTC)
    )
    delivery_id = queue_delivery(engine, job)  # next_attempt_at and lease_until NULL
    assert WebhookDispatcher(hook_settings, engine).run_once() == 1
    assert [r["headers"]["X-DocHarvest-Delivery"] for r in receiver.received] == [delivery_id]
    assert deliveries(engine, job["job_id"])[0]["delivered_at"] is not None


def test_private_targets_are_refused_unless_allowed(
    hook_settings: Settings, engine: sa.Engine, receiver: Receiver
) -> None:
    assert blocked_target(receiver.url) is not None
    assert blocked_target("ftp://example.com/x") is not None
    strict = hook_settings.model_copy(update={"allow_private_networks": False})
    job = add_job(engine, "hooks", webhook_url=receiver.url, status=JobStatus.completed)
    WebhookDispatcher(with_api(strict, webhook_max_attempts=1), engine).run_once()
    assert receiver.received == []
    assert all("non-public" in r["error"] for r in deliveries(engine, job["job_id"]))


def test_submission_with_webhook_gets_the_cancelled_event(
    hook_settings: Settings, engine: sa.Engine, receiver: Receiver
) -> None:
    settings = with_api(hook_settings, webhook_poll_seconds=0.1)
    airflow = AirflowRecorder()
    key = create_key(engine, "hooks-org")[0]
    body = {"website": "https://example.com", "prompt": "minutes", "webhook_url": receiver.url}
    with TestClient(create_app(settings, airflow_transport=airflow.transport())) as client:
        headers = {"x-api-key": key}
        job_id = client.post("/scrape", json=body, headers=headers).json()["job_id"]
        assert client.post(f"/scrape/cancel/{job_id}", headers=headers).status_code == 200
        deadline = time.monotonic() + 10
        while len(receiver.received) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    assert receiver.events() == ["job.started", "job.cancelled"]
