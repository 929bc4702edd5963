"""Partial writes never insert: every helper that carries only some columns is an UPDATE.

An ``INSERT ... ON CONFLICT DO UPDATE`` checks NOT NULL on the proposed row before it
finds the conflict (SQLite and PostgreSQL alike), so a partial row sent through an upsert
fails even for an existing document. These run on SQLite, and on PostgreSQL when
DOCHARVEST_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from docharvest.config import Settings
from docharvest.models import new_job_id
from docharvest.store import repository
from docharvest.store.db import init_db
from docharvest.store.repository import update_result_rows as update_rows
from docharvest.store.tables import result_rows


def _job_with_documents(engine: sa.Engine, urls: list[str]) -> str:
    job_id = new_job_id()
    repository.ensure_job(engine, {"job_id": job_id, "kind": "scrape", "status": "in_progress"})
    repository.upsert_documents(
        engine,
        [{"job_id": job_id, "url": u, "status": "downloaded", "batch": 0, "sha256": "ab" * 32} for u in urls],
    )
    return job_id


def test_update_documents_changes_only_the_given_columns(settings: Settings) -> None:
    engine = init_db(settings)
    a, b = "https://city.test/a.pdf", "https://city.test/b.pdf"
    job_id = _job_with_documents(engine, [a, b])
    before = repository.get_job(engine, job_id)["updated_at"]
    # Two shapes at once: an alias list alone (no status) and a status change.
    changed = repository.update_documents(
        engine, job_id, [{"job_id": job_id, "url": a, "aliases": [b]}, {"url": b, "status": "duplicate"}]
    )
    docs = {d["url"]: d for d in repository.list_documents(engine, job_id)}
    assert changed == 2
    assert docs[a]["aliases"] == [b] and docs[a]["status"] == "downloaded" and docs[a]["batch"] == 0
    assert docs[b]["status"] == "duplicate" and docs[b]["sha256"] == "ab" * 32
    assert repository.get_job(engine, job_id)["updated_at"] >= before


def test_update_documents_never_creates_a_row(settings: Settings) -> None:
    engine = init_db(settings)
    job_id = _job_with_documents(engine, ["https://city.test/a.pdf"])
    changed = repository.update_documents(
        engine, job_id, [{"url": "https://city.test/ghost.pdf", "aliases": []}]
    )
    assert changed == 0
    assert [d["url"] for d in repository.list_documents(engine, job_id)] == ["https://city.test/a.pdf"]


def test_update_documents_refuses_another_jobs_row(settings: Settings) -> None:
    engine = init_db(settings)
    job_id = _job_with_documents(engine, ["https://city.test/a.pdf"])
    with pytest.raises(ValueError, match="names job"):
        repository.update_documents(
            engine, job_id, [{"job_id": "job_other", "url": "https://city.test/a.pdf"}]
        )


def test_upsert_documents_refuses_a_partial_row_naming_the_missing_column(settings: Settings) -> None:
    engine = init_db(settings)
    job_id = _job_with_documents(engine, ["https://city.test/a.pdf"])
    with pytest.raises(ValueError, match=r"lacks \['status'\].*update_documents"):
        repository.upsert_documents(
            engine, [{"job_id": job_id, "url": "https://city.test/a.pdf", "aliases": []}]
        )


def test_merge_duplicates_on_redirected_and_copied_documents(settings: Settings) -> None:
    """The publish step's merge (the path that failed on real sites) writes aliases in place."""
    from docharvest.pipeline.scrape.publish import merge_duplicates

    engine = init_db(settings)
    first, copy, third = "https://city.test/a.pdf", "https://city.test/copy/a.pdf", "https://city.test/c.pdf"
    job_id = _job_with_documents(engine, [first, copy])
    repository.upsert_documents(
        engine, [{"job_id": job_id, "url": third, "status": "extracted", "sha256": "cd" * 32}]
    )
    repository.update_documents(
        engine, job_id, [{"url": first, "pre_score": 0.9}, {"url": copy, "pre_score": 0.5}]
    )
    merge_duplicates(engine, job_id)
    merge_duplicates(engine, job_id)  # a retried publish changes nothing more
    docs = {d["url"]: d for d in repository.list_documents(engine, job_id)}
    assert docs[first]["aliases"] == [copy] and docs[first]["status"] == "downloaded"
    assert docs[copy]["status"] == "duplicate"
    assert docs[third]["aliases"] == [] and docs[third]["status"] == "extracted"


def test_extract_result_row_updates_are_updates(settings: Settings) -> None:
    engine = init_db(settings)
    job_id = _job_with_documents(engine, ["https://city.test/a.pdf"])
    doc_id = repository.document_id(job_id, "https://city.test/a.pdf")
    repository.upsert(
        engine,
        result_rows,
        [
            {
                "id": f"row_{job_id}",
                "job_id": job_id,
                "document_id": doc_id,
                "filename": "a.pdf",
                "status": "pending",
                "values": {},
                "validation_flags": [],
                "position": 0,
                "created_at": repository.utcnow(),
                "updated_at": repository.utcnow(),
            }
        ],
        keys=["id"],
    )
    update_rows(engine, job_id, [{"id": f"row_{job_id}", "status": "approved", "confidence": 0.9}])
    update_rows(engine, job_id, [{"id": "row_missing", "status": "approved"}])  # no insert
    with engine.connect() as conn:
        rows = conn.execute(sa.select(result_rows).where(result_rows.c.job_id == job_id)).mappings().all()
    assert [(r["status"], r["confidence"], r["filename"]) for r in rows] == [("approved", 0.9, "a.pdf")]
