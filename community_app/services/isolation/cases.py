"""Home isolation care (居家隔离 / 爱心敲门): cases and days.

Days are local dates in the community's time zone (services.clock, Asia/Shanghai):
2026-11-23T17:00Z is already 24 November there. Every function that depends on "now"
takes an optional `now` (UTC instant) so tests can stand anywhere in time.

This module holds the day counting of a case (day X = start + X - 1, the end date is
start + period - 1) and a case's life (open, extend, close, release); access lives in
access.py, then checklist, readings, household, board and history build on both.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from community_app.models import (
    CaseExtension,
    CaseStatus,
    CloseReason,
    GridAssignment,
    Household,
    IsolatedPerson,
    IsolationCase,
    IsolationReason,
    Resident,
    Role,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import local_day, utc
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, derived_uuid, existing
from community_app.services.isolation.access import STAFF, get_case, require_open
from community_app.services.places import household_place

MAX_PERIOD = 60


# --- days -------------------------------------------------------------------------------


def end_date(case: IsolationCase) -> date:
    return case.start_date + timedelta(days=case.period_days - 1)


def day_number(case: IsolationCase, day: date) -> int:
    return (day - case.start_date).days + 1


def release_offered(case: IsolationCase, today: date) -> bool:
    return case.status == CaseStatus.open and today >= end_date(case)


# --- opening, extending, closing ----------------------------------------------------------


@dataclass
class PersonOption:
    id: int
    name: str


@dataclass
class NewCaseForm:
    household_id: int
    address: str
    residents: list[PersonOption]
    open_case_id: int
    today: str


def new_case_form(session: Session, *, actor: Actor, household_id: object = None,
                  code: str = "", now: datetime | None = None) -> NewCaseForm:
    """The household a case would be opened for (by id, or by its door code), in scope."""
    scope.require_role(actor, *STAFF)
    if code:
        found = session.exec(select(Household).where(Household.code == str(code)[:12])).first()
        # "Not yours" answers exactly like "no such code": a code probes nothing outside scope.
        if found is None or found.building_id not in scope.building_ids_in_scope(
                session, actor=actor):
            raise Denied("isolation.no_such_code")
        household_id = found.id
    if not isinstance(household_id, int) or isinstance(household_id, bool):
        raise ServiceError("err.bad_request")
    household = scope.get_household(session, actor=actor, household_id=household_id)
    residents = session.exec(
        select(Resident)
        .where(Resident.household_id == household.id, Resident.moved_away.is_(False))
        .order_by(Resident.id)
    ).all()
    open_case = session.exec(
        select(IsolationCase.id).where(
            IsolationCase.household_id == household.id, IsolationCase.status == CaseStatus.open
        )
    ).first()
    return NewCaseForm(
        household_id=household.id,
        address=household_place(session, household.id).address,
        residents=[PersonOption(id=r.id, name=r.name) for r in residents],
        open_case_id=open_case or 0,
        today=local_day(now).isoformat(),
    )


def open_case(
    session: Session,
    *,
    actor: Actor,
    uuid: str,
    household_id: int,
    resident_ids: list[int],
    reason: str,
    reason_note: str = "",
    start_date: date | None = None,
    period_days: int = 14,
    now: datetime | None = None,
) -> int:
    """Open a case for a household in scope; returns its id (the same id on a replay)."""
    scope.require_role(actor, *STAFF)
    uuid = check_uuid(uuid)
    earlier = existing(session, IsolationCase, uuid)
    if earlier is not None:
        return get_case(session, actor=actor, case_id=earlier.id).id
    household = scope.get_household(session, actor=actor, household_id=household_id)
    try:
        reason = IsolationReason(reason)
    except ValueError:
        raise ServiceError("err.bad_request") from None
    reason_note = (reason_note or "").strip()[:200]
    if reason == IsolationReason.other and not reason_note:
        raise ServiceError("isolation.note_required")
    today = local_day(now)
    start = start_date or today
    if start > today or start < today - timedelta(days=MAX_PERIOD):
        raise ServiceError("isolation.bad_start")
    if not 1 <= int(period_days) <= MAX_PERIOD:
        raise ServiceError("isolation.bad_period", max=MAX_PERIOD)
    if session.exec(
        select(IsolationCase.id).where(
            IsolationCase.household_id == household.id, IsolationCase.status == CaseStatus.open
        )
    ).first():
        raise ServiceError("isolation.already_open")
    wanted = set(resident_ids or [])
    residents = session.exec(
        select(Resident).where(
            Resident.household_id == household.id, Resident.moved_away.is_(False)
        )
    ).all()
    chosen = [r for r in residents if r.id in wanted]
    if not chosen or len(chosen) != len(wanted):
        raise ServiceError("isolation.no_people")
    if actor.role == Role.grid_worker:
        worker_id = actor.user_id
    else:
        worker_id = session.exec(
            select(GridAssignment.user_id).where(
                GridAssignment.building_id == household.building_id
            )
        ).first()
    case = IsolationCase(
        uuid=uuid,
        community_id=actor.community_id,
        household_id=household.id,
        reason=reason,
        reason_note=reason_note,
        start_date=start,
        period_days=int(period_days),
        worker_id=worker_id,
        opened_by_id=actor.user_id,
        updated_by_id=actor.user_id,
    )
    session.add(case)
    session.flush()
    for resident in chosen:
        session.add(IsolatedPerson(uuid=derived_uuid("person", uuid, resident.id), case_id=case.id,
                                   resident_id=resident.id, updated_by_id=actor.user_id))
    session.flush()
    return case.id


def extend_case(session: Session, *, actor: Actor, case_id: int, days: int, note: str = "",
                uuid: str = "") -> int:
    """Add days to an open case's period; returns the new period. A replayed uuid adds nothing."""
    scope.require_role(actor, *STAFF)
    case = get_case(session, actor=actor, case_id=case_id)
    require_open(case)
    if uuid:
        uuid = check_uuid(uuid)
        if existing(session, CaseExtension, uuid) is not None:
            return case.period_days
    if not isinstance(days, int) or not 1 <= days <= 30:
        raise ServiceError("isolation.bad_extension")
    new_period = case.period_days + days
    if new_period > MAX_PERIOD:
        raise ServiceError("isolation.bad_period", max=MAX_PERIOD)
    session.add(CaseExtension(uuid=uuid or str(uuidlib.uuid4()), case_id=case.id,
                              old_period=case.period_days, new_period=new_period,
                              note=(note or "").strip()[:200], updated_by_id=actor.user_id))
    case.period_days = new_period
    case.touch(actor.user_id)
    session.add(case)
    session.flush()
    return new_period


def close_case(session: Session, *, actor: Actor, case_id: int, reason: str, note: str = "",
               now: datetime | None = None) -> None:
    """Close with a reason. 'completed' (release) only on or after the last day."""
    scope.require_role(actor, *STAFF)
    case = get_case(session, actor=actor, case_id=case_id)
    require_open(case)
    try:
        reason = CloseReason(reason)
    except ValueError:
        raise ServiceError("err.bad_request") from None
    note = (note or "").strip()[:200]
    today = local_day(now)
    if reason == CloseReason.completed and today < end_date(case):
        raise ServiceError("isolation.not_last_day", day=end_date(case).isoformat())
    if reason == CloseReason.other and not note:
        raise ServiceError("isolation.note_required")
    case.status = CaseStatus.closed
    case.close_reason = reason
    case.close_note = note
    case.closed_at = utc(now)
    case.closed_day = today
    case.closed_by_id = actor.user_id
    case.touch(actor.user_id)
    session.add(case)
    session.flush()


def release_case(session: Session, *, actor: Actor, case_id: int,
                 now: datetime | None = None) -> None:
    close_case(session, actor=actor, case_id=case_id, reason=CloseReason.completed, now=now)
