"""The ``api_keys`` table: insert, list, revoke, and the per-request lookup by hash."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from docharvest.store.tables import api_keys


def insert_key(engine: sa.Engine, row: Mapping[str, Any]) -> None:
    with engine.begin() as conn:
        conn.execute(sa.insert(api_keys).values(**row))


def list_keys(engine: sa.Engine, org_id: str | None = None) -> list[dict[str, Any]]:
    """Keys (without hashes), newest first, optionally of one organisation."""
    cols = [c for c in api_keys.c if c.name != "key_hash"]
    query = sa.select(*cols).order_by(api_keys.c.created_at.desc(), api_keys.c.id)
    if org_id is not None:
        query = query.where(api_keys.c.org_id == org_id)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def revoke_keys(
    engine: sa.Engine, *, key_id: str | None = None, prefix: str | None = None, at: datetime
) -> int:
    """Revoke the unrevoked key(s) with this id or display prefix; return how many."""
    column, value = (api_keys.c.id, key_id) if key_id is not None else (api_keys.c.prefix, prefix)
    with engine.begin() as conn:
        result = conn.execute(
            sa.update(api_keys).where(column == value, api_keys.c.revoked_at.is_(None)).values(revoked_at=at)
        )
    return int(result.rowcount or 0)


# Built once: every request runs it, and building a select costs more than running it.
_VALID_KEY_BY_HASH = sa.select(api_keys.c.id, api_keys.c.org_id).where(
    api_keys.c.key_hash == sa.bindparam("key_hash"), api_keys.c.revoked_at.is_(None)
)


def valid_key_by_hash(engine: sa.Engine, key_hash: str) -> tuple[str, str] | None:
    """(key id, org id) of the unrevoked key with this hash, or None."""
    with engine.connect() as conn:
        row = conn.execute(_VALID_KEY_BY_HASH, {"key_hash": key_hash}).first()
    return (row.id, row.org_id) if row else None
