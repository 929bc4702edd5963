"""The ``knowledge_items`` table: a knowledge job's items, in the order the job publishes them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from docharvest.store.rows import Row
from docharvest.store.tables import knowledge_items


def replace_knowledge_items(engine: sa.Engine, job_id: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Replace the job's items with ``rows`` in one transaction (a retried step writes the same rows)."""
    with engine.begin() as conn:
        conn.execute(sa.delete(knowledge_items).where(knowledge_items.c.job_id == job_id))
        if rows:
            conn.execute(sa.insert(knowledge_items), [dict(r) for r in rows])


def list_knowledge_items(engine: sa.Engine, job_id: str) -> list[Row]:
    query = (
        sa.select(knowledge_items)
        .where(knowledge_items.c.job_id == job_id)
        .order_by(knowledge_items.c.position, knowledge_items.c.id)
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]
