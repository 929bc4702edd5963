"""Root test configuration.

Airflow reads its configuration when first imported, so its environment (a temp
AIRFLOW_HOME, our dags folder, a SQLite DB, no examples) is set here, at the top,
before any test module can import airflow.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]
_AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="dh-airflow-"))
os.environ["AIRFLOW_HOME"] = str(_AIRFLOW_HOME)
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(_REPO / "dags")
os.environ["AIRFLOW__CORE__PLUGINS_FOLDER"] = str(_REPO / "plugins")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = f"sqlite:///{_AIRFLOW_HOME / 'airflow.db'}"
os.environ["AIRFLOW__CORE__UNIT_TEST_MODE"] = "False"
os.environ.setdefault("AIRFLOW__LOGGING__LOGGING_LEVEL", "WARNING")
os.environ.setdefault("AIRFLOW__API_AUTH__JWT_SECRET", "docharvest-tests-" + "x" * 64)
# Nothing in the suite may reach the internet or inherit a developer's DocHarvest env.
for _key in [k for k in os.environ if k.startswith("DOCHARVEST_") and k != "DOCHARVEST_TEST_DATABASE_URL"]:
    del os.environ[_key]
# Job commands started as subprocesses run in-process, as they always did; the warm local runner
# (a daemon that outlives the command) is tested on its own, in tests/integration/test_daemon.py.
os.environ["DOCHARVEST_DAEMON"] = "0"

import contextlib  # noqa: E402
import uuid  # noqa: E402
from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from docharvest.config import Settings  # noqa: E402

from tests.support.siteserver import SiteServer  # noqa: E402

PG_URL = os.environ.get("DOCHARVEST_TEST_DATABASE_URL")


def pytest_report_header(config: pytest.Config) -> str:
    return f"docharvest metadata DB: {'PostgreSQL ' + PG_URL if PG_URL else 'SQLite (set DOCHARVEST_TEST_DATABASE_URL for PostgreSQL)'}"


@contextlib.contextmanager
def new_database(sqlite_dir: Path) -> Iterator[str]:
    """A metadata DB nothing has migrated yet: a new SQLite file in ``sqlite_dir``, or a new
    PostgreSQL schema (dropped afterwards) when DOCHARVEST_TEST_DATABASE_URL is set."""
    if not PG_URL:
        yield f"sqlite:///{sqlite_dir / 'docharvest.db'}"
        return
    base = Settings(database_url=PG_URL).effective_database_url
    schema = f"dh_test_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """SQLite by default; a fresh PostgreSQL schema when DOCHARVEST_TEST_DATABASE_URL is set."""
    with new_database(tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    """Settings for one test: its own data dir, the session's DB, loopback allowed, no throttling."""
    return Settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        airflow_home=_AIRFLOW_HOME,
        allow_private_networks=True,
        crawl={
            "min_delay_seconds": 0,
            "retry_backoff_seconds": 0.05,
            "connect_timeout_seconds": 5,
            "read_timeout_seconds": 10,
        },
    )


@pytest.fixture
def site() -> Iterator[SiteServer]:
    """An HTTP server on 127.0.0.1 serving whatever routes the test adds."""
    with SiteServer("127.0.0.1") as server:
        yield server
