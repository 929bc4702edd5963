"""The extract job's first steps: ``plan`` (job row, pinned schema) and ``ingest`` (documents, batches).

After ingest every document has a ``pending`` result row, so the job's results show the
whole grid from the start.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from docharvest.config import Settings
from docharvest.errors import ConfigError, TerminalError
from docharvest.extract.schema import ExtractionSchema, fetch_schema, load_schema, store_schema
from docharvest.models import Agent, ExtractConf, JobKind, job_id_for_run
from docharvest.pipeline.common import start_job, write_json
from docharvest.pipeline.extract.base import PENDING, result_id, schema_path
from docharvest.pipeline.extract.inputs import collect_documents
from docharvest.store import repository
from docharvest.store.db import get_engine

log = logging.getLogger(__name__)


def plan(settings: Settings, conf: Mapping[str, Any], *, dag_id: str, run_id: str) -> str:
    """Create (or resume) the job row and pin its schema. Returns the job id."""
    try:
        parsed = ExtractConf.model_validate(dict(conf))
    except ValueError as exc:
        raise TerminalError(f"invalid extract conf: {exc}") from exc
    if "max_file_size_mb" not in parsed.model_fields_set:  # the deployment's cap, unless the job gives one
        parsed = parsed.model_copy(update={"max_file_size_mb": settings.extract.max_file_size_mb})
    job_id = parsed.job_id or job_id_for_run(dag_id, run_id)
    start_job(
        settings,
        job_id=job_id,
        kind=JobKind.extract,
        org_id=parsed.org_id,
        website=None,
        params=parsed,
        dag_id=dag_id,
        run_id=run_id,
    )
    engine = get_engine(settings)
    schema = _resolve_schema(engine, parsed.schema_name)
    sid = store_schema(engine, schema, org_id=parsed.org_id)
    repository.update_job(engine, job_id, schema_id=sid)
    write_json(schema_path(settings, job_id), {"id": sid, **schema.model_dump(mode="json")})
    repository.finish_agent(engine, job_id, Agent.coordinator)
    log.info("job %s planned: schema %s v%d (%s)", job_id, schema.name, schema.version, sid)
    return job_id


def _resolve_schema(engine: sa.Engine, name: str) -> ExtractionSchema:
    try:
        if name.startswith("sch_"):
            return fetch_schema(engine, name)
        return load_schema(name)
    except ConfigError as exc:
        raise TerminalError(str(exc)) from exc


def ingest(settings: Settings, job_id: str) -> list[int]:
    """Resolve the job's documents (scrape job, files/folders, URLs), cut batches. Returns batch numbers."""
    engine = get_engine(settings)
    job = repository.get_job_record(engine, job_id)
    repository.start_agent(engine, job_id, Agent.coordinator, "Collecting documents")
    now = datetime.now(UTC)
    docs, issues = collect_documents(settings, engine, job, job.params_as(ExtractConf))
    for i, doc in enumerate(docs):
        doc["batch"] = i // settings.extract.batch_size
        doc["discovered_at"] = now
    repository.upsert_documents(engine, docs)
    repository.record_errors(engine, job_id, issues)
    _flush_pending_rows(engine, job_id, docs)
    repository.update_job(engine, job_id, total_documents_found=len(docs), total_pages=len(docs))
    if not docs:
        repository.record_warning(
            engine, job_id, "No documents to extract: the inputs held no readable files"
        )
    batches = sorted({d["batch"] for d in docs})
    log.info("job %s: %d documents in %d batches", job_id, len(docs), len(batches))
    return batches


def _flush_pending_rows(engine: sa.Engine, job_id: str, docs: list[dict[str, Any]]) -> None:
    now = datetime.now(UTC)
    rows = []
    for position, doc in enumerate(docs):
        doc_id = repository.document_id(job_id, doc["url"])
        rows.append(
            {
                "id": result_id(job_id, doc_id),
                "job_id": job_id,
                "document_id": doc_id,
                "filename": doc["filename"],
                "status": PENDING,
                "values": {},
                "confidence": None,
                "validation_flags": [],
                "evidence": None,
                "field_evidence": None,
                "position": position,
                "created_at": now,
                "updated_at": now,
            }
        )
    repository.insert_missing_result_rows(engine, job_id, rows)
