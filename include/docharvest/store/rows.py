"""What every table module of the repository shares: ids, the clock and the upsert.

Every write is an upsert keyed by the job id plus a natural key (url, error fingerprint,
message), so a retried task rewrites rows instead of duplicating them. Transactions are
short: one statement batch each, because SQLite serialises writers. A write to a job's
documents, errors, warnings or result rows also sets the job's ``updated_at`` in the same
transaction (``mark_jobs_updated``), so ``(job_id, updated_at)`` identifies a version of everything
the job's results show (the API caches an ended job's results under it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from docharvest.store.tables import jobs

Row = dict[str, Any]
# Rows per executemany batch: bounded statements on both SQLite and PostgreSQL.
CHUNK = 500


def utcnow() -> datetime:
    return datetime.now(UTC)


def fingerprint(*parts: object, prefix: str = "", length: int = 24) -> str:
    """A stable id from the parts (idempotent keys for retried tasks)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:length]
    return prefix + digest


def dialect_insert(engine: sa.Engine, table: sa.Table) -> Any:
    """INSERT with ``ON CONFLICT`` support for the engine's dialect (PostgreSQL or SQLite)."""
    insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
    return insert(table)


def mark_jobs_updated(conn: sa.Connection, job_ids: Iterable[str]) -> None:
    """Move ``updated_at`` of the jobs (the API's cache key of their results), in ``conn``'s transaction."""
    conn.execute(sa.update(jobs).where(jobs.c.job_id.in_(sorted(set(job_ids)))).values(updated_at=utcnow()))


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
    columns = list(rows[0].keys())
    stmt = dialect_insert(engine, table)
    update_cols = {c: stmt.excluded[c] for c in columns if c not in keys}
    stmt = (
        stmt.on_conflict_do_update(index_elements=list(keys), set_=update_cols)
        if update_cols
        else stmt.on_conflict_do_nothing(index_elements=list(keys))
    )
    with engine.begin() as conn:
        for start in range(0, len(rows), CHUNK):
            conn.execute(stmt, [dict(r) for r in rows[start : start + CHUNK]])
        if touch_jobs:
            mark_jobs_updated(conn, (str(r["job_id"]) for r in rows))


def insert_ignore(engine: sa.Engine, table: sa.Table, values: Mapping[str, Any], key: str) -> bool:
    """Insert one row unless ``key`` exists already; True when this call inserted it."""
    stmt = dialect_insert(engine, table).values(**values).on_conflict_do_nothing(index_elements=[key])
    with engine.begin() as conn:
        return bool(conn.execute(stmt).rowcount)


def required_columns(table: sa.Table) -> frozenset[str]:
    """Columns an INSERT must carry: NOT NULL, no default, not filled in by us (``id``)."""
    return frozenset(
        c.name for c in table.columns if not c.nullable and c.default is None and c.server_default is None
    ) - {"id"}


def group_by_shape(
    rows: Iterable[Mapping[str, Any]], ignore: Iterable[str] = ()
) -> dict[tuple[str, ...], list[Mapping[str, Any]]]:
    """Rows grouped by their column set (minus ``ignore``): one executemany statement per group."""
    skip = set(ignore)
    groups: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(set(row) - skip)), []).append(row)
    return groups
