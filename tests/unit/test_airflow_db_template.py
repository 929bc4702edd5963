"""A new local Airflow DB is a copy of a migrated one kept beside this Python, not migrated anew."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from docharvest.orchestration import runner


def _tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "airflow"
    home.mkdir()
    monkeypatch.setenv("AIRFLOW_HOME", str(home))
    monkeypatch.setenv("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", f"sqlite:///{home / 'airflow.db'}")
    template = tmp_path / "prefix" / "airflow-migrated.db"
    monkeypatch.setattr(runner, "_migrated_template", lambda version: template)
    return home


OPEN: list[sqlite3.Connection] = []  # connections a fake migration leaves open


def _fake_initdb(calls: list[str]) -> object:
    def initdb() -> None:  # what a migration leaves: a DB in WAL mode, its last rows in the WAL
        calls.append("initdb")
        conn = sqlite3.connect(runner._local_sqlite_db())  # type: ignore[arg-type]
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute("INSERT INTO alembic_version VALUES ('head')")
        conn.commit()
        OPEN.append(conn)  # left open, like a pooled connection: the rows sit in the WAL only

    return initdb


def test_the_first_migration_keeps_a_template_and_later_homes_copy_it(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from airflow.utils import db as airflow_db

    calls: list[str] = []
    monkeypatch.setattr(airflow_db, "initdb", _fake_initdb(calls))
    runner.ensure_airflow_db()
    template = runner._migrated_template("any")
    assert calls == ["initdb"] and template.is_file()
    assert "alembic_version" in _tables(template)  # what the WAL held is in the copy

    second = tmp_path / "airflow2"
    second.mkdir()
    monkeypatch.setenv("AIRFLOW_HOME", str(second))
    monkeypatch.setenv("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", f"sqlite:///{second / 'airflow.db'}")
    runner.ensure_airflow_db()
    assert calls == ["initdb"], "a later home was migrated instead of copied"
    with sqlite3.connect(second / "airflow.db") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("head",)]
    assert any(second.glob(f"{runner.DB_MARKER_PREFIX}*"))
    while OPEN:
        OPEN.pop().close()


def test_an_existing_db_or_another_database_is_migrated_not_replaced(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from airflow.utils import db as airflow_db

    calls: list[str] = []
    monkeypatch.setattr(airflow_db, "initdb", lambda: calls.append("initdb"))
    template = runner._migrated_template("any")
    template.parent.mkdir(parents=True)
    sqlite3.connect(template).execute("CREATE TABLE from_template (x)").connection.commit()
    with sqlite3.connect(home / "airflow.db") as conn:  # a DB of an older Airflow: upgraded in place
        conn.execute("CREATE TABLE users_data (x)")
    runner.ensure_airflow_db()
    assert calls == ["initdb"] and "users_data" in _tables(home / "airflow.db")

    for marker in home.glob(f"{runner.DB_MARKER_PREFIX}*"):
        marker.unlink()
    monkeypatch.setenv("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "postgresql://airflow@db/airflow")
    runner.ensure_airflow_db()  # not a local file: never a copy
    assert calls == ["initdb", "initdb"]
