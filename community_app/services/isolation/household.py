"""The isolated household's own page, and correcting its own typo.

A household reports in three taps (whole degree, tenth = save); a typo is never permanent:
for `settings.isolation_correct_minutes` after saving, the household may void its own
reading. A voided reading is kept (voided_at / voided_by_id, struck through in the case
history) but counts for nothing: it unticks its checklist slot unless another reading still
fills it, and a fever alert it raised that nobody acted on yet is closed with the action
`corrected` (recorded as the household's), so the worker still sees it happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlmodel import Session, select

from community_app.models import (
    AlertAction,
    CaseStatus,
    ChecklistItem,
    FeverAlert,
    IsolationCase,
    ItemStatus,
    ReadingSource,
    Role,
    TemperatureReading,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import aware, hhmm, local_day, utc
from community_app.services.errors import Denied, ServiceError
from community_app.services.isolation.access import get_case, people, require_open
from community_app.services.isolation.cases import day_number, end_date
from community_app.services.isolation.checklist import ensure_checklist
from community_app.services.isolation.readings import (
    ReadingResult,
    is_fever,
    record_reading,
    slot_item,
)
from community_app.settings import settings


def _text(value: object) -> str:
    return f"{Decimal(value):.1f}"


def _live(session: Session, *, case_id: int, **where: object) -> list[TemperatureReading]:
    """Readings of a case that count (not voided), oldest first."""
    query = select(TemperatureReading).where(TemperatureReading.case_id == case_id,
                                             TemperatureReading.voided_at.is_(None))
    for name, value in where.items():
        query = query.where(getattr(TemperatureReading, name) == value)
    return list(session.exec(query.order_by(TemperatureReading.taken_at,
                                            TemperatureReading.id)).all())


# --- correcting a typo --------------------------------------------------------------------


@dataclass
class VoidResult:
    resident_id: int
    value: str
    alert_closed: bool


def _refresh_slot(session: Session, reading: TemperatureReading, actor: Actor) -> None:
    """The slot stays ticked only while a reading that counts fills it."""
    item = slot_item(session, case_id=reading.case_id, day=reading.day, slot=reading.slot,
                     resident_id=reading.resident_id)
    # Only an item ticked by a reading is touched; a worker's manual tick stands.
    if item is None or item.status != ItemStatus.done or not item.note.endswith(" °C"):
        return
    rest = _live(session, case_id=reading.case_id, day=reading.day, slot=reading.slot,
                 resident_id=reading.resident_id)
    if rest:
        item.note = f"{_text(rest[0].value)} °C"
        item.done_by_id, item.done_at = rest[0].recorded_by_id, rest[0].taken_at
    else:
        item.status, item.note = ItemStatus.due, ""
        item.done_by_id = item.done_at = None
    item.touch(actor.user_id)
    session.add(item)


def void_reading(session: Session, *, actor: Actor, reading_id: int,
                 now: datetime | None = None) -> VoidResult:
    """The household voids its own recent reading (a typo); a replay changes nothing."""
    scope.require_role(actor, Role.household)
    if actor.household_id is None or not isinstance(reading_id, int) or isinstance(
            reading_id, bool):
        raise Denied()
    reading = session.get(TemperatureReading, reading_id)
    if reading is None:
        raise Denied()
    case = get_case(session, actor=actor, case_id=reading.case_id)  # its own case only
    if reading.source != ReadingSource.self_report:
        raise Denied()  # what a worker recorded is the worker's to handle
    alert = session.exec(select(FeverAlert).where(FeverAlert.reading_id == reading.id)).first()
    if reading.voided_at is not None:
        return VoidResult(reading.resident_id, _text(reading.value),
                          alert is not None and alert.action == AlertAction.corrected)
    require_open(case)
    at = utc(now)
    window = settings.isolation_correct_minutes
    if at - aware(reading.taken_at) > timedelta(minutes=window):
        raise ServiceError("isolation.correct_too_late", minutes=window)
    reading.voided_at, reading.voided_by_id = at, actor.user_id
    reading.touch(actor.user_id)
    session.add(reading)
    session.flush()
    closed = False
    if alert is not None and alert.action is None:
        alert.action = AlertAction.corrected
        alert.action_note = f"{_text(reading.value)} °C"
        alert.actioned_by_id, alert.actioned_at = actor.user_id, at
        alert.touch(actor.user_id)
        session.add(alert)
        closed = True
    _refresh_slot(session, reading, actor)
    session.flush()
    return VoidResult(reading.resident_id, _text(reading.value), closed)


# --- the household's own page -------------------------------------------------------------


@dataclass
class HouseholdPerson:
    id: int
    name: str
    readings: list[str]
    morning_done: bool
    afternoon_done: bool
    # The latest own reading still open to correction (0 / "" when none).
    recent_id: int = 0
    recent_value: str = ""
    recent_fever: bool = False


@dataclass
class HouseholdCase:
    case_id: int
    state: str  # "none" | "open" | "ended"
    day_no: int
    period: int
    end_date: str
    closed_day: str
    people: list[HouseholdPerson]


def household_case(session: Session, *, actor: Actor,
                   now: datetime | None = None) -> HouseholdCase:
    """The signed-in household's own case (open, or the last one ended), nothing else."""
    scope.require_role(actor, Role.household)
    if actor.household_id is None:
        raise Denied()
    today = local_day(now)
    case = session.exec(
        select(IsolationCase)
        .where(IsolationCase.household_id == actor.household_id)
        .order_by(IsolationCase.status == CaseStatus.closed, IsolationCase.id.desc())
    ).first()
    if case is None:
        return HouseholdCase(0, "none", 0, 0, "", "", [])
    if case.status == CaseStatus.closed:
        return HouseholdCase(case.id, "ended", 0, case.period_days, end_date(case).isoformat(),
                             case.closed_day.isoformat() if case.closed_day else "", [])
    ensure_checklist(session, case=case, day=today)
    readings = _live(session, case_id=case.id, day=today)
    done = set(session.exec(
        select(ChecklistItem.key).where(
            ChecklistItem.case_id == case.id, ChecklistItem.day == today,
            ChecklistItem.status == ItemStatus.done,
        )
    ).all())
    since = utc(now) - timedelta(minutes=settings.isolation_correct_minutes)
    cards = []
    for p in people(session, case.id):
        mine = [r for r in readings if r.resident_id == p.id]
        recent = next((r for r in reversed(mine) if r.source == ReadingSource.self_report
                       and aware(r.taken_at) >= since), None)
        cards.append(HouseholdPerson(
            id=p.id, name=p.name,
            readings=[f"{hhmm(r.taken_at)}  {_text(r.value)} °C" for r in mine],
            morning_done=f"temp_morning:{p.id}" in done,
            afternoon_done=f"temp_afternoon:{p.id}" in done,
            recent_id=recent.id if recent else 0,
            recent_value=_text(recent.value) if recent else "",
            recent_fever=bool(recent) and is_fever(Decimal(recent.value)),
        ))
    return HouseholdCase(case.id, "open", min(day_number(case, today), case.period_days),
                         case.period_days, end_date(case).isoformat(), "", cards)


# --- the household page's writes: each returns the page as the household sees it next -----


@dataclass
class HouseholdReport:
    reading: ReadingResult
    page: HouseholdCase


def report(session: Session, *, actor: Actor, uuid: str, case_id: object, resident_id: object,
           value: object, now: datetime | None = None) -> HouseholdReport:
    """The household's own reading (always `self_report`; a replayed uuid records once)."""
    reading = record_reading(session, actor=actor, uuid=uuid, case_id=case_id,
                             resident_id=resident_id, value=value, now=now)
    return HouseholdReport(reading=reading, page=household_case(session, actor=actor, now=now))


@dataclass
class HouseholdCorrection:
    voided: VoidResult
    page: HouseholdCase


def correct(session: Session, *, actor: Actor, reading_id: object,
            now: datetime | None = None) -> HouseholdCorrection:
    """Void the household's own recent reading (a typo), then its page without it."""
    voided = void_reading(session, actor=actor, reading_id=reading_id, now=now)
    return HouseholdCorrection(voided=voided,
                               page=household_case(session, actor=actor, now=now))
