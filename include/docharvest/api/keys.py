"""API keys: created once (shown once), stored as a sha256 hash, owned by an organisation.

A key looks like ``sk-`` followed by 40 letters and digits (the seeds accept ``sk-…`` and
``sk_…``). Only ``sha256(key)`` and a short display prefix are stored, so a leaked
database does not leak usable keys; a key is looked up by its hash (unique index).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import string
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from docharvest.store import api_keys as store
from docharvest.store.repository import utcnow

_ALPHABET = string.ascii_letters + string.digits
KEY_RE = re.compile(r"^sk[-_][A-Za-z0-9_-]{8,200}$")
PREFIX_LENGTH = 10


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's id and its organisation (jobs are scoped to it)."""

    key_id: str
    org_id: str


def generate_key() -> str:
    return "sk-" + "".join(secrets.choice(_ALPHABET) for _ in range(40))


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(engine: sa.Engine, org_id: str, name: str | None = None) -> tuple[str, dict[str, Any]]:
    """Create a key for ``org_id``; return the key itself (never stored) and its row."""
    org_id = org_id.strip()
    if not org_id or len(org_id) > 128:
        raise ValueError("org: must be 1-128 characters")
    key = generate_key()
    row = {
        "id": "key_" + secrets.token_hex(8),
        "org_id": org_id,
        "key_hash": hash_key(key),
        "prefix": key[:PREFIX_LENGTH],
        "name": name,
        "created_at": utcnow(),
        "revoked_at": None,
    }
    store.insert_api_key(engine, row)
    return key, row


def list_keys(engine: sa.Engine, org_id: str | None = None) -> list[dict[str, Any]]:
    """Keys (without hashes), newest first, optionally of one organisation."""
    return store.list_api_keys(engine, org_id)


def revoke_key(engine: sa.Engine, key_id_or_prefix: str) -> int:
    """Revoke the key with this id (``key_…``) or display prefix (``sk-…``); return how many."""
    if key_id_or_prefix.startswith("key_"):
        return store.revoke_api_keys(engine, key_id=key_id_or_prefix)
    return store.revoke_api_keys(engine, prefix=key_id_or_prefix)


def authenticate_key(engine: sa.Engine, key: str) -> Principal | None:
    """The principal of a valid, unrevoked key; None otherwise."""
    if not KEY_RE.match(key):
        return None
    found = store.valid_api_key(engine, hash_key(key))
    return Principal(key_id=found[0], org_id=found[1]) if found else None
