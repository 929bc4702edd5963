"""Several first commands at once on a new metadata DB: every one gets a migrated DB, none fails.

Before the migration lock, 1-3 of 4 processes failed ("table api_keys already exists" on SQLite,
a unique violation on pg_type on PostgreSQL): each saw no schema and ran every migration.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from docharvest.config import Settings
from docharvest.store.db import script_heads
from docharvest.store.tables import VERSION_TABLE

from tests.conftest import new_database

PROCESSES = 4


def _init(url: str) -> str:
    from docharvest.store.db import init_db

    try:
        init_db(Settings(database_url=url))
    except Exception as exc:  # reported to the parent, which asserts on it
        return f"{type(exc).__name__}: {exc}"[:300]
    return "ok"


@pytest.fixture
def new_database_url(tmp_path: Path) -> Iterator[str]:
    with new_database(tmp_path) as url:
        yield url


@pytest.mark.parametrize("attempt", range(2))
def test_concurrent_first_migrations_all_succeed(new_database_url: str, attempt: int) -> None:
    with multiprocessing.get_context("spawn").Pool(PROCESSES) as pool:
        outcomes = pool.map(_init, [new_database_url] * PROCESSES)
    assert outcomes == ["ok"] * PROCESSES
    engine = sa.create_engine(Settings(database_url=new_database_url).effective_database_url)
    with engine.connect() as conn:
        applied = set(conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars())
    engine.dispose()
    assert applied == set(script_heads())
