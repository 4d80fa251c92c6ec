"""Who may open a patrol plan, and what a plan is made of (its route and its people).

Invariants
- A plan is seen only by its community's admin and its members (volunteers and grid
  workers put on it); anyone else gets Denied, the same answer as for a plan that does
  not exist. A cancelled plan is closed to its members ("patrol.plan_cancelled").
- Marking windows needs a walk: signed in on that plan and not signed out.
- A walk exists only for a member of a live plan: signing in, editing and cancelling take
  the plan's row lock (`get_plan(lock=True)`), so they never interleave.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from community_app.models import (
    PatrolPlan,
    PatrolPlanBuilding,
    PatrolPlanMember,
    PatrolWalk,
    Role,
    User,
)
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.patrol.nights import patrol_night

PATROL_ROLES = (Role.volunteer, Role.grid_worker)


def get_plan(session: Session, *, actor: Actor, plan_id: int, lock: bool = False) -> PatrolPlan:
    """The plan, if the actor is its member (or the community's admin); else Denied.

    `lock` holds the plan row until commit (FOR NO KEY UPDATE: rows pointing at the plan can
    still be added meanwhile). Signing in and editing or cancelling take it, so an edit
    never drops a person, or a cancel a plan, in the instant someone signs in: whichever
    comes second sees what the first committed (membership is read after the lock).
    """
    plan = (session.get(PatrolPlan, plan_id, populate_existing=lock,
                        with_for_update={"key_share": True} if lock else None)
            if isinstance(plan_id, int) else None)
    if plan is None or plan.community_id != actor.community_id:
        raise Denied()
    if actor.role == Role.admin:
        return plan
    if actor.role not in PATROL_ROLES or actor.user_id not in plan_member_ids(session, plan.id):
        raise Denied()
    if plan.cancelled_at is not None:
        raise ServiceError("patrol.plan_cancelled")
    return plan


def plan_building_ids(session: Session, plan_id: int) -> list[int]:
    """The plan's buildings in walking order."""
    return list(
        session.exec(
            select(PatrolPlanBuilding.building_id)
            .where(PatrolPlanBuilding.plan_id == plan_id)
            .order_by(PatrolPlanBuilding.position)
        ).all()
    )


def plan_member_ids(session: Session, plan_id: int) -> list[int]:
    return list(
        session.exec(
            select(PatrolPlanMember.user_id).where(PatrolPlanMember.plan_id == plan_id)
        ).all()
    )


def display_names(session: Session, user_ids: list[int]) -> dict[int, str]:
    """user id -> display name, one query (walkers on plans, logs and hours)."""
    if not user_ids:
        return {}
    rows = session.exec(select(User.id, User.display_name).where(User.id.in_(user_ids))).all()
    return dict(rows)


def walk_of(session: Session, plan_id: int, user_id: int) -> PatrolWalk | None:
    """This person's walk on this plan (signed in), or None."""
    return session.exec(
        select(PatrolWalk).where(PatrolWalk.plan_id == plan_id, PatrolWalk.user_id == user_id)
    ).first()


def require_walking(session: Session, plan: PatrolPlan, actor: Actor) -> None:
    """Only someone signed in on the plan, and not yet signed out, marks its windows."""
    walk = walk_of(session, plan.id, actor.user_id)
    if walk is None:
        raise ServiceError("patrol.sign_in_first")
    if walk.signed_out_at is not None:
        raise ServiceError("patrol.signed_out_error")


def started(session: Session, plan_id: int) -> bool:
    """Someone has signed in on the plan: it is under way."""
    return session.exec(select(PatrolWalk.id).where(PatrolWalk.plan_id == plan_id)).first() \
        is not None


def tonight_plans(session: Session, *, actor: Actor,
                  now: datetime | None = None) -> list[PatrolPlan]:
    """The plans the actor walks on tonight's patrol night (not cancelled), window order."""
    return list(session.exec(
        select(PatrolPlan)
        .join(PatrolPlanMember, PatrolPlanMember.plan_id == PatrolPlan.id)
        .where(PatrolPlanMember.user_id == actor.user_id,
               PatrolPlan.night == patrol_night(now), PatrolPlan.cancelled_at.is_(None))
        .order_by(PatrolPlan.window_start, PatrolPlan.id)
    ).all())
