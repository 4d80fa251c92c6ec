"""isolation tables

Revision ID: b2isolation01
Revises: b1survey00001
Create Date: 2026-11-24

The migration chain is fixed in advance (survey -> isolation -> errands -> patrol)
so domains developed in parallel never create two Alembic heads.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b2isolation01"
down_revision: str | None = "b1survey00001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('isolation_case',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('reason_note', sa.String(length=200), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('period_days', sa.Integer(), nullable=False),
    sa.Column('worker_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('close_reason', sa.String(length=20), nullable=True),
    sa.Column('close_note', sa.String(length=200), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_day', sa.Date(), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
    sa.ForeignKeyConstraint(['worker_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('isolation_case', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_isolation_case_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_isolation_case_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_isolation_case_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_isolation_case_updated_by_id'), ['updated_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_isolation_case_uuid'), ['uuid'], unique=True)
        batch_op.create_index(batch_op.f('ix_isolation_case_worker_id'), ['worker_id'], unique=False)

    op.create_table('care_item',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['isolation_case.id'], ),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('case_id', 'day', 'key')
    )
    with op.batch_alter_table('care_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_care_item_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_care_item_day'), ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_care_item_updated_by_id'), ['updated_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_care_item_uuid'), ['uuid'], unique=True)

    op.create_table('isolated_person',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['isolation_case.id'], ),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('case_id', 'resident_id')
    )
    with op.batch_alter_table('isolated_person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_isolated_person_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_isolated_person_resident_id'), ['resident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_isolated_person_updated_by_id'), ['updated_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_isolated_person_uuid'), ['uuid'], unique=True)

    op.create_table('isolation_extension',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('old_period', sa.Integer(), nullable=False),
    sa.Column('new_period', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['isolation_case.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('isolation_extension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_isolation_extension_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_isolation_extension_updated_by_id'), ['updated_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_isolation_extension_uuid'), ['uuid'], unique=True)

    op.create_table('temperature_reading',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Numeric(precision=4, scale=1), nullable=False),
    sa.Column('taken_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('slot', sa.String(length=10), nullable=False),
    sa.Column('source', sa.String(length=12), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['isolation_case.id'], ),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('temperature_reading', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_temperature_reading_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_temperature_reading_day'), ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_temperature_reading_resident_id'), ['resident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_temperature_reading_updated_by_id'), ['updated_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_temperature_reading_uuid'), ['uuid'], unique=True)

    op.create_table('fever_alert',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('reading_id', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Numeric(precision=4, scale=1), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=True),
    sa.Column('action_note', sa.String(length=200), nullable=False),
    sa.Column('actioned_by_id', sa.Integer(), nullable=True),
    sa.Column('actioned_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['isolation_case.id'], ),
    sa.ForeignKeyConstraint(['reading_id'], ['temperature_reading.id'], ),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('reading_id')
    )
    with op.batch_alter_table('fever_alert', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fever_alert_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fever_alert_updated_by_id'), ['updated_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fever_alert_uuid'), ['uuid'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('fever_alert', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fever_alert_uuid'))
        batch_op.drop_index(batch_op.f('ix_fever_alert_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_fever_alert_case_id'))

    op.drop_table('fever_alert')
    with op.batch_alter_table('temperature_reading', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_temperature_reading_uuid'))
        batch_op.drop_index(batch_op.f('ix_temperature_reading_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_temperature_reading_resident_id'))
        batch_op.drop_index(batch_op.f('ix_temperature_reading_day'))
        batch_op.drop_index(batch_op.f('ix_temperature_reading_case_id'))

    op.drop_table('temperature_reading')
    with op.batch_alter_table('isolation_extension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_isolation_extension_uuid'))
        batch_op.drop_index(batch_op.f('ix_isolation_extension_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_isolation_extension_case_id'))

    op.drop_table('isolation_extension')
    with op.batch_alter_table('isolated_person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_isolated_person_uuid'))
        batch_op.drop_index(batch_op.f('ix_isolated_person_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_isolated_person_resident_id'))
        batch_op.drop_index(batch_op.f('ix_isolated_person_case_id'))

    op.drop_table('isolated_person')
    with op.batch_alter_table('care_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_care_item_uuid'))
        batch_op.drop_index(batch_op.f('ix_care_item_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_care_item_day'))
        batch_op.drop_index(batch_op.f('ix_care_item_case_id'))

    op.drop_table('care_item')
    with op.batch_alter_table('isolation_case', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_isolation_case_worker_id'))
        batch_op.drop_index(batch_op.f('ix_isolation_case_uuid'))
        batch_op.drop_index(batch_op.f('ix_isolation_case_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_isolation_case_status'))
        batch_op.drop_index(batch_op.f('ix_isolation_case_household_id'))
        batch_op.drop_index(batch_op.f('ix_isolation_case_community_id'))

    op.drop_table('isolation_case')
