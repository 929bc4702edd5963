"""Job status in the shape of seed 003 (``GET /v1/jobs/{jobId}``), for a job of any kind.

``job_status_body(job_row, items)`` is pure (no DB access): the knowledge job's body from
its row and its items. ``job_status`` gives every kind that body (an extract or scrape
job's ``result`` points at its own results resource); ``knowledge_job_body`` is what the
CLI prints for a stored knowledge job.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from docharvest.models import JobKind, JobStatus
from docharvest.store import repository
from docharvest.store.knowledge_items import list_knowledge_items
from docharvest.timestamps import as_utc, iso

# Internal status -> seed 003 status words.
API_STATUS = {
    JobStatus.pending: "pending",
    JobStatus.in_progress: "processing",
    JobStatus.completed: "completed",
    JobStatus.failed: "failed",
    JobStatus.cancelled: "failed",
}


def job_status_body(job_row: Mapping[str, Any], items: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """``GET /v1/jobs/{jobId}`` (seed 003) built from a ``jobs`` row and its ``knowledge_items`` rows.

    Pure: no DB access, so the CLI and the API share it. ``progress`` is null while
    pending; ``result`` only when completed; ``error`` only when failed; timestamps ISO 8601 (Z).
    """
    status = API_STATUS.get(JobStatus(job_row["status"]), "failed")
    started = as_utc(job_row.get("started_at"))
    finished = as_utc(job_row.get("completed_at")) if status in ("completed", "failed") else None
    duration_ms = _duration_ms(job_row, started, finished)
    progress = None
    if status != "pending":
        progress = {
            "pagesScraped": int(job_row.get("pages_scraped") or 0),
            "totalPages": int(job_row.get("total_pages") or 0),
            "currentStep": job_row.get("current_step") or ("Failed" if status == "failed" else "Starting"),
        }
    result = None
    if status == "completed":
        stored = job_row.get("result") or {}
        result = {
            "business": stored.get("business")
            or {"name": None, "domain": None, "category": None, "description": None},
            "knowledgeItems": [_item_body(i) for i in items],
            "pagesScraped": int(job_row.get("pages_scraped") or 0),
            "urlsDiscovered": int(job_row.get("urls_discovered") or 0),
            "durationMs": duration_ms,
            "startedAt": iso(started),
            "finishedAt": iso(finished),
        }
    error = None
    if status == "failed":
        error = job_row.get("error") or (
            "Job cancelled" if job_row["status"] == JobStatus.cancelled else "Job failed"
        )
    return {
        "id": job_row["job_id"],
        "status": status,
        "progress": progress,
        "result": result,
        "error": error,
        "startedAt": iso(started),
        "finishedAt": iso(finished),
        "durationMs": duration_ms,
    }


def _duration_ms(
    job_row: Mapping[str, Any], started: datetime | None, finished: datetime | None
) -> int | None:
    if finished is None or started is None:
        return None
    if job_row.get("total_runtime_seconds") is not None:
        return int(round(float(job_row["total_runtime_seconds"]) * 1000))
    return int(round((finished - started).total_seconds() * 1000))


def _item_body(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "title": row["title"],
        "description": row.get("description") or "",
        "content": row.get("content") or "",
        "category": row["category"],
        "source": row.get("source"),
    }


def knowledge_job_body(engine: sa.Engine, job_id: str) -> dict[str, Any]:
    """The seed-003 body of a stored job (reads the row and its items)."""
    return job_status_body(repository.get_job(engine, job_id), list_knowledge_items(engine, job_id))


def job_status(engine: sa.Engine, job: Mapping[str, Any]) -> dict[str, Any]:
    """Seed 003's body for a job of any kind; other kinds' ``result`` points at their results resource."""
    kind = job["kind"]
    items = list_knowledge_items(engine, job["job_id"]) if kind == JobKind.knowledge else []
    body = job_status_body(job, items)
    if kind != JobKind.knowledge and body["result"] is not None:
        results = (
            f"/v1/jobs/{job['job_id']}/results"
            if kind == JobKind.extract
            else f"/scrape/results/{job['job_id']}"
        )
        body["result"] = {"kind": kind, "resultsUrl": results}
    body["kind"] = kind
    return body
