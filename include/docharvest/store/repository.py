"""Reads and writes of the metadata tables, as small functions over an Engine.

Every write is an upsert keyed by the job id plus a natural key (url, error
fingerprint, message), so a retried task rewrites rows instead of duplicating them.
Transactions are short: one statement batch each, because SQLite serialises writers.
A write to a job's documents, errors or warnings also sets the job's ``updated_at`` in the
same transaction, so ``(job_id, updated_at)`` identifies a version of everything the
job's results show (the API caches an ended job's results under it).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from docharvest.errors import JobNotFoundError
from docharvest.jobrecord import JobRecord
from docharvest.models import JobStatus
from docharvest.store.tables import documents, job_errors, job_warnings, jobs

Row = dict[str, Any]


def utcnow() -> datetime:
    return datetime.now(UTC)


def fingerprint(*parts: object, prefix: str = "", length: int = 24) -> str:
    """A stable id from the parts (idempotent keys for retried tasks)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:length]
    return prefix + digest


def upsert(
    engine: sa.Engine,
    table: sa.Table,
    rows: Sequence[Mapping[str, Any]],
    keys: Sequence[str],
    *,
    touch_jobs: bool = False,
) -> None:
    """Insert ``rows``; where ``keys`` already exist, overwrite the other given columns.

    ``touch_jobs``: also set ``updated_at`` of the rows' jobs (their ``job_id``), atomically.
    """
    if not rows:
        return
    insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
    columns = list(rows[0].keys())
    stmt = insert(table)
    update_cols = {c: stmt.excluded[c] for c in columns if c not in keys}
    stmt = (
        stmt.on_conflict_do_update(index_elements=list(keys), set_=update_cols)
        if update_cols
        else stmt.on_conflict_do_nothing(index_elements=list(keys))
    )
    with engine.begin() as conn:
        for start in range(0, len(rows), 500):
            conn.execute(stmt, [dict(r) for r in rows[start : start + 500]])
        if touch_jobs:
            job_ids = sorted({str(r["job_id"]) for r in rows})
            conn.execute(sa.update(jobs).where(jobs.c.job_id.in_(job_ids)).values(updated_at=utcnow()))


# -- jobs ---------------------------------------------------------------------


def ensure_job(engine: sa.Engine, job: Mapping[str, Any]) -> Row:
    """Create the job row if it does not exist (a retried plan keeps the first row); return it."""
    values = {"created_at": utcnow(), "params": {}, "agents_completed": [], **job}
    _insert_ignore(engine, jobs, values, "job_id")
    return get_job(engine, str(job["job_id"]))


def _insert_ignore(engine: sa.Engine, table: sa.Table, values: Mapping[str, Any], key: str) -> None:
    insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
    with engine.begin() as conn:
        conn.execute(insert(table).values(**values).on_conflict_do_nothing(index_elements=[key]))


# Statements on the API's hot paths are built once: building a select costs more than running it.
_JOB_BY_ID = sa.select(jobs).where(jobs.c.job_id == sa.bindparam("job_id"))


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


def delete_pending_job(engine: sa.Engine, job_id: str) -> None:
    """Delete a job that never started (its run could not be triggered); any other is left alone."""
    with engine.begin() as conn:
        conn.execute(sa.delete(jobs).where(jobs.c.job_id == job_id, jobs.c.status == JobStatus.pending))


def update_job(engine: sa.Engine, job_id: str, **values: Any) -> None:
    values["updated_at"] = utcnow()
    values.setdefault("heartbeat_at", values["updated_at"])  # any progress is a sign of life
    with engine.begin() as conn:
        conn.execute(sa.update(jobs).where(jobs.c.job_id == job_id).values(**values))


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


# -- documents ----------------------------------------------------------------


def document_id(job_id: str, url: str) -> str:
    return fingerprint(job_id, url, prefix="doc_")


def _required_columns(table: sa.Table) -> frozenset[str]:
    """Columns an INSERT must carry: NOT NULL, no default, not filled in by us (``id``)."""
    return frozenset(
        c.name for c in table.columns if not c.nullable and c.default is None and c.server_default is None
    ) - {"id"}


_DOCUMENT_REQUIRED = _required_columns(documents)


def upsert_documents(engine: sa.Engine, rows: Sequence[Mapping[str, Any]]) -> None:
    """Write whole document rows keyed by (job_id, url): insert, or overwrite the given columns.

    Every row must carry every NOT NULL column (job_id, url, status): an ``INSERT ... ON CONFLICT``
    checks NOT NULL on the proposed row before it finds the conflict, on SQLite and PostgreSQL
    alike, so a partial row fails even when the document exists. Changes to some columns of
    existing documents go through :func:`update_documents`.
    """
    for row in rows:
        missing = _DOCUMENT_REQUIRED - row.keys()
        if missing:
            raise ValueError(
                f"document row for {row.get('url')!r} lacks {sorted(missing)}: "
                "use update_documents for partial updates"
            )
    prepared = [{"id": document_id(r["job_id"], r["url"]), **r} for r in rows]
    # Rows with different column sets cannot share one executemany statement.
    by_shape: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
    for row in prepared:
        by_shape.setdefault(tuple(sorted(row)), []).append(row)
    for group in by_shape.values():
        upsert(engine, documents, group, keys=["job_id", "url"], touch_jobs=True)


