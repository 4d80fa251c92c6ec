"""Home isolation (居家隔离): cases, who is isolated, extensions, readings, daily care, fever.

Invariants:
- A case belongs to one household; its isolated people are residents of that household.
- Days are counted in the community's time zone (settings.timezone): `day` columns are
  local dates, `*_at` columns are UTC instants.
- A checklist item is unique per (case, day, key); generation is idempotent.
- A fever alert is raised once per reading and stays open until an action is recorded.
- A reading is never deleted: a household's correction voids it (voided_at / voided_by_id);
  voided readings are left out of the checklist, the board and the alerts, kept in history.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field

from community_app.models.base import Tracked


class IsolationReason(StrEnum):
    returnee = "returnee"
    close_contact = "close_contact"
    other = "other"


class CaseStatus(StrEnum):
    open = "open"
    closed = "closed"


class CloseReason(StrEnum):
    completed = "completed"
    hospital = "hospital"
    central_quarantine = "central_quarantine"
    moved_away = "moved_away"
    other = "other"


class ReadingSlot(StrEnum):
    morning = "morning"
    afternoon = "afternoon"


class ReadingSource(StrEnum):
    self_report = "self_report"
    phone = "phone"
    door = "door"


class ItemKind(StrEnum):
    temp_morning = "temp_morning"
    temp_afternoon = "temp_afternoon"
    garbage_morning = "garbage_morning"
    garbage_afternoon = "garbage_afternoon"
    checkin = "checkin"
    supply_thermometer = "supply_thermometer"
    supply_masks = "supply_masks"
    supply_disinfectant = "supply_disinfectant"
    supply_garbage_bags = "supply_garbage_bags"
    door_notice = "door_notice"


class ItemStatus(StrEnum):
    due = "due"
    done = "done"
    could_not = "could_not"


class AlertAction(StrEnum):
    doctor_called = "doctor_called"
    transferred = "transferred"
    remeasured = "remeasured"
    # Recorded by the system when the household voids the reading as a typo (its own
    # correction); never offered to staff.
    corrected = "corrected"


# What a worker / admin may record about a fever.
STAFF_ACTIONS = (AlertAction.doctor_called, AlertAction.transferred, AlertAction.remeasured)


class IsolationCase(Tracked, table=True):
    __tablename__ = "isolation_case"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    household_id: int = Field(foreign_key="household.id", index=True)
    reason: IsolationReason = Field(sa_type=sa.String(16))
    reason_note: str = Field(default="", max_length=200)
    start_date: date = Field(sa_type=sa.Date)
    period_days: int = Field(default=14, ge=1, le=60)
    worker_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    status: CaseStatus = Field(default=CaseStatus.open, sa_type=sa.String(10), index=True)
    close_reason: CloseReason | None = Field(default=None, sa_type=sa.String(20))
    close_note: str = Field(default="", max_length=200)
    closed_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    closed_day: date | None = Field(default=None, sa_type=sa.Date)
    closed_by_id: int | None = Field(default=None)
    opened_by_id: int | None = Field(default=None)


class IsolatedPerson(Tracked, table=True):
    """Link: which residents of the household are isolated under the case."""

    __tablename__ = "isolated_person"
    __table_args__ = (sa.UniqueConstraint("case_id", "resident_id"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="isolation_case.id", index=True)
    resident_id: int = Field(foreign_key="resident.id", index=True)


class CaseExtension(Tracked, table=True):
    __tablename__ = "isolation_extension"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="isolation_case.id", index=True)
    old_period: int
    new_period: int
    note: str = Field(default="", max_length=200)


class TemperatureReading(Tracked, table=True):
    __tablename__ = "temperature_reading"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="isolation_case.id", index=True)
    resident_id: int = Field(foreign_key="resident.id", index=True)
    value: Decimal = Field(sa_type=sa.Numeric(4, 1))
    taken_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    day: date = Field(sa_type=sa.Date, index=True)
    slot: ReadingSlot = Field(sa_type=sa.String(10))
    source: ReadingSource = Field(sa_type=sa.String(12))
    recorded_by_id: int | None = Field(default=None)
    # A voided reading (a household's typo, corrected) is kept but counts for nothing.
    voided_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    voided_by_id: int | None = Field(default=None)


class ChecklistItem(Tracked, table=True):
    __tablename__ = "care_item"
    __table_args__ = (sa.UniqueConstraint("case_id", "day", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="isolation_case.id", index=True)
    day: date = Field(sa_type=sa.Date, index=True)
    key: str = Field(max_length=40)
    kind: ItemKind = Field(sa_type=sa.String(24))
    resident_id: int | None = Field(default=None, foreign_key="resident.id")
    status: ItemStatus = Field(default=ItemStatus.due, sa_type=sa.String(10))
    reason: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=500)
    done_by_id: int | None = Field(default=None)
    done_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))


class FeverAlert(Tracked, table=True):
    __tablename__ = "fever_alert"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="isolation_case.id", index=True)
    reading_id: int = Field(foreign_key="temperature_reading.id", unique=True)
    resident_id: int = Field(foreign_key="resident.id")
    value: Decimal = Field(sa_type=sa.Numeric(4, 1))
    action: AlertAction | None = Field(default=None, sa_type=sa.String(16))
    action_note: str = Field(default="", max_length=200)
    actioned_by_id: int | None = Field(default=None)
    actioned_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
