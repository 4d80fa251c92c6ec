"""Daily care for residents who cannot go out (居家关爱).

A household on the care list is one open `care_enrolment` (at most one per household: the
partial unique index on household_id where ended_on is null), with why (elderly living
alone, disabled, chronic illness) and what it gets: garbage pickup in the morning and/or
after lunch, a daily check-in (a call or a visit). Each day's tasks are `care_task` rows,
generated lazily and idempotently (unique per enrolment, day and kind). A daytime check-in
not done by the cut-off makes the household watched on that night's lit-window patrol
(services/care_patrol.py). See services/care/README.md.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field

from community_app.models.base import Tracked


class CareReason(StrEnum):
    elderly_alone = "elderly_alone"
    disabled = "disabled"
    chronic = "chronic"


class CheckinMode(StrEnum):
    none = "none"
    call = "call"
    visit = "visit"


class CareKind(StrEnum):
    garbage_morning = "garbage_morning"
    garbage_afternoon = "garbage_afternoon"
    checkin = "checkin"


class CareEnrolment(Tracked, table=True):
    __tablename__ = "care_enrolment"
    __table_args__ = (
        sa.Index("uq_care_enrolment_open", "household_id", unique=True,
                 sqlite_where=sa.text("ended_on IS NULL"),
                 postgresql_where=sa.text("ended_on IS NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    household_id: int = Field(foreign_key="household.id", index=True)
    reason: CareReason = Field(sa_type=sa.String(20))
    garbage_morning: bool = Field(default=False)
    garbage_afternoon: bool = Field(default=False)
    checkin: CheckinMode = Field(default=CheckinMode.call, sa_type=sa.String(10))
    started_on: date
    ended_on: date | None = Field(default=None)
    created_by_id: int = Field(foreign_key="app_user.id")


class CareTask(Tracked, table=True):
    __tablename__ = "care_task"
    __table_args__ = (sa.UniqueConstraint("enrolment_id", "day", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    enrolment_id: int = Field(foreign_key="care_enrolment.id", index=True)
    household_id: int = Field(foreign_key="household.id", index=True)
    day: date = Field(index=True)
    kind: CareKind = Field(sa_type=sa.String(20))
    done_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    done_by_id: int | None = Field(default=None, foreign_key="app_user.id")
