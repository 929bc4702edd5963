"""The ``schemas`` table: extraction schemas by id (built-in, and each organisation's own versions)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from docharvest.store.rows import Row, upsert
from docharvest.store.tables import schemas


def upsert_schema(engine: sa.Engine, row: Mapping[str, Any]) -> None:
    """Write one schema row keyed by its id (the id is a fingerprint of org, name and version)."""
    upsert(engine, schemas, [row], keys=["id"])


def get_schema(engine: sa.Engine, sid: str) -> Row | None:
    """The schema row with id ``sid``, or None."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(schemas).where(schemas.c.id == sid)).mappings().first()
    return None if row is None else dict(row)


def list_org_schemas(engine: sa.Engine, org_id: str) -> list[Row]:
    """The organisation's own schemas, newest first."""
    query = sa.select(schemas).where(schemas.c.org_id == org_id).order_by(schemas.c.created_at.desc())
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]