def update_documents(engine: sa.Engine, job_id: str, updates: Sequence[Mapping[str, Any]]) -> int:
    """Set some columns of existing documents of ``job_id``; each update names its ``url``.

    An UPDATE, never an insert: a row that does not exist is not created (returns the number
    of rows changed). The job's ``updated_at`` moves in the same transaction.
    """
    if not updates:
        return 0
    by_shape: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
    for row in updates:
        if row.get("job_id", job_id) != job_id:
            raise ValueError(f"update for {row['url']!r} names job {row['job_id']!r}, not {job_id!r}")
        by_shape.setdefault(tuple(sorted(set(row) - {"job_id", "url"})), []).append(row)
    changed = 0
    with engine.begin() as conn:
        for shape, group in by_shape.items():
            if not shape:
                continue
            stmt = (
                sa.update(documents)
                .where(
                    documents.c.job_id == sa.bindparam("k_job_id"), documents.c.url == sa.bindparam("k_url")
                )
                .values({c: sa.bindparam(f"v_{c}") for c in shape})
            )
            params = [
                {"k_job_id": job_id, "k_url": r["url"], **{f"v_{c}": r[c] for c in shape}} for r in group
            ]
            for start in range(0, len(params), 500):
                changed += conn.execute(stmt, params[start : start + 500]).rowcount or 0
        conn.execute(sa.update(jobs).where(jobs.c.job_id == job_id).values(updated_at=utcnow()))
    return changed


def _documents_where(
    query: Any,
    job_id: str,
    batch: int | None,
    statuses: Iterable[str] | None,
    min_confidence: float | None,
) -> Any:
    query = query.where(documents.c.job_id == job_id)
    if batch is not None:
        query = query.where(documents.c.batch == batch)
    if statuses is not None:
        query = query.where(documents.c.status.in_(list(statuses)))
    if min_confidence is not None:
        query = query.where(documents.c.confidence_score >= min_confidence)
    return query


def list_documents(
    engine: sa.Engine,
    job_id: str,
    *,
    batch: int | None = None,
    statuses: Iterable[str] | None = None,
) -> list[Row]:
    """A job's documents (of one batch, of some statuses), best first (confidence, then url)."""
    query = _documents_where(sa.select(documents), job_id, batch, statuses, None)
    query = query.order_by(documents.c.confidence_score.desc().nulls_last(), documents.c.url)
    names = [c.name for c in documents.c]
    with engine.connect() as conn:
        # Plain tuples zipped to dicts: a third of the cost of RowMapping per row.
        return [dict(zip(names, r, strict=True)) for r in conn.execute(query)]


@functools.lru_cache(maxsize=32)
def _listing(columns: tuple[str, ...]) -> sa.Select[Any]:
    """One page of a job's documents of one status at or above a confidence, best first."""
    return (
        sa.select(*(documents.c[c] for c in columns))
        .where(
            documents.c.job_id == sa.bindparam("job_id"),
            documents.c.status == sa.bindparam("status"),
            documents.c.confidence_score >= sa.bindparam("min_confidence"),
        )
        .order_by(documents.c.confidence_score.desc().nulls_last(), documents.c.url)
        .limit(sa.bindparam("limit", type_=sa.Integer))
        .offset(sa.bindparam("offset", type_=sa.Integer))
    )


def document_page(
    engine: sa.Engine,
    job_id: str,
    *,
    status: str,
    min_confidence: float,
    columns: Sequence[str],
    limit: int | None = None,
    offset: int = 0,
) -> list[Row]:
    """``list_documents`` for one status and a threshold (the results listing), from a prepared statement."""
    params = {
        "job_id": job_id,
        "status": status,
        "min_confidence": min_confidence,
        "limit": -1 if limit is None else limit,  # -1: no limit (SQLite); PostgreSQL below
        "offset": offset,
    }
    statement = _listing(tuple(columns))
    if limit is None and engine.dialect.name != "sqlite":
        params["limit"] = None  # LIMIT NULL: no limit on PostgreSQL
    with engine.connect() as conn:
        return [dict(zip(columns, r, strict=True)) for r in conn.execute(statement, params)]


def count_matching_documents(
    engine: sa.Engine,
    job_id: str,
    *,
    statuses: Iterable[str] | None = None,
    min_confidence: float | None = None,
) -> int:
    """How many documents ``list_documents`` would return without a page."""
    query = _documents_where(
        sa.select(sa.func.count()).select_from(documents), job_id, None, statuses, min_confidence
    )
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def count_documents(engine: sa.Engine, job_id: str) -> dict[str, int]:
    """Documents of a job counted by status."""
    query = (
        sa.select(documents.c.status, sa.func.count())
        .where(documents.c.job_id == job_id)
        .group_by(documents.c.status)
    )
    with engine.connect() as conn:
        return {status: int(n) for status, n in conn.execute(query)}


# -- errors and warnings ------------------------------------------------------


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
    return record_errors(
        engine,
        job_id,
        [
            {
                "agent_name": agent_name,
                "error_type": error_type,
                "error_message": error_message,
                "page_url": page_url,
                "is_recoverable": is_recoverable,
            }
        ],
    )[0]


def record_errors(engine: sa.Engine, job_id: str, errors: Sequence[Mapping[str, Any]]) -> list[str]:
    now = utcnow()
    rows = [
        {
            "error_id": fingerprint(
                job_id, e["agent_name"], e["error_type"], e.get("page_url"), prefix="err_"
            ),
            "job_id": job_id,
            "timestamp": now,
            **e,
        }
        for e in errors
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
