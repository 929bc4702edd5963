"""result rows: field_evidence, each extracted value's confidence and where it was read

One JSON object per row, keyed by field name: ``{"confidence", "page", "line", "span",
"text", "raw", "label", "anchor"}``. ``span`` are the value's character offsets in its page's
text. Rows from before this revision keep NULL (the API shows null).

Revision ID: 0005_field_evidence
Revises: 0004_webhook_queue
Create Date: 2026-12-01 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_field_evidence"
down_revision: str | Sequence[str] | None = "0004_webhook_queue"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("result_rows", schema=None) as batch_op:
        batch_op.add_column(sa.Column("field_evidence", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("result_rows", schema=None) as batch_op:
        batch_op.drop_column("field_evidence")
