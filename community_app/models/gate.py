"""The compound gate (卡点): checkpoints, who is on duty, resident passes, the gate register.

A checkpoint is one compound gate of a community, serving one or more of its compounds,
open round the clock or between two local times, with duty-slot settings (slot length in
hours, minimum people per slot). A `GateDuty` is one person signed on at a checkpoint
(until signed off). A `ResidentPass` (爱心出入卡) is one card of a household: a short code
(the QR carries only that), the allowance "outs per days" and, once revoked, `revoked_at`.
A household's isolation suspends its passes; that is computed when a pass is checked,
never stored. A `GateEntry` is one passage (resident, visitor, vehicle) with its
direction, temperature and the warnings raised when it was recorded. See
services/gate/README.md.
"""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from community_app.models.base import Tracked


class EntryKind(StrEnum):
    resident = "resident"
    visitor = "visitor"
    vehicle = "vehicle"


class Direction(StrEnum):
    enter = "in"
    leave = "out"


class GateWarning(StrEnum):
    isolated_out = "isolated_out"  # a member of an isolated household going out
    visitor_isolated = "visitor_isolated"  # a visitor heading to an isolated household
    fever = "fever"  # temperature >= 37.3 °C
    pass_revoked = "pass_revoked"
    over_allowance = "over_allowance"


FEVER_AT = Decimal("37.3")


class Checkpoint(Tracked, table=True):
    __tablename__ = "checkpoint"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    name: str = Field(max_length=60)  # which gate, e.g. 东门
    all_day: bool = Field(default=True)
    opens_at: time | None = Field(default=None, sa_type=sa.Time())  # local, when not all_day
    closes_at: time | None = Field(default=None, sa_type=sa.Time())
    slot_hours: int = Field(default=8, ge=1, le=24)  # duty slots start at 00:00 local
    slot_min_people: int = Field(default=2, ge=1, le=20)
    active: bool = Field(default=True)


class CheckpointCompound(SQLModel, table=True):
    """The compounds a checkpoint serves."""

    __tablename__ = "checkpoint_compound"

    checkpoint_id: int = Field(foreign_key="checkpoint.id", primary_key=True)
    compound_id: int = Field(foreign_key="compound.id", primary_key=True)


class GateDuty(Tracked, table=True):
    __tablename__ = "gate_duty"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    checkpoint_id: int = Field(foreign_key="checkpoint.id", index=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    on_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    off_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))


class ResidentPass(Tracked, table=True):
    __tablename__ = "resident_pass"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    household_id: int = Field(foreign_key="household.id", index=True)
    code: str = Field(max_length=12, unique=True, index=True)
    card_no: int = Field(default=1, ge=1, le=20)  # card 1, 2 ... of the household
    holder: str = Field(default="", max_length=50)  # who carries it (free text, may be "")
    outs: int = Field(default=1, ge=0, le=50)  # allowed outs (0: no limit) ...
    per_days: int = Field(default=2, ge=1, le=30)  # ... per this many local days
    issued_by_id: int = Field(foreign_key="app_user.id")
    revoked_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    revoked_by_id: int | None = Field(default=None)


class GateEntry(Tracked, table=True):
    __tablename__ = "gate_entry"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    checkpoint_id: int = Field(foreign_key="checkpoint.id", index=True)
    duty_id: int = Field(foreign_key="gate_duty.id", index=True)
    recorded_by_id: int = Field(foreign_key="app_user.id")
    kind: EntryKind = Field(sa_type=sa.String(10))
    direction: Direction = Field(sa_type=sa.String(3))
    at: datetime = Field(sa_type=sa.DateTime(timezone=True), index=True)
    temperature: Decimal | None = Field(default=None, sa_type=sa.Numeric(4, 1))
    pass_id: int | None = Field(default=None, foreign_key="resident_pass.id", index=True)
    # The pass's household, or the household a visitor is heading to.
    household_id: int | None = Field(default=None, foreign_key="household.id", index=True)
    visitor_name: str = Field(default="", max_length=50)
    visitor_phone: str = Field(default="", max_length=20)
    reason: str = Field(default="", max_length=100)
    plate: str = Field(default="", max_length=12)
    warnings: str = Field(default="", max_length=120)  # GateWarning values, comma-separated
