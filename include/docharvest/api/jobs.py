"""Job lifecycle as the API drives it: look up a caller's job, submit one, cancel one.

Submitting creates the job row first (status ``pending``, owned by the caller's
organisation), then triggers the DAG run through Airflow's REST API. If Airflow cannot
be reached the row is deleted again and the caller gets 503: no half-created job. A
run that Airflow accepted always has its row, and the run's first task re-creates the
row from its conf if it is ever missing, so an accepted job is never lost.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Path

from docharvest.api.airflow_client import AirflowUnavailableError
from docharvest.api.deps import ApiState
from docharvest.api.errors import ApiError, body_error, invalid_job_id, job_not_found
from docharvest.api.keys import Principal
from docharvest.models import JOB_ID_PATTERN, JobStatus, is_job_id, new_job_id
from docharvest.store import repository
from docharvest.timestamps import as_utc

log = logging.getLogger(__name__)


# The pattern is documented, not enforced by FastAPI: a malformed id gets the family's 400, not a 422.
JobIdPath = Annotated[
    str,
    Path(
        description="Unique job identifier (job_ followed by lowercase letters and digits)",
        json_schema_extra={"pattern": JOB_ID_PATTERN, "examples": ["job_123456789"]},
    ),
]


def run_id_for(job_id: str) -> str:
    """The DAG run id of an API-submitted job (deterministic, so a retried trigger is idempotent)."""
    return f"api__{job_id}"


def owned_job(state: ApiState, job_id: str, caller: Principal, kind: str | None = None) -> dict[str, Any]:
    """The caller's job ``job_id``: 400 on a malformed id, 404 if absent or another org's."""
    if not is_job_id(job_id):
        raise invalid_job_id(job_id)
    job = repository.find_job(state.engine, job_id)
    if job is None or job.get("org_id") != caller.org_id or (kind is not None and job["kind"] != kind):
        raise job_not_found()
    return live_job(state, job)


def live_job(state: ApiState, job: dict[str, Any]) -> dict[str, Any]:
    """``job`` after a liveness check: a job whose worker died or whose DAG run ended is failed.

    Airflow is asked about the job's run at most every ``liveness.run_check_seconds`` per job;
    when it cannot be reached, the cheap checks (owner, heartbeat, timeout) still apply.
    """
    from docharvest.liveness import reap_job

    if not JobStatus(job["status"]).is_active:
        return job
    every = state.settings.liveness.run_check_seconds
    now = time.monotonic()
    ask = now - state.run_checked.get(job["job_id"], -every - 1.0) >= every

    def run_state(dag_id: str, run_id: str) -> str | None:
        state.run_checked[job["job_id"]] = now
        if len(state.run_checked) > 10_000:  # bounded memory: forget the oldest checks
            for key in list(state.run_checked)[:5_000]:
                state.run_checked.pop(key, None)
        run = state.airflow.get_dag_run(dag_id, run_id)
        return None if run is None else str(run.get("state"))

    try:
        return reap_job(state.engine, job, state.settings, run_state if ask else None)
    except AirflowUnavailableError:
        return reap_job(state.engine, job, state.settings)


def require_webhook_support(state: ApiState, webhook_url: str | None) -> None:
    if webhook_url and state.settings.api.webhook_secret is None:
        raise body_error(
            "webhook_url: webhooks are not enabled on this server (DOCHARVEST_API__WEBHOOK_SECRET is unset)"
        )


def submit_job(
    state: ApiState,
    caller: Principal,
    *,
    kind: str,
    dag_id: str,
    row: dict[str, Any],
    conf: dict[str, Any],
) -> dict[str, Any]:
    """Create the job row and start its DAG run; 503 (and no row) if Airflow is unavailable."""
    require_webhook_support(state, row.get("webhook_url"))
    job_id = new_job_id()
    run_id = run_id_for(job_id)
    job = repository.ensure_job(
        state.engine,
        {
            **row,
            "job_id": job_id,
            "kind": kind,
            "org_id": caller.org_id,
            "status": JobStatus.pending,
            "dag_id": dag_id,
            "run_id": run_id,
            "created_at": datetime.now(UTC),
        },
    )
    try:
        state.airflow.trigger_dag_run(dag_id, run_id, {**conf, "job_id": job_id, "org_id": caller.org_id})
    except AirflowUnavailableError as exc:
        repository.delete_pending_job(state.engine, job_id)
        log.warning("job %s not submitted: %s", job_id, exc)
        raise ApiError(503, f"Cannot start the job now: {exc}. No job was created; retry later.") from exc
    if row.get("webhook_url"):
        state.webhooks.ensure_started()
    log.info("job %s (%s) submitted by org %s as run %s", job_id, kind, caller.org_id, run_id)
    return job


def cancel_job(state: ApiState, job: dict[str, Any]) -> dict[str, Any]:
    """Stop the job's DAG run and mark the job ``cancelled``; what it found stays readable.

    The row is marked first so that task failure callbacks triggered by stopping the run
    see ``cancelled`` and leave it; if Airflow is unreachable the row is restored and 503.
    """
    status = JobStatus(job["status"])
    if not status.is_active:
        raise ApiError(
            409,
            f"Job {job['job_id']} is already {status.value}; only pending or in_progress jobs can be cancelled",
        )
    now = datetime.now(UTC)
    started = as_utc(job.get("started_at"))
    previous = {
        k: job.get(k) for k in ("status", "completed_at", "total_runtime_seconds", "current_step", "message")
    }
    repository.update_job(
        state.engine,
        job["job_id"],
        status=JobStatus.cancelled,
        completed_at=now,
        total_runtime_seconds=(now - started).total_seconds() if started else 0.0,
        current_step="Cancelled",
        message="Job cancelled by the user; results found before cancellation are kept.",
    )
    if job.get("dag_id") and job.get("run_id"):
        try:
            state.airflow.fail_dag_run(job["dag_id"], job["run_id"])
        except AirflowUnavailableError as exc:
            repository.update_job(state.engine, job["job_id"], **previous)
            raise ApiError(
                503, f"Cannot cancel the job now: {exc}. The job keeps running; retry later."
            ) from exc
    if job.get("webhook_url"):
        state.webhooks.ensure_started()
    log.info("job %s cancelled", job["job_id"])
    return repository.get_job(state.engine, job["job_id"])
