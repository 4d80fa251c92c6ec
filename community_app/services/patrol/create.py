"""Creating a patrol plan: a night, a time window, buildings in walking order, people.

Invariants
- Creation is idempotent on the client's UUID: a replayed "create" returns the plan made
  the first time (even if it was cancelled since), never a second plan.
- Only buildings in the admin's scope and active volunteers / grid workers of the
  community go on a plan, each once.
- Every building on a plan has its result row from the start (counts at zero, its
  household total), so the walker's counts and the log never miss a stop.
"""

from __future__ import annotations

import uuid as uuidlib
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from community_app.models import (
    Household,
    PatrolBuildingResult,
    PatrolPlan,
    PatrolPlanBuilding,
    PatrolPlanMember,
    Role,
    User,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.patrol.access import PATROL_ROLES
from community_app.services.patrol.nights import window_time
from community_app.services.patrol.plans import PlanChange, plan_change


def create_plan(
    session: Session,
    *,
    actor: Actor,
    uuid: str,
    night: date,
    window_start: str,
    window_end: str,
    building_ids: list[int],
    member_ids: list[int],
    note: str = "",
) -> PlanChange:
    """The new plan (or the one this UUID made before), with its night's plans."""
    scope.require_role(actor, Role.admin)
    uuid = check_uuid(uuid)
    earlier = existing(session, PatrolPlan, uuid)
    if earlier is not None:
        if earlier.community_id != actor.community_id:
            raise Denied()
        return plan_change(session, actor=actor, plan=earlier)
    start, end = window_time(window_start), window_time(window_end)
    building_ids, member_ids = check_choices(session, actor=actor, building_ids=building_ids,
                                             member_ids=member_ids)
    plan = PatrolPlan(uuid=uuid, community_id=actor.community_id, night=night,
                      window_start=start, window_end=end, note=note[:200],
                      updated_by_id=actor.user_id)
    session.add(plan)
    session.flush()
    totals = household_counts(session, building_ids)
    for position, building_id in enumerate(building_ids):
        add_stop(session, actor=actor, plan_id=plan.id, building_id=building_id,
                 position=position, total=totals.get(building_id, 0))
    for user_id in member_ids:
        add_member(session, actor=actor, plan_id=plan.id, user_id=user_id)
    session.flush()
    return plan_change(session, actor=actor, plan=plan)


def check_choices(session: Session, *, actor: Actor, building_ids: list[int],
                  member_ids: list[int]) -> tuple[list[int], list[int]]:
    """The plan's buildings (walking order, no repeats) and people, checked for the admin."""
    building_ids = list(dict.fromkeys(building_ids))
    member_ids = list(dict.fromkeys(member_ids))
    if not building_ids:
        raise ServiceError("patrol.need_buildings")
    if not member_ids:
        raise ServiceError("patrol.need_people")
    in_scope = set(scope.building_ids_in_scope(session, actor=actor))
    if not set(building_ids) <= in_scope:
        raise Denied()
    people = session.exec(select(User).where(User.id.in_(member_ids))).all()
    if len(people) != len(member_ids) or any(
        u.community_id != actor.community_id or not u.is_active or Role(u.role) not in PATROL_ROLES
        for u in people
    ):
        raise ServiceError("patrol.bad_people")
    return building_ids, member_ids


def add_stop(session: Session, *, actor: Actor, plan_id: int, building_id: int,
             position: int, total: int) -> None:
    """A building on a plan's route, with its (empty) result row for tonight's counts."""
    session.add(PatrolPlanBuilding(uuid=str(uuidlib.uuid4()), plan_id=plan_id,
                                   building_id=building_id, position=position,
                                   updated_by_id=actor.user_id))
    session.add(PatrolBuildingResult(uuid=str(uuidlib.uuid4()), plan_id=plan_id,
                                     building_id=building_id, total=total,
                                     updated_by_id=actor.user_id))


def add_member(session: Session, *, actor: Actor, plan_id: int, user_id: int) -> None:
    session.add(PatrolPlanMember(uuid=str(uuidlib.uuid4()), plan_id=plan_id,
                                 user_id=user_id, updated_by_id=actor.user_id))


def household_counts(session: Session, building_ids: list[int]) -> dict[int, int]:
    """building id -> registered households: the windows a building's lit share is out of."""
    if not building_ids:
        return {}
    return dict(
        session.exec(
            select(Household.building_id, func.count(Household.id))
            .where(Household.building_id.in_(building_ids))
            .group_by(Household.building_id)
        ).all()
    )
