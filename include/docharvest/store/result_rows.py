"""The ``result_rows`` table: an extract job's rows, one per document (reads)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from docharvest.store.tables import result_rows

Row = dict[str, Any]


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
