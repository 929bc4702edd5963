"""An extract job's results in the shape of seed 002 (``GET /v1/jobs/:id/results``).

Readable at any time: rows are flushed after every phase, so a running job returns its
partial grid (``pending`` rows have empty values until their batch is extracted).
``extract_results`` is the whole document (the CLI prints it); the API pages it with
``results_body`` and its own cursor links.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from docharvest.models import JobStatus
from docharvest.store import repository
from docharvest.store.result_rows import list_result_rows
from docharvest.store.schemas import get_schema

#: Seed 002 ``job_status`` words for the internal status model.
JOB_STATUS_WORDS = {
    JobStatus.pending: "pending",
    JobStatus.in_progress: "processing",
    JobStatus.completed: "complete",
    JobStatus.failed: "failed",
    JobStatus.cancelled: "cancelled",
}


# What ``row_body`` reads.
ROW_BODY_COLUMNS = (
    "id",
    "document_id",
    "filename",
    "status",
    "values",
    "confidence",
    "validation_flags",
    "field_evidence",
)


def row_body(row: dict[str, Any]) -> dict[str, Any]:
    confidence = row.get("confidence")
    return {
        "id": row["id"],
        "document_id": row["document_id"],
        "filename": row.get("filename"),
        "status": row["status"],
        "values": dict(row.get("values") or {}),
        "confidence": round(float(confidence), 3) if confidence is not None else None,
        "validation_flags": list(row.get("validation_flags") or []),
        # An extra key beside seed 002's: per non-null value its confidence and where it was read.
        "field_evidence": row.get("field_evidence"),
    }


def schema_ref(engine: sa.Engine, job: Mapping[str, Any]) -> dict[str, Any] | None:
    """Seed 002's ``schema`` of a results body: the job's schema id and its title (or name)."""
    if not job.get("schema_id"):
        return None
    row = get_schema(engine, job["schema_id"])
    if row is None:
        return None
    return {"id": row["id"], "name": (row["definition"] or {}).get("title") or row["name"]}


def job_status_word(job: Mapping[str, Any]) -> str:
    """Seed 002's ``job_status`` of a job row."""
    status = JobStatus(job["status"])
    return JOB_STATUS_WORDS.get(status, str(status))


def results_body(
    job: Mapping[str, Any],
    rows: Sequence[dict[str, Any]],
    *,
    total: int,
    schema: dict[str, Any] | None,
    links: dict[str, Any],
) -> dict[str, Any]:
    """Seed 002's results body: ``rows`` (all of them or one page) out of ``total``."""
    return {
        "job_id": job["job_id"],
        "job_status": job_status_word(job),
        "schema": schema,
        "total_rows": total,
        "data": [row_body(r) for r in rows],
        "links": links,
    }


def extract_results(engine: sa.Engine, job_id: str, *, base_path: str = "/v1") -> dict[str, Any]:
    """The seed-002 results document for ``job_id`` (``JobNotFoundError`` if there is none)."""
    job = repository.get_job(engine, job_id)
    rows = list_result_rows(engine, job_id)
    links = {"self": f"{base_path}/jobs/{job_id}/results", "job": f"{base_path}/jobs/{job_id}"}
    return results_body(job, rows, total=len(rows), schema=schema_ref(engine, job), links=links)
