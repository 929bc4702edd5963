"""A job read back from its row: one parse into the model of its kind, one rule for returned documents."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from docharvest.config import Settings
from docharvest.jobrecord import JobRecord, ReturnRule, job_params, params_as, params_body
from docharvest.models import (
    ExtractConf,
    JobKind,
    KnowledgeParameters,
    ScrapeParameters,
    file_size_bytes,
)
from docharvest.store import repository
from docharvest.store.db import init_db


def test_a_row_written_before_a_field_existed_reads_with_the_models_defaults() -> None:
    # A scrape row of an older version: no offsite_documents, no confidence_threshold.
    params = job_params({"job_id": "job_a", "kind": "scrape", "params": {"timeout": 600}})
    assert isinstance(params, ScrapeParameters)
    assert params.timeout == 600
    assert params.offsite_documents is False
    assert params.confidence_threshold == ScrapeParameters.model_fields["confidence_threshold"].default
    # A key the model no longer knows (or an id the row keeps in its own column) does not break reading.
    assert job_params({"kind": "knowledge", "params": {"url": "https://x.org", "max_pages": 7}}) == (
        KnowledgeParameters(max_pages=7)
    )


def test_each_kind_reads_as_its_own_model_and_a_wrong_expectation_is_an_error() -> None:
    extract = {
        "job_id": "job_e",
        "kind": "extract",
        "params": {"schema_name": "invoice", "inputs": ["a.pdf"]},
    }
    conf = params_as(extract, ExtractConf)
    assert conf.inputs == ["a.pdf"] and conf.max_file_size_mb == 100
    with pytest.raises(TypeError, match="job_e is a extract job"):
        params_as(extract, ScrapeParameters)


def test_a_stored_value_out_of_bounds_is_refused_naming_the_field() -> None:
    with pytest.raises(ValueError, match="max_file_size_mb"):
        job_params({"job_id": "job_b", "kind": "scrape", "params": {"max_file_size_mb": 0}})


def test_the_size_cap_keeps_its_unit_until_the_one_conversion() -> None:
    params = ScrapeParameters(max_file_size_mb=3)
    assert params.max_file_size_bytes == file_size_bytes(3) == 3 * 1024 * 1024
    assert ExtractConf(schema_name="invoice", inputs=["a"], max_file_size_mb=3).max_file_size_bytes == (
        params.max_file_size_bytes
    )


def test_the_record_is_frozen_and_typed() -> None:
    row = {
        "job_id": "job_r",
        "kind": "scrape",
        "status": "pending",
        "params": {"confidence_threshold": 0.4},
        "website": "https://example.com",
    }
    record = JobRecord.from_row(row)
    assert record.kind is JobKind.scrape
    assert record.return_rule == ReturnRule(min_confidence=0.4)
    assert params_body(record.params)["confidence_threshold"] == 0.4
    with pytest.raises(AttributeError):
        record.status = "failed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        record.row["status"] = "failed"  # type: ignore[index]


@pytest.mark.parametrize("threshold", [0.0, 0.1, 0.5])
def test_python_and_sql_return_the_same_documents(settings: Settings, threshold: float) -> None:
    engine = init_db(settings)
    job_id = "job_rule1"
    repository.ensure_job(
        engine,
        {
            "job_id": job_id,
            "kind": "scrape",
            "status": "completed",
            "params": {"confidence_threshold": threshold},
        },
    )
    scores = [None, 0.0, 0.05, 0.1, 0.5, 0.9]
    rows = [
        {
            "job_id": job_id,
            "url": f"https://e.org/{status}-{i}.pdf",
            "status": status,
            "confidence_score": score,
        }
        for status in ("extracted", "downloaded", "unreadable")
        for i, score in enumerate(scores)
    ]
    for row in rows:
        row["extracted_at"] = datetime.now(UTC)
    repository.upsert_documents(engine, rows)
    record = repository.get_job_record(engine, job_id)
    rule = record.return_rule
    in_python = sorted(
        d["url"]
        for d in repository.list_documents(engine, job_id)
        if rule.admits(d["status"], d["confidence_score"])
    )
    in_sql = sorted(
        d["url"]
        for d in repository.document_page(
            engine, job_id, status=rule.status, min_confidence=rule.min_confidence, columns=("url",)
        )
    )
    assert in_python == in_sql
    assert in_python  # the rule admits something at every threshold tried
    assert repository.count_matching_documents(
        engine, job_id, statuses=[rule.status], min_confidence=rule.min_confidence
    ) == len(in_python)
