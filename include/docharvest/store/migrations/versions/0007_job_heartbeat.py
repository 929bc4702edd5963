"""jobs: a heartbeat (when something last worked on the job) and the process that owns it

A job whose worker or CLI died stayed ``in_progress`` forever. ``heartbeat_at`` is moved by
whatever works on the job (a thread in each task, every parsed document, every progress
write); ``owner`` is ``host:pid`` of a process that runs the whole job (the CLI), so a dead
owner on this host is seen at once. The reaper (maintenance DAG, API reads, CLI start) marks
a job failed when its heartbeat is older than the bound or its owner is gone.

Revision ID: 0007_job_heartbeat
Revises: 0006_ocr_pages
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_job_heartbeat"
down_revision: str | Sequence[str] | None = "0006_ocr_pages"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("owner", sa.String(255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_column("owner")
        batch_op.drop_column("heartbeat_at")
