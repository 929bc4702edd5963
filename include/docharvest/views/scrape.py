"""Scrape jobs in the shapes of seed 001 (and 000): status, results, job summaries.

``scrape_results`` is ``GET /scrape/results/{job_id}`` field for field; the CLI prints it
and the API serves it (a page at a time: ``results_frame`` + ``listed_documents``).
``status_body`` is ``GET /scrape/status/{job_id}``, from the job row alone.

Which documents a job returns is ``jobrecord.ReturnRule``; ``returned_documents`` and
``count_returned`` are the one place it is applied (in SQL), for the API, the CLI, the job
page and the publish step's totals alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from docharvest.incremental import change_counts
from docharvest.jobrecord import ReturnRule, job_params, params_body
from docharvest.models import Agent, JobStatus
from docharvest.store import repository
from docharvest.timestamps import as_utc, iso

# -- which documents a job returns ------------------------------------------------


def returned_documents(
    engine: sa.Engine,
    job: Mapping[str, Any],
    *,
    columns: Sequence[str],
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The documents the job returns (its ``ReturnRule``), best first; one page with ``limit``."""
    rule = ReturnRule.of(job)
    return repository.document_page(
        engine,
        job["job_id"],
        status=rule.status,
        min_confidence=rule.min_confidence,
        limit=limit,
        offset=offset,
        columns=columns,
    )


def count_returned(engine: sa.Engine, job: Mapping[str, Any]) -> int:
    """How many documents ``returned_documents`` gives in all."""
    rule = ReturnRule.of(job)
    return repository.count_matching_documents(
        engine, job["job_id"], statuses=[rule.status], min_confidence=rule.min_confidence
    )


# -- results (seed 001 JobResultsResponse) -----------------------------------------


def _runtime_seconds(job: Mapping[str, Any]) -> float:
    if job.get("total_runtime_seconds") is not None:
        return float(job["total_runtime_seconds"])
    started = as_utc(job.get("started_at"))
    if started is None:
        return 0.0
    # An ended job's runtime stops at its end (a cancelled one may have no total recorded).
    ended = None if JobStatus(job["status"]).is_active else as_utc(job.get("completed_at"))
    return ((ended or datetime.now(UTC)) - started).total_seconds()


def error_body(row: dict[str, Any]) -> dict[str, Any]:
    """Seed 001 ``JobError``."""
    return {
        "error_id": row["error_id"],
        "agent_name": row["agent_name"],
        "error_type": row["error_type"],
        "error_message": row["error_message"],
        "page_url": row["page_url"],
        "timestamp": iso(row["timestamp"]),
        "is_recoverable": bool(row["is_recoverable"]),
    }


# What ``document_body`` reads; listing only these keeps a results page cheap.
DOCUMENT_BODY_COLUMNS = (
    "url",
    "final_url",
    "name",
    "source_page",
    "document_type",
    "confidence_score",
    "file_size_bytes",
    "extracted_at",
    "relevance_reason",
)


def document_body(doc: dict[str, Any]) -> dict[str, Any]:
    """Seed 001 ``ExtractedDocument`` plus ``relevance_reason``."""
    size = doc.get("file_size_bytes") or 0
    return {
        "name": doc.get("name") or doc["url"],
        "url": doc.get("final_url") or doc["url"],
        "source_page": doc.get("source_page"),
        "document_type": doc.get("document_type") or "unknown",
        "confidence_score": round(float(doc.get("confidence_score") or 0.0), 4),
        "file_size_mb": round(size / (1024 * 1024), 3),
        "extracted_at": iso(doc.get("extracted_at")),
        "relevance_reason": doc.get("relevance_reason"),
    }


