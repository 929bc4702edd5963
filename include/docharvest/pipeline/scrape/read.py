"""The scrape job's ``extract`` step (extractor): read each downloaded document, score it for good.

Documents are parsed in isolated worker processes under the per-document limits; the text
goes to the job's work area, the final ``confidence_score`` and reason to the document row.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from docharvest.config import Settings
from docharvest.errors import JobIssue
from docharvest.models import Agent, Candidate
from docharvest.pipeline.common import cpu_meter, heartbeat_writer, write_json
from docharvest.pipeline.isolation import (
    ParseLimits,
    read_text,
    run_isolated,
    truncation_notice,
)
from docharvest.pipeline.progress_log import StepLog
from docharvest.pipeline.scrape.base import DOWNLOADED, EXTRACTED, UNREADABLE, job_intent
from docharvest.pipeline.scrape.candidates import document_name
from docharvest.store import repository
from docharvest.store.db import get_engine
from docharvest.text.document import DocumentText
from docharvest.text.failure import ParseFailure

log = logging.getLogger(__name__)

# Read in the parse workers; it lives in the light isolation module so a worker starts fast.
parse_document = read_text


def extract(settings: Settings, job_id: str, batch: int) -> int:
    """Read the batch's downloaded documents and give each its final relevance score."""
    from docharvest.relevance import build_scorer

    engine = get_engine(settings)
    repository.start_agent(engine, job_id, Agent.extractor, f"Reading documents of batch {batch}")
    docs = repository.list_documents(engine, job_id, batch=batch, statuses=[DOWNLOADED])
    scorer = build_scorer(settings)
    intent = job_intent(settings, job_id)
    text_dir = settings.work_dir(job_id) / "text"
    rows: list[dict[str, Any]] = []
    issues: list[JobIssue] = []
    step_log = StepLog(log, job_id, f"extract batch {batch}", "documents")
    text_dir.mkdir(parents=True, exist_ok=True)
    with cpu_meter(settings, job_id, f"extract-{batch}"):
        for doc, parsed in _read_all(docs, settings, job_id, step_log):
            candidate = Candidate.model_validate(doc["evidence"])
            if isinstance(parsed, str):
                log.info("job %s: unreadable %s: %s", job_id, doc["url"], parsed)
                issues.append(_unreadable_issue(doc, parsed))
                score = scorer.score_document(intent, candidate, None, doc["filename"])
                rows.append(
                    {
                        "job_id": job_id,
                        "url": doc["url"],
                        "status": UNREADABLE,
                        "error": parsed,
                        "confidence_score": score.confidence,
                        "relevance_reason": score.reason,
                    }
                )
                continue
            notice = truncation_notice(parsed)
            if notice:
                issues.append(
                    JobIssue(Agent.extractor, "text_truncated", f"{doc['url']}: {notice}", doc["url"], True)
                )
            text_path = text_dir / f"{doc['id']}.txt"
            text_path.write_text(parsed.text)
            score = scorer.score_document(intent, candidate, parsed, doc["filename"])
            rows.append(
                {
                    "job_id": job_id,
                    "url": doc["url"],
                    "status": EXTRACTED,
                    "name": document_name(parsed, doc),
                    "page_count": parsed.page_count,
                    "text_length": parsed.text_length,
                    "ocr_pages": parsed.ocr_pages,
                    "text_path": str(text_path),
                    "confidence_score": score.confidence,
                    "relevance_reason": score.reason,
                    "extracted_at": datetime.now(UTC),
                }
            )
    repository.update_documents(engine, job_id, rows)
    repository.record_errors(engine, job_id, issues)
    log.info("job %s batch %d: %d read, %d unreadable", job_id, batch, len(rows) - len(issues), len(issues))
    # Model usage (0 for the offline scorer) is billed per batch; a retry overwrites its own file.
    write_json(settings.work_dir(job_id) / "usage" / f"extract-{batch}.json", asdict(scorer.usage()))
    return batch


def _unreadable_issue(doc: dict[str, Any], reason: str) -> JobIssue:
    # ``reason`` is a ParseFailure from the parse pool: the reader's error, its type kept.
    error_type = getattr(reason, "error_type", "unreadable_document")
    message = f"Could not read {doc['document_type'] or 'document'}: {reason}"
    return JobIssue(Agent.extractor, error_type, message, doc["url"], True)


def parse_jobs(docs: list[dict[str, Any]], settings: Settings) -> list[tuple[Any, ...]]:
    """``parse_document``'s arguments for each document row (what the parse workers are handed)."""
    return [(d["raw_path"], d["document_type"], settings.ocr.limits()) for d in docs]


def _read_all(
    docs: list[dict[str, Any]], settings: Settings, job_id: str, step_log: StepLog
) -> Iterator[tuple[dict[str, Any], DocumentText | ParseFailure]]:
    """Each document with what reading it gave, in order: parsed in isolated worker processes
    under the per-document limits (scanned pages OCR'd there too, within ``settings.ocr``).

    A batch is read ``batch_size`` documents at a time, so a large one (the CLI's) holds at most
    that many texts. After each document the job's heartbeat moves and the task log gets a
    progress line at its steady rhythm.
    """
    beat = heartbeat_writer(settings, job_id)
    done = [0]

    def on_result() -> None:
        beat()
        done[0] += 1
        step_log.tick(done[0], len(docs))

    limits = ParseLimits.from_settings(settings)
    for start in range(0, len(docs), settings.batch_size):
        chunk = docs[start : start + settings.batch_size]
        jobs = parse_jobs(chunk, settings)
        workers = min(settings.parse_workers, len(jobs))
        yield from zip(
            chunk,
            run_isolated(parse_document, jobs, workers=workers, limits=limits, on_result=on_result),
            strict=True,
        )
