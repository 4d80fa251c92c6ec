"""city scale: residents by household as an index-only scan (issue 16 item 6)

`ix_resident_household_live (household_id, moved_away, id)` replaces
`ix_resident_household_id`: the ledger's page cut and the daily report join a community's
~3,000 households to their residents; with these three columns in the index PostgreSQL
reads them without visiting the table (BENCHMARKS.md, "City scale").

Revision ID: d3cityidx001
Revises: e1report0001
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "d3cityidx001"
down_revision: str | None = "e1report0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_resident_household_live", "resident",
                    ["household_id", "moved_away", "id"])
    op.drop_index("ix_resident_household_id", table_name="resident")


def downgrade() -> None:
    op.create_index("ix_resident_household_id", "resident", ["household_id"])
    op.drop_index("ix_resident_household_live", table_name="resident")
