"""Isolation checklist: the daily items, when each becomes overdue, ticking and re-requesting.

Per-day items (two temperatures per isolated person, two garbage slots, the check-in call)
and once-per-case items (supplies, the door notice) are generated lazily and idempotently;
deadlines are local times set through the environment (CareTimes).
"""

from __future__ import annotations

import os
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from community_app.models import (
    CaseStatus,
    ChecklistItem,
    IsolationCase,
    ItemKind,
    ItemStatus,
    Resident,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import local_clock, local_day, parse_hhmm, utc
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import derived_uuid, first_application
from community_app.services.isolation.access import STAFF, get_case, people_by_case, require_open
from community_app.services.isolation.cases import end_date

PER_DAY_KINDS = (ItemKind.garbage_morning, ItemKind.garbage_afternoon, ItemKind.checkin)
ONCE_KINDS = (
    ItemKind.supply_thermometer,
    ItemKind.supply_masks,
    ItemKind.supply_disinfectant,
    ItemKind.supply_garbage_bags,
    ItemKind.door_notice,
)


def _setting(name: str, default: str) -> time:
    """A deadline from the environment (ISOLATION_*, "HH:MM"), read when CareTimes is made."""
    return parse_hhmm(os.environ.get(name, "").strip() or default)


@dataclass(frozen=True)
class CareTimes:
    """When each item of the day becomes overdue (local time); set through the environment."""

    morning_temp_by: time = field(
        default_factory=lambda: _setting("ISOLATION_MORNING_TEMP_BY", "10:00")
    )
    afternoon_temp_by: time = field(
        default_factory=lambda: _setting("ISOLATION_AFTERNOON_TEMP_BY", "18:00")
    )
    garbage_morning_at: time = field(
        default_factory=lambda: _setting("ISOLATION_GARBAGE_MORNING_AT", "08:00")
    )
    garbage_afternoon_at: time = field(
        default_factory=lambda: _setting("ISOLATION_GARBAGE_AFTERNOON_AT", "13:00")
    )
    supplies_by: time = field(default_factory=lambda: _setting("ISOLATION_SUPPLIES_BY", "18:00"))
    checkin_by: time = field(default_factory=lambda: _setting("ISOLATION_CHECKIN_BY", "20:00"))
    # A reading taken before this local time counts as the morning one.
    afternoon_starts: time = field(
        default_factory=lambda: _setting("ISOLATION_AFTERNOON_STARTS", "12:00")
    )

    def deadline(self, kind: ItemKind) -> time:
        if kind == ItemKind.temp_morning:
            return self.morning_temp_by
        if kind == ItemKind.temp_afternoon:
            return self.afternoon_temp_by
        if kind == ItemKind.garbage_morning:
            return self.garbage_morning_at
        if kind == ItemKind.garbage_afternoon:
            return self.garbage_afternoon_at
        if kind == ItemKind.checkin:
            return self.checkin_by
        return self.supplies_by


CARE_TIMES = CareTimes()


# --- overdue ------------------------------------------------------------------------------


def is_overdue(item: ChecklistItem, *, now: datetime | None = None,
               times: CareTimes = CARE_TIMES) -> bool:
    """Still due after its local deadline (or from an earlier day)."""
    if item.status != ItemStatus.due:
        return False
    today = local_day(now)
    if item.day < today:
        return True
    if item.day > today:
        return False
    return local_clock(now) >= times.deadline(ItemKind(item.kind))


# --- the daily checklist ------------------------------------------------------------------


def _item_specs(people: list[Resident]) -> list[tuple[str, ItemKind, int | None]]:
    specs: list[tuple[str, ItemKind, int | None]] = []
    for person in people:
        specs.append((f"temp_morning:{person.id}", ItemKind.temp_morning, person.id))
        specs.append((f"temp_afternoon:{person.id}", ItemKind.temp_afternoon, person.id))
    specs.extend((kind.value, kind, None) for kind in PER_DAY_KINDS)
    return specs


def ensure_checklist(session: Session, *, case: IsolationCase, day: date) -> None:
    """Generate the day's items for an open case (idempotent, safe under concurrent reads).

    Per-day items: two temperatures per isolated person, two garbage slots, the check-in
    call. Once-per-case items (supplies, door notice) are created the first time a day is
    generated and stay due until done; a re-request adds another one.
    """
    ensure_checklists(session, cases=[case], day=day)


def ensure_checklists(session: Session, *, cases: list[IsolationCase], day: date) -> None:
    """`ensure_checklist` for many cases in a few queries (the board reads them all)."""
    live = [c for c in cases
            if c.status == CaseStatus.open and c.start_date <= day <= end_date(c)]
    if not live:
        return
    ids = [c.id for c in live]
    have: dict[int, set[str]] = {i: set() for i in ids}
    for case_id, key in session.exec(
        select(ChecklistItem.case_id, ChecklistItem.key).where(
            ChecklistItem.case_id.in_(ids), ChecklistItem.day == day
        )
    ).all():
        have[case_id].add(key)
    kinds_ever: dict[int, set[str]] = {i: set() for i in ids}
    for case_id, kind in session.exec(
        select(ChecklistItem.case_id, ChecklistItem.kind).where(
            ChecklistItem.case_id.in_(ids), ChecklistItem.kind.in_(list(ONCE_KINDS))
        )
    ).all():
        kinds_ever[case_id].add(kind)
    people = people_by_case(session, ids)
    for case in live:
        missing = [spec for spec in _item_specs(people[case.id]) if spec[0] not in have[case.id]]
        missing += [(f"{kind.value}#1", kind, None) for kind in ONCE_KINDS
                    if kind.value not in kinds_ever[case.id]
                    and f"{kind.value}#1" not in have[case.id]]
        if not missing:
            continue
        try:
            with session.begin_nested():
                for key, kind, resident_id in missing:
                    session.add(ChecklistItem(uuid=derived_uuid("item", case.uuid, day, key),
                                              case_id=case.id, day=day, key=key, kind=kind,
                                              resident_id=resident_id))
                session.flush()
        except IntegrityError:
            pass  # generated at the same moment by another request: theirs stands


def request_supply(session: Session, *, actor: Actor, case_id: int, kind: str,
                   now: datetime | None = None) -> None:
    """Ask for a supply (or the door notice) again; nothing new while one is still due."""
    scope.require_role(actor, *STAFF)
    case = get_case(session, actor=actor, case_id=case_id)
    require_open(case)
    try:
        kind = ItemKind(kind)
    except ValueError:
        raise ServiceError("err.bad_request") from None
    if kind not in ONCE_KINDS:
        raise ServiceError("err.bad_request")
    items = session.exec(
        select(ChecklistItem).where(ChecklistItem.case_id == case.id, ChecklistItem.kind == kind)
    ).all()
    if any(i.status == ItemStatus.due for i in items):
        return
    key = f"{kind.value}#{len(items) + 1}"
    session.add(ChecklistItem(uuid=str(uuidlib.uuid4()), case_id=case.id, day=local_day(now),
                              key=key, kind=kind, updated_by_id=actor.user_id))
    session.flush()


def mark_item(session: Session, *, actor: Actor, item_id: int, done: bool, reason: str = "",
              note: str = "", uuid: str = "", now: datetime | None = None) -> bool:
    """Tick an item (done) or mark it 'could not' with a reason; records who and when.

    With the form's client `uuid` a replay of the same form changes nothing (False), so a
    tick kept offline cannot undo what someone changed since.
    """
    scope.require_role(actor, *STAFF)
    item = session.get(ChecklistItem, item_id) if isinstance(item_id, int) else None
    if item is None:
        raise Denied()
    case = get_case(session, actor=actor, case_id=item.case_id)
    require_open(case)
    reason = (reason or "").strip()[:200]
    if not done and not reason:
        raise ServiceError("isolation.reason_required")
    if uuid and not first_application(session, uuid=uuid, kind="tick", user_id=actor.user_id):
        return False
    item.status = ItemStatus.done if done else ItemStatus.could_not
    item.reason = "" if done else reason
    item.note = (note or "").strip()[:500]
    item.done_by_id = actor.user_id
    item.done_at = utc(now)
    item.touch(actor.user_id)
    session.add(item)
    session.flush()
    return True
