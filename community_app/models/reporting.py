"""The daily report sent up to the subdistrict (上报日报) and the reminders it sends back.

A `ReportSnapshot` is one submitted version of one community's report for one day: the
numbers as typed columns, the per-compound rows as JSON, who submitted it and when. It is
frozen: never updated, never recomputed. A correction is a new row, version + 1, with its
reason. Three guards: the service only inserts, an ORM `before_update` hook refuses, and a
database trigger (SQLite and PostgreSQL) aborts any UPDATE of the table. Deleting stays
possible for the end-of-campaign purge (and test clean-up); nothing in the app deletes one.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from community_app.models.base import utcnow

FROZEN_MESSAGE = "report_snapshot is frozen"
REASON_MAX = 200


class ReportSnapshot(SQLModel, table=True):
    __tablename__ = "report_snapshot"
    __table_args__ = (sa.UniqueConstraint("community_id", "day", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    subdistrict_id: int | None = Field(default=None, foreign_key="subdistrict.id", index=True)
    day: date = Field(index=True)
    version: int = Field(default=1)
    reason: str = Field(default="", max_length=REASON_MAX)  # why a correction was sent
    cutoff: str = Field(max_length=5)  # HH:MM, community time
    round_name: str = Field(default="", max_length=100)
    community_name: str = Field(max_length=100)
    submitted_by_id: int = Field(foreign_key="app_user.id")
    submitted_by_name: str = Field(max_length=100)  # masked at submit time
    submitted_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    households: int = 0
    reached: int = 0
    residents: int = 0
    returnees: int = 0
    returnees_new: int = 0  # new since yesterday
    fever: int = 0
    under_isolation: int = 0  # households
    isolated_people: int = 0
    open_errands: int = 0
    patrol_buildings: int = 0
    patrol_covered: int = 0
    compounds: list = Field(default_factory=list, sa_type=sa.JSON)  # list of row dicts


class ReportReminder(SQLModel, table=True):
    """The subdistrict's nudge to a late community, shown on its secretary's home."""

    __tablename__ = "report_reminder"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    day: date = Field(index=True)
    sent_by_id: int = Field(foreign_key="app_user.id")
    sent_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))


FROZEN_DDL = {
    "sqlite": (
        "CREATE TRIGGER report_snapshot_no_update BEFORE UPDATE ON report_snapshot "
        f"BEGIN SELECT RAISE(ABORT, '{FROZEN_MESSAGE}'); END",
    ),
    "postgresql": (
        "CREATE OR REPLACE FUNCTION report_snapshot_frozen() RETURNS trigger AS $$ "
        f"BEGIN RAISE EXCEPTION '{FROZEN_MESSAGE}'; END; $$ LANGUAGE plpgsql",
        "CREATE TRIGGER report_snapshot_frozen BEFORE UPDATE ON report_snapshot "
        "FOR EACH ROW EXECUTE FUNCTION report_snapshot_frozen()",
    ),
}


def _refuse_update(mapper: object, connection: object, target: ReportSnapshot) -> None:
    raise ValueError(FROZEN_MESSAGE)


sa.event.listen(ReportSnapshot, "before_update", _refuse_update)
for dialect_name, statements in FROZEN_DDL.items():
    for statement in statements:
        sa.event.listen(ReportSnapshot.__table__, "after_create",
                        sa.DDL(statement).execute_if(dialect=dialect_name))
