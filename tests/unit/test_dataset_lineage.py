"""Every dataset row carries the same lineage, including the scheduled source it came from."""

from __future__ import annotations

from datetime import UTC, datetime

from docharvest.extract.schema import ExtractionSchema
from docharvest.views.datasets import knowledge_item_rows, lineage, result_row_records

JOB = {"job_id": "job_lineage", "run_id": "scheduled__2026-12-01", "source": "county_board", "website": None}


def test_knowledge_items_name_their_scheduled_source() -> None:
    item = {
        "id": "k1",
        "position": 0,
        "title": "Hours",
        "description": "Opening hours",
        "content": "Mon-Fri 9-5",
        "category": "hours",
        "source": "https://example.org/contact",
        "confidence": 0.9,
        "created_at": datetime(2026, 12, 1, tzinfo=UTC),
    }
    (row,) = knowledge_item_rows(JOB, [item])
    assert row["source_name"] == "county_board"
    assert row["source"] == "https://example.org/contact"  # the item's page, a different column
    assert {k: row[k] for k in lineage(JOB)} == lineage(JOB)


def test_result_rows_name_their_scheduled_source() -> None:
    schema = ExtractionSchema.model_validate(
        {"name": "invoice", "fields": [{"name": "total", "type": "number", "description": "Total due"}]}
    )
    row = {
        "id": "r1",
        "document_id": "d1",
        "filename": "a.pdf",
        "status": "approved",
        "confidence": 0.9,
        "validation_flags": [],
        "values": {"total": 12.5},
    }
    (record,) = result_row_records(JOB, schema, [row])
    assert record["source_name"] == "county_board"
    assert record["job_id"] == "job_lineage" and record["total"] == 12.5
