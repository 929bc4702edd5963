"""Parquet datasets: explicit, versioned pyarrow schemas and atomic partition writes.

Layout (hive-partitioned, one file per job and partition, so a re-run overwrites
its own file and never duplicates rows):

    <data_dir>/datasets/<dataset>/job_date=YYYY-MM-DD/part-<job_id>.parquet

Schema evolution rule: add nullable columns only and keep ``SCHEMA_VERSION``;
anything else (rename, type change, drop) bumps it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs

from docharvest.store.compaction import evict_job
from docharvest.store.parquetfs import resolve_filesystem, url_of, write_table_atomic

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
TS = pa.timestamp("us", tz="UTC")

LINEAGE_FIELDS = [
    pa.field("job_id", pa.string(), nullable=False),
    pa.field("run_id", pa.string()),
    pa.field("schema_version", pa.int32(), nullable=False),
    # Added nullable (no version bump): the scheduled source a row came from, if any.
    # Not "source": knowledge_items already uses that name for the item's page URL (seed 003).
    pa.field("source_name", pa.string()),
    pa.field("docharvest_version", pa.string()),
]

DOCUMENTS = pa.schema(
    [
        pa.field("document_id", pa.string(), nullable=False),
        pa.field("name", pa.string()),
        pa.field("url", pa.string(), nullable=False),
        pa.field("final_url", pa.string()),
        pa.field("aliases", pa.list_(pa.string())),
        pa.field("source_page", pa.string()),
        pa.field("document_type", pa.string()),
        pa.field("status", pa.string(), nullable=False),
        pa.field("confidence_score", pa.float64()),
        pa.field("relevance_reason", pa.string()),
        pa.field("file_size_mb", pa.float64()),
        pa.field("file_size_bytes", pa.int64()),
        pa.field("sha256", pa.string()),
        pa.field("page_count", pa.int32()),
        pa.field("text_length", pa.int64()),
        pa.field("ocr_pages", pa.int32()),
        pa.field("extracted_at", TS),
        pa.field("discovered_at", TS),
        pa.field("website", pa.string()),
        pa.field("prompt", pa.string()),
        # Incremental re-crawls: new/changed/unchanged/removed, per-source version of the bytes,
        # and since when this version exists (a version's valid_to is the next one's valid_from).
        pa.field("change", pa.string()),
        pa.field("version", pa.int32()),
        pa.field("valid_from", TS),
        *LINEAGE_FIELDS,
    ]
)

JOBS = pa.schema(
    [
        pa.field("kind", pa.string(), nullable=False),
        pa.field("status", pa.string(), nullable=False),
        pa.field("org_id", pa.string()),
        pa.field("website", pa.string()),
        pa.field("prompt", pa.string()),
        pa.field("parameters_json", pa.string()),
        pa.field("created_at", TS),
        pa.field("started_at", TS),
        pa.field("completed_at", TS),
        pa.field("total_documents_found", pa.int64()),
        pa.field("total_documents_downloaded", pa.int64()),
        pa.field("total_pages_crawled", pa.int64()),
        pa.field("success_rate", pa.float64()),
        pa.field("cost", pa.float64()),
        pa.field("total_runtime_seconds", pa.float64()),
        pa.field("has_errors", pa.bool_()),
        pa.field("error_count", pa.int64()),
        pa.field("warning_count", pa.int64()),
        pa.field("documents_new", pa.int64()),
        pa.field("documents_changed", pa.int64()),
        pa.field("documents_unchanged", pa.int64()),
        pa.field("documents_removed", pa.int64()),
        *LINEAGE_FIELDS,
    ]
)

JOB_ERRORS = pa.schema(
    [
        pa.field("error_id", pa.string(), nullable=False),
        pa.field("agent_name", pa.string()),
        pa.field("error_type", pa.string()),
        pa.field("error_message", pa.string()),
        pa.field("page_url", pa.string()),
        pa.field("timestamp", TS),
        pa.field("is_recoverable", pa.bool_()),
        *LINEAGE_FIELDS,
    ]
)

KNOWLEDGE_ITEMS = pa.schema(
    [
        pa.field("item_id", pa.string(), nullable=False),
        pa.field("position", pa.int32(), nullable=False),
        pa.field("title", pa.string(), nullable=False),
        pa.field("description", pa.string()),
        pa.field("content", pa.string()),
        pa.field("category", pa.string(), nullable=False),
        pa.field("source", pa.string()),
        pa.field("confidence", pa.float64()),
        pa.field("website", pa.string()),
        pa.field("business_name", pa.string()),
        pa.field("business_domain", pa.string()),
        pa.field("business_category", pa.string()),
        pa.field("created_at", TS),
        *LINEAGE_FIELDS,
    ]
)

SCHEMAS: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "jobs": JOBS,
    "job_errors": JOB_ERRORS,
    "knowledge_items": KNOWLEDGE_ITEMS,
}


# Extract jobs: one dataset per extraction schema (``result_rows_<schema>``); the schema's
# fields become typed columns in front of these.
RESULT_ROW_FIELDS = [
    pa.field("result_id", pa.string(), nullable=False),
    pa.field("document_id", pa.string(), nullable=False),
    pa.field("filename", pa.string()),
    pa.field("status", pa.string(), nullable=False),
    pa.field("confidence", pa.float64()),
    pa.field("validation_flags", pa.list_(pa.string())),
    pa.field("extraction_schema", pa.string(), nullable=False),
    pa.field("extraction_schema_version", pa.int32(), nullable=False),
]
FIELD_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "number": pa.float64(),
    "integer": pa.int64(),
    "date": pa.date32(),
    "currency": pa.string(),
    "boolean": pa.bool_(),
}


def result_rows_schema(fields: Sequence[tuple[str, str]]) -> pa.Schema:
    """Schema of ``result_rows_<schema>``: ``(name, field type)`` columns, row metadata, lineage."""
    typed = [pa.field(name, FIELD_TYPES[kind]) for name, kind in fields]
    return pa.schema([*typed, *RESULT_ROW_FIELDS, *LINEAGE_FIELDS])


def dataset_dir(datasets_dir: Path, dataset: str) -> Path:
    return datasets_dir / dataset


def partition_path(datasets_dir: Path, dataset: str, job_id: str, job_date: date) -> Path:
    return dataset_dir(datasets_dir, dataset) / f"job_date={job_date.isoformat()}" / f"part-{job_id}.parquet"


def write_partition(
    datasets_dir: Path | str,
    dataset: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    job_id: str,
    job_date: date,
    schema: pa.Schema | None = None,
) -> Path | str:
    """Write the job's rows of ``dataset`` atomically and return where they landed.

    ``datasets_dir`` is a local folder or any pyarrow/fsspec filesystem URL (``s3://bucket/prefix``);
    a local result is returned as a ``Path``, a remote one as a URL string.
    Zero rows still writes a file with the schema, so readers see an empty partition
    instead of a missing one, and a re-run replaces an earlier, larger write (and takes the
    job's rows out of a compacted file of the partition, so they are never counted twice).
    """
    schema = schema or SCHEMAS[dataset]
    table = pa.Table.from_pylist([_fit(r, schema) for r in rows], schema=schema)
    fs, root = resolve_filesystem(datasets_dir)
    relative = partition_path(Path(), dataset, job_id, job_date).as_posix()
    target = f"{root}/{relative}"
    write_table_atomic(fs, table, target)
    evict_job(fs, target.rsplit("/", 1)[0], job_id, replaced_name=target.rsplit("/", 1)[1])
    log.info("wrote %d rows to %s (job %s)", table.num_rows, target, job_id)
    return Path(target) if isinstance(fs, pafs.LocalFileSystem) else url_of(datasets_dir, relative)


def _fit(row: Mapping[str, Any], schema: pa.Schema) -> dict[str, Any]:
    """Keep the schema's columns only, so callers may pass richer dicts."""
    return {name: row.get(name) for name in schema.names}
