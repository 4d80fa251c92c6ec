"""survey needs: handled another way, and converted again after a cancel

Revision ID: c2needs00001
Revises: b9ticket0001
Create Date: 2026-11-24

`round_household.needs_handled_*` records a need closed without an errand (who, when,
why, and the needs text it was for). The unique index on
`errand_request.round_household_id` becomes a plain index plus a partial unique index
over requests that are not cancelled: a cancelled conversion stays as history and the
need can be converted again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c2needs00001"
down_revision: str | None = "b9ticket0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIVE = sa.text("status != 'cancelled'")


def upgrade() -> None:
    with op.batch_alter_table('round_household', schema=None) as batch_op:
        batch_op.add_column(sa.Column('needs_handled_text', sa.String(length=500),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('needs_handled_reason', sa.String(length=200),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('needs_handled_at', sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('needs_handled_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_round_household_needs_handled_by_id_app_user',
                                    'app_user', ['needs_handled_by_id'], ['id'])
    with op.batch_alter_table('errand_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_errand_request_round_household_id'))
        batch_op.create_index(batch_op.f('ix_errand_request_round_household_id'),
                              ['round_household_id'], unique=False)
        batch_op.create_index('uq_errand_request_active_need', ['round_household_id'],
                              unique=True, sqlite_where=ACTIVE, postgresql_where=ACTIVE)


def downgrade() -> None:
    with op.batch_alter_table('errand_request', schema=None) as batch_op:
        batch_op.drop_index('uq_errand_request_active_need')
        batch_op.drop_index(batch_op.f('ix_errand_request_round_household_id'))
        batch_op.create_index(batch_op.f('ix_errand_request_round_household_id'),
                              ['round_household_id'], unique=True)
    with op.batch_alter_table('round_household', schema=None) as batch_op:
        batch_op.drop_constraint('fk_round_household_needs_handled_by_id_app_user',
                                 type_='foreignkey')
        batch_op.drop_column('needs_handled_by_id')
        batch_op.drop_column('needs_handled_at')
        batch_op.drop_column('needs_handled_reason')
        batch_op.drop_column('needs_handled_text')
