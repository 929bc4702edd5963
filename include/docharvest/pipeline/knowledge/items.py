"""The knowledge job's ``extract`` step (extractor): the business profile and the knowledge items.

Both are written to the job row (``result``) and the ``knowledge_items`` table, replaced as
a whole, so a retried step writes the same rows.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa

from docharvest.config import Settings
from docharvest.knowledge import KnowledgeItem, KnowledgeResult, build_knowledge
from docharvest.models import Agent
from docharvest.pipeline.common import cpu_meter
from docharvest.pipeline.knowledge.crawl import load_pages
from docharvest.store import repository
from docharvest.store.db import get_engine

log = logging.getLogger(__name__)

STEP_EXTRACTING = "Extracting knowledge"


def extract(settings: Settings, job_id: str) -> str:
    """Build the business profile and knowledge items; store them on the job and in ``knowledge_items``."""
    extract_knowledge(settings, job_id)
    return job_id


def extract_knowledge(settings: Settings, job_id: str) -> KnowledgeResult:
    """``extract``, returning the result (the inline run hands it back)."""
    engine = get_engine(settings)
    job = repository.get_job_record(engine, job_id)
    repository.start_agent(engine, job_id, Agent.extractor, STEP_EXTRACTING)
    with cpu_meter(settings, job_id, "extract"):
        result = build_knowledge(load_pages(settings, job_id), str(job.website))
    store_result(engine, job_id, result)
    repository.finish_agent(engine, job_id, Agent.extractor)
    log.info(
        "knowledge job %s: %s (%s, %.2f), %d items, %d discontinued skipped",
        job_id,
        result.profile.name,
        result.profile.category,
        result.profile.category_confidence,
        len(result.items),
        len(result.discontinued),
    )
    return result


def store_result(engine: sa.Engine, job_id: str, result: KnowledgeResult) -> None:
    """Replace the job's items and profile (a retried step writes the same rows, never more)."""
    now = datetime.now(UTC)
    rows = [
        {
            "id": repository.fingerprint(job_id, item.position, item.title, prefix="ki_"),
            "job_id": job_id,
            "title": item.title,
            "description": item.description,
            "content": item.content,
            "category": item.category,
            "source": item.source,
            "position": item.position,
            "confidence": item.confidence,
            "created_at": now,
        }
        for item in _ordered(result.items)
    ]
    repository.replace_knowledge_items(engine, job_id, rows)
    profile = result.profile
    repository.update_job(
        engine,
        job_id,
        result={
            "business": profile.to_api(),
            "categoryConfidence": profile.category_confidence,
            "evidence": profile.evidence,
            "itemCount": len(rows),
        },
    )
    if result.discontinued:
        titles = ", ".join(i.title for i in result.discontinued[:10])
        repository.record_warning(
            engine,
            job_id,
            f"{len(result.discontinued)} item(s) the site marks discontinued, legacy or archived were left out: {titles}",
        )
    if result.boilerplate:
        repository.record_warning(
            engine,
            job_id,
            f"Repeated on many pages, treated as boilerplate: {', '.join(result.boilerplate[:10])}",
        )


def _ordered(items: Sequence[KnowledgeItem]) -> list[KnowledgeItem]:
    """Group by category (FEATURE, PRICING, FAQ …), site order within a group; number them."""
    from docharvest.knowledge import ITEM_CATEGORIES

    rank = {c: i for i, c in enumerate(ITEM_CATEGORIES)}
    ordered = sorted(items, key=lambda i: (rank.get(i.category, len(rank)), i.position))
    for position, item in enumerate(ordered):
        item.position = position
    return ordered
