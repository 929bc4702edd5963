"""Engine creation and schema migration for the metadata DB.

SQLite (the default) gets WAL mode and a busy timeout because mapped Airflow tasks
write to it concurrently; transactions are kept short by the repository.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from docharvest.config import Settings
from docharvest.store.tables import VERSION_TABLE

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def create_engine_for(url: str) -> sa.Engine:
    """An engine for ``url`` with the pragmas and pool settings DocHarvest relies on."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1].split("?", 1)[0]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


@lru_cache(maxsize=8)
def _cached_engine(url: str) -> sa.Engine:
    return create_engine_for(url)


def get_engine(settings: Settings) -> sa.Engine:
    """The process-wide engine for the settings' DB URL (one pool per URL)."""
    return _cached_engine(settings.effective_database_url)


_REVISION_RE = re.compile(r"^(down_revision|revision)\b[^=]*=\s*(.+)$", re.MULTILINE)


@lru_cache(maxsize=1)
def script_heads() -> frozenset[str]:
    """Revisions no other revision builds on, read from the migration files' own lines.

    Cheap (no Alembic import): every task process checks the DB against these before it
    decides that Alembic needs to run at all.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for name, value in _REVISION_RE.findall(path.read_text()):
            ids = set(re.findall(r"[\"']([^\"']+)[\"']", value))
            (revisions if name == "revision" else parents).update(ids)
    return frozenset(revisions - parents)


def _applied_revisions(engine: sa.Engine) -> set[str] | None:
    try:
        with engine.connect() as conn:
            return set(conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars())
    except sa.exc.DBAPIError:  # no version table yet: a new DB
        return None


# Any fixed 64-bit number: PostgreSQL's advisory lock that serialises DocHarvest's migrations.
_MIGRATION_LOCK_KEY = 0x446F634861727653


@contextlib.contextmanager
def _file_lock(path: str) -> Iterator[None]:
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def _migration_transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A transaction no other process migrates the same DB during: two first commands at once
    on a new DB both saw no schema and both created the tables (one won, the others failed).
    The lock is held until the transaction has committed."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    lock = _file_lock(f"{database}.migrate-lock") if database and database != ":memory:" else None
    with lock or contextlib.nullcontext(), engine.begin() as conn:
        if engine.dialect.name == "postgresql":  # released with the transaction
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
        yield conn


def migrate(engine: sa.Engine) -> None:
    """Bring the metadata DB to the newest schema (idempotent; every branch head).

    A DB already at every head is left alone without loading Alembic (~0.5-1 s per process).
    Concurrent callers take turns; Alembic then finds what the first one applied.
    """
    if _applied_revisions(engine) == set(script_heads()):
        return
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with _migration_transaction(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
    log.debug("metadata DB migrated: %s", engine.url.render_as_string(hide_password=True))


def init_db(settings: Settings) -> sa.Engine:
    """Engine for the settings, with the schema migrated."""
    engine = get_engine(settings)
    migrate(engine)
    return engine
