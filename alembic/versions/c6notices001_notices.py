"""notices and the daily broadcast schedule (小喇叭)

Revision ID: c6notices001
Revises: c5correct001
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c6notices001"
down_revision: str | None = "c5correct001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _tracked() -> list[sa.Column]:
    return [
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
    ]


def _tracked_indexes(table: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f'ix_{table}_community_id'), ['community_id'],
                              unique=False)
        batch_op.create_index(batch_op.f(f'ix_{table}_updated_by_id'), ['updated_by_id'],
                              unique=False)
        batch_op.create_index(batch_op.f(f'ix_{table}_uuid'), ['uuid'], unique=True)


def upgrade() -> None:
    op.create_table('notice',
    *_tracked(),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('priority', sa.String(length=10), nullable=False),
    sa.Column('whole_community', sa.Boolean(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    _tracked_indexes('notice')

    op.create_table('notice_compound',
    sa.Column('notice_id', sa.Integer(), nullable=False),
    sa.Column('compound_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['compound_id'], ['compound.id'], ),
    sa.ForeignKeyConstraint(['notice_id'], ['notice.id'], ),
    sa.PrimaryKeyConstraint('notice_id', 'compound_id')
    )

    op.create_table('notice_read',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('notice_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
    sa.ForeignKeyConstraint(['notice_id'], ['notice.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('notice_id', 'household_id')
    )
    with op.batch_alter_table('notice_read', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_read_household_id'), ['household_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_notice_read_notice_id'), ['notice_id'],
                              unique=False)

    op.create_table('broadcast_slot',
    *_tracked(),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.Time(), nullable=False),
    sa.Column('text', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    _tracked_indexes('broadcast_slot')


def downgrade() -> None:
    op.drop_table('broadcast_slot')
    op.drop_table('notice_read')
    op.drop_table('notice_compound')
    op.drop_table('notice')
