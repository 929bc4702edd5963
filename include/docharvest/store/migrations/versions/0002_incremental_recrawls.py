"""incremental re-crawls: job source, document change/version, url_state version

Revision ID: 0002_incremental
Revises: 0001
Create Date: 2026-11-24 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_incremental"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=250), nullable=True))
        batch_op.create_index(batch_op.f("ix_jobs_source"), ["source"], unique=False)
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("change", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("valid_from", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("url_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("job_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("url_state", schema=None) as batch_op:
        batch_op.drop_column("changed_at")
        batch_op.drop_column("job_id")
        batch_op.drop_column("version")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("valid_from")
        batch_op.drop_column("version")
        batch_op.drop_column("change")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jobs_source"))
        batch_op.drop_column("source")
