"""patrol tables

Revision ID: b4patrol00001
Revises: b3errands0001
Create Date: 2026-11-24

The migration chain is fixed in advance (survey -> isolation -> errands -> patrol)
so domains developed in parallel never create two Alembic heads.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b4patrol00001"
down_revision: str | None = "b3errands0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('patrol_plan',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('night', sa.Date(), nullable=False),
    sa.Column('window_start', sa.Time(), nullable=False),
    sa.Column('window_end', sa.Time(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('patrol_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_patrol_plan_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_plan_night'), ['night'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_plan_updated_by_id'), ['updated_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_plan_uuid'), ['uuid'], unique=True)

    op.create_table('patrol_plan_building',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('building_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['building_id'], ['building.id'], ),
    sa.ForeignKeyConstraint(['plan_id'], ['patrol_plan.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plan_id', 'building_id')
    )
    with op.batch_alter_table('patrol_plan_building', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_patrol_plan_building_building_id'), ['building_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_plan_building_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_plan_building_updated_by_id'), ['updated_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_plan_building_uuid'), ['uuid'], unique=True)

    op.create_table('patrol_mark',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('building_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('night', sa.Date(), nullable=False),
    sa.Column('lit', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['building_id'], ['building.id'], ),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
    sa.ForeignKeyConstraint(['plan_id'], ['patrol_plan.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plan_id', 'household_id')
    )
    with op.batch_alter_table('patrol_mark', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_patrol_mark_building_id'), ['building_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_mark_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_mark_night'), ['night'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_mark_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_mark_updated_by_id'), ['updated_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_mark_uuid'), ['uuid'], unique=True)

    op.create_table('patrol_building_result',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('building_id', sa.Integer(), nullable=False),
    sa.Column('lit_count', sa.Integer(), nullable=False),
    sa.Column('marked_count', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['building_id'], ['building.id'], ),
    sa.ForeignKeyConstraint(['finished_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['plan_id'], ['patrol_plan.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plan_id', 'building_id')
    )
    with op.batch_alter_table('patrol_building_result', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_patrol_building_result_building_id'), ['building_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_building_result_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_building_result_updated_by_id'), ['updated_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_building_result_uuid'), ['uuid'], unique=True)

    op.create_table('patrol_follow_up',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('building_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('night', sa.Date(), nullable=False),
    sa.Column('worker_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=60), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('call_outcome', sa.String(length=10), nullable=True),
    sa.Column('called_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('visit_outcome', sa.String(length=12), nullable=True),
    sa.Column('visited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolution', sa.String(length=10), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['building_id'], ['building.id'], ),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
    sa.ForeignKeyConstraint(['plan_id'], ['patrol_plan.id'], ),
    sa.ForeignKeyConstraint(['worker_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plan_id', 'household_id')
    )
    with op.batch_alter_table('patrol_follow_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_patrol_follow_up_building_id'), ['building_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_follow_up_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_follow_up_night'), ['night'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_follow_up_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_follow_up_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_follow_up_updated_by_id'), ['updated_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_follow_up_uuid'), ['uuid'], unique=True)

    op.create_table('patrol_plan_member',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['patrol_plan.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plan_id', 'user_id')
    )
    with op.batch_alter_table('patrol_plan_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_patrol_plan_member_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_plan_member_updated_by_id'), ['updated_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_plan_member_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_plan_member_uuid'), ['uuid'], unique=True)

    op.create_table('patrol_walk',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('signed_in_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('signed_out_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['patrol_plan.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plan_id', 'user_id')
    )
    with op.batch_alter_table('patrol_walk', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_patrol_walk_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_walk_updated_by_id'), ['updated_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_walk_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_walk_uuid'), ['uuid'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('patrol_walk', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_patrol_walk_uuid'))
        batch_op.drop_index(batch_op.f('ix_patrol_walk_user_id'))
        batch_op.drop_index(batch_op.f('ix_patrol_walk_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_patrol_walk_plan_id'))

    op.drop_table('patrol_walk')
    with op.batch_alter_table('patrol_plan_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_patrol_plan_member_uuid'))
        batch_op.drop_index(batch_op.f('ix_patrol_plan_member_user_id'))
        batch_op.drop_index(batch_op.f('ix_patrol_plan_member_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_patrol_plan_member_plan_id'))

    op.drop_table('patrol_plan_member')
    with op.batch_alter_table('patrol_follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_patrol_follow_up_uuid'))
        batch_op.drop_index(batch_op.f('ix_patrol_follow_up_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_patrol_follow_up_status'))
        batch_op.drop_index(batch_op.f('ix_patrol_follow_up_plan_id'))
        batch_op.drop_index(batch_op.f('ix_patrol_follow_up_night'))
        batch_op.drop_index(batch_op.f('ix_patrol_follow_up_household_id'))
        batch_op.drop_index(batch_op.f('ix_patrol_follow_up_building_id'))

    op.drop_table('patrol_follow_up')
    with op.batch_alter_table('patrol_building_result', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_patrol_building_result_uuid'))
        batch_op.drop_index(batch_op.f('ix_patrol_building_result_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_patrol_building_result_plan_id'))
        batch_op.drop_index(batch_op.f('ix_patrol_building_result_building_id'))

    op.drop_table('patrol_building_result')
    with op.batch_alter_table('patrol_mark', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_patrol_mark_uuid'))
        batch_op.drop_index(batch_op.f('ix_patrol_mark_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_patrol_mark_plan_id'))
        batch_op.drop_index(batch_op.f('ix_patrol_mark_night'))
        batch_op.drop_index(batch_op.f('ix_patrol_mark_household_id'))
        batch_op.drop_index(batch_op.f('ix_patrol_mark_building_id'))

    op.drop_table('patrol_mark')
    with op.batch_alter_table('patrol_plan_building', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_patrol_plan_building_uuid'))
        batch_op.drop_index(batch_op.f('ix_patrol_plan_building_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_patrol_plan_building_plan_id'))
        batch_op.drop_index(batch_op.f('ix_patrol_plan_building_building_id'))

    op.drop_table('patrol_plan_building')
    with op.batch_alter_table('patrol_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_patrol_plan_uuid'))
        batch_op.drop_index(batch_op.f('ix_patrol_plan_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_patrol_plan_night'))
        batch_op.drop_index(batch_op.f('ix_patrol_plan_community_id'))

    op.drop_table('patrol_plan')
