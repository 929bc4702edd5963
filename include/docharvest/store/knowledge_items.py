"""Reads of a knowledge job's ``knowledge_items``."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from docharvest.store.tables import knowledge_items


def list_items(engine: sa.Engine, job_id: str) -> list[dict[str, Any]]:
    """The job's items in their published order (category groups, site order within each)."""
    query = (
        sa.select(knowledge_items)
        .where(knowledge_items.c.job_id == job_id)
        .order_by(knowledge_items.c.position, knowledge_items.c.id)
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]
