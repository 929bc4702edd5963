"""Scheduled sources: one Airflow DAG per entry of the sources file (``sources.yaml``).

The file's path is ``DOCHARVEST_SOURCES_FILE`` (default ``include/sources.yaml``). Each source
becomes ``docharvest_source_<name>``, running the same tasks as its job DAG
(``docharvest_scrape`` / ``docharvest_knowledge``) on the source's schedule; each run is a job
like any other. An invalid entry is logged with its source and field and skipped: the
others are still scheduled.
"""

from __future__ import annotations

from airflow.sdk import get_parsing_context
from docharvest.config import Settings
from docharvest.orchestration.sources_dags import build_source_dags

# Only the file path is read here (no network, no DB): this runs at every parse.
globals().update(
    build_source_dags(Settings().sources_file, fileloc=__file__, only_dag_id=get_parsing_context().dag_id)
)
