"""Changing a patrol plan after it was made: its buildings, people and time window, or
cancelling it.

Invariants
- A plan can be edited until its night is over. Before anyone signs in anything may
  change. Once a patrol is under way an edit may add buildings and people, reorder the
  route and move the window, but never drop what was recorded: removing a building
  that has marks (or was finished) or a person who signed in is refused, and nothing of
  the edit is applied (refusals are checked before anything is written).
- Cancelling is only possible before anyone signed in. The plan row stays, marked
  `cancelled_at`, so a replayed "create" (same client UUID) does not bring it back;
  walkers no longer see it, and the log leaves it out.
- Applying the same edit twice changes nothing the second time; cancelling twice is a
  no-op.
"""

from __future__ import annotations

from datetime import datetime

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
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError
from community_app.services.patrol.access import display_names, get_plan, started
from community_app.services.patrol.create import (
    add_member,
    add_stop,
    check_choices,
    household_counts,
)
from community_app.services.patrol.nights import patrol_night, window_time
from community_app.services.patrol.plans import PlanChange, plan_change
from community_app.services.places import building_labels


def _editable(session: Session, *, actor: Actor, plan_id: int,
              now: datetime | None) -> PatrolPlan:
    scope.require_role(actor, Role.admin)
    plan = get_plan(session, actor=actor, plan_id=plan_id, lock=True)
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
            labels = building_labels(session, sorted(counted))
            raise ServiceError("patrol.edit_counted_building",
                               building="、".join(labels[b] for b in sorted(counted)))
    if dropped_people:
        walked = session.exec(
            select(PatrolWalk.user_id).where(PatrolWalk.plan_id == plan.id,
                                             PatrolWalk.user_id.in_(dropped_people))
        ).all()
        if walked:
            names = display_names(session, list(walked))
            raise ServiceError("patrol.edit_walked_person",
                               name="、".join(sorted(names.values())))


def _drop_stop(session: Session, plan: PatrolPlan, stop: PatrolPlanBuilding) -> None:
    # Conditional, so a walker's count landing in the meantime still wins: the result row
    # is only removed while nothing is marked or finished on it.
    gone = session.exec(
        sa.delete(PatrolBuildingResult).where(
            PatrolBuildingResult.plan_id == plan.id,
            PatrolBuildingResult.building_id == stop.building_id,
            PatrolBuildingResult.marked_count == 0,
            PatrolBuildingResult.finished_at.is_(None),
        )
    ).rowcount
    if gone != 1:
        label = building_labels(session, [stop.building_id])[stop.building_id]
        raise ServiceError("patrol.edit_counted_building", building=label)
    session.delete(stop)


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
) -> PlanChange:
    """Set the plan's window, buildings (in this walking order) and people."""
    plan = _editable(session, actor=actor, plan_id=plan_id, now=now)
    start, end = window_time(window_start), window_time(window_end)
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
        _drop_stop(session, plan, stops.pop(building_id))
    for user_id in dropped_people:
        session.delete(members[user_id])
    totals = household_counts(session, [b for b in building_ids if b not in stops])
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
            add_member(session, actor=actor, plan_id=plan.id, user_id=user_id)
    if (plan.window_start, plan.window_end) != (start, end):
        plan.window_start, plan.window_end = start, end
        plan.touch(actor.user_id)
        session.add(plan)
    session.flush()
    return plan_change(session, actor=actor, plan=plan)


def cancel_plan(session: Session, *, actor: Actor, plan_id: int,
                now: datetime | None = None) -> PlanChange:
    """Cancel a plan nobody has signed in to yet; cancelling twice is a no-op."""
    scope.require_role(actor, Role.admin)
    plan = get_plan(session, actor=actor, plan_id=plan_id, lock=True)
    if plan.cancelled_at is not None:
        return plan_change(session, actor=actor, plan=plan)
    if plan.night < patrol_night(now):
        raise ServiceError("patrol.plan_past")
    if started(session, plan.id):
        raise ServiceError("patrol.cancel_started")
    plan.cancelled_at = clock.utc(now)
    plan.touch(actor.user_id)
    session.add(plan)
    session.flush()
    return plan_change(session, actor=actor, plan=plan)
