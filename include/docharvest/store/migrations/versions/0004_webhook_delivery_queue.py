"""webhook deliveries: the table becomes the delivery queue (next attempt, lease)

Pending deliveries used to live only in the API process's memory, so a crash between
claiming an event and delivering it (or between retries) lost the delivery. Now every
dispatcher reads the queue from ``webhook_deliveries``: ``next_attempt_at`` says when the
next attempt is due, ``lease_until`` until when a dispatcher that is attempting it holds
it. Rows from before this revision keep ``next_attempt_at`` NULL, which counts as due now.
The partial index covers only undelivered rows, the ones a dispatch round scans.

Revision ID: 0004_webhook_queue
Revises: 0003_api_listing
Create Date: 2026-11-25 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_webhook_queue"
down_revision: str | Sequence[str] | None = "0003_api_listing"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_webhook_deliveries_due"
UNDELIVERED = "delivered_at IS NULL"


def upgrade() -> None:
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
    op.create_index(
        INDEX,
        "webhook_deliveries",
        ["next_attempt_at"],
        unique=False,
        sqlite_where=sa.text(UNDELIVERED),
        postgresql_where=sa.text(UNDELIVERED),
    )


def downgrade() -> None:
    op.drop_index(INDEX, table_name="webhook_deliveries")
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.drop_column("lease_until")
        batch_op.drop_column("next_attempt_at")
