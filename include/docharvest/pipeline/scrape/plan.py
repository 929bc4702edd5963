"""The scrape job's ``plan`` step (coordinator): the job row, its clock, its parsed prompt."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from docharvest.config import Settings
from docharvest.errors import TerminalError
from docharvest.models import Agent, JobKind, ScrapeConf, job_id_for_run
from docharvest.pipeline.common import start_job, write_json
from docharvest.pipeline.scrape.base import intent_path
from docharvest.store import repository
from docharvest.store.db import get_engine

log = logging.getLogger(__name__)


def plan(settings: Settings, conf: Mapping[str, Any], *, dag_id: str, run_id: str) -> str:
    """Create (or resume) the job row, parse the prompt, and start the clock. Returns the job id."""
    from docharvest.relevance import parse_prompt

    try:
        parsed = ScrapeConf.model_validate(dict(conf))
    except ValueError as exc:  # bad conf (a blank prompt from the UI form): no retry will fix it
        raise TerminalError(f"invalid scrape conf: {exc}") from exc
    job_id = parsed.job_id or job_id_for_run(dag_id, run_id)
    request = parsed.request()
    start_job(
        settings,
        job_id=job_id,
        kind=JobKind.scrape,
        org_id=parsed.org_id,
        website=str(request.website),
        prompt=request.prompt,
        params=request.parameters,
        dag_id=dag_id,
        run_id=run_id,
    )
    intent = parse_prompt(request.prompt)
    write_json(intent_path(settings, job_id), intent.to_dict())
    repository.finish_agent(get_engine(settings), job_id, Agent.coordinator)
    log.info("job %s planned: %s / %r", job_id, request.website, request.prompt)
    return job_id
