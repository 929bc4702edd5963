"""Which warm runner a job command uses: one per Airflow configuration, whatever else differs."""

from __future__ import annotations

from docharvest.orchestration.daemon_client import address

BASE = {"DOCHARVEST_AIRFLOW_HOME": "/srv/airflow", "DOCHARVEST_DATA_DIR": "/srv/data-1"}


def test_commands_that_differ_only_in_job_settings_share_a_runner() -> None:
    # Data dir, DB and crawl settings reach the job's fork in its environment: same runner.
    other = {**BASE, "DOCHARVEST_DATA_DIR": "/srv/data-2", "DOCHARVEST_CRAWL__MAX_PAGES": "5"}
    assert address(BASE) == address(other)


def test_another_airflow_home_dags_folder_or_airflow_variable_gets_its_own_runner() -> None:
    names = {
        address(BASE),
        address({**BASE, "DOCHARVEST_AIRFLOW_HOME": "/srv/airflow-2"}),
        address({**BASE, "DOCHARVEST_DAGS_FOLDER": "/srv/dags"}),
        address({**BASE, "AIRFLOW__CORE__PARALLELISM": "4"}),
    }
    assert len(names) == 4
