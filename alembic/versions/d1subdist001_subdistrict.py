"""subdistricts (街道) above communities, subdistrict users, lent cadres (下沉干部)

Existing communities go into a subdistrict named after their `subdistrict` text (one
"默认街道" for those without one).

Revision ID: d1subdist001
Revises: c6notices001
Create Date: 2026-12-02
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "d1subdist001"
down_revision: str | None = "c6notices001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFAULT_NAME = "默认街道"


def _tracked() -> list[sa.Column]:
    return [
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
    ]


def _tracked_indexes(batch_op) -> None:
    batch_op.create_index(batch_op.f(f'ix_{batch_op.impl.table_name}_updated_by_id'),
                          ['updated_by_id'], unique=False)
    batch_op.create_index(batch_op.f(f'ix_{batch_op.impl.table_name}_uuid'), ['uuid'],
                          unique=True)


def _default_subdistricts() -> None:
    bind = op.get_bind()
    names = [row[0] or DEFAULT_NAME for row in bind.execute(
        sa.text("SELECT DISTINCT subdistrict FROM community")).all()]
    now = datetime.now(UTC)
    table = sa.table('subdistrict', sa.column('uuid'), sa.column('name'),
                     sa.column('created_at'), sa.column('updated_at'))
    for name in sorted(set(names)):
        bind.execute(table.insert().values(uuid=str(uuid.uuid4()), name=name[:100],
                                           created_at=now, updated_at=now))
    bind.execute(sa.text(
        "UPDATE community SET subdistrict_id = (SELECT s.id FROM subdistrict s WHERE s.name ="
        " CASE WHEN community.subdistrict = '' OR community.subdistrict IS NULL"
        " THEN :default ELSE community.subdistrict END)"), {"default": DEFAULT_NAME})


def upgrade() -> None:
    op.create_table('subdistrict',
    *_tracked(),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    with op.batch_alter_table('subdistrict', schema=None) as batch_op:
        _tracked_indexes(batch_op)

    with op.batch_alter_table('community', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subdistrict_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_community_subdistrict_id'), ['subdistrict_id'],
                              unique=False)
        batch_op.create_foreign_key('fk_community_subdistrict_id', 'subdistrict',
                                    ['subdistrict_id'], ['id'])
    _default_subdistricts()

    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subdistrict_id', sa.Integer(), nullable=True))
        batch_op.alter_column('community_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(batch_op.f('ix_app_user_subdistrict_id'), ['subdistrict_id'],
                              unique=False)
        batch_op.create_foreign_key('fk_app_user_subdistrict_id', 'subdistrict',
                                    ['subdistrict_id'], ['id'])
        batch_op.create_check_constraint(
            'ck_app_user_home', 'community_id IS NOT NULL OR subdistrict_id IS NOT NULL')

    op.create_table('cadre_loan',
    *_tracked(),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subdistrict_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['subdistrict_id'], ['subdistrict.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id')
    )
    with op.batch_alter_table('cadre_loan', schema=None) as batch_op:
        _tracked_indexes(batch_op)
        batch_op.create_index(batch_op.f('ix_cadre_loan_community_id'), ['community_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_cadre_loan_subdistrict_id'), ['subdistrict_id'],
                              unique=False)


    op.create_table('privacy_grant',
    *_tracked(),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('permission', sa.String(length=30), nullable=False),
    sa.Column('granted_by_id', sa.Integer(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.ForeignKeyConstraint(['granted_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('community_id', 'user_id', 'permission')
    )
    with op.batch_alter_table('privacy_grant', schema=None) as batch_op:
        _tracked_indexes(batch_op)
        batch_op.create_index(batch_op.f('ix_privacy_grant_community_id'), ['community_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_privacy_grant_user_id'), ['user_id'],
                              unique=False)

    op.create_table('privacy_view',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('viewer_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('permission', sa.String(length=30), nullable=False),
    sa.Column('what', sa.String(length=200), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('viewed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.ForeignKeyConstraint(['viewer_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('privacy_view', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_privacy_view_community_id'), ['community_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_privacy_view_viewer_id'), ['viewer_id'],
                              unique=False)


def downgrade() -> None:
    op.drop_table('privacy_view')
    op.drop_table('privacy_grant')
    op.drop_table('cadre_loan')
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_constraint('ck_app_user_home', type_='check')
        batch_op.drop_constraint('fk_app_user_subdistrict_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_app_user_subdistrict_id'))
        batch_op.alter_column('community_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('subdistrict_id')
    with op.batch_alter_table('community', schema=None) as batch_op:
        batch_op.drop_constraint('fk_community_subdistrict_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_community_subdistrict_id'))
        batch_op.drop_column('subdistrict_id')
    op.drop_table('subdistrict')
