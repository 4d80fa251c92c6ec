"""errand requests made from survey needs

Revision ID: b7errands0002
Revises: b6patrol00002
Create Date: 2026-11-24

A request made from the needs recorded on a survey visit links the round record
(`round_household`); the unique index lets a need be converted at most once.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b7errands0002"
down_revision: str | None = "b6patrol00002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('errand_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('round_household_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_errand_request_round_household_id'),
                              ['round_household_id'], unique=True)
        batch_op.create_foreign_key('fk_errand_request_round_household_id_round_household',
                                    'round_household', ['round_household_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('errand_request', schema=None) as batch_op:
        batch_op.drop_constraint('fk_errand_request_round_household_id_round_household',
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_errand_request_round_household_id'))
        batch_op.drop_column('round_household_id')
