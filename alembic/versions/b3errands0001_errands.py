"""errands tables

Revision ID: b3errands0001
Revises: b2isolation01
Create Date: 2026-11-24

The migration chain is fixed in advance (survey -> isolation -> errands -> patrol)
so domains developed in parallel never create two Alembic heads.
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
import sqlmodel  # noqa: F401
from alembic import op  # noqa: F401

revision: str = "b3errands0001"
down_revision: str | None = "b2isolation01"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('errand_run',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('volunteer_id', sa.Integer(), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.ForeignKeyConstraint(['volunteer_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('errand_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_errand_run_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_errand_run_updated_by_id'), ['updated_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_errand_run_uuid'), ['uuid'], unique=True)
        batch_op.create_index(batch_op.f('ix_errand_run_volunteer_id'), ['volunteer_id'], unique=False)

    op.create_table('errand_request',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('urgency', sa.String(length=12), nullable=False),
    sa.Column('window', sa.String(length=40), nullable=False),
    sa.Column('payment', sa.String(length=20), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_by_id', sa.Integer(), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('shopping_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancel_reason', sa.String(length=200), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('stale_returned_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('stale_volunteer_id', sa.Integer(), nullable=True),
    sa.Column('left_at_door', sa.Boolean(), nullable=False),
    sa.Column('delivery_photo', sa.String(length=80), nullable=False),
    sa.Column('auto_confirmed', sa.Boolean(), nullable=False),
    sa.Column('amount_spent', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('receipt_photo', sa.String(length=80), nullable=False),
    sa.Column('advanced_by_id', sa.Integer(), nullable=True),
    sa.Column('settled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('settled_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['advanced_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['claimed_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
    sa.ForeignKeyConstraint(['run_id'], ['errand_run.id'], ),
    sa.ForeignKeyConstraint(['settled_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['stale_volunteer_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('errand_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_errand_request_advanced_by_id'), ['advanced_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_errand_request_claimed_by_id'), ['claimed_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_errand_request_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_errand_request_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_errand_request_run_id'), ['run_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_errand_request_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_errand_request_updated_by_id'), ['updated_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_errand_request_uuid'), ['uuid'], unique=True)

    op.create_table('errand_item',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.String(length=60), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=100), nullable=False),
    sa.Column('outcome', sa.String(length=12), nullable=False),
    sa.Column('substitute', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['errand_request.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('errand_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_errand_item_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_errand_item_updated_by_id'), ['updated_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_errand_item_uuid'), ['uuid'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('errand_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_errand_item_uuid'))
        batch_op.drop_index(batch_op.f('ix_errand_item_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_errand_item_request_id'))

    op.drop_table('errand_item')
    with op.batch_alter_table('errand_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_errand_request_uuid'))
        batch_op.drop_index(batch_op.f('ix_errand_request_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_errand_request_status'))
        batch_op.drop_index(batch_op.f('ix_errand_request_run_id'))
        batch_op.drop_index(batch_op.f('ix_errand_request_household_id'))
        batch_op.drop_index(batch_op.f('ix_errand_request_community_id'))
        batch_op.drop_index(batch_op.f('ix_errand_request_claimed_by_id'))
        batch_op.drop_index(batch_op.f('ix_errand_request_advanced_by_id'))

    op.drop_table('errand_request')
    with op.batch_alter_table('errand_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_errand_run_volunteer_id'))
        batch_op.drop_index(batch_op.f('ix_errand_run_uuid'))
        batch_op.drop_index(batch_op.f('ix_errand_run_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_errand_run_community_id'))

    op.drop_table('errand_run')
