"""Run one job as an Airflow DAG run in this process (``dag.test``): no scheduler, no server.

Used by the CLI (``docharvest scrape|extract|knowledge``) and the demo. Airflow's own
metadata DB is a SQLite file in ``settings.airflow_home``, migrated on first use.
"""

from __future__ import annotations

import logging
import os
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
    """DocHarvest settings passed to task code through the environment (tasks build ``Settings()``)."""
    env = {
        "DOCHARVEST_DATA_DIR": str(settings.data_dir.resolve()),
        "DOCHARVEST_DATABASE_URL": settings.effective_database_url,
        "DOCHARVEST_ALLOW_PRIVATE_NETWORKS": "true" if settings.allow_private_networks else "false",
    }
    for key, value in settings.crawl.model_dump().items():
        if value != type(settings.crawl).model_fields[key].get_default(call_default_factory=True):
            env[f"DOCHARVEST_CRAWL__{key.upper()}"] = _env_value(value)
    return env


def _env_value(value: Any) -> str:
    import json

    return (
        json.dumps(value)
        if isinstance(value, list | dict)
        else str(value).lower()
        if isinstance(value, bool)
        else str(value)
    )


def prepare_environment(settings: Settings) -> None:
    """Set the environment before airflow is imported; existing AIRFLOW_* values win."""
    for key, value in airflow_environment(settings).items():
        os.environ.setdefault(key, value)
    os.environ.update(docharvest_environment(settings))
    Path(os.environ["AIRFLOW_HOME"]).mkdir(parents=True, exist_ok=True)


def ensure_airflow_db() -> None:
    """Create/upgrade Airflow's own DB once; a marker file skips the ~4 s check afterwards."""
    import airflow
    from airflow.utils import db as airflow_db

    marker = Path(os.environ["AIRFLOW_HOME"]) / f".docharvest-airflow-db-{airflow.__version__}"
    if marker.exists():
        return
    log.info("initialising Airflow's metadata DB in %s", os.environ["AIRFLOW_HOME"])
    airflow_db.initdb()
    marker.touch()


def run_job(dag_id: str, conf: dict[str, Any], settings: Settings) -> str:
    """Run ``dag_id`` with ``conf`` to completion in-process; return the DAG run's final state."""
    prepare_environment(settings)
    ensure_airflow_db()
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(settings.dags_folder / f"{dag_id}.py"))
    if dag_id not in bag.dags:
        raise RuntimeError(f"DAG {dag_id} failed to load: {bag.import_errors or 'not found'}")
    dag_run = bag.dags[dag_id].test(run_conf=conf)
    return str(dag_run.state)
