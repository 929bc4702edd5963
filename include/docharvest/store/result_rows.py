"""The ``result_rows`` table: an extract job's rows, one per document, updated as each phase runs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from docharvest.store.rows import Row, group_by_shape, mark_jobs_updated, upsert, utcnow
from docharvest.store.tables import result_rows


def insert_missing_result_rows(engine: sa.Engine, job_id: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert the rows whose ``id`` the job does not have yet; existing rows stay as they are.

    A retried ingest must not reset rows a later step already filled.
    """
    with engine.connect() as conn:
        existing = set(
            conn.execute(sa.select(result_rows.c.id).where(result_rows.c.job_id == job_id)).scalars()
        )
    upsert(engine, result_rows, [r for r in rows if r["id"] not in existing], keys=["id"], touch_jobs=True)


def update_result_rows(engine: sa.Engine, job_id: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Update ``job_id``'s result rows in place (keyed by id), grouped by column set for executemany.

    The job's ``updated_at`` moves in the same transaction (the API's cache key for its results).
    """
    if not rows:
        return
    now = utcnow()
    with engine.begin() as conn:
        mark_jobs_updated(conn, [job_id])
        for shape, group in group_by_shape(rows).items():
            values: dict[str, Any] = {c: sa.bindparam(f"v_{c}") for c in [*shape, "updated_at"] if c != "id"}
            stmt = sa.update(result_rows).where(result_rows.c.id == sa.bindparam("v_id")).values(**values)
            conn.execute(stmt, [{f"v_{k}": v for k, v in {**r, "updated_at": now}.items()} for r in group])


def list_result_rows(engine: sa.Engine, job_id: str) -> list[Row]:
    """The job's result rows in document order."""
    query = (
        sa.select(result_rows)
        .where(result_rows.c.job_id == job_id)
        .order_by(result_rows.c.position, result_rows.c.id)
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def result_row_page(
    engine: sa.Engine,
    job_id: str,
    columns: Sequence[str],
    *,
    limit: int,
    after: tuple[int, str] | None = None,
) -> list[Row]:
    """Up to ``limit`` rows (only ``columns``) in document order, after the cursor's (position, id)."""
    cols = [result_rows.c[c] for c in columns]
    query = sa.select(*cols).where(result_rows.c.job_id == job_id)
    if after is not None:
        query = query.where(
            sa.tuple_(result_rows.c.position, result_rows.c.id)
            > sa.tuple_(sa.literal(after[0]), sa.literal(after[1]))
        )
    query = query.order_by(result_rows.c.position, result_rows.c.id).limit(limit)
    with engine.connect() as conn:
        return [dict(zip(columns, r, strict=True)) for r in conn.execute(query)]


def count_result_rows(engine: sa.Engine, job_id: str, *, not_status: str | None = None) -> int:
    """How many result rows the job has (those whose status is not ``not_status``)."""
    query = sa.select(sa.func.count()).select_from(result_rows).where(result_rows.c.job_id == job_id)
    if not_status is not None:
        query = query.where(result_rows.c.status != not_status)
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())