def listed_documents(
    engine: sa.Engine, job: Mapping[str, Any], *, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """The returned documents as seed 001 bodies, best first (one page with ``limit``)."""
    docs = returned_documents(engine, job, columns=DOCUMENT_BODY_COLUMNS, limit=limit, offset=offset)
    return [document_body(d) for d in docs]


def job_metadata(job: Mapping[str, Any], errors: list[dict[str, Any]], warnings: list[str]) -> dict[str, Any]:
    return {
        "job_id": job["job_id"],
        "created_at": iso(job.get("created_at")),
        "started_at": iso(job.get("started_at")),
        "completed_at": iso(job.get("completed_at")),
        "estimated_completion": iso(job.get("estimated_completion")),
        "original_website": job.get("website"),
        "original_prompt": job.get("prompt"),
        "parameters": params_body(job_params(job)),
        "current_agent": job.get("current_agent"),
        "agents_completed": list(job.get("agents_completed") or []),
        "total_pages_crawled": int(job.get("total_pages_crawled") or 0),
        "total_documents_found": int(job.get("total_documents_found") or 0),
        "errors": errors,
        "warnings": warnings,
        "final_status": job["status"] if not JobStatus(job["status"]).is_active else None,
        "source": job.get("source"),
    }


def scrape_results(
    engine: sa.Engine, job_id: str, *, limit: int | None = None, offset: int = 0
) -> dict[str, Any]:
    """``GET /scrape/results/{job_id}`` (seed 001 ``JobResultsResponse``); ``limit`` pages ``documents``."""
    job = repository.get_job(engine, job_id)
    return with_documents(
        results_frame(engine, job), listed_documents(engine, job, limit=limit, offset=offset)
    )


@dataclass(frozen=True)
class ResultsFrame:
    """A results body without its page of documents, and how many documents are listed in all.

    It depends only on the job's rows, so an ended job's frame can be reused for every page
    for as long as the job's ``updated_at`` is unchanged.
    """

    body: dict[str, Any]
    listed_total: int


def with_documents(frame: ResultsFrame, documents: list[dict[str, Any]]) -> dict[str, Any]:
    """The full results body: the frame with ``documents`` in its place."""
    body = dict(frame.body)
    body["documents"] = documents
    return body


def results_frame(engine: sa.Engine, job: Mapping[str, Any]) -> ResultsFrame:
    """Everything of ``scrape_results`` but the documents (the job row, errors, warnings, counts)."""
    job_id = job["job_id"]
    errors = [error_body(e) for e in repository.list_errors(engine, job_id)]
    warnings = repository.list_warnings(engine, job_id)
    listed_total = count_returned(engine, job)
    runtime = _runtime_seconds(job)
    body = {
        "job_id": job_id,
        "status": job["status"],
        "message": job.get("message") or job_message(job, listed_total),
        "documents": [],
        "metadata": job_metadata(job, errors, warnings),
        "total_documents_found": int(job.get("total_documents_found") or 0),
        "total_documents_downloaded": int(job.get("total_documents_downloaded") or 0),
        "total_pages_crawled": int(job.get("total_pages_crawled") or 0),
        "success_rate": float(job.get("success_rate") or 0.0),
        "cost": float(job.get("cost") or 0.0),
        "total_runtime_seconds": round(runtime, 3),
        "runtime_minutes": round(runtime / 60, 2),
        "errors": errors,
        "warnings": warnings,
        "has_errors": bool(errors),
        # Incremental re-crawls (scheduled sources); all zero for a one-off job.
        **{f"documents_{change}": n for change, n in change_counts(engine, job_id).items()},
    }
    return ResultsFrame(body=body, listed_total=listed_total)


def job_message(job: Mapping[str, Any], count: int) -> str:
    """The seed's ``message`` of a job whose row has none yet, from its status and ``count`` documents."""
    status = job["status"]
    if status == JobStatus.completed:
        return f"Job completed successfully. Found {count} document(s)."
    if status == JobStatus.failed:
        return f"Job failed: {job.get('error') or 'unknown error'}"
    if status == JobStatus.cancelled:
        return f"Job cancelled. Kept {count} document(s) found before cancellation."
    return f"Job {status.replace('_', ' ')}: {job.get('current_step') or 'waiting'}."


# -- status (seed 001 JobStatusResponse) and job summaries --------------------------

# Share of a scrape job's work per agent, for the status ``percentage``.
_AGENT_WEIGHTS = {
    Agent.coordinator: 5,
    Agent.navigator: 45,
    Agent.scraper: 30,
    Agent.extractor: 12,
    Agent.validator: 3,
    Agent.publisher: 5,
}


def progress_percentage(job: Mapping[str, Any]) -> float:
    """Completed agents' shares plus the running agent's share times its own progress."""
    status = JobStatus(job["status"])
    if status == JobStatus.completed:
        return 100.0
    done = set(job.get("agents_completed") or [])
    share = float(sum(w for agent, w in _AGENT_WEIGHTS.items() if agent in done))
    current = job.get("current_agent")
    if current in _AGENT_WEIGHTS and current not in done:
        share += _AGENT_WEIGHTS[Agent(current)] * _agent_fraction(job, current)
    return round(min(share, 99.0 if status.is_active else 100.0), 1)


def _agent_fraction(job: Mapping[str, Any], agent: str) -> float:
    if agent == Agent.navigator:
        total = job.get("total_pages") or 0
        return min(1.0, (job.get("pages_scraped") or 0) / total) if total else 0.0
    if agent == Agent.scraper:
        found = job.get("total_documents_found") or 0
        return min(1.0, (job.get("total_documents_downloaded") or 0) / found) if found else 0.0
    return 0.5


def _state(job: Mapping[str, Any]) -> dict[str, Any]:
    status = JobStatus(job["status"])
    return {
        "job_id": job["job_id"],
        "status": status,
        "is_active": status.is_active,
        "message": job.get("message") or job_message(job, int(job.get("total_documents_downloaded") or 0)),
        "created_at": as_utc(job.get("created_at")),
        "completed_at": as_utc(job.get("completed_at")),
    }


def status_body(job: Mapping[str, Any]) -> dict[str, Any]:
    """``GET /scrape/status/{job_id}`` from the job row alone (one indexed read)."""
    return {
        **_state(job),
        "progress": {
            "percentage": progress_percentage(job),
            "pages_scraped": int(job.get("pages_scraped") or 0),
            "total_pages": int(job.get("total_pages") or 0),
            "documents_found": int(job.get("total_documents_found") or 0),
            "documents_downloaded": int(job.get("total_documents_downloaded") or 0),
            "current_step": job.get("current_step"),
        },
        "current_agent": job.get("current_agent"),
        "agents_completed": list(job.get("agents_completed") or []),
        "started_at": as_utc(job.get("started_at")),
        "estimated_completion": as_utc(job.get("estimated_completion")),
    }


def job_summary(job: Mapping[str, Any]) -> dict[str, Any]:
    """One job of ``GET /scrape/jobs``: its state, website and prompt."""
    return {**_state(job), "website": job.get("website"), "prompt": job.get("prompt")}
