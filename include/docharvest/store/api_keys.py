"""The ``api_keys`` table: keys stored by hash, each owned by an organisation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from docharvest.store.rows import Row, utcnow
from docharvest.store.tables import api_keys

# Built once: every request runs it, and building a select costs more than running it.
_VALID_KEY_BY_HASH = sa.select(api_keys.c.id, api_keys.c.org_id).where(
    api_keys.c.key_hash == sa.bindparam("key_hash"), api_keys.c.revoked_at.is_(None)
)


def insert_api_key(engine: sa.Engine, row: Mapping[str, Any]) -> None:
    with engine.begin() as conn:
        conn.execute(sa.insert(api_keys).values(**row))


def list_api_keys(engine: sa.Engine, org_id: str | None = None) -> list[Row]:
    """Keys (without hashes), newest first, optionally of one organisation."""
    cols = [c for c in api_keys.c if c.name != "key_hash"]
    query = sa.select(*cols).order_by(api_keys.c.created_at.desc(), api_keys.c.id)
    if org_id is not None:
        query = query.where(api_keys.c.org_id == org_id)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def revoke_api_keys(engine: sa.Engine, *, key_id: str | None = None, prefix: str | None = None) -> int:
    """Revoke the unrevoked key with this id or display prefix; return how many were revoked."""
    column, value = (api_keys.c.id, key_id) if key_id is not None else (api_keys.c.prefix, prefix)
    with engine.begin() as conn:
        result = conn.execute(
            sa.update(api_keys)
            .where(column == value, api_keys.c.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
    return int(result.rowcount or 0)


def valid_api_key(engine: sa.Engine, key_hash: str) -> tuple[str, str] | None:
    """(key id, org id) of the unrevoked key with this hash, or None."""
    with engine.connect() as conn:
        row = conn.execute(_VALID_KEY_BY_HASH, {"key_hash": key_hash}).first()
    return (str(row.id), str(row.org_id)) if row else None
