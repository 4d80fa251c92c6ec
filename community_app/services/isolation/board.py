"""The grid worker's today board: every open case in scope, what is still due, fever alerts.

Overdue items come first within a case and cases with overdue items first; the board reads
all cases in a fixed number of queries (checklists generated in bulk), however many cases.
Each write the board makes (tick, act, record) returns the board after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import or_
from sqlmodel import Session, select

from community_app.models import (
    CaseStatus,
    ChecklistItem,
    IsolationCase,
    ItemKind,
    ItemStatus,
    Resident,
    TemperatureReading,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import local_day
from community_app.services.isolation.access import STAFF, people_by_case, staff_case_filter
from community_app.services.isolation.cases import day_number, end_date, release_offered
from community_app.services.isolation.checklist import (
    ONCE_KINDS,
    ensure_checklists,
    is_overdue,
    mark_item,
)
from community_app.services.isolation.readings import (
    AlertRow,
    ReadingResult,
    act_on_alert,
    is_fever,
    open_alerts,
    record_reading,
)
from community_app.services.places import addresses

# --- the worker's today board -------------------------------------------------------------


@dataclass
class BoardItem:
    id: int
    kind: str
    person: str
    overdue: bool


@dataclass
class BoardPerson:
    id: int
    name: str
    last: str
    fever: bool


@dataclass
class BoardCase:
    id: int
    address: str
    phone: str
    day_no: int
    period: int
    end_date: str
    release_offered: bool
    overdue: int
    people: list[BoardPerson]
    due: list[BoardItem]


@dataclass
class Board:
    today: str
    alerts: list[AlertRow]
    cases: list[BoardCase]


def open_cases(session: Session, *, actor: Actor, day: date) -> list[IsolationCase]:
    """The open cases in the staff member's scope, their checklists of `day` made."""
    cases = list(session.exec(
        select(IsolationCase)
        .where(
            IsolationCase.status == CaseStatus.open,
            IsolationCase.community_id == actor.community_id,
            staff_case_filter(session, actor),
        )
        .order_by(IsolationCase.start_date, IsolationCase.id)
    ).all())
    ensure_checklists(session, cases=cases, day=day)
    return cases


def due_items(session: Session, case_ids: list[int], day: date) -> dict[int, list[ChecklistItem]]:
    """What is still due on `day` per case: that day's items and the once-only ones."""
    due: dict[int, list[ChecklistItem]] = {i: [] for i in case_ids}
    if not case_ids:
        return due
    for item in session.exec(
        select(ChecklistItem)
        .where(
            ChecklistItem.case_id.in_(case_ids),
            ChecklistItem.status == ItemStatus.due,
            or_(ChecklistItem.day == day, ChecklistItem.kind.in_(list(ONCE_KINDS))),
        )
        .order_by(ChecklistItem.id)
    ).all():
        due[item.case_id].append(item)
    return due


@dataclass
class DueCounts:
    households: int  # open cases with care still due today
    overdue: int  # of those items, the ones already late


def today_counts(session: Session, *, actor: Actor, now: datetime | None = None) -> DueCounts:
    """The board's numbers without drawing it (the worker's home): the same cases and the
    same due items as `today_board`, so the two cannot disagree."""
    scope.require_role(actor, *STAFF)
    today = local_day(now)
    cases = open_cases(session, actor=actor, day=today)
    due = due_items(session, [c.id for c in cases], today)
    return DueCounts(households=sum(1 for c in cases if due[c.id]),
                     overdue=sum(is_overdue(i, now=now) for items in due.values()
                                 for i in items))


