"""Lit-window night patrol (点灯护院 / 数灯泡).

A plan is one group's patrol on one night: its buildings (in walking order), its
people and its time window. Each person signs in and out (a walk). The group marks
each window lit or dark; a dark window at a watched household raises a follow-up
for the building's grid worker. See services/README.md "## Patrol".
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field

from community_app.models.base import Tracked


class FollowUpStatus(StrEnum):
    open = "open"
    called = "called"
    visited = "visited"
    resolved = "resolved"


class CallOutcome(StrEnum):
    answered = "answered"
    no_answer = "no_answer"


class VisitOutcome(StrEnum):
    well = "well"  # at home and well
    away = "away"  # away, known
    needs_help = "needs_help"
    emergency = "emergency"  # emergency services called


class Resolution(StrEnum):
    answered = "answered"
    visited = "visited"
    lit_later = "lit_later"
    handled = "handled"


class PatrolPlan(Tracked, table=True):
    __tablename__ = "patrol_plan"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    night: date = Field(index=True)  # local date (settings.timezone) the patrol starts on
    window_start: time = Field(sa_type=sa.Time())
    window_end: time = Field(sa_type=sa.Time())  # may be past midnight (earlier than start)
    note: str = Field(default="", max_length=200)
    # Set when the admin cancels the plan before anyone signed in; the row stays so a
    # replayed "create" finds it instead of making the plan again.
    cancelled_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))


class PatrolPlanBuilding(Tracked, table=True):
    __tablename__ = "patrol_plan_building"
    __table_args__ = (sa.UniqueConstraint("plan_id", "building_id"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="patrol_plan.id", index=True)
    building_id: int = Field(foreign_key="building.id", index=True)
    position: int = 0


class PatrolPlanMember(Tracked, table=True):
    __tablename__ = "patrol_plan_member"
    __table_args__ = (sa.UniqueConstraint("plan_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="patrol_plan.id", index=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)


class PatrolWalk(Tracked, table=True):
    """One person's sign-in and sign-out on one plan: who walked, and for how long."""

    __tablename__ = "patrol_walk"
    __table_args__ = (sa.UniqueConstraint("plan_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="patrol_plan.id", index=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    signed_in_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    signed_out_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))


class PatrolBuildingResult(Tracked, table=True):
    """Per plan and building: the running lit count, and whether the group finished it."""

    __tablename__ = "patrol_building_result"
    __table_args__ = (sa.UniqueConstraint("plan_id", "building_id"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="patrol_plan.id", index=True)
    building_id: int = Field(foreign_key="building.id", index=True)
    lit_count: int = 0
    marked_count: int = 0
    total: int = 0
    finished_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    finished_by_id: int | None = Field(default=None, foreign_key="app_user.id")


class PatrolMark(Tracked, table=True):
    """One window on one night: lit or dark. No row means not checked."""

    __tablename__ = "patrol_mark"
    __table_args__ = (sa.UniqueConstraint("plan_id", "household_id"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="patrol_plan.id", index=True)
    building_id: int = Field(foreign_key="building.id", index=True)
    household_id: int = Field(foreign_key="household.id", index=True)
    night: date = Field(index=True)
    lit: bool


class PatrolFollowUp(Tracked, table=True):
    """A dark window at a watched household: call, then knock, then record the outcome."""

    __tablename__ = "patrol_follow_up"
    __table_args__ = (sa.UniqueConstraint("plan_id", "household_id"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="patrol_plan.id", index=True)
    building_id: int = Field(foreign_key="building.id", index=True)
    household_id: int = Field(foreign_key="household.id", index=True)
    night: date = Field(index=True)
    # The building's grid worker when the follow-up was raised (null: none assigned).
    worker_id: int | None = Field(default=None, foreign_key="app_user.id")
    reason: str = Field(default="", max_length=60)
    status: FollowUpStatus = Field(default=FollowUpStatus.open, sa_type=sa.String(10), index=True)
    call_outcome: CallOutcome | None = Field(default=None, sa_type=sa.String(10))
    called_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    visit_outcome: VisitOutcome | None = Field(default=None, sa_type=sa.String(12))
    visited_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    resolution: Resolution | None = Field(default=None, sa_type=sa.String(10))
    resolved_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    note: str = Field(default="", max_length=200)
