"""The admin's patrol plans after creating them: the night's list, one plan to edit,
changing its buildings, people and time window, and cancelling it.

Key decisions (see services/README.md "## Patrol"):
- A plan can be edited until its night is over. Before anyone signs in anything may
  change. Once a patrol is under way an edit may add buildings and people, reorder the
  route and move the window, but never drop what was recorded: removing a building
  that has marks (or was finished) or a person who signed in is refused, and nothing of
  the edit is applied.
- Cancelling is only possible before anyone signed in. The plan row stays, marked
  `cancelled_at`, so a replayed "create" (same client UUID) does not bring it back;
  walkers no longer see it, and the log leaves it out.
"""

from __future__ import annotations

import uuid as uuidlib
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Session, select

from community_app.models import (
    PatrolBuildingResult,
    PatrolMark,
    PatrolPlan,
    PatrolPlanBuilding,
    PatrolPlanMember,
    PatrolWalk,
    Role,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError
from community_app.services.patrol.nights import (
    _building_labels,
    _get_plan,
    _household_counts,
    _names,
    _plan_building_ids,
    _plan_member_ids,
    _plan_summary,
    _utc,
    add_stop,
    check_choices,
    parse_hhmm,
    patrol_night,
)


def _started(session: Session, plan_id: int) -> bool:
    return session.exec(select(PatrolWalk.id).where(PatrolWalk.plan_id == plan_id)).first() \
        is not None


def list_plans(session: Session, *, actor: Actor, night: date) -> list[dict]:
    """The night's plans, cancelled ones too (flagged), with whether they are under way."""
    scope.require_role(actor, Role.admin)
    plans = session.exec(
        select(PatrolPlan)
        .where(PatrolPlan.community_id == actor.community_id, PatrolPlan.night == night)
        .order_by(PatrolPlan.window_start, PatrolPlan.id)
    ).all()
    return [{**_plan_summary(session, p), "started": _started(session, p.id)} for p in plans]


def plan_detail(session: Session, *, actor: Actor, plan_id: int) -> dict:
    """One plan as the edit form needs it: window, buildings in order, people."""
    scope.require_role(actor, Role.admin)
    plan = _get_plan(session, actor=actor, plan_id=plan_id)
    return {
        "id": plan.id,
        "night": plan.night.isoformat(),
        "window_start": f"{plan.window_start:%H:%M}",
        "window_end": f"{plan.window_end:%H:%M}",
        "building_ids": _plan_building_ids(session, plan.id),
        "member_ids": _plan_member_ids(session, plan.id),
        "started": _started(session, plan.id),
        "cancelled": plan.cancelled_at is not None,
    }


def _editable(session: Session, *, actor: Actor, plan_id: int,
              now: datetime | None) -> PatrolPlan:
    scope.require_role(actor, Role.admin)
    plan = _get_plan(session, actor=actor, plan_id=plan_id)
    if plan.cancelled_at is not None:
        raise ServiceError("patrol.plan_cancelled")
    if plan.night < patrol_night(now):
        raise ServiceError("patrol.plan_past")
    return plan


def _refuse_lost_counts(session: Session, plan: PatrolPlan, dropped_buildings: set[int],
                        dropped_people: set[int]) -> None:
    """Refuse an edit that would drop a counted building or a person who signed in."""
    if dropped_buildings:
        counted = set(session.exec(
            select(PatrolMark.building_id).where(PatrolMark.plan_id == plan.id,
                                                 PatrolMark.building_id.in_(dropped_buildings))
        ).all())
        counted |= set(session.exec(
            select(PatrolBuildingResult.building_id).where(
                PatrolBuildingResult.plan_id == plan.id,
                PatrolBuildingResult.building_id.in_(dropped_buildings),
                PatrolBuildingResult.finished_at.is_not(None))
        ).all())
        if counted:
            labels = _building_labels(session, sorted(counted))
            raise ServiceError("patrol.edit_counted_building",
                               building="、".join(labels[b] for b in sorted(counted)))
    if dropped_people:
        walked = session.exec(
            select(PatrolWalk.user_id).where(PatrolWalk.plan_id == plan.id,
                                             PatrolWalk.user_id.in_(dropped_people))
        ).all()
        if walked:
            names = _names(session, list(walked))
            raise ServiceError("patrol.edit_walked_person",
                               name="、".join(sorted(names.values())))


def update_plan(
    session: Session,
    *,
    actor: Actor,
    plan_id: int,
    window_start: str,
    window_end: str,
    building_ids: list[int],
    member_ids: list[int],
    now: datetime | None = None,
) -> dict:
    """Set the plan's window, buildings (in this walking order) and people.

    Applying the same edit twice changes nothing the second time. Refusals are checked
    before anything is written.
    """
    plan = _editable(session, actor=actor, plan_id=plan_id, now=now)
    start, end = parse_hhmm(window_start), parse_hhmm(window_end)
    building_ids, member_ids = check_choices(session, actor=actor, building_ids=building_ids,
                                             member_ids=member_ids)
    stops = {s.building_id: s for s in session.exec(
        select(PatrolPlanBuilding).where(PatrolPlanBuilding.plan_id == plan.id)).all()}
    members = {m.user_id: m for m in session.exec(
        select(PatrolPlanMember).where(PatrolPlanMember.plan_id == plan.id)).all()}
    dropped_buildings = set(stops) - set(building_ids)
    dropped_people = set(members) - set(member_ids)
    _refuse_lost_counts(session, plan, dropped_buildings, dropped_people)

    for building_id in dropped_buildings:
        # Conditional, so a walker's count landing in the meantime still wins: the row is
        # only removed while nothing is marked or finished on it.
        gone = session.exec(
            sa.delete(PatrolBuildingResult).where(
                PatrolBuildingResult.plan_id == plan.id,
                PatrolBuildingResult.building_id == building_id,
                PatrolBuildingResult.marked_count == 0,
                PatrolBuildingResult.finished_at.is_(None),
            )
        ).rowcount
        if gone != 1:
            label = _building_labels(session, [building_id])[building_id]
            raise ServiceError("patrol.edit_counted_building", building=label)
        session.delete(stops.pop(building_id))
    for user_id in dropped_people:
        session.delete(members[user_id])
    totals = _household_counts(session, [b for b in building_ids if b not in stops])
    for position, building_id in enumerate(building_ids):
        stop = stops.get(building_id)
        if stop is None:
            add_stop(session, actor=actor, plan_id=plan.id, building_id=building_id,
                     position=position, total=totals.get(building_id, 0))
        elif stop.position != position:
            stop.position = position
            stop.touch(actor.user_id)
            session.add(stop)
    for user_id in member_ids:
        if user_id not in members:
            session.add(PatrolPlanMember(uuid=str(uuidlib.uuid4()), plan_id=plan.id,
                                         user_id=user_id, updated_by_id=actor.user_id))
    if (plan.window_start, plan.window_end) != (start, end):
        plan.window_start, plan.window_end = start, end
        plan.touch(actor.user_id)
        session.add(plan)
    session.flush()
    return {**_plan_summary(session, plan), "started": _started(session, plan.id)}


def cancel_plan(session: Session, *, actor: Actor, plan_id: int,
                now: datetime | None = None) -> dict:
    """Cancel a plan nobody has signed in to yet; cancelling twice is a no-op."""
    scope.require_role(actor, Role.admin)
    plan = _get_plan(session, actor=actor, plan_id=plan_id)
    if plan.cancelled_at is not None:
        return _plan_summary(session, plan)
    if plan.night < patrol_night(now):
        raise ServiceError("patrol.plan_past")
    if _started(session, plan.id):
        raise ServiceError("patrol.cancel_started")
    plan.cancelled_at = _utc(now)
    plan.touch(actor.user_id)
    session.add(plan)
    session.flush()
    return _plan_summary(session, plan)
