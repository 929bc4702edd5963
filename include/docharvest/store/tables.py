"""Metadata tables (SQLAlchemy Core). Alembic migrations in ``migrations/versions`` create them.

This is DocHarvest's own DB (SQLite by default, PostgreSQL in production), never
Airflow's. Keys are chosen so every task can upsert: re-running a task rewrites the
same rows instead of adding duplicates.
"""

from __future__ import annotations

import sqlalchemy as sa

# Alembic's bookkeeping table (its own name, so the DB can be shared with other Alembic users).
VERSION_TABLE = "docharvest_alembic_version"
metadata = sa.MetaData()

TZ = sa.DateTime(timezone=True)

jobs = sa.Table(
    "jobs",
    metadata,
    sa.Column("job_id", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("org_id", sa.String(128), index=True),
    sa.Column("dag_id", sa.String(250)),
    sa.Column("run_id", sa.String(250)),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("website", sa.Text),
    sa.Column("prompt", sa.Text),
    sa.Column("params", sa.JSON, nullable=False, default=dict),
    sa.Column("created_at", TZ, nullable=False),
    sa.Column("started_at", TZ),
    sa.Column("completed_at", TZ),
    sa.Column("estimated_completion", TZ),
    sa.Column("updated_at", TZ),
    sa.Column("current_agent", sa.String(32)),
    sa.Column("agents_completed", sa.JSON, nullable=False, default=list),
    sa.Column("current_step", sa.Text),
    sa.Column("pages_scraped", sa.Integer, nullable=False, default=0),
    sa.Column("total_pages", sa.Integer, nullable=False, default=0),
    sa.Column("urls_discovered", sa.Integer, nullable=False, default=0),
    sa.Column("total_documents_found", sa.Integer, nullable=False, default=0),
    sa.Column("total_documents_downloaded", sa.Integer, nullable=False, default=0),
    sa.Column("total_pages_crawled", sa.Integer, nullable=False, default=0),
    sa.Column("success_rate", sa.Float, nullable=False, default=0.0),
    sa.Column("cost", sa.Float, nullable=False, default=0.0),
    sa.Column("cpu_seconds", sa.Float, nullable=False, default=0.0),
    sa.Column("bytes_downloaded", sa.BigInteger, nullable=False, default=0),
    sa.Column("total_runtime_seconds", sa.Float),
    sa.Column("message", sa.Text),
    sa.Column("error", sa.Text),
    sa.Column("result", sa.JSON),
    sa.Column("schema_id", sa.String(64)),
    sa.Column("webhook_url", sa.Text),
    # Scheduled runs: the sources.yaml entry the job ran for (migration 0002_incremental).
    sa.Column("source", sa.String(250), index=True),
    # Liveness (migration 0007_job_heartbeat): last sign of work, and host:pid of a whole-job owner.
    sa.Column("heartbeat_at", TZ),
    sa.Column("owner", sa.String(255)),
    sa.Index("ix_jobs_org_created", "org_id", "created_at"),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("job_id", sa.String(64), nullable=False),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("final_url", sa.Text),
    sa.Column("aliases", sa.JSON, nullable=False, default=list),
    sa.Column("source_page", sa.Text),
    sa.Column("name", sa.Text),
    sa.Column("filename", sa.Text),
    sa.Column("document_type", sa.String(16)),
    sa.Column("content_type", sa.String(255)),
    # discovered -> downloaded -> extracted; or skipped / too_large / failed / blocked / duplicate
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("batch", sa.Integer),
    sa.Column("pre_score", sa.Float),
    sa.Column("confidence_score", sa.Float),
    sa.Column("relevance_reason", sa.Text),
    sa.Column("file_size_bytes", sa.BigInteger),
    sa.Column("sha256", sa.String(64), index=True),
    sa.Column("raw_path", sa.Text),
    sa.Column("page_count", sa.Integer),
    sa.Column("text_length", sa.Integer),
    sa.Column("text_path", sa.Text),
    # 0006_ocr_pages: pages whose text came from OCR (NULL before it; 0 when none).
    sa.Column("ocr_pages", sa.Integer),
    sa.Column("evidence", sa.JSON),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("error", sa.Text),
    sa.Column("discovered_at", TZ),
    sa.Column("extracted_at", TZ),
    # Incremental runs (0002_incremental): new / changed / unchanged / removed, the per-source
    # version of the bytes and when that version was first seen.
    sa.Column("change", sa.String(16)),
    sa.Column("version", sa.Integer),
    sa.Column("valid_from", TZ),
    sa.UniqueConstraint("job_id", "url", name="uq_documents_job_url"),
    sa.Index("ix_documents_job_batch", "job_id", "batch"),
    # 0003_api_listing: the results listing (best first) and the per-job change counts. The
    # listing index's DESC (NULLS LAST on PostgreSQL) column is spelled in the migration.
    sa.Index("ix_documents_job_listing", "job_id", "status", sa.text("confidence_score DESC"), "url"),
    sa.Index("ix_documents_job_change", "job_id", "change"),
)

job_errors = sa.Table(
    "job_errors",
    metadata,
    sa.Column("error_id", sa.String(64), primary_key=True),
    sa.Column("job_id", sa.String(64), nullable=False, index=True),
    sa.Column("agent_name", sa.String(32), nullable=False),
    sa.Column("error_type", sa.String(64), nullable=False),
    sa.Column("error_message", sa.Text, nullable=False),
    sa.Column("page_url", sa.Text),
    sa.Column("timestamp", TZ, nullable=False),
    sa.Column("is_recoverable", sa.Boolean, nullable=False),
)

job_warnings = sa.Table(
    "job_warnings",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("job_id", sa.String(64), nullable=False, index=True),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("created_at", TZ, nullable=False),
)

schemas = sa.Table(
    "schemas",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("org_id", sa.String(128), index=True),
    sa.Column("name", sa.String(128), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("definition", sa.JSON, nullable=False),
    sa.Column("builtin", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", TZ, nullable=False),
)

result_rows = sa.Table(
    "result_rows",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("job_id", sa.String(64), nullable=False),
    sa.Column("document_id", sa.String(64), nullable=False),
    sa.Column("filename", sa.Text),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("values", sa.JSON, nullable=False, default=dict),
    sa.Column("confidence", sa.Float),
    sa.Column("validation_flags", sa.JSON, nullable=False, default=list),
    sa.Column("evidence", sa.JSON),
    # Per extracted value: confidence, page, line text, character span (migration 0005).
    sa.Column("field_evidence", sa.JSON),
    sa.Column("position", sa.Integer, nullable=False, default=0),
    sa.Column("created_at", TZ, nullable=False),
    sa.Column("updated_at", TZ),
    sa.UniqueConstraint("job_id", "document_id", name="uq_result_rows_job_document"),
    sa.Index("ix_result_rows_job_position", "job_id", "position"),
)

knowledge_items = sa.Table(
    "knowledge_items",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("job_id", sa.String(64), nullable=False, index=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("description", sa.Text),
    sa.Column("content", sa.Text),
    sa.Column("category", sa.String(32), nullable=False),
    sa.Column("source", sa.Text),
    sa.Column("position", sa.Integer, nullable=False, default=0),
    sa.Column("confidence", sa.Float),
    sa.Column("created_at", TZ, nullable=False),
)

api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("org_id", sa.String(128), nullable=False, index=True),
    sa.Column("key_hash", sa.String(128), nullable=False, unique=True),
    sa.Column("prefix", sa.String(16), nullable=False),
    sa.Column("name", sa.String(128)),
    sa.Column("created_at", TZ, nullable=False),
    sa.Column("revoked_at", TZ),
)

webhook_deliveries = sa.Table(
    "webhook_deliveries",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("job_id", sa.String(64), nullable=False, index=True),
    sa.Column("event", sa.String(32), nullable=False),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("status_code", sa.Integer),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("error", sa.Text),
    sa.Column("created_at", TZ, nullable=False),
    sa.Column("delivered_at", TZ),
    # 0004_webhook_queue: this table is the delivery queue (api/webhooks.py). When the next
    # attempt is due (NULL: due now), and until when a dispatcher attempting it holds it.
    sa.Column("next_attempt_at", TZ),
    sa.Column("lease_until", TZ),
    # Every dispatch round scans the undelivered rows; delivered ones (nearly all) stay out.
    sa.Index(
        "ix_webhook_deliveries_due",
        "next_attempt_at",
        sqlite_where=sa.text("delivered_at IS NULL"),
        postgresql_where=sa.text("delivered_at IS NULL"),
    ),
)

url_state = sa.Table(
    "url_state",
    metadata,
    sa.Column("source", sa.String(250), primary_key=True),
    sa.Column("url", sa.String(2048), primary_key=True),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("sha256", sa.String(64)),
    sa.Column("first_seen", TZ, nullable=False),
    sa.Column("last_seen", TZ, nullable=False),
    sa.Column("removed_at", TZ),
    # 0002_incremental: bumped when the bytes change; the job that stored this version; since when.
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    sa.Column("job_id", sa.String(64)),
    sa.Column("changed_at", TZ),
)
