"""The rows of the Parquet datasets, built from the metadata DB (the publish steps write them).

- ``scrape_dataset_rows``  ``documents`` + ``jobs`` + ``job_errors`` of a scrape job. Every
  candidate is kept (below-threshold ones too, with their scores), so a user can lower the
  threshold later without re-crawling.
- ``job_tables``           ``jobs`` + ``job_errors``: every job kind writes them.
- ``knowledge_item_rows``  ``knowledge_items`` of a knowledge job.
- ``result_row_records``   ``result_rows_<schema>`` of an extract job: the schema's fields as
  typed columns (``result_rows_arrow_schema``), row metadata, lineage.

The pyarrow schemas and the partition writes are ``store.datasets``; this module only
shapes rows. Every row carries its job id, run id and schema version (lineage).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import pyarrow as pa
import sqlalchemy as sa

from docharvest import __version__
from docharvest.extract.schema import ExtractionSchema
from docharvest.incremental import change_counts
from docharvest.jobrecord import job_params, params_body
from docharvest.store import repository
from docharvest.store.datasets import SCHEMA_VERSION, result_rows_schema
from docharvest.timestamps import as_utc


def lineage(job: Mapping[str, Any]) -> dict[str, Any]:
    """The lineage columns every dataset row carries (docs/warehouse.md): who made it, from which source."""
    return {
        "job_id": job["job_id"],
        "run_id": job.get("run_id"),
        "source_name": job.get("source"),
        "schema_version": SCHEMA_VERSION,
        "docharvest_version": __version__,
    }


def scrape_dataset_rows(engine: sa.Engine, job_id: str) -> dict[str, list[dict[str, Any]]]:
    """The job's rows of the ``documents``, ``jobs`` and ``job_errors`` Parquet datasets."""
    job = repository.get_job(engine, job_id)
    common = lineage(job)
    documents = [
        {
            **common,
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


def job_tables(engine: sa.Engine, job: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The job's rows of the ``jobs`` and ``job_errors`` datasets (every job kind writes them)."""
    job_id = job["job_id"]
    common = lineage(job)
    errors = repository.list_errors(engine, job_id)
    job_row = {
        **common,
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
    error_rows = [{**common, **e, "timestamp": as_utc(e["timestamp"])} for e in errors]
    return {"jobs": [job_row], "job_errors": error_rows}


def knowledge_item_rows(job: Mapping[str, Any], items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The job's rows of the ``knowledge_items`` dataset, each with the business it describes."""
    business = (job.get("result") or {}).get("business") or {}
    common = lineage(job)
    return [
        {
            **common,
            "item_id": item["id"],
            "position": item["position"],
            "title": item["title"],
            "description": item["description"],
            "content": item["content"],
            "category": item["category"],
            "source": item["source"],
            "confidence": item["confidence"],
            "website": job.get("website"),
            "business_name": business.get("name"),
            "business_domain": business.get("domain"),
            "business_category": business.get("category"),
            "created_at": as_utc(item["created_at"]),
        }
        for item in items
    ]


# -- extract jobs: result_rows_<schema> ------------------------------------------------


def dataset_name(schema: ExtractionSchema) -> str:
    return f"result_rows_{schema.name}"


def result_rows_arrow_schema(schema: ExtractionSchema) -> pa.Schema:
    """``result_rows_<schema>``'s pyarrow schema, with ``field_evidence`` (JSON text) at the end."""
    # field_evidence is JSON text: its keys are the schema's fields, its shape the API's.
    return result_rows_schema([(f.name, f.type) for f in schema.fields]).append(
        pa.field("field_evidence", pa.string())
    )


def result_row_records(
    job: Mapping[str, Any], schema: ExtractionSchema, rows: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The job's rows of ``result_rows_<schema>``: typed values, row metadata, lineage."""
    common = lineage(job)
    return [{**_typed_values(schema, r["values"]), **_row_meta(schema, r), **common} for r in rows]


def _row_meta(schema: ExtractionSchema, row: Mapping[str, Any]) -> dict[str, Any]:
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
