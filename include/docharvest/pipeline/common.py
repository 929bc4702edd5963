"""Helpers shared by every job kind's steps: job lifecycle, heartbeats, deadlines, CPU accounting."""

from __future__ import annotations

import json
import logging
import resource
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from docharvest.config import Settings
from docharvest.jobrecord import JobParams, JobRecord, params_body
from docharvest.models import JobKind, JobStatus
from docharvest.store import repository
from docharvest.store.db import get_engine
from docharvest.timestamps import as_utc

if TYPE_CHECKING:
    from docharvest.download import DownloadOutcome
    from docharvest.models import Candidate

log = logging.getLogger(__name__)


def remaining_seconds(job: JobRecord, now: datetime | None = None) -> float:
    """Seconds left of the job's ``timeout`` parameter, counted from ``started_at``."""
    started = as_utc(job.started_at) or datetime.now(UTC)
    elapsed = ((now or datetime.now(UTC)) - started).total_seconds()
    return float(job.params.timeout) - elapsed


def monotonic_deadline(job: JobRecord, share: float = 1.0) -> float:
    """A ``time.monotonic()`` deadline for ``share`` of the job's remaining time budget."""
    return time.monotonic() + max(0.0, remaining_seconds(job)) * share


def download_for_job(
    settings: Settings,
    job: JobRecord,
    candidates: list[Candidate],
    *,
    conditional: dict[str, dict[str, str]] | None = None,
) -> list[DownloadOutcome]:
    """Download ``candidates`` for ``job``: under its size cap, until its deadline, into the raw store.

    The one place a job's params become :class:`~docharvest.download.DownloadLimits`.
    """
    from docharvest.download import DownloadLimits, download_documents_sync
    from docharvest.models import ExtractConf, ScrapeParameters

    params = job.params
    if not isinstance(params, ScrapeParameters | ExtractConf):
        raise TypeError(f"job {job.job_id} ({job.kind}) does not download documents")
    limits = DownloadLimits(max_file_size_bytes=params.max_file_size_bytes, deadline=monotonic_deadline(job))
    return download_documents_sync(
        candidates,
        settings=settings.crawl,
        allow_private_networks=settings.allow_private_networks,
        limits=limits,
        raw_dir=settings.raw_dir,
        conditional=conditional,
    )


def start_job(
    settings: Settings,
    *,
    job_id: str,
    kind: JobKind,
    org_id: str | None,
    website: str | None,
    params: JobParams,
    dag_id: str,
    run_id: str,
    prompt: str | None = None,
    total_pages: int | None = None,
) -> JobRecord:
    """Create the job row (or resume it: an API-created ``pending`` row, a retried plan) and start the clock.

    ``started_at`` is kept from the first attempt, so a retry does not extend the job's timeout
    (``params.timeout``). ``total_pages``: the progress bar's initial size, when known up front.
    """
    from docharvest.models import Agent
    from docharvest.store.db import init_db

    engine = init_db(settings)
    now = datetime.now(UTC)
    job = repository.ensure_job(
        engine,
        {
            "job_id": job_id,
            "kind": kind,
            "org_id": org_id or settings.default_org,
            "status": JobStatus.pending,
            "website": website,
            "prompt": prompt,
            "params": params_body(params),
            "created_at": now,
        },
    )
    if job["status"] == JobStatus.cancelled:
        # Cancelled through the API before the run got going: stay cancelled, do no work.
        from docharvest.errors import JobCancelledError

        raise JobCancelledError(f"job {job_id} was cancelled before it started")
    started = as_utc(job.get("started_at")) or now
    progress = {} if total_pages is None else {"total_pages": total_pages}
    repository.update_job(
        engine,
        job_id,
        dag_id=dag_id,
        run_id=run_id,
        status=JobStatus.in_progress,
        started_at=started,
        estimated_completion=datetime.fromtimestamp(started.timestamp() + params.timeout, UTC),
        current_agent=Agent.coordinator,
        current_step="Planning",
        **progress,
    )
    return repository.get_job_record(engine, job_id)


def complete_job(engine: sa.Engine, job: JobRecord, message: str, counters: Mapping[str, Any]) -> None:
    """End the job: ``completed`` (a cancelled job stays ``cancelled``), its runtime, final counters."""
    now = datetime.now(UTC)
    started = as_utc(job.started_at) or now
    status = JobStatus.cancelled if job.status == JobStatus.cancelled else JobStatus.completed
    repository.update_job(
        engine,
        job.job_id,
        **counters,
        status=status,
        completed_at=now,
        total_runtime_seconds=(now - started).total_seconds(),
        current_agent=None,
        current_step="Complete",
        message=message,
    )


def fail_job(settings: Settings, job_id: str, message: str) -> None:
    """End the job as failed with ``message``; what was already written stays readable."""
    engine = get_engine(settings)
    job = repository.find_job(engine, job_id)
    if job is None or job["status"] in (JobStatus.completed, JobStatus.cancelled, JobStatus.failed):
        return  # the first, most specific failure message wins
    now = datetime.now(UTC)
    started = as_utc(job.get("started_at")) or now
    repository.update_job(
        engine,
        job_id,
        status=JobStatus.failed,
        error=message,
        message=f"Job failed: {message}",
        completed_at=now,
        total_runtime_seconds=(now - started).total_seconds(),
        current_step="Failed",
    )
    log.warning("job %s failed: %s", job_id, message)


def write_json(path: Path, payload: Any) -> None:
    """Write JSON atomically (temp + rename): a crashed task never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(payload, default=str))
    tmp.replace(path)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text())


def _cpu_now() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@contextmanager
def cpu_meter(settings: Settings, job_id: str, step: str) -> Iterator[None]:
    """Record the CPU seconds a step used (incl. its worker processes) for the cost estimate.

    One file per step and batch, overwritten on retry, so a retried task is not billed twice.
    """
    start = _cpu_now()
    try:
        yield
    finally:
        write_json(settings.work_dir(job_id) / "cpu" / f"{step}.json", {"cpu_seconds": _cpu_now() - start})


def total_cpu_seconds(settings: Settings, job_id: str) -> float:
    folder = settings.work_dir(job_id) / "cpu"
    return sum(float(read_json(p)["cpu_seconds"]) for p in folder.glob("*.json")) if folder.exists() else 0.0


def heartbeat_writer(settings: Settings, job_id: str, every: float = 5.0) -> Callable[[], None]:
    """A cheap-to-call-often function that moves the job's heartbeat at most every ``every`` s."""
    engine = get_engine(settings)
    last = [0.0]

    def beat() -> None:
        now = time.monotonic()
        if now - last[0] >= every:
            last[0] = now
            try:
                repository.beat(engine, job_id)
            except Exception:  # a busy DB must not fail the work the beat reports on
                log.warning("job %s: heartbeat not written", job_id, exc_info=True)

    return beat


@contextmanager
def heartbeat(
    settings: Settings, job_id: str, every: float = 15.0, owner: str | None = None
) -> Iterator[None]:
    """Beat for ``job_id`` from a thread while the block runs (the step is alive, whatever it does)."""
    engine = get_engine(settings)
    stop = threading.Event()

    def run() -> None:
        while True:
            try:
                repository.beat(engine, job_id, owner)
            except Exception:
                log.warning("job %s: heartbeat not written", job_id, exc_info=True)
            if stop.wait(every):
                return

    thread = threading.Thread(target=run, daemon=True, name=f"heartbeat-{job_id}")
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(5)


def job_is_cancelled(settings: Settings, job_id: str) -> bool:
    return repository.job_status(get_engine(settings), job_id) == JobStatus.cancelled
