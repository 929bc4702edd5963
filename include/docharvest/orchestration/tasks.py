"""Error semantics at the orchestration edge.

Core functions raise ``TransientError`` (let Airflow retry) or ``TerminalError`` (fail
now, no retry). ``core_call`` maps the latter to ``AirflowFailException``; the
``on_task_failure`` callback marks the job failed once a task has failed for good.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from airflow.sdk.exceptions import AirflowFailException

from docharvest.errors import TerminalError

log = logging.getLogger(__name__)
T = TypeVar("T")


def core_call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a core step; a terminal error fails the task without retries."""
    try:
        return fn(*args, **kwargs)
    except TerminalError as exc:
        raise AirflowFailException(str(exc)) from exc


def step_call(fn: Callable[..., T], settings: Any, job_id: str, *args: Any) -> T:
    """A job step (``fn(settings, job_id, ...)``) with the job's heartbeat beating while it runs."""
    from docharvest.pipeline.common import heartbeat

    with heartbeat(settings, job_id):
        return core_call(fn, settings, job_id, *args)


def job_id_from_context(context: Any) -> str:
    from docharvest.models import job_id_for_run

    params = context.get("params") or {}
    if params.get("job_id"):
        return str(params["job_id"])
    dag_run = context["dag_run"]
    return job_id_for_run(dag_run.dag_id, dag_run.run_id)


def on_task_failure(context: Any) -> None:
    """Task failure callback: the job ends ``failed`` with the task's error, partial results kept."""
    from docharvest.config import Settings
    from docharvest.pipeline.common import fail_job

    job_id = job_id_from_context(context)
    exc = context.get("exception")
    task_id = context["ti"].task_id
    try:
        fail_job(Settings(), job_id, f"{task_id} failed: {exc}" if exc else f"{task_id} failed")
    except Exception:  # the callback must never mask the task's own error
        log.exception("could not mark job %s failed", job_id)


DEFAULT_ARGS: dict[str, Any] = {
    "owner": "docharvest",
    "retries": 2,
    "retry_delay": timedelta(seconds=15),
    "retry_exponential_backoff": True,
    "on_failure_callback": on_task_failure,
}
