"""Metadata store on SQLite (and PostgreSQL when DOCHARVEST_TEST_DATABASE_URL is set)."""

from __future__ import annotations

from datetime import date

import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa
from docharvest.config import Settings
from docharvest.errors import JobNotFoundError
from docharvest.models import JobKind, ScrapeParameters, new_job_id
from docharvest.store import repository
from docharvest.store.datasets import write_partition
from docharvest.store.db import init_db, migrate


def test_migrations_are_idempotent_and_upserts_do_not_duplicate(settings: Settings) -> None:
    engine = init_db(settings)
    migrate(engine)  # twice is fine
    job_id = new_job_id()
    repository.ensure_job(
        engine, {"job_id": job_id, "kind": "scrape", "status": "pending", "params": {"timeout": 60}}
    )
    repository.ensure_job(engine, {"job_id": job_id, "kind": "scrape", "status": "failed"})
    assert repository.get_job(engine, job_id)["status"] == "pending"  # the first row wins

    url = "https://example.org/a.pdf"
    repository.upsert_documents(engine, [{"job_id": job_id, "url": url, "status": "discovered", "batch": 0}])
    repository.upsert_documents(
        engine, [{"job_id": job_id, "url": url, "status": "downloaded", "sha256": "ab" * 32}]
    )
    docs = repository.list_documents(engine, job_id)
    assert len(docs) == 1 and docs[0]["status"] == "downloaded" and docs[0]["batch"] == 0

    for _ in range(2):
        repository.record_error(
            engine, job_id, agent_name="scraper", error_type="http_404", error_message="gone", page_url=url
        )
        repository.record_warning(engine, job_id, "Some documents were too large to download")
        repository.finish_agent(engine, job_id, "coordinator")
    assert len(repository.list_errors(engine, job_id)) == 1
    assert repository.list_warnings(engine, job_id) == ["Some documents were too large to download"]
    assert repository.get_job(engine, job_id)["agents_completed"] == ["coordinator"]


def test_unknown_job_raises(settings: Settings) -> None:
    engine = init_db(settings)
    with pytest.raises(JobNotFoundError):
        repository.get_job(engine, "job_doesnotexist")
    assert repository.find_job(engine, "job_doesnotexist") is None


def test_list_jobs_newest_first_per_org(settings: Settings) -> None:
    from datetime import UTC, datetime, timedelta

    engine = init_db(settings)
    org = f"org-{new_job_id()}"
    ids = []
    for i in range(3):
        ids.append(new_job_id())
        created = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=i)
        repository.ensure_job(
            engine,
            {"job_id": ids[-1], "kind": "scrape", "status": "pending", "org_id": org, "created_at": created},
        )
    listed = [j["job_id"] for j in repository.list_jobs(engine, org_id=org, limit=2)]
    assert listed == [ids[2], ids[1]]


def test_partition_write_is_atomic_and_replaces_on_rerun(tmp_path) -> None:  # type: ignore[no-untyped-def]
    row = {"job_id": "job_x", "error_id": "err_1", "agent_name": "scraper", "schema_version": 1}
    path = write_partition(
        tmp_path, "job_errors", [row, {**row, "error_id": "err_2"}], job_id="job_x", job_date=date(2024, 1, 2)
    )
    write_partition(tmp_path, "job_errors", [row], job_id="job_x", job_date=date(2024, 1, 2))
    assert path.parent.name == "job_date=2024-01-02"
    assert pq.read_table(path).num_rows == 1
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp files left


def test_a_job_cancelled_before_its_plan_runs_stays_cancelled(settings: Settings) -> None:
    from docharvest.errors import JobCancelledError
    from docharvest.pipeline.common import start_job

    engine = init_db(settings)
    job_id = new_job_id()
    repository.ensure_job(engine, {"job_id": job_id, "kind": "scrape", "status": "cancelled"})
    with pytest.raises(JobCancelledError):
        start_job(
            settings,
            job_id=job_id,
            kind=JobKind.scrape,
            org_id=None,
            website="https://example.org/",
            params=ScrapeParameters(timeout=60),
            dag_id="docharvest_scrape",
            run_id="manual__1",
        )
    assert repository.get_job(engine, job_id)["status"] == "cancelled"


def test_migrations_build_exactly_the_tables_module(settings: Settings) -> None:
    """The migrations (what creates every DB) and tables.py (what the code queries) agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from docharvest.store.tables import VERSION_TABLE, metadata

    # Expression indexes cannot be compared by Alembic; the listing index is checked by name below.
    expression_indexes = {"ix_documents_job_listing"}

    def include(obj: object, name: str | None, kind: str, reflected: bool, compare_to: object) -> bool:
        if kind == "table" and name == VERSION_TABLE:
            return False
        return not (kind == "index" and name in expression_indexes)

    engine = init_db(settings)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include})
        assert compare_metadata(context, metadata) == []
        indexes = {ix["name"] for ix in sa.inspect(conn).get_indexes("documents")}
    assert expression_indexes <= indexes
