"""The same bytes at several URLs: one document kept with the others as aliases (found by a whole-job test)."""

from __future__ import annotations

from datetime import UTC, datetime

from docharvest.config import Settings
from docharvest.pipeline.scrape.publish import merge_duplicates
from docharvest.store import repository
from docharvest.store.db import init_db


def test_duplicates_become_aliases_of_one_document(settings: Settings) -> None:
    engine = init_db(settings)
    repository.ensure_job(engine, {"job_id": "job_dups", "kind": "scrape", "status": "in_progress"})
    now = datetime.now(UTC)
    rows = [
        {
            "job_id": "job_dups",
            "url": f"http://site.test/m{i}.txt",
            "status": "extracted",
            "sha256": "a" * 64 if i < 3 else "b" * 64,
            "pre_score": 0.5,
            "discovered_at": now,
        }
        for i in range(5)
    ]
    repository.upsert_documents(engine, rows)
    merge_duplicates(engine, "job_dups")
    docs = {d["url"].rsplit("/", 1)[1]: d for d in repository.list_documents(engine, "job_dups")}
    assert [docs[f"m{i}.txt"]["status"] for i in range(5)] == [
        "extracted",
        "duplicate",
        "duplicate",
        "extracted",
        "duplicate",
    ]
    assert docs["m0.txt"]["aliases"] == ["http://site.test/m1.txt", "http://site.test/m2.txt"]
    assert docs["m3.txt"]["aliases"] == ["http://site.test/m4.txt"]
