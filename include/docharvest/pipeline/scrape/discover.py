"""The scrape job's ``discover`` step (navigator): crawl the site, pre-score candidates, cut batches."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import sqlalchemy as sa

from docharvest.config import Settings
from docharvest.errors import StartUrlError
from docharvest.jobrecord import JobRecord
from docharvest.models import Agent, ScrapeParameters
from docharvest.pipeline.common import cpu_meter, fail_job, monotonic_deadline
from docharvest.pipeline.isolation import ParseLimits, parse_ahead, whole_job_in_process
from docharvest.pipeline.progress_log import StepLog, Timeline
from docharvest.pipeline.scrape.base import job_intent
from docharvest.pipeline.scrape.candidates import candidate_rows
from docharvest.pipeline.scrape.read import parse_document, parse_jobs
from docharvest.store import repository
from docharvest.store.db import get_engine

if TYPE_CHECKING:
    from docharvest.crawl import CrawlReport
    from docharvest.crawl.crawler import PrefetchFactory
    from docharvest.relevance import Intent, Scorer

log = logging.getLogger(__name__)

# Share of the remaining time budget the crawl may use; the rest is for downloads.
CRAWL_BUDGET_SHARE = 0.6


def discover(settings: Settings, job_id: str) -> list[int]:
    """Crawl the site, score every candidate document before download, and cut batches.

    Returns the batch numbers (XCom references for the mapped download/extract tasks).
    """
    from docharvest.crawl import crawl_site_sync
    from docharvest.relevance import build_scorer

    engine = get_engine(settings)
    job = repository.get_job_record(engine, job_id)
    params = job.params_as(ScrapeParameters)
    if Agent.navigator in job.agents_completed:
        # A resumed job whose crawl had finished: its documents (and their progress) stand.
        docs = repository.list_documents(engine, job_id)
        return sorted({d["batch"] for d in docs if d["batch"] is not None})
    website = str(job.website)
    repository.start_agent(engine, job_id, Agent.navigator, f"Crawling {website}")
    scorer = build_scorer(settings)
    intent = job_intent(settings, job_id)
    progress = _ProgressWriter(settings, job_id)

    with cpu_meter(settings, job_id, "discover"):
        crawl_settings = settings.crawl
        if params.offsite_documents:
            crawl_settings = crawl_settings.model_copy(update={"offsite_documents": True})
        deadline = monotonic_deadline(job, CRAWL_BUDGET_SHARE)
        report = crawl_site_sync(
            website,
            settings=crawl_settings,
            allow_private_networks=settings.allow_private_networks,
            single_page=params.single_page,
            # A page URL that turns out to be a document is kept only under the job's own cap.
            max_file_size_bytes=params.max_file_size_bytes,
            deadline=deadline,
            priority=lambda c: scorer.score_candidate(intent, c).confidence,
            on_progress=progress,
            work_dir=settings.work_dir(job_id) / "prefetched",
            # A retried or resumed discover continues the crawl from here instead of starting over.
            checkpoint_path=settings.work_dir(job_id) / "crawl-checkpoint.json",
            prefetch_documents=_prefetch(settings, job, scorer, intent, deadline),
        )
        repository.record_errors(engine, job_id, report.issues)
        for warning in report.warnings:
            repository.record_warning(engine, job_id, warning)
        if report.start_url_error:
            message = f"Failed to scrape URL: {report.start_url_error}"
            fail_job(settings, job_id, message)
            raise StartUrlError(message)
        rows = candidate_rows(
            job_id,
            report.candidates,
            scorer,
            intent,
            batch_size(settings),
            download_floor(settings, params),
        )

    progress.timeline.sample(report.pages_crawled, force=True)
    repository.upsert_documents(engine, rows)
    if job.source:
        _mark_removed(engine, job, report, [r["url"] for r in rows])
    repository.update_job(
        engine,
        job_id,
        pages_scraped=report.pages_crawled,
        total_pages=report.pages_crawled,
        total_pages_crawled=report.pages_crawled,
        urls_discovered=report.urls_discovered,
        total_documents_found=len(rows),
    )
    repository.finish_agent(engine, job_id, Agent.navigator)
    batches = sorted({r["batch"] for r in rows if r["batch"] is not None})
    log.info(
        "job %s: %d pages, %d candidates, %d batches", job_id, report.pages_crawled, len(rows), len(batches)
    )
    return batches


def _prefetch(
    settings: Settings, job: JobRecord, scorer: Scorer, intent: Intent, deadline: float | None
) -> PrefetchFactory | None:
    """Documents fetched during the crawl: those the job would download (pre-score at or over its
    floor), at most ``max_documents``; each stored one goes to the warm parse workers when this
    process has them. Not for a scheduled source's runs: they ask with conditional requests."""
    if not settings.crawl.prefetch_documents or job.source:
        return None
    from docharvest.crawl.fetcher import Fetcher
    from docharvest.crawl.robots import RobotsCache
    from docharvest.download import DownloadLimits, DownloadOutcome
    from docharvest.prefetch import CrawlPrefetch

    params = job.params_as(ScrapeParameters)
    floor = download_floor(settings, params)
    limits = DownloadLimits(max_file_size_bytes=params.max_file_size_bytes, deadline=deadline)
    parse_limits = ParseLimits.from_settings(settings)

    def parse_now(outcome: DownloadOutcome) -> None:
        row = {"raw_path": str(outcome.raw_path), "document_type": outcome.document_type}
        parse_ahead(
            parse_document, parse_jobs([row], settings), workers=settings.parse_workers, limits=parse_limits
        )

    def build(fetcher: Fetcher, robots: RobotsCache) -> CrawlPrefetch:
        return CrawlPrefetch(
            fetcher,
            robots,
            settings=settings.crawl,
            limits=limits,
            raw_dir=settings.raw_dir,
            admit=lambda c: scorer.score_candidate(intent, c).confidence >= floor,
            budget=settings.crawl.max_documents,
            on_stored=parse_now,
        )

    return build


