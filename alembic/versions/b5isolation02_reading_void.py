"""isolation: a household's correction voids a reading (kept, counted for nothing)

Revision ID: b5isolation02
Revises: b4patrol00001
Create Date: 2026-11-24

Adds temperature_reading.voided_at / voided_by_id. The fever alert's new action
"corrected" fits the existing String(16) column, so fever_alert is unchanged.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b5isolation02"
down_revision: str | None = "b4patrol00001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('temperature_reading', schema=None) as batch_op:
        batch_op.add_column(sa.Column('voided_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('voided_by_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('temperature_reading', schema=None) as batch_op:
        batch_op.drop_column('voided_by_id')
        batch_op.drop_column('voided_at')
