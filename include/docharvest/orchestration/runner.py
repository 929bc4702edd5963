"""Run one job as an Airflow DAG run in this process (``dag.test``): no scheduler, no server.

Used by the CLI (``docharvest scrape|extract|knowledge``) and the demo. Airflow's own
metadata DB is a SQLite file in ``settings.airflow_home``, migrated on first use.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docharvest.config import Settings

log = logging.getLogger(__name__)


def airflow_environment(settings: Settings) -> dict[str, str]:
    """The Airflow settings a local run needs (only those the user has not set already)."""
    home = settings.airflow_home.resolve()
    return {
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(settings.dags_folder.resolve()),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
    }


def docharvest_environment(settings: Settings) -> dict[str, str]:
    """DocHarvest settings passed to task code through the environment (tasks build ``Settings()``).

    Every field that differs from its default is passed, nested sections as
    ``DOCHARVEST_<SECTION>__<FIELD>``, so what the CLI configured is what the tasks see.
    """
    env = {
        "DOCHARVEST_DATA_DIR": str(settings.data_dir.resolve()),
        "DOCHARVEST_DATABASE_URL": settings.effective_database_url,
        "DOCHARVEST_ALLOW_PRIVATE_NETWORKS": "true" if settings.allow_private_networks else "false",
    }
    for key, value in settings.model_dump(
        exclude_defaults=True, exclude={"data_dir", "database_url"}
    ).items():
        if isinstance(value, dict):
            env.update({f"DOCHARVEST_{key.upper()}__{k.upper()}": _env_value(v) for k, v in value.items()})
        elif value is not None:
            env[f"DOCHARVEST_{key.upper()}"] = _env_value(value)
    return env


def _env_value(value: Any) -> str:
    if isinstance(value, list | dict):
        return json.dumps(value, default=str)
    if isinstance(value, bool):
        return str(value).lower()
    if hasattr(value, "get_secret_value"):
        return str(value.get_secret_value())
    return str(value)


def prepare_environment(settings: Settings) -> None:
    """Set the environment before airflow is imported; existing AIRFLOW_* values win."""
    for key, value in airflow_environment(settings).items():
        os.environ.setdefault(key, value)
    os.environ.update(docharvest_environment(settings))
    Path(os.environ["AIRFLOW_HOME"]).mkdir(parents=True, exist_ok=True)


DB_MARKER_PREFIX = ".docharvest-airflow-db-"


def first_airflow_start(settings: Settings) -> bool:
    """True before Airflow's metadata DB has been created in this Airflow home (a slow first run)."""
    return not any(settings.airflow_home.glob(f"{DB_MARKER_PREFIX}*"))


def ensure_airflow_db() -> None:
    """Create/upgrade Airflow's own DB once; a marker file skips the ~4 s check afterwards.

    A new local SQLite DB is a copy of a freshly migrated one kept beside this Python
    (``sys.prefix``), made by the first migration of this Airflow version: ~2.5 s of migrations
    off the first command of every later Airflow home.
    """
    import airflow
    from airflow.utils import db as airflow_db

    marker = Path(os.environ["AIRFLOW_HOME"]) / f"{DB_MARKER_PREFIX}{airflow.__version__}"
    if marker.exists():
        return
    db, template = _local_sqlite_db(), _migrated_template(airflow.__version__)
    if db is not None and _is_new(db) and template.is_file() and _copy(template, db):
        from airflow import settings as airflow_settings

        if airflow_settings.engine is not None:
            airflow_settings.engine.dispose()  # no connection may hold the empty file it replaced
        log.info("Airflow's metadata DB in %s copied from %s", os.environ["AIRFLOW_HOME"], template)
    else:
        log.info("initialising Airflow's metadata DB in %s", os.environ["AIRFLOW_HOME"])
        airflow_db.initdb()
        if db is not None and not template.exists():
            _copy(db, template)
    marker.touch()


def _local_sqlite_db() -> Path | None:
    """The SQLite file of Airflow's DB when it is a local file (the runner's default)."""
    url = os.environ.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "")
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def _migrated_template(version: str) -> Path:
    return Path(sys.prefix) / "var" / "docharvest" / f"airflow-{version}-migrated.db"


def _is_new(db: Path) -> bool:
    return not db.exists() or db.stat().st_size == 0


def _copy(source: Path, target: Path) -> bool:
    """Copy a SQLite DB (what its WAL holds included) through a temp file and a rename; False,
    and nothing changed, if it cannot."""
    import sqlite3

    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with (
            contextlib.closing(sqlite3.connect(source)) as src,
            contextlib.closing(sqlite3.connect(tmp)) as dst,
        ):
            src.backup(dst)
        os.replace(tmp, target)
        return True
    except (OSError, sqlite3.Error):
        log.debug("could not copy %s to %s", source, target, exc_info=True)
        tmp.unlink(missing_ok=True)
        return False


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Start-up builds millions of long-lived objects (Airflow, its API app, the DAG), and the
    collector rescanned them all again and again: ~15% of a one-page job's CPU time. A larger
    young generation while importing, and the heap frozen once the DAG is loaded; undone after."""
    threshold = gc.get_threshold()
    gc.set_threshold(20_000, 50, 50)
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


# DAGs parsed in this process, by file and its modification time: the warm daemon parses the job
# DAGs once, and every job forked from it finds its DAG here.
_loaded: dict[tuple[str, int], Any] = {}


def load_dag(settings: Settings, dag_id: str) -> Any:
    """The DAG ``dag_id`` from its file in ``settings.dags_folder`` (parsed once per file version)."""
    path = settings.dags_folder / f"{dag_id}.py"
    key = (str(path.resolve()), path.stat().st_mtime_ns if path.exists() else 0)
    if key not in _loaded:
        from airflow.dag_processing.dagbag import DagBag

        bag = DagBag(dag_folder=str(path))
        if dag_id not in bag.dags:
            raise RuntimeError(f"DAG {dag_id} failed to load: {bag.import_errors or 'not found'}")
        _loaded[key] = bag.dags[dag_id]
    return _loaded[key]


def run_job(dag_id: str, conf: dict[str, Any], settings: Settings) -> str:
    """Run ``dag_id`` with ``conf`` to completion in-process; return the DAG run's final state."""
    prepare_environment(settings)
    with _fewer_collections():
        ensure_airflow_db()
        dag = load_dag(settings, dag_id)
        from docharvest.orchestration.dag_sync import skip_resync_when_current
        from docharvest.pipeline.isolation import ParseLimits, keep_warm

        gc.freeze()
        # Every task runs in this process: parse workers serve all its batches.
        with (
            keep_warm(prespawn=ParseLimits.from_settings(settings)),
            skip_resync_when_current(settings.dags_folder, dag_id),
        ):
            dag_run = dag.test(run_conf=conf)
    return str(dag_run.state)
