"""The ``job_errors`` and ``job_warnings`` tables: what went wrong or is worth saying, per job."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from docharvest.errors import JobIssue
from docharvest.store.rows import Row, fingerprint, upsert, utcnow
from docharvest.store.tables import job_errors, job_warnings


def record_error(
    engine: sa.Engine,
    job_id: str,
    *,
    agent_name: str,
    error_type: str,
    error_message: str,
    page_url: str | None = None,
    is_recoverable: bool = True,
) -> str:
    """Record one JobError; the id is a fingerprint, so recording it twice keeps one row."""
    issue = JobIssue(agent_name, error_type, error_message, page_url, is_recoverable)
    return record_errors(engine, job_id, [issue])[0]


def record_errors(engine: sa.Engine, job_id: str, issues: Sequence[JobIssue]) -> list[str]:
    """Record the issues a stage found (one row per agent, type and URL: recording again keeps one)."""
    now = utcnow()
    rows = [
        {
            "error_id": fingerprint(job_id, str(i.agent), i.error_type, i.url, prefix="err_"),
            "job_id": job_id,
            "timestamp": now,
            **i.row(),
        }
        for i in issues
    ]
    upsert(engine, job_errors, rows, keys=["error_id"], touch_jobs=True)
    return [r["error_id"] for r in rows]


def list_errors(engine: sa.Engine, job_id: str) -> list[Row]:
    query = (
        sa.select(job_errors)
        .where(job_errors.c.job_id == job_id)
        .order_by(job_errors.c.timestamp, job_errors.c.error_id)
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def count_errors(engine: sa.Engine, job_id: str) -> int:
    query = sa.select(sa.func.count()).select_from(job_errors).where(job_errors.c.job_id == job_id)
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def record_warning(engine: sa.Engine, job_id: str, message: str) -> None:
    row = {
        "id": fingerprint(job_id, message, prefix="wrn_"),
        "job_id": job_id,
        "message": message,
        "created_at": utcnow(),
    }
    upsert(engine, job_warnings, [row], keys=["id"], touch_jobs=True)


def list_warnings(engine: sa.Engine, job_id: str) -> list[str]:
    query = (
        sa.select(job_warnings.c.message)
        .where(job_warnings.c.job_id == job_id)
        .order_by(job_warnings.c.created_at, job_warnings.c.id)
    )
    with engine.connect() as conn:
        return [str(m) for m in conn.execute(query).scalars()]
