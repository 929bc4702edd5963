"""The extract job's ``extract`` and ``validate`` steps: schema fields out of texts, then checks.

``extract`` flushes each batch's values with a provisional ``approved``/``review``;
``validate`` runs the schema's Great Expectations suite over all rows and sets the flags and
the final status. ``extracted_row`` and ``validated_rows`` are also what the benchmarks
call, so a measured figure is the job's own behaviour.
"""

from __future__ import annotations

import logging
from typing import Any

from docharvest.config import Settings
from docharvest.extract.schema import ExtractionSchema
from docharvest.models import Agent
from docharvest.pipeline.common import cpu_meter, job_is_cancelled, read_json, write_json
from docharvest.pipeline.extract.base import (
    APPROVED,
    FAILED,
    PENDING,
    REVIEW,
    issue,
    job_schema,
    result_id,
    texts_path,
)
from docharvest.store import repository
from docharvest.store.db import get_engine
from docharvest.text.document import DocumentText

log = logging.getLogger(__name__)


def row_status(confidence: float, flags: list[str], approve_at: float) -> str:
    """approved when confident and unflagged, review otherwise (failed rows are set at parse).

    Validation flags every value read with less than ``approve_at`` confidence
    (``low_confidence:<field>``), so an approved row has every value found with high confidence.
    """
    return APPROVED if confidence >= approve_at and not flags else REVIEW


def extracted_row(
    document: DocumentText, schema: ExtractionSchema, index: Any, approve_at: float
) -> dict[str, Any]:
    """One document's row before validation: values, confidence, evidence, provisional status.

    The extract step and the benchmarks (bench/extract.py, bench/realworld_figures) share it,
    so a measured figure is the job's own behaviour.
    """
    from docharvest.extract.fields import extract_fields, row_confidence

    extraction = extract_fields(document, schema, index)
    confidence = row_confidence(schema, extraction.confidences)
    return {
        "status": row_status(confidence, [], approve_at),
        "values": extraction.values,
        "confidence": confidence,
        "field_evidence": extraction.evidence,
        "evidence": {
            "fields": extraction.evidence,
            "confidences": extraction.confidences,
            "locale": extraction.to_dict()["locale"],
        },
    }


def validated_rows(
    schema: ExtractionSchema, rows: list[dict[str, Any]], approve_at: float
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Flags and final status of extracted rows (each with ``id``); also the suite's JSON result."""
    from docharvest.validate import validate_rows

    outcome = validate_rows(
        schema, rows, suite_name=f"{schema.name}_v{schema.version}", min_confidence=approve_at
    )
    updates = []
    for row in rows:
        flags = outcome.flags.get(str(row["id"]), [])
        status = row_status(float(row["confidence"] or 0.0), flags, approve_at)
        updates.append({"id": row["id"], "validation_flags": flags, "status": status})
    return updates, outcome.result


def extract(settings: Settings, job_id: str, batch: int) -> int:
    """Pull the schema's fields out of the batch's texts; flush values with a provisional status."""
    from docharvest.extract.fields import LabelIndex

    engine = get_engine(settings)
    if job_is_cancelled(settings, job_id) or not texts_path(settings, job_id, batch).exists():
        return batch
    repository.start_agent(engine, job_id, Agent.extractor, f"Extracting fields of batch {batch}")
    _, schema = job_schema(settings, job_id)
    index = LabelIndex.for_schema(schema)
    store = read_json(texts_path(settings, job_id, batch))
    rows, issues = [], []
    with cpu_meter(settings, job_id, f"extract-{batch}"):
        for doc_id, text in store.items():
            try:
                row = extracted_row(
                    DocumentText(pages=text["pages"], title=text.get("title")),
                    schema,
                    index,
                    settings.extract.approve_confidence,
                )
            except Exception as exc:  # an extractor bug on one document must not lose the batch
                log.exception("job %s: extraction failed for %s", job_id, doc_id)
                issues.append(issue(doc_id, "extraction_error", f"{exc.__class__.__name__}: {exc}"))
                continue
            rows.append({"id": result_id(job_id, doc_id), **row})
    repository.update_result_rows(engine, job_id, rows)
    repository.record_errors(engine, job_id, issues)
    done = repository.count_result_rows(engine, job_id, not_status=PENDING)
    repository.update_job(engine, job_id, pages_scraped=done)
    log.info("job %s batch %d: %d rows extracted", job_id, batch, len(rows))
    return batch


def validate(settings: Settings, job_id: str) -> str:
    """Run the schema's Great Expectations suite over the job's rows; flags and final statuses."""
    engine = get_engine(settings)
    repository.start_agent(engine, job_id, Agent.validator, "Validating rows")
    repository.finish_agent(engine, job_id, Agent.extractor)
    _, schema = job_schema(settings, job_id)
    # Pending rows belong to batches that never ran (a cancelled job): they stay pending.
    rows = [r for r in repository.list_result_rows(engine, job_id) if r["status"] not in (FAILED, PENDING)]
    with cpu_meter(settings, job_id, "validate"):
        updates, result = validated_rows(schema, rows, settings.extract.approve_confidence)
    write_json(settings.work_dir(job_id) / "validation.json", result)
    repository.update_result_rows(engine, job_id, updates)
    if not rows:
        repository.record_warning(engine, job_id, "No readable documents: the job has no extracted rows")
    repository.finish_agent(engine, job_id, Agent.validator)
    log.info(
        "job %s validated: %d rows, %d flagged",
        job_id,
        len(rows),
        sum(bool(u["validation_flags"]) for u in updates),
    )
    return job_id
