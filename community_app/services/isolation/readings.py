"""Isolation readings: temperatures, fever alerts and what was done about them.

A reading is 34.0-43.0 °C with one decimal; 37.3 °C or more is a fever and raises an alert
whose first recorded action stands. A household reports only for its own isolated people
(its page and corrections are in household.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sqlmodel import Session, select

from community_app.models import (
    STAFF_ACTIONS,
    AlertAction,
    ChecklistItem,
    FeverAlert,
    IsolationCase,
    ItemStatus,
    ReadingSlot,
    ReadingSource,
    Resident,
    Role,
    TemperatureReading,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import local_clock, local_day, stamp, utc
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, derived_uuid, existing
from community_app.services.isolation.access import (
    STAFF,
    get_case,
    people,
    require_open,
    staff_case_filter,
)
from community_app.services.isolation.checklist import CARE_TIMES, ensure_checklist
from community_app.services.places import addresses

TEMP_MIN = Decimal("34.0")
TEMP_MAX = Decimal("43.0")
FEVER_AT = Decimal("37.3")


def parse_temperature(value: object) -> Decimal:
    """A reading in °C with one decimal; out of 34.0-43.0 is refused."""
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ServiceError("isolation.temp_invalid") from None
    if not number.is_finite():
        raise ServiceError("isolation.temp_invalid")
    number = number.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if number < TEMP_MIN or number > TEMP_MAX:
        raise ServiceError("isolation.temp_out_of_range", low=str(TEMP_MIN), high=str(TEMP_MAX))
    return number


def is_fever(value: Decimal) -> bool:
    return value >= FEVER_AT


# --- temperatures and fever ---------------------------------------------------------------


def slot_item(session: Session, *, case_id: int, day: date, slot: ReadingSlot,
              resident_id: int) -> ChecklistItem | None:
    """The checklist item a reading of this person, day and slot ticks."""
    return session.exec(
        select(ChecklistItem).where(
            ChecklistItem.case_id == case_id,
            ChecklistItem.day == day,
            ChecklistItem.key == f"temp_{ReadingSlot(slot).value}:{resident_id}",
        )
    ).first()


@dataclass
class ReadingResult:
    id: int
    value: str
    fever: bool


def record_reading(
    session: Session,
    *,
    actor: Actor,
    uuid: str,
    case_id: int,
    resident_id: int,
    value: object,
    source: str = "",
    slot: str = "",
    now: datetime | None = None,
) -> ReadingResult:
    """A temperature for one isolated person; ticks the slot's item; >= 37.3 raises an alert."""
    scope.require_role(actor, Role.admin, Role.grid_worker, Role.household)
    case = get_case(session, actor=actor, case_id=case_id)
    uuid = check_uuid(uuid)
    earlier = existing(session, TemperatureReading, uuid)
    if earlier is not None:
        if earlier.case_id != case.id:
            raise Denied()
        return ReadingResult(id=earlier.id, value=str(earlier.value),
                             fever=is_fever(Decimal(earlier.value)))
    require_open(case)
    if resident_id not in [p.id for p in people(session, case.id)]:
        raise Denied()
    number = parse_temperature(value)
    if actor.role == Role.household:
        origin = ReadingSource.self_report
    else:
        try:
            origin = ReadingSource(source or ReadingSource.phone)
        except ValueError:
            raise ServiceError("err.bad_request") from None
        if origin == ReadingSource.self_report:
            raise ServiceError("err.bad_request")
    taken = utc(now)
    day = local_day(taken)
    if slot:
        try:
            which = ReadingSlot(slot)
        except ValueError:
            raise ServiceError("err.bad_request") from None
    else:
        which = (ReadingSlot.morning if local_clock(taken) < CARE_TIMES.afternoon_starts
                 else ReadingSlot.afternoon)
    reading = TemperatureReading(uuid=uuid, case_id=case.id, resident_id=resident_id,
                                 value=number, taken_at=taken, day=day, slot=which,
                                 source=origin, recorded_by_id=actor.user_id,
                                 updated_by_id=actor.user_id)
    session.add(reading)
    session.flush()
    ensure_checklist(session, case=case, day=day)
    item = slot_item(session, case_id=case.id, day=day, slot=which, resident_id=resident_id)
    if item is not None and item.status != ItemStatus.done:
        item.status = ItemStatus.done
        item.reason = ""
        item.note = f"{number} °C"
        item.done_by_id = actor.user_id
        item.done_at = taken
        item.touch(actor.user_id)
        session.add(item)
    fever = is_fever(number)
    if fever:
        session.add(FeverAlert(uuid=derived_uuid("alert", uuid), case_id=case.id,
                               reading_id=reading.id, resident_id=resident_id, value=number,
                               updated_by_id=actor.user_id))
    session.flush()
    return ReadingResult(id=reading.id, value=str(number), fever=fever)


def act_on_alert(session: Session, *, actor: Actor, alert_id: int, action: str,
                 note: str = "", now: datetime | None = None) -> None:
    """Record what was done about a fever; the first recorded action stands."""
    scope.require_role(actor, *STAFF)
    alert = session.get(FeverAlert, alert_id) if isinstance(alert_id, int) else None
    if alert is None:
        raise Denied()
    get_case(session, actor=actor, case_id=alert.case_id)
    try:
        action = AlertAction(action)
    except ValueError:
        raise ServiceError("err.bad_request") from None
    if action not in STAFF_ACTIONS:  # "corrected" is the household's own correction only
        raise ServiceError("err.bad_request")
    if alert.action is not None:
        return
    alert.action = action
    alert.action_note = (note or "").strip()[:200]
    alert.actioned_by_id = actor.user_id
    alert.actioned_at = utc(now)
    alert.touch(actor.user_id)
    session.add(alert)
    session.flush()


@dataclass
class AlertRow:
    id: int
    case_id: int
    address: str
    person: str
    value: str
    at: str


def open_alerts(session: Session, *, actor: Actor) -> list[AlertRow]:
    """Fever alerts in scope with no action recorded yet, newest first."""
    scope.require_role(actor, *STAFF)
    rows = session.exec(
        select(FeverAlert, Resident.name, IsolationCase.household_id)
        .join(IsolationCase, IsolationCase.id == FeverAlert.case_id)
        .join(Resident, Resident.id == FeverAlert.resident_id)
        .where(
            FeverAlert.action.is_(None),
            IsolationCase.community_id == actor.community_id,
            staff_case_filter(session, actor),
        )
        .order_by(FeverAlert.id.desc())
    ).all()
    where = addresses(session, list({household_id for _, _, household_id in rows}))
    return [
        AlertRow(id=a.id, case_id=a.case_id, address=where.get(household_id, ""), person=name,
                 value=f"{Decimal(a.value):.1f}", at=stamp(a.created_at))
        for a, name, household_id in rows
    ]
