"""daily reports sent up (frozen snapshots, no UPDATE) and the subdistrict's reminders

Revision ID: e1report0001
Revises: d1subdist001
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e1report0001"
down_revision: str | None = "d1subdist001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The same statements as models/reporting.FROZEN_DDL (a migration never imports the app).
FROZEN = {
    "sqlite": (
        "CREATE TRIGGER report_snapshot_no_update BEFORE UPDATE ON report_snapshot "
        "BEGIN SELECT RAISE(ABORT, 'report_snapshot is frozen'); END",
    ),
    "postgresql": (
        "CREATE OR REPLACE FUNCTION report_snapshot_frozen() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'report_snapshot is frozen'; END; $$ LANGUAGE plpgsql",
        "CREATE TRIGGER report_snapshot_frozen BEFORE UPDATE ON report_snapshot "
        "FOR EACH ROW EXECUTE FUNCTION report_snapshot_frozen()",
    ),
}


def upgrade() -> None:
    op.create_table('report_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('subdistrict_id', sa.Integer(), nullable=True),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('cutoff', sa.String(length=5), nullable=False),
    sa.Column('round_name', sa.String(length=100), nullable=False),
    sa.Column('community_name', sa.String(length=100), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=False),
    sa.Column('submitted_by_name', sa.String(length=100), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    *[sa.Column(name, sa.Integer(), nullable=False) for name in (
        'households', 'reached', 'residents', 'returnees', 'returnees_new', 'fever',
        'under_isolation', 'isolated_people', 'open_errands', 'patrol_buildings',
        'patrol_covered')],
    sa.Column('compounds', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.ForeignKeyConstraint(['subdistrict_id'], ['subdistrict.id'], ),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('community_id', 'day', 'version')
    )
    with op.batch_alter_table('report_snapshot', schema=None) as batch_op:
        for column in ('community_id', 'subdistrict_id', 'day'):
            batch_op.create_index(batch_op.f(f'ix_report_snapshot_{column}'), [column],
                                  unique=False)
    op.create_table('report_reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('sent_by_id', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.ForeignKeyConstraint(['sent_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('report_reminder', schema=None) as batch_op:
        for column in ('community_id', 'day'):
            batch_op.create_index(batch_op.f(f'ix_report_reminder_{column}'), [column],
                                  unique=False)
    for statement in FROZEN.get(op.get_bind().dialect.name, ()):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS report_snapshot_frozen() CASCADE")
    op.drop_table('report_reminder')
    op.drop_table('report_snapshot')
