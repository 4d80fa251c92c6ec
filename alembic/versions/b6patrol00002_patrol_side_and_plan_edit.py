"""patrol: the side of a building facing the path, cancelled plans

Revision ID: b6patrol00002
Revises: b5isolation02
Create Date: 2026-11-24

`building.path_side` says which side the night patrol walks past ("front" as
registered, or "back", seen mirrored); existing buildings default to "front".
`patrol_plan.cancelled_at` marks a plan the admin cancelled before it started.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b6patrol00002"
down_revision: str | None = "b5isolation02"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('building', schema=None) as batch_op:
        batch_op.add_column(sa.Column('path_side', sa.String(length=5), nullable=False,
                                      server_default='front'))
    with op.batch_alter_table('patrol_plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cancelled_at', sa.DateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('patrol_plan', schema=None) as batch_op:
        batch_op.drop_column('cancelled_at')
    with op.batch_alter_table('building', schema=None) as batch_op:
        batch_op.drop_column('path_side')
