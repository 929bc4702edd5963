"""The scrape job without Airflow: the six steps in this process (benchmarks, tests)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from docharvest.config import Settings
from docharvest.pipeline.scrape.discover import discover
from docharvest.pipeline.scrape.download import download
from docharvest.pipeline.scrape.plan import plan
from docharvest.pipeline.scrape.publish import publish, validate
from docharvest.pipeline.scrape.read import extract


def run_scrape_inline(
    settings: Settings, conf: Mapping[str, Any], *, source: str | None = None, run_id: str | None = None
) -> str:
    """Run the six steps in this process without Airflow; return the job id.

    With ``source``, the job is a run of that scheduled source (an incremental re-crawl).
    """
    from docharvest.incremental import set_job_source
    from docharvest.models import new_job_id

    job_id = plan(
        settings, {"job_id": new_job_id(), **conf}, dag_id="docharvest_scrape", run_id=run_id or "inline"
    )
    if source:
        set_job_source(settings, job_id, source)
    for batch in discover(settings, job_id):
        download(settings, job_id, batch)
        extract(settings, job_id, batch)
    validate(settings, job_id)
    publish(settings, job_id)
    return job_id
