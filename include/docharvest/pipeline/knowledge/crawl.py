"""The knowledge job's ``crawl`` step (navigator): the site's most informative pages, each kept small.

Each page is reduced to a ``PageExtract`` as it streams in (HTML is never held), progress
written per page ("Scraping https://…", pagesScraped rising). A start URL that cannot be
fetched fails the job with "Failed to scrape URL: …".
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from docharvest.config import Settings
from docharvest.errors import JobIssue, StartUrlError
from docharvest.knowledge import PageExtract, extract_page
from docharvest.models import Agent, KnowledgeParameters
from docharvest.pipeline.common import cpu_meter, fail_job, monotonic_deadline, read_json, write_json
from docharvest.pipeline.progress_log import StepLog
from docharvest.store import repository
from docharvest.store.db import get_engine

if TYPE_CHECKING:
    from docharvest.crawl import PageRecord

log = logging.getLogger(__name__)

# Share of the remaining time budget the crawl may use; extraction needs the rest.
CRAWL_BUDGET_SHARE = 0.85


def pages_dir(settings: Settings, job_id: str) -> Path:
    """Where the crawl keeps one JSON ``PageExtract`` per page, and their manifest."""
    return settings.work_dir(job_id) / "pages"


class _PageSink:
    """``on_page`` for the crawler: reduce each page to a PageExtract on disk, write progress."""

    def __init__(self, settings: Settings, job_id: str, max_pages: int) -> None:
        self.engine = get_engine(settings)
        self.job_id = job_id
        self.folder = pages_dir(settings, job_id)
        self.max_pages = max_pages
        self.planned = max_pages
        self.files: list[str] = []
        self.failures: list[JobIssue] = []
        self.step_log = StepLog(log, job_id, "crawl", "pages")

    def on_progress(self, pages_crawled: int, pages_planned: int) -> None:
        self.planned = max(pages_planned, pages_crawled)

    def __call__(self, record: PageRecord, html: str) -> None:
        url = record.final_url or record.url
        try:
            page = extract_page(url, html, depth=record.depth)
        except Exception as exc:  # one unparseable page is a recorded error; the job goes on
            log.warning("job %s: could not read page %s: %s", self.job_id, url, exc)
            self.failures.append(
                JobIssue(Agent.extractor, "page_unreadable", f"Could not read HTML page: {exc}", url, True)
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
    repository.record_errors(engine, job_id, report.issues)
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


def load_pages(settings: Settings, job_id: str) -> list[PageExtract]:
    folder = pages_dir(settings, job_id)
    manifest = read_json(folder / "manifest.json")
    return [PageExtract.from_json(read_json(folder / name)) for name in manifest["files"]]
