"""The knowledge job's steps: plan -> crawl -> extract -> publish.

- ``plan``     (coordinator) creates/resumes the job row, starts the clock.
- ``crawl``    (navigator)   crawls with page priorities; each page is reduced to a small
  ``PageExtract`` as it streams in (HTML is never held), progress written per page
  ("Scraping https://…", pagesScraped rising). A start URL that cannot be fetched fails
  the job with "Failed to scrape URL: …".
- ``extract``  (extractor)   "Extracting knowledge": business profile + items, written to
  the job row (``result``) and the ``knowledge_items`` table (replaced, so retries are idempotent).
- ``publish``  (publisher)   Parquet ``knowledge_items`` (+ ``jobs``, ``job_errors``), status
  completed, "Complete".

The seed-003 body of a knowledge job is ``views.knowledge``; its dataset rows are ``views.datasets``.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from docharvest.config import Settings
from docharvest.errors import StartUrlError
from docharvest.knowledge import KnowledgeItem, KnowledgeResult, PageExtract, build_knowledge, extract_page
from docharvest.models import Agent, JobKind, JobStatus, KnowledgeConf, KnowledgeParameters, job_id_for_run
from docharvest.pipeline.common import (
    cpu_meter,
    fail_job,
    monotonic_deadline,
    read_json,
    start_job,
    total_cpu_seconds,
    write_json,
)
from docharvest.pipeline.progress_log import StepLog
from docharvest.store import repository
from docharvest.store.datasets import write_partition
from docharvest.store.db import get_engine
from docharvest.timestamps import as_utc
from docharvest.views.datasets import job_tables, knowledge_item_rows

log = logging.getLogger(__name__)

DAG_ID = "docharvest_knowledge"
# Share of the remaining time budget the crawl may use; extraction needs the rest.
CRAWL_BUDGET_SHARE = 0.85
STEP_EXTRACTING = "Extracting knowledge"
STEP_COMPLETE = "Complete"

# -- plan ---------------------------------------------------------------------


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


# -- crawl --------------------------------------------------------------------


class _PageSink:
    """``on_page`` for the crawler: reduce each page to a PageExtract on disk, write progress."""

    def __init__(self, settings: Settings, job_id: str, max_pages: int) -> None:
        self.engine = get_engine(settings)
        self.job_id = job_id
        self.folder = settings.work_dir(job_id) / "pages"
        self.max_pages = max_pages
        self.planned = max_pages
        self.files: list[str] = []
        self.failures: list[dict[str, Any]] = []
        self.step_log = StepLog(log, job_id, "crawl", "pages")

    def on_progress(self, pages_crawled: int, pages_planned: int) -> None:
        self.planned = max(pages_planned, pages_crawled)

    def __call__(self, record: Any, html: str) -> None:
        url = record.final_url or record.url
        try:
            page = extract_page(url, html, depth=record.depth)
        except Exception as exc:  # one unparseable page is a recorded error; the job goes on
            log.warning("job %s: could not read page %s: %s", self.job_id, url, exc)
            self.failures.append(
                {
                    "agent_name": Agent.extractor,
                    "error_type": "page_unreadable",
                    "error_message": f"Could not read HTML page: {exc}",
                    "page_url": url,
                    "is_recoverable": True,
                }
            )
            return
        name = f"{len(self.files):05d}.json"
        write_json(self.folder / name, page.to_json())
        self.files.append(name)
        repository.update_job(
            self.engine,
            self.job_id,
            pages_scraped=len(self.files),
            total_pages=max(len(self.files), min(self.planned, self.max_pages)),
            current_step=f"Scraping {url}",
        )
        self.step_log.tick(len(self.files), max(len(self.files), min(self.planned, self.max_pages)))


def crawl(settings: Settings, job_id: str) -> str:
    """Crawl the site, most informative pages first; keep a small extract of each page."""
    from docharvest.crawl import crawl_site_sync
    from docharvest.knowledge.priority import page_priority

    engine = get_engine(settings)
    job = repository.get_job_record(engine, job_id)
    website = str(job.website)
    max_pages = job.params_as(KnowledgeParameters).max_pages
    repository.start_agent(engine, job_id, Agent.navigator, f"Scraping {website}")
    sink = _PageSink(settings, job_id, max_pages)
    # A retried crawl starts over: stale extracts from the failed attempt must not mix in.
    shutil.rmtree(sink.folder, ignore_errors=True)
    with cpu_meter(settings, job_id, "crawl"):
        report = crawl_site_sync(
            website,
            settings=settings.crawl.model_copy(update={"max_pages": max_pages}),
            allow_private_networks=settings.allow_private_networks,
            deadline=monotonic_deadline(job, CRAWL_BUDGET_SHARE),
            priority=page_priority,
            on_page=sink,
            on_progress=sink.on_progress,
        )
    _record_issues(engine, job_id, report.issues)
    repository.record_errors(engine, job_id, sink.failures)
    for warning in report.warnings:
        repository.record_warning(engine, job_id, warning)
    if report.start_url_error or not sink.files:
        message = f"Failed to scrape URL: {report.start_url_error or 'no readable HTML page at ' + website}"
        fail_job(settings, job_id, message)
        raise StartUrlError(message)
    write_json(sink.folder / "manifest.json", {"files": sink.files})
    repository.update_job(
        engine,
        job_id,
        pages_scraped=len(sink.files),
        total_pages=len(sink.files),
        total_pages_crawled=report.pages_crawled,
        urls_discovered=report.urls_discovered,
    )
    repository.finish_agent(engine, job_id, Agent.navigator)
    log.info(
        "knowledge job %s: %d pages read, %d urls discovered", job_id, len(sink.files), report.urls_discovered
    )
    return job_id


def _record_issues(engine: sa.Engine, job_id: str, issues: Sequence[Any]) -> None:
    repository.record_errors(
        engine,
        job_id,
        [
            {
                "agent_name": i.agent,
                "error_type": i.error_type,
                "error_message": i.message,
                "page_url": i.url,
                "is_recoverable": i.recoverable,
            }
            for i in issues
        ],
    )


def load_pages(settings: Settings, job_id: str) -> list[PageExtract]:
    folder = settings.work_dir(job_id) / "pages"
    manifest = read_json(folder / "manifest.json")
    return [PageExtract.from_json(read_json(folder / name)) for name in manifest["files"]]


# -- extract ------------------------------------------------------------------


def extract(settings: Settings, job_id: str) -> str:
    """Build the business profile and knowledge items; store them on the job and in ``knowledge_items``."""
    _extract(settings, job_id)
    return job_id


def _extract(settings: Settings, job_id: str) -> KnowledgeResult:
    engine = get_engine(settings)
    job = repository.get_job(engine, job_id)
    repository.start_agent(engine, job_id, Agent.extractor, STEP_EXTRACTING)
    with cpu_meter(settings, job_id, "extract"):
        result = build_knowledge(load_pages(settings, job_id), job["website"])
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


# -- publish ------------------------------------------------------------------


def publish(settings: Settings, job_id: str) -> str:
    """Write the Parquet datasets and mark the job completed ("Complete")."""
    engine = get_engine(settings)
    repository.start_agent(engine, job_id, Agent.publisher, "Publishing results")
    with cpu_meter(settings, job_id, "publish"):
        job = repository.get_job(engine, job_id)
        now = datetime.now(UTC)
        started = as_utc(job["started_at"]) or now
        items = repository.list_knowledge_items(engine, job_id)
        cpu = total_cpu_seconds(settings, job_id)
        cost = cpu * settings.cost.cpu_second_usd + (job["total_pages_crawled"] or 0) * settings.cost.page_usd
        status = JobStatus.cancelled if job["status"] == JobStatus.cancelled else JobStatus.completed
        repository.update_job(
            engine,
            job_id,
            status=status,
            completed_at=now,
            total_runtime_seconds=(now - started).total_seconds(),
            current_agent=None,
            current_step=STEP_COMPLETE,
            cpu_seconds=round(cpu, 3),
            cost=round(cost, 6),
            message=f"Job completed successfully. Extracted {len(items)} knowledge item(s).",
        )
        repository.finish_agent(engine, job_id, Agent.publisher)
        job = repository.get_job(engine, job_id)
        write_partition(
            settings.datasets_location,
            "knowledge_items",
            knowledge_item_rows(job, items),
            job_id=job_id,
            job_date=started.date(),
        )
        for dataset, rows in job_tables(engine, job).items():
            write_partition(settings.datasets_location, dataset, rows, job_id=job_id, job_date=started.date())
    log.info("knowledge job %s published: %d items", job_id, len(items))
    return job_id


# -- without Airflow ----------------------------------------------------------


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
    result = _extract(settings, job_id)
    publish(settings, job_id)
    return result
