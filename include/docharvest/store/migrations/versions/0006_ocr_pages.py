"""documents.ocr_pages: how many of a document's pages were read by OCR

Scanned (image-only) PDF pages are read by OCR in the parse step; the count says which rows
rest on OCR text (less exact than a text layer) and is what the job's cost charges per page.
Rows from before this revision keep NULL (no OCR then).

Revision ID: 0006_ocr_pages
Revises: 0005_field_evidence
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_ocr_pages"
down_revision: str | Sequence[str] | None = "0005_field_evidence"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ocr_pages", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("ocr_pages")
