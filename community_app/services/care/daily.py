"""Each day's care tasks: generated lazily and idempotently, the worker's list, ticks, and
the check-ins missed by the cut-off.

Invariants
- A task exists once per (enrolment, local day, kind): generation inserts the missing ones
  in a savepoint, and a concurrent generation's rows stand (the unique constraint).
  Task UUIDs derive from the enrolment and the day, so every request makes the same rows.
- A tick is applied once per client UUID (`applied_submission`): a replay or a tick on a
  task already done changes nothing and keeps the first time.
- A task is overdue after its due time (CareTimes) on its own day, while not done.
- `missed_checkins(night)`: households with a daily check-in on that local day that was not
  done by CARE_CHECKIN_BY. Before the cut-off nobody is missed; a later tick does not undo
  a miss (the patrol plans on what was known at the cut-off); it concerns that night only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from community_app.models import CareEnrolment, CareKind, CareTask, CheckinMode, Household
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.care.access import STAFF, CareTimes, household_in_scope
from community_app.services.care.enrol import care_list
from community_app.services.errors import Denied
from community_app.services.idempotency import derived_uuid, first_application


def live_on(day: date):  # noqa: ANN201 - a SQLAlchemy condition
    """The condition "this enrolment is on the list on `day`"."""
    return (CareEnrolment.started_on <= day,
            or_(CareEnrolment.ended_on.is_(None), CareEnrolment.ended_on > day))


def kinds_of(row: CareEnrolment) -> list[CareKind]:
    kinds = []
    if row.garbage_morning:
        kinds.append(CareKind.garbage_morning)
    if row.garbage_afternoon:
        kinds.append(CareKind.garbage_afternoon)
    if row.checkin != CheckinMode.none:
        kinds.append(CareKind.checkin)
    return kinds


def ensure_day(session: Session, *, enrolments: list[CareEnrolment], day: date) -> None:
    """Make the day's missing tasks of these enrolments (idempotent)."""
    live = [e for e in enrolments if e.started_on <= day and (e.ended_on is None
                                                              or e.ended_on > day)]
    if not live:
        return
    have = set(session.exec(select(CareTask.enrolment_id, CareTask.kind).where(
        CareTask.enrolment_id.in_([e.id for e in live]), CareTask.day == day)).all())
    for row in live:
        missing = [k for k in kinds_of(row) if (row.id, k) not in have]
        if not missing:
            continue
        try:
            with session.begin_nested():
                for kind in missing:
                    session.add(CareTask(uuid=derived_uuid("care", row.uuid, day, kind.value),
                                         enrolment_id=row.id, household_id=row.household_id,
                                         day=day, kind=kind))
                session.flush()
        except IntegrityError:
            pass  # generated at the same moment by another request: theirs stands


@dataclass
class CareTaskView:
    task_id: int
    household_id: int
    address: str
    name: str  # masked
    reason: str
    kind: str
    checkin: str  # call / visit (for a check-in)
    due: str  # HH:MM
    done: bool
    done_at: str
    overdue: bool


def today(session: Session, *, actor: Actor, now: datetime | None = None) -> list[CareTaskView]:
    """Today's care tasks of the households in the actor's scope, undone first by due time."""
    scope.require_role(actor, *STAFF)
    now = clock.utc(now)
    day = clock.local_day(now)
    ids = scope.building_ids_in_scope(session, actor=actor)
    household_ids = list(session.exec(select(Household.id).where(
        Household.building_id.in_(ids or [0]))).all())
    listed = care_list(session, actor=actor, household_ids=household_ids)
    rows = list(session.exec(select(CareEnrolment).where(
        CareEnrolment.id.in_([r.enrolment_id for r in listed] or [0]), *live_on(day))).all())
    ensure_day(session, enrolments=rows, day=day)
    by_enrolment = {r.enrolment_id: r for r in listed}
    modes = {r.id: str(r.checkin) for r in rows}
    times = CareTimes()
    tasks = session.exec(select(CareTask).where(
        CareTask.enrolment_id.in_([r.id for r in rows] or [0]), CareTask.day == day)).all()
    views = []
    for t in tasks:
        info = by_enrolment[t.enrolment_id]
        due = times.due(t.kind)
        views.append(CareTaskView(
            task_id=t.id, household_id=t.household_id, address=info.address, name=info.name,
            reason=info.reason, kind=str(t.kind), checkin=modes[t.enrolment_id],
            due=due.strftime("%H:%M"), done=t.done_at is not None,
            done_at=clock.hhmm(t.done_at),
            overdue=t.done_at is None and now >= clock.at_local(day, due)))
    return sorted(views, key=lambda v: (v.done, v.due, v.address, v.kind))


def tick(session: Session, *, actor: Actor, uuid: str, task_id: int,
         now: datetime | None = None) -> bool:
    """Mark a task done (from the outbox); False when this form was already applied."""
    scope.require_role(actor, *STAFF)
    task = session.get(CareTask, task_id) if isinstance(task_id, int) else None
    if task is None:
        raise Denied()
    household_in_scope(session, actor=actor, household_id=task.household_id)
    if not first_application(session, uuid=uuid, kind="care_tick", user_id=actor.user_id):
        return False
    if task.done_at is None:
        task.done_at = clock.utc(now)
        task.done_by_id = actor.user_id
        task.touch(actor.user_id)
        session.add(task)
        session.flush()
    return True


def missed_checkins(session: Session, household_ids: list[int], night: date,
                    now: datetime | None = None) -> set[int]:
    """The households among these whose check-in of `night`'s day was missed (see above)."""
    if not household_ids:
        return set()
    cutoff = clock.at_local(night, CareTimes().checkin_by)
    if clock.utc(now) < cutoff:
        return set()
    listed = set(session.exec(select(CareEnrolment.household_id).where(
        CareEnrolment.household_id.in_(household_ids),
        CareEnrolment.checkin != CheckinMode.none, *live_on(night))).all())
    if not listed:
        return set()
    done = {hid for hid, at in session.exec(select(CareTask.household_id, CareTask.done_at).where(
        CareTask.household_id.in_(list(listed)), CareTask.day == night,
        CareTask.kind == CareKind.checkin, CareTask.done_at.is_not(None))).all()
        if clock.utc(at) <= cutoff}
    return listed - done
