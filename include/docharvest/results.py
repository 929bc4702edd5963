"""Job results in the seeds' shapes, built from the metadata DB.

``scrape_results`` is ``GET /scrape/results/{job_id}`` (seed 001) field for field; the
CLI prints it and the API serves it. ``dataset_rows`` feeds the Parquet datasets.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from docharvest import __version__
from docharvest.incremental import change_counts
from docharvest.jobrecord import ReturnRule, job_params, params_body
from docharvest.models import JobStatus
from docharvest.pipeline.common import as_utc, iso
from docharvest.store import repository
from docharvest.store.datasets import SCHEMA_VERSION


def _runtime_seconds(job: dict[str, Any]) -> float:
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
    engine: sa.Engine, job: dict[str, Any], *, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """Documents at or above the job's confidence threshold, best first (one page with ``limit``)."""
    rule = ReturnRule.of(job)
    docs = repository.document_page(
        engine,
        job["job_id"],
        status=rule.status,
        min_confidence=rule.min_confidence,
        limit=limit,
        offset=offset,
        columns=DOCUMENT_BODY_COLUMNS,
    )
    return [document_body(d) for d in docs]


def count_listed_documents(engine: sa.Engine, job: dict[str, Any]) -> int:
    """How many documents ``listed_documents`` returns in all."""
    rule = ReturnRule.of(job)
    return repository.count_matching_documents(
        engine, job["job_id"], statuses=[rule.status], min_confidence=rule.min_confidence
    )


def job_metadata(job: dict[str, Any], errors: list[dict[str, Any]], warnings: list[str]) -> dict[str, Any]:
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


def results_frame(engine: sa.Engine, job: dict[str, Any]) -> ResultsFrame:
    """Everything of ``scrape_results`` but the documents (the job row, errors, warnings, counts)."""
    job_id = job["job_id"]
    errors = [error_body(e) for e in repository.list_errors(engine, job_id)]
    warnings = repository.list_warnings(engine, job_id)
    listed_total = count_listed_documents(engine, job)
    runtime = _runtime_seconds(job)
    body = {
        "job_id": job_id,
        "status": job["status"],
        "message": job.get("message") or _message(job, listed_total),
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


def _message(job: dict[str, Any], count: int) -> str:
    status = job["status"]
    if status == JobStatus.completed:
        return f"Job completed successfully. Found {count} document(s)."
    if status == JobStatus.failed:
        return f"Job failed: {job.get('error') or 'unknown error'}"
    if status == JobStatus.cancelled:
        return f"Job cancelled. Kept {count} document(s) found before cancellation."
    return f"Job {status.replace('_', ' ')}: {job.get('current_step') or 'waiting'}."


def _lineage(job: dict[str, Any]) -> dict[str, Any]:
    return {
        "job_id": job["job_id"],
        "run_id": job.get("run_id"),
        "source_name": job.get("source"),
        "schema_version": SCHEMA_VERSION,
        "docharvest_version": __version__,
    }


def dataset_rows(engine: sa.Engine, job_id: str) -> dict[str, list[dict[str, Any]]]:
    """The job's rows of the ``documents``, ``jobs`` and ``job_errors`` Parquet datasets.

    Every candidate is kept (below-threshold ones too, with their scores), so a user can
    lower the threshold later without re-crawling.
    """
    job = repository.get_job(engine, job_id)
    lineage = _lineage(job)
    documents = [
        {
            **lineage,
            "document_id": d["id"],
            "name": d.get("name"),
            "url": d["url"],
            "final_url": d.get("final_url"),
            "aliases": list(d.get("aliases") or []),
            "source_page": d.get("source_page"),
            "document_type": d.get("document_type"),
            "status": d["status"],
            "confidence_score": d.get("confidence_score"),
            "relevance_reason": d.get("relevance_reason"),
            "file_size_mb": round((d.get("file_size_bytes") or 0) / (1024 * 1024), 6)
            if d.get("file_size_bytes")
            else None,
            "file_size_bytes": d.get("file_size_bytes"),
            "sha256": d.get("sha256"),
            "page_count": d.get("page_count"),
            "text_length": d.get("text_length"),
            "ocr_pages": d.get("ocr_pages"),
            "extracted_at": as_utc(d.get("extracted_at")),
            "discovered_at": as_utc(d.get("discovered_at")),
            "website": job.get("website"),
            "prompt": job.get("prompt"),
            "change": d.get("change"),
            "version": d.get("version"),
            "valid_from": as_utc(d.get("valid_from")),
        }
        for d in repository.list_documents(engine, job_id)
    ]
    return {"documents": documents, **job_tables(engine, job)}


def job_tables(engine: sa.Engine, job: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The job's rows of the ``jobs`` and ``job_errors`` datasets (every job kind writes them)."""
    job_id = job["job_id"]
    lineage = _lineage(job)
    errors = repository.list_errors(engine, job_id)
    job_row = {
        **lineage,
        "kind": job["kind"],
        "status": job["status"],
        "org_id": job.get("org_id"),
        "website": job.get("website"),
        "prompt": job.get("prompt"),
        "parameters_json": json.dumps(params_body(job_params(job)), sort_keys=True),
        "created_at": as_utc(job.get("created_at")),
        "started_at": as_utc(job.get("started_at")),
        "completed_at": as_utc(job.get("completed_at")),
        "total_documents_found": job.get("total_documents_found"),
        "total_documents_downloaded": job.get("total_documents_downloaded"),
        "total_pages_crawled": job.get("total_pages_crawled"),
        "success_rate": job.get("success_rate"),
        "cost": job.get("cost"),
        "total_runtime_seconds": job.get("total_runtime_seconds"),
        "has_errors": bool(errors),
        "error_count": len(errors),
        "warning_count": len(repository.list_warnings(engine, job_id)),
        **{f"documents_{change}": n for change, n in change_counts(engine, job_id).items()},
    }
    error_rows = [{**lineage, **e, "timestamp": as_utc(e["timestamp"])} for e in errors]
    return {"jobs": [job_row], "job_errors": error_rows}
