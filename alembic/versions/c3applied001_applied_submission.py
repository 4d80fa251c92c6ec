"""applied submissions: the client UUIDs of forms that changed existing rows

Revision ID: c3applied001
Revises: c2needs00001
Create Date: 2026-12-02

A checklist tick, a run step or a call outcome saved from a phone's outbox records its
form's UUID here in the same transaction, so a replay of it is recognised and changes
nothing.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c3applied001"
down_revision: str | None = "c2needs00001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "applied_submission",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("uuid"),
    )
    op.create_index(op.f("ix_applied_submission_user_id"), "applied_submission", ["user_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_applied_submission_user_id"), table_name="applied_submission")
    op.drop_table("applied_submission")
