"""survey rounds: a round opened over the whole community says so

Revision ID: c4rounds0001
Revises: c4commphone1
Create Date: 2026-12-02

Several rounds may be open at once (a re-visit of one compound beside the community's
round). `covers_all` marks the round opened over the whole community: it is the default
round of the report and the ledger, and compounds imported later join it. Rounds opened
before this revision over every compound of their community are marked too.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c4rounds0001"
down_revision: str | None = "c4commphone1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("survey_round") as batch:
        batch.add_column(sa.Column("covers_all", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    op.execute(sa.text(
        "UPDATE survey_round SET covers_all = :yes WHERE "
        "(SELECT count(*) FROM round_compound rc WHERE rc.round_id = survey_round.id) = "
        "(SELECT count(*) FROM compound c WHERE c.community_id = survey_round.community_id)"
    ).bindparams(yes=True))


def downgrade() -> None:
    with op.batch_alter_table("survey_round") as batch:
        batch.drop_column("covers_all")
