"""Reads of stored extraction schemas (the ``schemas`` table)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from docharvest.store.tables import schemas


def find_schema_row(engine: sa.Engine, sid: str) -> dict[str, Any] | None:
    """The stored schema ``sid`` (any organisation's; callers check ownership), or None."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(schemas).where(schemas.c.id == sid)).mappings().first()
    return dict(row) if row is not None else None


def list_org_schemas(engine: sa.Engine, org_id: str) -> list[dict[str, Any]]:
    """An organisation's own stored schemas, newest first."""
    query = sa.select(schemas).where(schemas.c.org_id == org_id).order_by(schemas.c.created_at.desc())
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]
