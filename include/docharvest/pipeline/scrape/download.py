"""The scrape job's ``download`` step (scraper): a batch's documents, streamed under the job's cap.

Scheduled sources re-crawl incrementally: conditional requests, unchanged documents reused.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from docharvest.config import Settings
from docharvest.incremental import IncrementalBatch
from docharvest.models import Agent, Candidate
from docharvest.pipeline.common import cpu_meter, download_for_job
from docharvest.pipeline.isolation import ParseLimits, parse_ahead
from docharvest.pipeline.scrape.base import DISCOVERED, DOWNLOADED
from docharvest.pipeline.scrape.read import parse_document, parse_jobs
from docharvest.store import repository
from docharvest.store.db import get_engine

if TYPE_CHECKING:
    from docharvest.download import DownloadOutcome

log = logging.getLogger(__name__)


def download(settings: Settings, job_id: str, batch: int) -> int:
    """Download the batch's documents (streaming, size cap, sha256 raw store)."""
    engine = get_engine(settings)
    job = repository.get_job_record(engine, job_id)
    repository.start_agent(engine, job_id, Agent.scraper, f"Downloading batch {batch}")
    todo = repository.list_documents(engine, job_id, batch=batch, statuses=[DISCOVERED])
    tracker = IncrementalBatch(engine, job_id, job.source, [d["url"] for d in todo]) if job.source else None

    def fetch(
        docs: list[dict[str, Any]], conditional: dict[str, dict[str, str]] | None
    ) -> list[DownloadOutcome]:
        candidates = [Candidate.model_validate(d["evidence"]) for d in docs]
        return download_for_job(settings, job, candidates, conditional=conditional)

    with cpu_meter(settings, job_id, f"download-{batch}"):
        outcomes = fetch(todo, tracker.conditional if tracker else None)
        again = tracker.needs_full_download(outcomes) if tracker else []
        for i, outcome in zip(again, fetch([todo[i] for i in again], None) if again else [], strict=True):
            outcomes[i] = outcome
    rows, issues = [], []
    for outcome in outcomes:
        row = _download_row(job_id, outcome)
        rows.append(tracker.row(outcome, row) if tracker else row)
        if outcome.issue is not None:  # which documents failed belongs in the task log too
            log.info("job %s: %s %s: %s", job_id, outcome.status, outcome.url, outcome.issue.message)
        if outcome.status == "too_large":
            reason = outcome.issue.message if outcome.issue else "file too large"
            repository.record_warning(
                engine, job_id, f"Document too large to download: {outcome.url} ({reason})"
            )
        elif outcome.issue is not None:
            issues.append(outcome.issue)
    repository.update_documents(engine, job_id, rows)
    repository.record_errors(engine, job_id, issues)
    if tracker:
        tracker.save()
    # When the whole job runs in this process (the CLI), its parse workers read this batch while
    # the next one downloads; the extract step then takes what they have read.
    fetched = [r for r in rows if r["status"] == DOWNLOADED and r["raw_path"]]
    limits = ParseLimits.from_settings(settings)
    parse_ahead(parse_document, parse_jobs(fetched, settings), workers=settings.parse_workers, limits=limits)
    log.info(
        "job %s batch %d: %d/%d downloaded, %d not modified (304)",
        job_id,
        batch,
        sum(r["status"] == DOWNLOADED for r in rows),
        len(rows),
        sum(o.status == "not_modified" for o in outcomes),
    )
    return batch


def _download_row(job_id: str, outcome: DownloadOutcome) -> dict[str, Any]:
    return {
        "job_id": job_id,
        "url": outcome.url,
        "status": outcome.status,
        "final_url": outcome.final_url,
        "aliases": list(outcome.aliases),
        "sha256": outcome.sha256,
        "raw_path": str(outcome.raw_path) if outcome.raw_path else None,
        "file_size_bytes": outcome.size_bytes,
        "content_type": outcome.content_type,
        "document_type": outcome.document_type,
        "filename": outcome.filename,
        "etag": outcome.etag,
        "last_modified": outcome.last_modified,
        "error": outcome.issue.message if outcome.issue else None,
    }
