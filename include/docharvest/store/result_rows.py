"""Reads of an extract job's ``result_rows``: in document order, one keyset page, the count."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from docharvest.store.tables import result_rows


def list_rows(engine: sa.Engine, job_id: str) -> list[dict[str, Any]]:
    """The job's result rows in document order."""
    query = (
        sa.select(result_rows)
        .where(result_rows.c.job_id == job_id)
        .order_by(result_rows.c.position, result_rows.c.id)
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def rows_after(
    engine: sa.Engine,
    job_id: str,
    *,
    columns: Sequence[str],
    after: tuple[int, str] | None,
    limit: int,
) -> list[dict[str, Any]]:
    """Up to ``limit`` rows (only ``columns``) after the keyset ``(position, id)``, in document order."""
    selected = [result_rows.c[c] for c in columns]
    query = sa.select(*selected).where(result_rows.c.job_id == job_id)
    if after is not None:
        query = query.where(
            sa.tuple_(result_rows.c.position, result_rows.c.id)
            > sa.tuple_(sa.literal(after[0]), sa.literal(after[1]))
        )
    query = query.order_by(result_rows.c.position, result_rows.c.id).limit(limit)
    with engine.connect() as conn:
        return [dict(zip(columns, r, strict=True)) for r in conn.execute(query)]


def count_rows(engine: sa.Engine, job_id: str) -> int:
    query = sa.select(sa.func.count()).select_from(result_rows).where(result_rows.c.job_id == job_id)
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())
