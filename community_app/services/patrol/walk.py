"""Walking a patrol plan: tonight's plans for a walker, signing in and out.

Invariants
- A walker signs in only on a plan of tonight's patrol night; a second sign-in is a
  double tap and the first time stands.
- A sign-out is never earlier than the sign-in (a phone's clock may be off), and signing
  out twice keeps the first time.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from community_app.models import PatrolBuildingResult, PatrolWalk
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError
from community_app.services.patrol.access import PATROL_ROLES, get_plan, tonight_plans, walk_of
from community_app.services.patrol.facade import PatrolView, plan_view
from community_app.services.patrol.nights import patrol_night
from community_app.services.patrol.plans import plan_summary


@dataclass
class TonightCard:
    """A plan the walker is on tonight, as their home screen shows it."""

    id: int
    night: str
    window: str
    buildings: list[str]  # in walking order
    progress: str  # buildings finished / on the route, "1/3"
    signed_in: bool
    signed_out: bool


def my_tonight(session: Session, *, actor: Actor,
               now: datetime | None = None) -> list[TonightCard]:
    """Tonight's plans the actor walks, with their progress."""
    scope.require_role(actor, *PATROL_ROLES)
    plans = tonight_plans(session, actor=actor, now=now)
    cards = []
    for plan in plans:
        summary = plan_summary(session, plan)
        results = session.exec(
            select(PatrolBuildingResult).where(PatrolBuildingResult.plan_id == plan.id)
        ).all()
        walk = walk_of(session, plan.id, actor.user_id)
        done = sum(1 for r in results if r.finished_at is not None)
        cards.append(TonightCard(
            id=plan.id, night=summary.night, window=summary.window,
            buildings=summary.buildings, progress=f"{done}/{len(results)}",
            signed_in=walk is not None,
            signed_out=walk is not None and walk.signed_out_at is not None,
        ))
    return cards


def sign_in(session: Session, *, actor: Actor, plan_id: int, building_id: int = 0,
            now: datetime | None = None) -> PatrolView:
    """Sign in on tonight's plan; returns the screen to count on (`building_id` shown)."""
    scope.require_role(actor, *PATROL_ROLES)
    plan = get_plan(session, actor=actor, plan_id=plan_id, lock=True)
    now = clock.utc(now)
    if patrol_night(now) != plan.night:
        raise ServiceError("patrol.not_tonight")
    if walk_of(session, plan.id, actor.user_id) is None:  # else a double tap: the first stands
        session.add(PatrolWalk(uuid=str(uuidlib.uuid4()), plan_id=plan.id,
                               user_id=actor.user_id, signed_in_at=now,
                               updated_by_id=actor.user_id))
        session.flush()
    return plan_view(session, actor=actor, plan=plan, building_id=building_id)


def sign_out(session: Session, *, actor: Actor, plan_id: int, building_id: int = 0,
             now: datetime | None = None) -> PatrolView:
    """Sign out (the first sign-out stands); returns the screen, now read-only."""
    scope.require_role(actor, *PATROL_ROLES)
    plan = get_plan(session, actor=actor, plan_id=plan_id)
    walk = walk_of(session, plan.id, actor.user_id)
    if walk is None:
        raise ServiceError("patrol.sign_in_first")
    if walk.signed_out_at is None:
        walk.signed_out_at = max(clock.utc(now), clock.aware(walk.signed_in_at))
        walk.touch(actor.user_id)
        session.add(walk)
        session.flush()
    return plan_view(session, actor=actor, plan=plan, building_id=building_id)
