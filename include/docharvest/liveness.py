"""Liveness of running jobs: a job nobody works on any more is marked ``failed``, saying why.

A job is dead when (checked in this order):

- its owner (``host:pid`` of the CLI process running the whole job) is on this host and gone;
- it is ``in_progress`` and its heartbeat is older than ``liveness.heartbeat_timeout_seconds``;
- it ran past its ``timeout`` by more than that bound;
- its Airflow DAG run is failed, finished or gone (when the caller can ask Airflow).

``reap_job`` checks one job (API reads), ``reap_jobs`` every active job (the maintenance DAG,
CLI start). Marking is a conditional update, so a job that finished meanwhile stays finished.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from docharvest.config import Settings
from docharvest.errors import JobIssue
from docharvest.jobrecord import job_params
from docharvest.models import JobStatus
from docharvest.store import repository

log = logging.getLogger(__name__)

ACTIVE = (JobStatus.pending, JobStatus.in_progress)
# Airflow DAG run states after which no task will work on the job any more.
ENDED_RUN_STATES = ("failed", "success")

RunState = Callable[[str, str], str | None]  # (dag_id, run_id) -> state, None when gone


def this_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (killed, not yet reaped by its parent) is gone too
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def dead_reason(
    job: dict[str, Any], settings: Settings, *, now: datetime | None = None, run_state: RunState | None = None
) -> str | None:
    """Why ``job`` is dead, or None when it may still be alive."""
    if job["status"] not in ACTIVE:
        return None
    now = now or datetime.now(UTC)
    owner = job.get("owner") or ""
    host, _, pid = owner.rpartition(":")
    if host == socket.gethostname() and pid.isdigit() and not _pid_alive(int(pid)):
        return f"the process running it (pid {pid} on {host}) is gone; resume it with `docharvest resume`"
    bound = settings.liveness.heartbeat_timeout_seconds
    last = max(
        (
            t
            for t in (_utc(job.get("heartbeat_at")), _utc(job.get("updated_at")), _utc(job.get("started_at")))
            if t
        ),
        default=None,
    )
    if job["status"] == JobStatus.in_progress and last is not None:
        quiet = (now - last).total_seconds()
        if quiet > bound:
            return f"no heartbeat for {quiet:.0f} s (bound {bound:g} s): the worker running it died or hangs"
    started = _utc(job.get("started_at"))
    try:
        timeout = float(job_params(job).timeout)
    except ValueError:  # a row whose params do not read (hand-made): judged by its heartbeat alone
        timeout = 0.0
    if started is not None and timeout and (now - started).total_seconds() > timeout + bound:
        return f"still running {timeout + bound:.0f} s after it started: past its timeout of {timeout:g} s"
    created = _utc(job.get("created_at")) or now
    # A CLI-run job (an owner) is a dag.test run in the CLI's own Airflow: not one to ask about.
    askable = run_state is not None and not owner and job.get("dag_id") and job.get("run_id")
    # A run younger than the check interval may not be in Airflow yet (the API creates the row first).
    grace = settings.liveness.run_check_seconds
    if askable and run_state is not None and (now - created).total_seconds() >= grace:
        state = run_state(job["dag_id"], job["run_id"])
        if state is None:
            return f"its Airflow DAG run {job['run_id']} is gone"
        if state in ENDED_RUN_STATES:
            return f"its Airflow DAG run {job['run_id']} is {state} but the job never finished"
    return None


def mark_dead(engine: sa.Engine, job: dict[str, Any], reason: str) -> bool:
    """Mark ``job`` failed with ``reason`` if it is still active; True when this call did it."""
    now = datetime.now(UTC)
    started = _utc(job.get("started_at"))
    message = f"Job failed: {reason}"
    done = repository.update_job_if_status(
        engine,
        job["job_id"],
        ACTIVE,
        status=JobStatus.failed,
        error=reason,
        message=message,
        completed_at=now,
        updated_at=now,
        total_runtime_seconds=(now - started).total_seconds() if started else 0.0,
        current_step="Failed",
    )
    if done:
        agent = job.get("current_agent") or "coordinator"
        repository.record_errors(engine, job["job_id"], [JobIssue(agent, "job_dead", reason, None, True)])
        log.warning("job %s marked failed: %s", job["job_id"], reason)
    return done


def reap_job(
    engine: sa.Engine, job: dict[str, Any], settings: Settings, run_state: RunState | None = None
) -> dict[str, Any]:
    """``job`` as it stands after a liveness check (re-read when it was marked failed)."""
    reason = dead_reason(job, settings, run_state=run_state)
    if reason is None:
        return job
    mark_dead(engine, job, reason)
    return repository.get_job(engine, job["job_id"])


def reap_jobs(
    engine: sa.Engine, settings: Settings, run_state: RunState | None = None
) -> list[tuple[str, str]]:
    """Check every active job; return (job id, reason) of those marked failed now."""
    reaped = []
    for job in repository.list_jobs_with_status(engine, ACTIVE):
        try:
            reason = dead_reason(job, settings, run_state=run_state)
        except Exception:  # Airflow unreachable for one job: check the others
            log.warning("job %s: liveness not checked", job["job_id"], exc_info=True)
            continue
        if reason and mark_dead(engine, job, reason):
            reaped.append((job["job_id"], reason))
    return reaped


def airflow_run_state(settings: Settings) -> RunState | None:
    """Ask Airflow's REST API about DAG runs, when the API's Airflow credentials are configured."""
    api = settings.api
    if api.airflow_password is None and api.airflow_password_file is None:
        return None
    from docharvest.airflow_rest import AirflowClient

    client = AirflowClient(api)

    def state(dag_id: str, run_id: str) -> str | None:
        run = client.get_dag_run(dag_id, run_id)
        return None if run is None else str(run.get("state"))

    return state


def reap(settings: Settings) -> dict[str, object]:
    """The maintenance task: fail every dead job; a summary for the task's XCom."""
    from docharvest.store.db import init_db

    reaped = reap_jobs(init_db(settings), settings, run_state=airflow_run_state(settings))
    return {"reaped": len(reaped), "jobs": [job_id for job_id, _ in reaped]}
