"""Door-to-door survey (入户摸排): rounds, each household's progress, visits and findings.

Invariants:
- A round holds one RoundHousehold per household of its compounds, created when it opens
  (and when a roster import adds households to a compound it covers); the round is
  complete only when every one is reached or confirmed vacant. Several rounds may be open
  at once: a household belongs to every open round covering its compound.
- A VisitAttempt is the record of one try (uuid: applies once). Reaching a household
  writes the residents' findings into ResidentFinding (latest fact per resident per round).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from community_app.models.base import Tracked


class RoundStatus(StrEnum):
    open = "open"
    closed = "closed"


class HouseholdStatus(StrEnum):
    pending = "pending"  # nobody has tried yet
    followup = "followup"  # tried, not reached; the next action is due
    escalated = "escalated"  # too many failed attempts: the admin must act
    reached = "reached"
    vacant = "vacant"  # confirmed vacant: counts as done


DONE_STATUSES = (HouseholdStatus.reached, HouseholdStatus.vacant)


class Outcome(StrEnum):
    door = "door"
    phone = "phone"
    intercom = "intercom"
    self_filled = "self_filled"
    form_under_door = "form_under_door"
    not_home = "not_home"
    refused = "refused"
    maybe_vacant = "maybe_vacant"
    confirmed_vacant = "confirmed_vacant"


REACHED_OUTCOMES = (
    Outcome.door, Outcome.phone, Outcome.intercom, Outcome.self_filled, Outcome.form_under_door,
)
FAILED_OUTCOMES = (Outcome.not_home, Outcome.refused, Outcome.maybe_vacant)


class NextAction(StrEnum):
    phone = "phone"
    door_notice = "door_notice"
    evening_revisit = "evening_revisit"
    intercom = "intercom"


class SurveyRound(Tracked, table=True):
    __tablename__ = "survey_round"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    name: str = Field(max_length=60)
    start_date: date
    status: RoundStatus = Field(default=RoundStatus.open, sa_type=sa.String(10))
    max_attempts: int = Field(default=3, ge=1, le=10)
    # Opened over the whole community: compounds added later (a roster import) join it too.
    covers_all: bool = Field(default=False)


class RoundCompound(SQLModel, table=True):
    __tablename__ = "round_compound"

    round_id: int = Field(foreign_key="survey_round.id", primary_key=True)
    compound_id: int = Field(foreign_key="compound.id", primary_key=True)


class RoundHousehold(SQLModel, table=True):
    __tablename__ = "round_household"
    __table_args__ = (
        sa.UniqueConstraint("round_id", "household_id"),
        sa.Index("ix_round_household_round_status", "round_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="survey_round.id")
    household_id: int = Field(foreign_key="household.id", index=True)
    status: HouseholdStatus = Field(default=HouseholdStatus.pending, sa_type=sa.String(10))
    failed_attempts: int = 0
    next_action: NextAction | None = Field(default=None, sa_type=sa.String(16))
    last_attempt_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    reached_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    # Printed on the door notice; opens the self-fill form for this household only.
    notice_code: str = Field(max_length=10, unique=True)
    needs: str = Field(default="", max_length=500)
    notes: str = Field(default="", max_length=500)
    # The needs handled another way (the family brings it, the worker bought it): the needs
    # text it was handled for, so a later visit recording other needs lists them again.
    needs_handled_text: str = Field(default="", max_length=500)
    needs_handled_reason: str = Field(default="", max_length=200)
    needs_handled_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    needs_handled_by_id: int | None = Field(default=None, foreign_key="app_user.id")


class VisitAttempt(Tracked, table=True):
    __tablename__ = "visit_attempt"

    id: int | None = Field(default=None, primary_key=True)
    round_household_id: int = Field(foreign_key="round_household.id", index=True)
    outcome: Outcome = Field(sa_type=sa.String(20))
    next_action: NextAction | None = Field(default=None, sa_type=sa.String(16))
    note: str = Field(default="", max_length=500)
    by_user_id: int | None = Field(default=None, foreign_key="app_user.id")


class ResidentFinding(SQLModel, table=True):
    """What the round found about one resident (the latest reached visit wins)."""

    __tablename__ = "resident_finding"
    __table_args__ = (
        sa.UniqueConstraint("round_id", "resident_id"),
        sa.Index("ix_resident_finding_round_flags", "round_id", "returnee", "fever"),
    )

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="survey_round.id")
    resident_id: int = Field(foreign_key="resident.id", index=True)
    present: bool = True
    returnee: bool = False
    returned_from: str = Field(default="", max_length=60)
    return_date: date | None = None
    contact_case: bool = False
    temperature: Decimal | None = Field(default=None, sa_type=sa.Numeric(4, 1))
    fever: bool = False
    symptoms: str = Field(default="", max_length=200)
    first_recorded_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    recorded_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    recorded_by_id: int | None = Field(default=None, foreign_key="app_user.id")


class SelfFillStatus(StrEnum):
    pending = "pending"
    accepted = "accepted"
    rejected = "rejected"


class SelfFill(Tracked, table=True):
    """A resident's own submission via the door-notice code: reviewed before the ledger."""

    __tablename__ = "self_fill"

    id: int | None = Field(default=None, primary_key=True)
    round_household_id: int = Field(foreign_key="round_household.id", index=True)
    payload: str = Field(sa_type=sa.Text)  # validated JSON of the form
    status: SelfFillStatus = Field(default=SelfFillStatus.pending, sa_type=sa.String(10))
    reviewed_by_id: int | None = Field(default=None, foreign_key="app_user.id")
