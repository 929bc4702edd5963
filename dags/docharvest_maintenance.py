"""Maintenance of DocHarvest's Parquet datasets and jobs (an Airflow DAG, hourly).

``reap``: every running job whose heartbeat stopped, whose owner process is gone or whose
DAG run ended is marked ``failed`` with the reason (``docharvest.liveness``).

``compact``: in every dataset, the small per-job files of each ``job_date`` partition older
than two days become one file (``docharvest.store.compaction``); files left by an interrupted
compaction and temp files of crashed writers are cleaned up. Warehouse queries then read a
few large files instead of thousands of small ones. Safe to re-run at any time.
"""

from __future__ import annotations

from datetime import datetime

from airflow.sdk import dag, task
from docharvest.orchestration.tasks import DEFAULT_ARGS, core_call

# No job to mark failed on error: the job-failure callback does not apply here.
MAINTENANCE_ARGS = {k: v for k, v in DEFAULT_ARGS.items() if k != "on_failure_callback"}


@dag(
    dag_id="docharvest_maintenance",
    schedule="@hourly",  # the reaper should not leave a dead job "running" for a day
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=MAINTENANCE_ARGS,
    tags=["docharvest", "maintenance"],
    doc_md=__doc__,
)
def docharvest_maintenance() -> None:
    @task(multiple_outputs=False)
    def compact() -> dict[str, object]:
        from docharvest.config import Settings
        from docharvest.store.compaction import compact_datasets

        return core_call(compact_datasets, Settings().datasets_location).as_dict()

    @task
    def reap() -> dict[str, object]:
        from docharvest.config import Settings
        from docharvest.liveness import reap as reap_dead_jobs

        return core_call(reap_dead_jobs, Settings())

    compact()
    reap()


docharvest_maintenance()
