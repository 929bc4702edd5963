"""The ``documents`` table: every candidate document of a job, keyed by (job_id, url)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from docharvest.store.rows import (
    CHUNK,
    Row,
    fingerprint,
    group_by_shape,
    mark_jobs_updated,
    required_columns,
    upsert,
)
from docharvest.store.tables import documents


def document_id(job_id: str, url: str) -> str:
    return fingerprint(job_id, url, prefix="doc_")


_DOCUMENT_REQUIRED = required_columns(documents)


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
    for group in group_by_shape(prepared).values():
        upsert(engine, documents, group, keys=["job_id", "url"], touch_jobs=True)


def update_documents(engine: sa.Engine, job_id: str, updates: Sequence[Mapping[str, Any]]) -> int:
    """Set some columns of existing documents of ``job_id``; each update names its ``url``.

    An UPDATE, never an insert: a row that does not exist is not created (returns the number
    of rows changed). The job's ``updated_at`` moves in the same transaction.
    """
    if not updates:
        return 0
    for row in updates:
        if row.get("job_id", job_id) != job_id:
            raise ValueError(f"update for {row['url']!r} names job {row['job_id']!r}, not {job_id!r}")
    changed = 0
    with engine.begin() as conn:
        for shape, group in group_by_shape(updates, ignore=("job_id", "url")).items():
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
            for start in range(0, len(params), CHUNK):
                changed += conn.execute(stmt, params[start : start + CHUNK]).rowcount or 0
        mark_jobs_updated(conn, [job_id])
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


def get_document(engine: sa.Engine, job_id: str, url: str) -> Row | None:
    """One document of a job by its url, or None."""
    query = sa.select(documents).where(documents.c.job_id == job_id, documents.c.url == url)
    with engine.connect() as conn:
        row = conn.execute(query).mappings().first()
    return None if row is None else dict(row)


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
    return _count_by(engine, job_id, documents.c.status)


def count_changes(engine: sa.Engine, job_id: str) -> dict[str, int]:
    """Documents of a job counted by ``change`` (new/changed/unchanged/removed; absent for one-off jobs)."""
    return _count_by(engine, job_id, documents.c.change)


def _count_by(engine: sa.Engine, job_id: str, column: sa.Column[Any]) -> dict[str, int]:
    query = (
        sa.select(column, sa.func.count())
        .where(documents.c.job_id == job_id, column.is_not(None))
        .group_by(column)
    )
    with engine.connect() as conn:
        return {str(value): int(n) for value, n in conn.execute(query)}
