"""The knowledge job's ``plan`` step (coordinator): the job row and its clock."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from docharvest.config import Settings
from docharvest.models import Agent, JobKind, KnowledgeConf, KnowledgeParameters, job_id_for_run
from docharvest.pipeline.common import start_job
from docharvest.store import repository
from docharvest.store.db import get_engine

log = logging.getLogger(__name__)

DAG_ID = "docharvest_knowledge"


def plan(settings: Settings, conf: Mapping[str, Any], *, dag_id: str, run_id: str) -> str:
    """Create (or resume) the job row and start the clock. Returns the job id."""
    parsed = KnowledgeConf.model_validate(dict(conf))
    job_id = parsed.job_id or job_id_for_run(dag_id, run_id)
    start_job(
        settings,
        job_id=job_id,
        kind=JobKind.knowledge,
        org_id=parsed.org_id,
        website=str(parsed.url),
        params=KnowledgeParameters(max_pages=parsed.max_pages, timeout=parsed.timeout),
        dag_id=dag_id,
        run_id=run_id,
        total_pages=parsed.max_pages,
    )
    repository.finish_agent(get_engine(settings), job_id, Agent.coordinator)
    log.info("knowledge job %s planned: %s (max %d pages)", job_id, parsed.url, parsed.max_pages)
    return job_id
