"""What the extract job's steps share: row and document statuses, ids, the job's schema and texts."""

from __future__ import annotations

from pathlib import Path

from docharvest.config import Settings
from docharvest.errors import JobIssue
from docharvest.extract.schema import ExtractionSchema, parse_schema
from docharvest.models import Agent
from docharvest.pipeline.common import read_json
from docharvest.store import repository

# Row statuses: pending until extracted; approved/review after extraction; failed when unreadable.
PENDING, APPROVED, REVIEW, FAILED = "pending", "approved", "review", "failed"
# Document statuses of an extract job.
INGESTED, PARSED, UNREADABLE = "ingested", "parsed", "unreadable"


def result_id(job_id: str, document_id: str) -> str:
    return repository.fingerprint(job_id, document_id, prefix="res_")


def job_schema(settings: Settings, job_id: str) -> tuple[str, ExtractionSchema]:
    """The schema id and definition the job was started with (kept in its work area)."""
    definition = dict(read_json(schema_path(settings, job_id)))
    sid = str(definition.pop("id"))
    return sid, parse_schema(definition)


def schema_path(settings: Settings, job_id: str) -> Path:
    return settings.work_dir(job_id) / "schema.json"


def texts_path(settings: Settings, job_id: str, batch: int) -> Path:
    """Where ``parse`` keeps a batch's texts for ``extract`` (the work area, not XCom)."""
    return settings.work_dir(job_id) / "text" / f"batch-{batch:05d}.json"


def issue(url: str, error_type: str, message: str, agent: str = Agent.extractor) -> JobIssue:
    """A per-document problem of an extract job (the job goes on: recoverable)."""
    return JobIssue(agent, error_type, message, url, True)
