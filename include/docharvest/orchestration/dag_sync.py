"""Writing the DAG folder to Airflow's DB once per version of it, not once per job.

``dag.test`` re-parses every file of the DAG folder and writes the DAGs to Airflow's DB on each
call (apache/airflow#64884: so that sibling DAGs exist), ~0.3-0.5 s of every job. The warm
runner syncs once when it starts (:func:`sync_dags`) and records the folder's fingerprint; a job
forked from it skips ``dag.test``'s own sync while the folder is unchanged since
(:func:`skip_resync_when_current`). Best effort: if Airflow's internals moved, jobs sync as before.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)

Fingerprint = tuple[tuple[str, int, int], ...]

# The DAG folder's fingerprint when this process (the warm runner) last wrote it to Airflow's DB;
# forked jobs inherit it.
_synced: tuple[str, Fingerprint] | None = None


def fingerprint(folder: Path) -> Fingerprint:
    """Every Python file under ``folder`` (as Airflow's DagBag walks it): path, mtime, size."""
    files = []
    for path in sorted(folder.rglob("*.py")):
        with contextlib.suppress(OSError):
            stat = path.stat()
            files.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(files)


def sync_dags(folder: Path) -> None:
    """Write the DAG bundle and its DAGs to Airflow's DB, as every ``dag.test`` call does.

    Jobs forked at the same moment into a fresh Airflow DB would each insert the same bundle
    and asset rows (``UNIQUE constraint failed: dag_bundle.name``); afterwards each call finds
    them and only updates.
    """
    global _synced
    try:
        before = fingerprint(folder)
        from airflow import settings as airflow_settings
        from airflow.dag_processing.bundles.manager import DagBundlesManager
        from airflow.dag_processing.dagbag import BundleDagBag, sync_bag_to_db

        manager = DagBundlesManager()
        make_session = airflow_settings.Session
        assert make_session is not None, "Airflow's ORM is configured on import"
        with make_session() as session:
            manager.sync_bundles_to_db(session=session)
            session.commit()
        for bundle in manager.get_all_dag_bundles():
            if not bundle.is_initialized:
                bundle.initialize()
            bag = BundleDagBag(dag_folder=bundle.path, bundle_path=bundle.path, bundle_name=bundle.name)
            sync_bag_to_db(bag, bundle.name, bundle.version)
        _synced = (str(folder.resolve()), before)
    except Exception:
        log.warning("DAGs not synced ahead of the first jobs", exc_info=True)


@contextlib.contextmanager
def skip_resync_when_current(folder: Path, dag_id: str) -> Iterator[None]:
    """Within this block ``dag.test`` does not write the DAG folder to the DB again when this
    process synced the same version of it and the DB has a version of ``dag_id``."""
    if _synced is None or _synced != (str(folder.resolve()), fingerprint(folder)):
        yield
        return
    try:
        from unittest import mock

        from airflow.dag_processing import dagbag
        from airflow.dag_processing.bundles.manager import DagBundlesManager
        from airflow.models.dag_version import DagVersion

        if DagVersion.get_version(dag_id) is None:
            raise LookupError(f"no version of {dag_id} in Airflow's DB")
        patches = [
            mock.patch.object(DagBundlesManager, "sync_bundles_to_db", lambda *a, **k: None),
            mock.patch.object(dagbag, "BundleDagBag", lambda *a, **k: None),
            mock.patch.object(dagbag, "sync_bag_to_db", lambda *a, **k: None),
        ]
    except Exception:
        log.debug("dag.test syncs the DAG folder itself", exc_info=True)
        yield
        return
    with contextlib.ExitStack() as stack:
        for patch in patches:
            stack.enter_context(patch)
        yield