def today_board(session: Session, *, actor: Actor, now: datetime | None = None) -> Board:
    """Every open case in scope with what is still due today; overdue first, alerts on top."""
    scope.require_role(actor, *STAFF)
    today = local_day(now)
    cases = open_cases(session, actor=actor, day=today)
    ids = [c.id for c in cases]
    people = people_by_case(session, ids)
    last: dict[tuple[int, int], Decimal] = {}
    due = due_items(session, ids, today)
    where: dict[int, str] = {}
    phones: dict[int, str] = {}
    if ids:
        for case_id, resident_id, value in session.exec(
            select(TemperatureReading.case_id, TemperatureReading.resident_id,
                   TemperatureReading.value)
            .where(TemperatureReading.case_id.in_(ids), TemperatureReading.voided_at.is_(None))
            .order_by(TemperatureReading.taken_at, TemperatureReading.id)
        ).all():
            last[(case_id, resident_id)] = Decimal(value)
        household_ids = [c.household_id for c in cases]
        where = addresses(session, household_ids)
        for household_id, phone in session.exec(
            select(Resident.household_id, Resident.phone)
            .where(Resident.household_id.in_(household_ids), Resident.phone != "")
            .order_by(Resident.id)
        ).all():
            phones.setdefault(household_id, phone)
    out = []
    for case in cases:
        persons = people[case.id]
        names = {p.id: p.name for p in persons}
        items = [
            BoardItem(id=i.id, kind=ItemKind(i.kind).value,
                      person=names.get(i.resident_id, "") if i.resident_id else "",
                      overdue=is_overdue(i, now=now))
            for i in due[case.id]
        ]
        items.sort(key=lambda i: not i.overdue)
        phone = next((p.phone for p in persons if p.phone), phones.get(case.household_id, ""))
        readings = {p.id: last.get((case.id, p.id)) for p in persons}
        out.append(BoardCase(
            id=case.id,
            address=where.get(case.household_id, ""),
            phone=phone,
            day_no=day_number(case, today),
            period=case.period_days,
            end_date=end_date(case).isoformat(),
            release_offered=release_offered(case, today),
            overdue=sum(1 for i in items if i.overdue),
            people=[BoardPerson(id=p.id, name=p.name,
                                last=f"{readings[p.id]:.1f}" if readings[p.id] is not None
                                else "",
                                fever=readings[p.id] is not None and is_fever(readings[p.id]))
                    for p in persons],
            due=items,
        ))
    out.sort(key=lambda c: (-c.overdue, c.id))
    return Board(today=today.isoformat(), alerts=open_alerts(session, actor=actor), cases=out)


# --- the board's writes: each returns the board the worker sees next ----------------------
# One call, one transaction: the write and the board it leaves behind (a handler never
# re-reads the board separately, so it never shows a board from before its own write).


@dataclass
class BoardTick:
    applied: bool  # False: this form (its client UUID) was applied before, nothing changed
    board: Board | None  # None: the screen that sent the tick draws the change itself


def tick(session: Session, *, actor: Actor, item_id: object, done: bool, reason: str = "",
         note: str = "", uuid: str = "", now: datetime | None = None,
         redraw: bool = True) -> BoardTick:
    """Tick an item (done, a check-in with its note) or mark it 'could not' with a reason.

    `redraw=False`: the caller's board lists this item and drops it itself, so an applied
    tick reads no board; otherwise, or when nothing was applied (a form sent twice), the
    board after the write comes back."""
    applied = mark_item(session, actor=actor, item_id=item_id, done=done, reason=reason,
                        note=note, uuid=uuid, now=now)
    board = None if applied and not redraw else today_board(session, actor=actor, now=now)
    return BoardTick(applied=applied, board=board)


def act(session: Session, *, actor: Actor, alert_id: object, action: str, note: str = "",
        now: datetime | None = None) -> Board:
    """Record what was done about a fever (the first recorded action stands)."""
    act_on_alert(session, actor=actor, alert_id=alert_id, action=action, note=note, now=now)
    return today_board(session, actor=actor, now=now)


@dataclass
class BoardReading:
    reading: ReadingResult
    board: Board


def record(session: Session, *, actor: Actor, uuid: str, case_id: object, resident_id: object,
           value: object, source: str, now: datetime | None = None) -> BoardReading:
    """A reading taken by phone or at the door (a replayed uuid records once)."""
    reading = record_reading(session, actor=actor, uuid=uuid, case_id=case_id,
                             resident_id=resident_id, value=value, source=source, now=now)
    return BoardReading(reading=reading, board=today_board(session, actor=actor, now=now))
