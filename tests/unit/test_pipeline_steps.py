"""Pieces of the job steps: the pre-download floor, the extract job's document types, stored params."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docharvest.config import Settings
from docharvest.jobrecord import JobParams
from docharvest.models import (
    Candidate,
    ExtractConf,
    JobKind,
    KnowledgeParameters,
    ScrapeParameters,
    new_job_id,
)
from docharvest.pipeline.common import start_job
from docharvest.pipeline.extract.inputs import document_type_for
from docharvest.pipeline.scrape.candidates import candidate_rows
from docharvest.pipeline.scrape.discover import download_floor
from docharvest.relevance import RuleScorer, parse_prompt
from docharvest.store import repository
from docharvest.store.db import get_engine


def test_a_job_threshold_below_the_download_threshold_lowers_the_floor(settings: Settings) -> None:
    intent = parse_prompt("Find all board meeting minutes from 2024")
    form = Candidate(
        url="https://t.example/docs/dog-license-form.pdf", link_text="Dog license application form"
    )
    [pre] = candidate_rows("job_t", [form], RuleScorer(), intent, 10, 1.0)
    assert 0.0 < pre["pre_score"] < settings.relevance.download_threshold

    default = download_floor(settings, ScrapeParameters())
    assert default == settings.relevance.download_threshold
    [row] = candidate_rows("job_t", [form], RuleScorer(), intent, 10, default)
    assert row["status"] == "skipped"

    # A job returning everything scored at or above 0.0 must download what scored 0.01 before download.
    floor = download_floor(settings, ScrapeParameters(confidence_threshold=0.0))
    assert floor == 0.0
    [row] = candidate_rows("job_t", [form], RuleScorer(), intent, 10, floor)
    assert row["status"] == "discovered" and row["batch"] == 0


def _docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.pdf", b"%PDF-1.7\n...", "pdf"),
        ("no-extension", b"%PDF-1.4\n...", "pdf"),
        ("junk-first.bin", b"\r\n" * 20 + b"%PDF-1.4\n", "pdf"),  # a header after junk
        ("broken.pdf", b"this is not a pdf at all", "pdf"),  # named PDF: read as one, and fails as one
        ("letter.docx", _docx_bytes(), "docx"),
        ("empty.docx", b"", "docx"),
        ("page.htm", b"<html><body>hi</body></html>", "html"),
        ("notes.md", b"# notes\n", "txt"),
        ("page.unknown", b"<!doctype html><html></html>", "html"),
        ("notes.unknown", b"plain words\n", "txt"),
        ("picture.unknown", b"\x89PNG\r\n\x1a\n" + bytes(50), None),
    ],
)
def test_extract_document_types_come_from_crawl_sniff_then_the_name(
    tmp_path: Path, name: str, data: bytes, expected: str | None
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert document_type_for(path, data[:2048]) == expected


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        (JobKind.scrape, ScrapeParameters(timeout=600, confidence_threshold=0.4, max_file_size_mb=7)),
        (
            JobKind.extract,
            ExtractConf(schema_name="invoice", inputs=["/tmp/x"], timeout=300, max_file_size_mb=3),
        ),
        (JobKind.knowledge, KnowledgeParameters(max_pages=9, timeout=900)),
    ],
)
def test_start_job_stores_the_params_model_and_reads_it_back_equal(
    settings: Settings, kind: JobKind, params: JobParams
) -> None:
    job_id = new_job_id()
    record = start_job(
        settings,
        job_id=job_id,
        kind=kind,
        org_id=None,
        website="https://example.org/",
        params=params,
        dag_id=f"docharvest_{kind}",
        run_id="manual__1",
    )
    assert record.params == params and record.status == "in_progress"
    stored = repository.get_job(get_engine(settings), job_id)["params"]
    assert stored == params.model_dump(exclude={"job_id", "org_id"})
    assert record.started_at is not None
    # The estimated end is the params' timeout after the start.
    started, estimated = record.started_at, record.row["estimated_completion"]
    assert round((estimated - started).total_seconds()) == params.timeout
