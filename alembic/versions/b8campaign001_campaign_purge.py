"""campaign purge record

Revision ID: b8campaign001
Revises: b7errands0002
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b8campaign001"
down_revision: str | None = "b7errands0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "campaign_purge",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("purged_by_id", sa.Integer(), nullable=True),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.ForeignKeyConstraint(["purged_by_id"], ["app_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("campaign_purge", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_campaign_purge_community_id"), ["community_id"])
        batch_op.create_index(batch_op.f("ix_campaign_purge_updated_by_id"), ["updated_by_id"])
        batch_op.create_index(batch_op.f("ix_campaign_purge_uuid"), ["uuid"], unique=True)


def downgrade() -> None:
    op.drop_table("campaign_purge")
