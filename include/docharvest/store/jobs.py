"""The ``jobs`` table: one row per job, its status, progress, agents and heartbeat."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa

from docharvest.errors import JobNotFoundError
from docharvest.jobrecord import JobRecord
from docharvest.models import JobStatus
from docharvest.store.rows import Row, insert_ignore, utcnow
from docharvest.store.tables import jobs

# Statements on the API's hot paths are built once: building a select costs more than running it.
_JOB_BY_ID = sa.select(jobs).where(jobs.c.job_id == sa.bindparam("job_id"))


def ensure_job(engine: sa.Engine, job: Mapping[str, Any]) -> Row:
    """Create the job row if it does not exist (a retried plan keeps the first row); return it."""
    values = {"created_at": utcnow(), "params": {}, "agents_completed": [], **job}
    insert_ignore(engine, jobs, values, "job_id")
    return get_job(engine, str(job["job_id"]))


def get_job(engine: sa.Engine, job_id: str) -> Row:
    with engine.connect() as conn:
        row = conn.execute(_JOB_BY_ID, {"job_id": job_id}).mappings().first()
    if row is None:
        raise JobNotFoundError(f"job {job_id} not found")
    return dict(row)


def get_job_record(engine: sa.Engine, job_id: str) -> JobRecord:
    """The job as a frozen record whose ``params`` is the validated model of its kind."""
    return JobRecord.from_row(get_job(engine, job_id))


def find_job(engine: sa.Engine, job_id: str) -> Row | None:
    try:
        return get_job(engine, job_id)
    except JobNotFoundError:
        return None


def job_status(engine: sa.Engine, job_id: str) -> str | None:
    """The job's status column alone (a cheap check between units of work); None when there is no job."""
    with engine.connect() as conn:
        status = conn.execute(sa.select(jobs.c.status).where(jobs.c.job_id == job_id)).scalar()
    return None if status is None else str(status)


def job_source(engine: sa.Engine, job_id: str) -> str | None:
    """The scheduled source the job is a run of (None for a one-off job)."""
    with engine.connect() as conn:
        value = conn.execute(sa.select(jobs.c.source).where(jobs.c.job_id == job_id)).scalar()
    return str(value) if value else None


def update_job(engine: sa.Engine, job_id: str, **values: Any) -> None:
    values["updated_at"] = utcnow()
    values.setdefault("heartbeat_at", values["updated_at"])  # any progress is a sign of life
    with engine.begin() as conn:
        conn.execute(sa.update(jobs).where(jobs.c.job_id == job_id).values(**values))


def update_job_if_status(engine: sa.Engine, job_id: str, statuses: Iterable[str], **values: Any) -> bool:
    """``update_job`` only while the job is in one of ``statuses``; True when the row changed.

    A conditional UPDATE, so a job that finished meanwhile keeps its end (no read-then-write race).
    """
    now = utcnow()
    values = {"updated_at": now, **values}
    with engine.begin() as conn:
        changed = conn.execute(
            sa.update(jobs)
            .where(jobs.c.job_id == job_id, jobs.c.status.in_([str(s) for s in statuses]))
            .values(**values)
        ).rowcount
    return bool(changed)


def beat(engine: sa.Engine, job_id: str, owner: str | None = None) -> None:
    """Move the job's heartbeat (and claim it for ``owner``); ``updated_at`` (a cache key) stays."""
    values: dict[str, Any] = {"heartbeat_at": utcnow()}
    if owner is not None:
        values["owner"] = owner
    with engine.begin() as conn:
        conn.execute(sa.update(jobs).where(jobs.c.job_id == job_id).values(**values))


def start_agent(engine: sa.Engine, job_id: str, agent: str, step: str | None = None) -> None:
    """Mark ``agent`` as the one working now (``current_agent``), with a step description."""
    update_job(engine, job_id, current_agent=agent, current_step=step or f"{agent} running")


def finish_agent(engine: sa.Engine, job_id: str, agent: str) -> None:
    """Append ``agent`` to ``agents_completed`` once (idempotent on retries)."""
    with engine.begin() as conn:
        done = conn.execute(sa.select(jobs.c.agents_completed).where(jobs.c.job_id == job_id)).scalar_one()
        done = list(done or [])
        if agent not in done:
            done.append(agent)
        conn.execute(
            sa.update(jobs).where(jobs.c.job_id == job_id).values(agents_completed=done, updated_at=utcnow())
        )


def list_jobs(
    engine: sa.Engine, *, org_id: str | None = None, kind: str | None = None, limit: int = 50, offset: int = 0
) -> list[Row]:
    query = (
        sa.select(jobs).order_by(jobs.c.created_at.desc(), jobs.c.job_id.desc()).limit(limit).offset(offset)
    )
    if org_id is not None:
        query = query.where(jobs.c.org_id == org_id)
    if kind is not None:
        query = query.where(jobs.c.kind == kind)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def list_jobs_with_status(engine: sa.Engine, statuses: Iterable[str]) -> list[Row]:
    """Every job in one of ``statuses`` (the liveness sweep's active jobs), in no particular order."""
    query = sa.select(jobs).where(jobs.c.status.in_([str(s) for s in statuses]))
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def count_jobs(engine: sa.Engine, *, org_id: str | None = None, kind: str | None = None) -> int:
    """How many jobs ``list_jobs`` would page through."""
    query = sa.select(sa.func.count()).select_from(jobs)
    if org_id is not None:
        query = query.where(jobs.c.org_id == org_id)
    if kind is not None:
        query = query.where(jobs.c.kind == kind)
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def find_job_for_run(engine: sa.Engine, dag_id: str, run_id: str) -> str | None:
    """The job id of an Airflow DAG run (None while its first task has not created the job)."""
    query = sa.select(jobs.c.job_id).where(jobs.c.dag_id == dag_id, jobs.c.run_id == run_id).limit(1)
    with engine.connect() as conn:
        found = conn.execute(query).scalar()
    return str(found) if found else None


def delete_pending_job(engine: sa.Engine, job_id: str) -> None:
    """Remove a job that never started (its run could not be submitted); any other job stays."""
    with engine.begin() as conn:
        conn.execute(sa.delete(jobs).where(jobs.c.job_id == job_id, jobs.c.status == JobStatus.pending))
