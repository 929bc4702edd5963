"""The extract job's ``publish`` step: the schema's typed Parquet dataset, the job's totals, done."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime
from typing import Any

import pyarrow as pa

from docharvest.config import Settings
from docharvest.extract.schema import ExtractionSchema
from docharvest.models import Agent
from docharvest.pipeline.common import as_utc, complete_job
from docharvest.pipeline.extract.base import FAILED, job_schema
from docharvest.store import repository
from docharvest.store.datasets import result_rows_schema, write_partition
from docharvest.store.db import get_engine

log = logging.getLogger(__name__)


def dataset_name(schema: ExtractionSchema) -> str:
    return f"result_rows_{schema.name}"


def publish(settings: Settings, job_id: str) -> str:
    """Write the schema's Parquet dataset (typed columns), finish the job."""
    from docharvest import __version__
    from docharvest.results import job_tables
    from docharvest.store.datasets import SCHEMA_VERSION

    engine = get_engine(settings)
    repository.start_agent(engine, job_id, Agent.publisher, "Publishing results")
    _, schema = job_schema(settings, job_id)
    job = repository.get_job_record(engine, job_id)
    rows = repository.list_result_rows(engine, job_id)
    lineage = {
        "job_id": job_id,
        "run_id": job.run_id,
        "schema_version": SCHEMA_VERSION,
        "docharvest_version": __version__,
    }
    records = [{**_typed_values(schema, r["values"]), **_row_meta(schema, r), **lineage} for r in rows]
    started = as_utc(job.started_at) or datetime.now(UTC)
    # field_evidence is JSON text: its keys are the schema's fields, its shape the API's.
    arrow_schema = result_rows_schema([(f.name, f.type) for f in schema.fields]).append(
        pa.field("field_evidence", pa.string())
    )
    write_partition(
        settings.datasets_location,
        dataset_name(schema),
        records,
        job_id=job_id,
        job_date=started.date(),
        schema=arrow_schema,
    )
    readable = sum(r["status"] != FAILED for r in rows)
    complete_job(
        engine,
        job,
        f"Job completed successfully. Extracted {readable} of {len(rows)} document(s).",
        {
            "total_documents_downloaded": readable,
            "success_rate": round(readable / len(rows), 4) if rows else 0.0,
        },
    )
    repository.finish_agent(engine, job_id, Agent.publisher)
    # Every job kind has its row in ``jobs`` (and its errors), so the warehouse sees all jobs.
    for dataset, table in job_tables(engine, repository.get_job(engine, job_id)).items():
        write_partition(settings.datasets_location, dataset, table, job_id=job_id, job_date=started.date())
    log.info("job %s published %d rows to %s", job_id, len(rows), dataset_name(schema))
    return job_id


def _row_meta(schema: ExtractionSchema, row: dict[str, Any]) -> dict[str, Any]:
    return {
        "result_id": row["id"],
        "document_id": row["document_id"],
        "filename": row["filename"],
        "status": row["status"],
        "confidence": row["confidence"],
        "validation_flags": list(row["validation_flags"] or []),
        "field_evidence": json.dumps(row["field_evidence"]) if row.get("field_evidence") else None,
        "extraction_schema": schema.name,
        "extraction_schema_version": schema.version,
    }


def _typed_values(schema: ExtractionSchema, values: dict[str, Any]) -> dict[str, Any]:
    """Values as the Parquet column types; a malformed value (kept for review) becomes null."""
    out: dict[str, Any] = {}
    for spec in schema.fields:
        value = (values or {}).get(spec.name)
        try:
            if value is None:
                out[spec.name] = None
            elif spec.type == "number":
                out[spec.name] = float(value)
            elif spec.type == "integer":
                out[spec.name] = int(value)
            elif spec.type == "date":
                out[spec.name] = date.fromisoformat(str(value))
            elif spec.type == "boolean":
                out[spec.name] = bool(value) if isinstance(value, bool) else None
            else:
                out[spec.name] = str(value)
        except (TypeError, ValueError):
            out[spec.name] = None
    return out
