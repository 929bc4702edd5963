"""The ``knowledge_items`` table: a knowledge job's items, in the order the job publishes them (reads)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from docharvest.store.tables import knowledge_items

Row = dict[str, Any]


def list_knowledge_items(engine: sa.Engine, job_id: str) -> list[Row]:
    query = (
        sa.select(knowledge_items)
        .where(knowledge_items.c.job_id == job_id)
        .order_by(knowledge_items.c.position, knowledge_items.c.id)
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]
