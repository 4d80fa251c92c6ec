"""volunteer recruitment (招募令), teams and the shift roster

Revision ID: d2roster0001
Revises: c6notices001
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "d2roster0001"
down_revision = "d1subdist001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('recruit_link',
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.PrimaryKeyConstraint('community_id')
    )
    op.create_index(op.f('ix_recruit_link_code'), 'recruit_link', ['code'], unique=True)
    op.create_table('roster_shift',
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('place', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('kind', sa.String(length=14), nullable=False),
    sa.Column('min_people', sa.Integer(), nullable=False),
    sa.Column('max_people', sa.Integer(), nullable=False),
    sa.Column('filled', sa.Integer(), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('filled >= 0 AND filled <= max_people', name='ck_roster_shift_filled'),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_roster_shift_community_id'), 'roster_shift', ['community_id'], unique=False)
    op.create_index(op.f('ix_roster_shift_starts_at'), 'roster_shift', ['starts_at'], unique=False)
    op.create_index(op.f('ix_roster_shift_updated_by_id'), 'roster_shift', ['updated_by_id'], unique=False)
    op.create_index(op.f('ix_roster_shift_uuid'), 'roster_shift', ['uuid'], unique=True)
    op.create_table('roster_signup',
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('assigned_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['shift_id'], ['roster_shift.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('shift_id', 'user_id')
    )
    op.create_index(op.f('ix_roster_signup_shift_id'), 'roster_signup', ['shift_id'], unique=False)
    op.create_index(op.f('ix_roster_signup_updated_by_id'), 'roster_signup', ['updated_by_id'], unique=False)
    op.create_index(op.f('ix_roster_signup_user_id'), 'roster_signup', ['user_id'], unique=False)
    op.create_index(op.f('ix_roster_signup_uuid'), 'roster_signup', ['uuid'], unique=True)
    op.create_table('volunteer_application',
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('compound_id', sa.Integer(), nullable=True),
    sa.Column('skills', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('party_member', sa.Boolean(), nullable=False),
    sa.Column('availability', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.ForeignKeyConstraint(['compound_id'], ['compound.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_volunteer_application_community_id'), 'volunteer_application', ['community_id'], unique=False)
    op.create_index(op.f('ix_volunteer_application_status'), 'volunteer_application', ['status'], unique=False)
    op.create_index(op.f('ix_volunteer_application_updated_by_id'), 'volunteer_application', ['updated_by_id'], unique=False)
    op.create_index(op.f('ix_volunteer_application_uuid'), 'volunteer_application', ['uuid'], unique=True)
    op.create_table('volunteer_team',
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('leader_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.ForeignKeyConstraint(['leader_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_volunteer_team_community_id'), 'volunteer_team', ['community_id'], unique=False)
    op.create_index(op.f('ix_volunteer_team_updated_by_id'), 'volunteer_team', ['updated_by_id'], unique=False)
    op.create_index(op.f('ix_volunteer_team_uuid'), 'volunteer_team', ['uuid'], unique=True)
    op.create_table('volunteer_team_member',
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['volunteer_team.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('team_id', 'user_id')
    )


def downgrade() -> None:

    op.drop_table('volunteer_team_member')
    op.drop_index(op.f('ix_volunteer_team_uuid'), table_name='volunteer_team')
    op.drop_index(op.f('ix_volunteer_team_updated_by_id'), table_name='volunteer_team')
    op.drop_index(op.f('ix_volunteer_team_community_id'), table_name='volunteer_team')
    op.drop_table('volunteer_team')
    op.drop_index(op.f('ix_volunteer_application_uuid'), table_name='volunteer_application')
    op.drop_index(op.f('ix_volunteer_application_updated_by_id'), table_name='volunteer_application')
    op.drop_index(op.f('ix_volunteer_application_status'), table_name='volunteer_application')
    op.drop_index(op.f('ix_volunteer_application_community_id'), table_name='volunteer_application')
    op.drop_table('volunteer_application')
    op.drop_index(op.f('ix_roster_signup_uuid'), table_name='roster_signup')
    op.drop_index(op.f('ix_roster_signup_user_id'), table_name='roster_signup')
    op.drop_index(op.f('ix_roster_signup_updated_by_id'), table_name='roster_signup')
    op.drop_index(op.f('ix_roster_signup_shift_id'), table_name='roster_signup')
    op.drop_table('roster_signup')
    op.drop_index(op.f('ix_roster_shift_uuid'), table_name='roster_shift')
    op.drop_index(op.f('ix_roster_shift_updated_by_id'), table_name='roster_shift')
    op.drop_index(op.f('ix_roster_shift_starts_at'), table_name='roster_shift')
    op.drop_index(op.f('ix_roster_shift_community_id'), table_name='roster_shift')
    op.drop_table('roster_shift')
    op.drop_index(op.f('ix_recruit_link_code'), table_name='recruit_link')
    op.drop_table('recruit_link')
