"""The knowledge job without Airflow: the four steps in this process (benchmarks, quick checks)."""

from __future__ import annotations

from docharvest.config import Settings
from docharvest.knowledge import KnowledgeResult
from docharvest.pipeline.knowledge.crawl import crawl
from docharvest.pipeline.knowledge.items import extract_knowledge
from docharvest.pipeline.knowledge.plan import DAG_ID, plan
from docharvest.pipeline.knowledge.publish import publish


def run_knowledge_inline(
    settings: Settings, url: str, *, max_pages: int = 50, timeout: int = 1800
) -> KnowledgeResult:
    """Run the four steps in this process without Airflow (benchmarks, quick checks); return the result."""
    from docharvest.models import new_job_id

    job_id = plan(
        settings,
        {"url": url, "max_pages": max_pages, "timeout": timeout, "job_id": new_job_id()},
        dag_id=DAG_ID,
        run_id="inline",
    )
    crawl(settings, job_id)
    result = extract_knowledge(settings, job_id)
    publish(settings, job_id)
    return result
