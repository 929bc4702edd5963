"""The reaper (maintenance DAG, CLI start): dead jobs are failed with the reason, live ones left alone."""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from docharvest.config import Settings
from docharvest.liveness import reap, reap_jobs
from docharvest.models import JobStatus
from docharvest.store import repository
from docharvest.store.db import init_db

from tests.support.api_helpers import add_job


def test_reap_jobs_fails_dead_jobs_and_leaves_live_ones(settings: Settings) -> None:
    engine: sa.Engine = init_db(settings)
    now = datetime.now(UTC)
    old = now - timedelta(hours=1)
    me = f"{socket.gethostname()}:{os.getpid()}"
    dead_owner = f"{socket.gethostname()}:{_dead_pid()}"
    jobs = {
        "quiet": add_job(
            engine, "o", status=JobStatus.in_progress, started_at=old, heartbeat_at=old, updated_at=old
        ),
        "orphan": add_job(engine, "o", status=JobStatus.in_progress, started_at=now, owner=dead_owner),
        "overdue": add_job(
            engine, "o", status=JobStatus.in_progress, started_at=now - timedelta(hours=3), heartbeat_at=now
        ),
        "gone_run": add_job(
            engine,
            "o",
            status=JobStatus.pending,
            dag_id="d",
            run_id="r-gone",
            created_at=old,
            heartbeat_at=now,
        ),
        "live": add_job(
            engine, "o", status=JobStatus.in_progress, started_at=now, heartbeat_at=now, owner=me
        ),
        "queued": add_job(
            engine, "o", status=JobStatus.pending, dag_id="d", run_id="r-queued", created_at=old
        ),
        "done": add_job(engine, "o", status=JobStatus.completed, started_at=old, heartbeat_at=old),
    }
    states = {"r-queued": "queued"}
    reaped = dict(reap_jobs(engine, settings, run_state=lambda dag, run: states.get(run)))
    ids = {name: job["job_id"] for name, job in jobs.items()}
    # The DB is shared with other tests: only this test's jobs are checked.
    assert {ids["quiet"], ids["orphan"], ids["overdue"], ids["gone_run"]} <= set(reaped)
    assert not {ids["live"], ids["queued"], ids["done"]} & set(reaped)
    assert "no heartbeat" in reaped[ids["quiet"]]
    assert "is gone" in reaped[ids["orphan"]]
    assert "past its timeout" in reaped[ids["overdue"]]
    assert "r-gone is gone" in reaped[ids["gone_run"]]
    for name in ("quiet", "orphan", "overdue", "gone_run"):
        job = repository.get_job(engine, ids[name])
        assert job["status"] == JobStatus.failed and job["error"] == reaped[ids[name]]
        assert [e["error_type"] for e in repository.list_errors(engine, ids[name])] == ["job_dead"]
    for name in ("live", "queued", "done"):
        assert repository.get_job(engine, ids[name])["status"] == jobs[name]["status"]
    assert not set(ids.values()) & {j for j, _ in reap_jobs(engine, settings)}  # reaped once only


def test_the_maintenance_task_reaps_without_airflow_credentials(settings: Settings) -> None:
    engine = init_db(settings)
    old = datetime.now(UTC) - timedelta(hours=1)
    job = add_job(engine, "o", status=JobStatus.in_progress, started_at=old, heartbeat_at=old, updated_at=old)
    summary = reap(settings)
    assert job["job_id"] in summary["jobs"]  # type: ignore[operator]


def _dead_pid() -> int:
    pid = 4_000_000
    while os.path.exists(f"/proc/{pid}"):
        pid -= 1
    return pid
