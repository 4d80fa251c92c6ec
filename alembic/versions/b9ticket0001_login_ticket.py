"""login ticket: sign-in hands over an HttpOnly session cookie

Revision ID: b9ticket0001
Revises: b8campaign001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b9ticket0001"
down_revision: str | None = "b8campaign001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "login_ticket",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_hash", sa.String(length=64), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["auth_session.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("login_ticket", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_ticket_session_id"), ["session_id"])
        batch_op.create_index(batch_op.f("ix_login_ticket_ticket_hash"), ["ticket_hash"],
                              unique=True)


def downgrade() -> None:
    op.drop_table("login_ticket")
