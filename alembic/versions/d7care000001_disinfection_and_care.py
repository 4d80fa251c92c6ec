"""disinfection log (消杀) and daily care for residents who cannot go out

Revision ID: d7care000001
Revises: c6notices001
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d7care000001"
down_revision = "d7tips000001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _tracked() -> list[sa.Column]:
    return [
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
    ]


def _indexes(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in (*columns, 'updated_by_id'):
            batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=False)
        batch_op.create_index(batch_op.f(f'ix_{table}_uuid'), ['uuid'], unique=True)


def upgrade() -> None:
    op.create_table('disinfection_slot',
    *_tracked(),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('compound_id', sa.Integer(), nullable=False),
    sa.Column('building_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.Time(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.ForeignKeyConstraint(['compound_id'], ['compound.id'], ),
    sa.ForeignKeyConstraint(['building_id'], ['building.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    _indexes('disinfection_slot', 'community_id', 'compound_id')
    op.create_table('disinfection_record',
    *_tracked(),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('compound_id', sa.Integer(), nullable=False),
    sa.Column('building_id', sa.Integer(), nullable=True),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('at', sa.Time(), nullable=False),
    sa.Column('round_key', sa.String(length=40), nullable=False),
    sa.Column('areas', sa.String(length=200), nullable=False),
    sa.Column('chemical', sa.String(length=100), nullable=False),
    sa.Column('photo', sa.String(length=60), nullable=True),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('done_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.ForeignKeyConstraint(['compound_id'], ['compound.id'], ),
    sa.ForeignKeyConstraint(['building_id'], ['building.id'], ),
    sa.ForeignKeyConstraint(['done_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('round_key')
    )
    _indexes('disinfection_record', 'community_id', 'compound_id', 'day')
    op.create_table('care_enrolment',
    *_tracked(),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('garbage_morning', sa.Boolean(), nullable=False),
    sa.Column('garbage_afternoon', sa.Boolean(), nullable=False),
    sa.Column('checkin', sa.String(length=10), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    _indexes('care_enrolment', 'community_id', 'household_id')
    op.create_index('uq_care_enrolment_open', 'care_enrolment', ['household_id'], unique=True,
                    sqlite_where=sa.text('ended_on IS NULL'),
                    postgresql_where=sa.text('ended_on IS NULL'))
    op.create_table('care_task',
    *_tracked(),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enrolment_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['enrolment_id'], ['care_enrolment.id'], ),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
    sa.ForeignKeyConstraint(['done_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('enrolment_id', 'day', 'kind')
    )
    _indexes('care_task', 'enrolment_id', 'household_id', 'day')


def downgrade() -> None:
    op.drop_table('care_task')
    op.drop_index('uq_care_enrolment_open', table_name='care_enrolment')
    op.drop_table('care_enrolment')
    op.drop_table('disinfection_record')
    op.drop_table('disinfection_slot')
