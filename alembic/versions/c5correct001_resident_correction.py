"""resident correction: who corrected which fields of a resident in the ledger, and when

Revision ID: c5correct001
Revises: c4rounds0001
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c5correct001"
down_revision: str | None = "c4rounds0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "resident_correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fields", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["resident_id"], ["resident.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("resident_correction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_resident_correction_resident_id"), ["resident_id"])
        batch_op.create_index(batch_op.f("ix_resident_correction_user_id"), ["user_id"])


def downgrade() -> None:
    op.drop_table("resident_correction")