def batch_size(settings: Settings) -> int:
    """Documents per download/extract batch. Batches spread a job over workers; when every task
    runs in this process they run one after another, so there few large batches are faster (the
    extract step still reads them ``batch_size`` documents at a time, to keep memory flat)."""
    if whole_job_in_process():
        return max(settings.batch_size, settings.in_process_batch_size)
    return settings.batch_size


def download_floor(settings: Settings, params: ScrapeParameters) -> float:
    """The pre-download score below which a candidate is not fetched.

    The deployment's ``relevance.download_threshold``, lowered to the job's own
    ``confidence_threshold`` when that is lower: a document the job would return is never
    left undownloaded for a pre-score between the two.
    """
    return min(settings.relevance.download_threshold, params.confidence_threshold)


def _mark_removed(engine: sa.Engine, job: JobRecord, report: CrawlReport, urls: list[str]) -> None:
    """Scheduled runs: the source's documents this crawl no longer found are marked removed."""
    from docharvest import incremental

    transient = sum(1 for i in report.issues if i.agent == Agent.navigator and i.recoverable)
    if incremental.crawl_was_complete(report.warnings, transient):
        incremental.mark_removed(engine, str(job.source), job.job_id, urls)
    else:
        log.warning("job %s: partial crawl, no document is marked removed", job.job_id)


class _ProgressWriter:
    """Crawl progress: the job row at most every half second, a task-log line every few seconds,
    and the timeline the report draws (cheap to call often)."""

    def __init__(self, settings: Settings, job_id: str) -> None:
        self.engine = get_engine(settings)
        self.job_id = job_id
        self.last = 0.0
        self.log = StepLog(log, job_id, "discover", "pages")
        self.timeline = Timeline(settings.work_dir(job_id))
        self.timeline.path.unlink(missing_ok=True)  # a retried crawl starts its timeline again
        self.timeline.sample(0, force=True)

    def __call__(self, pages_crawled: int, pages_planned: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.5:
            return
        self.last = now
        repository.update_job(
            self.engine, self.job_id, pages_scraped=pages_crawled, total_pages=pages_planned
        )
        self.timeline.sample(pages_crawled)
        self.log.tick(pages_crawled, pages_planned)
