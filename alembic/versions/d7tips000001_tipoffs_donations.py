"""tip-offs (线索举报) and donations (捐款捐物)

Revision ID: d7tips000001
Revises: c6notices001
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d7tips000001"
down_revision = "d2roster0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _tracked() -> list[sa.Column]:
    return [
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
    ]


def _index(table: str, column: str, unique: bool = False) -> None:
    op.create_index(f'ix_{table}_{column}', table, [column], unique=unique)


def _tracked_indexes(table: str) -> None:
    _index(table, 'community_id')
    _index(table, 'updated_by_id')
    _index(table, 'uuid', unique=True)


def upgrade() -> None:
    op.create_table('tip_off',
    *_tracked(),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('receipt', sa.String(length=12), nullable=False),
    sa.Column('what', sa.String(length=500), nullable=False),
    sa.Column('place', sa.String(length=100), nullable=False),
    sa.Column('seen', sa.String(length=50), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('public_note', sa.String(length=300), nullable=False),
    sa.Column('reward', sa.Boolean(), nullable=False),
    sa.Column('reward_amount', sa.Numeric(10, 2), nullable=True),
    sa.Column('reward_paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('source', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.PrimaryKeyConstraint('id'))
    _tracked_indexes('tip_off')
    _index('tip_off', 'receipt', unique=True)
    _index('tip_off', 'status')
    op.create_table('tip_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tip_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=300), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tip_id'], ['tip_off.id'], ),
    sa.ForeignKeyConstraint(['by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'))
    _index('tip_note', 'tip_id')
    op.create_table('donation_stock',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('item', sa.String(length=40), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('on_hand', sa.Numeric(12, 2), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.CheckConstraint('on_hand >= 0', name='ck_donation_stock_on_hand'),
    sa.UniqueConstraint('community_id', 'item', 'unit'),
    sa.PrimaryKeyConstraint('id'))
    _index('donation_stock', 'community_id')
    op.create_table('donation',
    *_tracked(),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('receipt', sa.String(length=12), nullable=False),
    sa.Column('donor', sa.String(length=60), nullable=False),
    sa.Column('amount', sa.Numeric(12, 2), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('public_thanks', sa.Boolean(), nullable=False),
    sa.Column('show_amount', sa.Boolean(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'))
    _tracked_indexes('donation')
    _index('donation', 'receipt', unique=True)
    op.create_table('donation_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('donation_id', sa.Integer(), nullable=False),
    sa.Column('stock_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Numeric(12, 2), nullable=False),
    sa.ForeignKeyConstraint(['donation_id'], ['donation.id'], ),
    sa.ForeignKeyConstraint(['stock_id'], ['donation_stock.id'], ),
    sa.PrimaryKeyConstraint('id'))
    _index('donation_item', 'donation_id')
    _index('donation_item', 'stock_id')
    op.create_table('goods_issue',
    *_tracked(),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('stock_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Numeric(12, 2), nullable=False),
    sa.Column('target', sa.String(length=12), nullable=False),
    sa.Column('place', sa.String(length=60), nullable=False),
    sa.Column('errand_run_id', sa.Integer(), nullable=True),
    sa.Column('household_id', sa.Integer(), nullable=True),
    sa.Column('issued_by_id', sa.Integer(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.ForeignKeyConstraint(['stock_id'], ['donation_stock.id'], ),
    sa.ForeignKeyConstraint(['errand_run_id'], ['errand_run.id'], ),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
    sa.ForeignKeyConstraint(['issued_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'))
    _tracked_indexes('goods_issue')
    for column in ('stock_id', 'errand_run_id', 'household_id'):
        _index('goods_issue', column)


def downgrade() -> None:
    for table in ('goods_issue', 'donation_item', 'donation', 'donation_stock', 'tip_note',
                  'tip_off'):
        op.drop_table(table)
