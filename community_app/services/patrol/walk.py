"""Walking a patrol plan: tonight's plans for a walker, signing in and out, and the
route with one building's façade (windows by unit and floor) to count on.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from community_app.models import (
    Building,
    Household,
    PatrolBuildingResult,
    PatrolMark,
    PatrolPlan,
    PatrolPlanMember,
    PatrolWalk,
    Role,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import aware
from community_app.services.errors import ServiceError
from community_app.services.grid import room_label, seen_from
from community_app.services.patrol.nights import (
    PATROL_ROLES,
    _building_labels,
    _get_plan,
    _plan_building_ids,
    _plan_summary,
    _utc,
    patrol_night,
    watched_reasons,
)

# ---------------------------------------------------------------- patrolling


def _walk(session: Session, plan_id: int, user_id: int) -> PatrolWalk | None:
    return session.exec(
        select(PatrolWalk).where(PatrolWalk.plan_id == plan_id, PatrolWalk.user_id == user_id)
    ).first()


def _require_walking(session: Session, plan: PatrolPlan, actor: Actor) -> None:
    walk = _walk(session, plan.id, actor.user_id)
    if walk is None:
        raise ServiceError("patrol.sign_in_first")
    if walk.signed_out_at is not None:
        raise ServiceError("patrol.signed_out_error")


def my_tonight(session: Session, *, actor: Actor, now: datetime | None = None) -> list[dict]:
    """Tonight's plans the actor walks, with their progress."""
    scope.require_role(actor, *PATROL_ROLES)
    night = patrol_night(now)
    plans = session.exec(
        select(PatrolPlan)
        .join(PatrolPlanMember, PatrolPlanMember.plan_id == PatrolPlan.id)
        .where(PatrolPlanMember.user_id == actor.user_id, PatrolPlan.night == night,
               PatrolPlan.cancelled_at.is_(None))
        .order_by(PatrolPlan.window_start, PatrolPlan.id)
    ).all()
    cards = []
    for plan in plans:
        summary = _plan_summary(session, plan)
        results = session.exec(
            select(PatrolBuildingResult).where(PatrolBuildingResult.plan_id == plan.id)
        ).all()
        walk = _walk(session, plan.id, actor.user_id)
        done = sum(1 for r in results if r.finished_at is not None)
        cards.append({
            **summary,
            "progress": f"{done}/{len(results)}",
            "signed_in": walk is not None,
            "signed_out": walk is not None and walk.signed_out_at is not None,
        })
    return cards


def sign_in(session: Session, *, actor: Actor, plan_id: int,
            now: datetime | None = None) -> None:
    scope.require_role(actor, *PATROL_ROLES)
    plan = _get_plan(session, actor=actor, plan_id=plan_id)
    now = _utc(now)
    if patrol_night(now) != plan.night:
        raise ServiceError("patrol.not_tonight")
    if _walk(session, plan.id, actor.user_id) is not None:
        return  # a double tap: the first sign-in time stands
    session.add(PatrolWalk(uuid=str(uuidlib.uuid4()), plan_id=plan.id, user_id=actor.user_id,
                           signed_in_at=now, updated_by_id=actor.user_id))
    session.flush()


def sign_out(session: Session, *, actor: Actor, plan_id: int,
             now: datetime | None = None) -> None:
    scope.require_role(actor, *PATROL_ROLES)
    plan = _get_plan(session, actor=actor, plan_id=plan_id)
    walk = _walk(session, plan.id, actor.user_id)
    if walk is None:
        raise ServiceError("patrol.sign_in_first")
    if walk.signed_out_at is None:
        walk.signed_out_at = max(_utc(now), aware(walk.signed_in_at))
        walk.touch(actor.user_id)
        session.add(walk)
        session.flush()


@dataclass
class Window:
    household_id: int
    label: str
    state: str  # lit / dark / unchecked / none (no household registered there)
    watched: bool


@dataclass
class FacadeFloor:
    unit: int
    floor: int
    windows: list[Window]


@dataclass
class FacadeUnit:
    unit: int
    columns: int
    floors: list[FacadeFloor]


@dataclass
class Facade:
    building_id: int
    label: str
    lit: int
    marked: int
    total: int
    percent: int
    finished: bool
    side: str = "front"  # which side of the building the walker sees (Building.path_side)
    units: list[FacadeUnit] = field(default_factory=list)


@dataclass
class RouteStop:
    building_id: int
    label: str
    lit: int
    total: int
    percent: int
    finished: bool


@dataclass
class PatrolView:
    plan_id: int
    night: str
    window: str
    signed_in: bool
    signed_out: bool
    route: list[RouteStop]
    facade: Facade | None


def percent(lit: int, total: int) -> int:
    """Lit share of the windows, rounded half up to a whole percent (0 when there are none)."""
    if total <= 0:
        return 0
    return (lit * 200 + total) // (total * 2)


def patrol_view(session: Session, *, actor: Actor, plan_id: int,
                building_id: int = 0) -> PatrolView:
    """The route with its counts, and one building's façade (the first unfinished by default)."""
    scope.require_role(actor, *PATROL_ROLES, Role.admin)
    plan = _get_plan(session, actor=actor, plan_id=plan_id)
    building_ids = _plan_building_ids(session, plan.id)
    labels = _building_labels(session, building_ids)
    results = {
        r.building_id: r
        for r in session.exec(
            select(PatrolBuildingResult).where(PatrolBuildingResult.plan_id == plan.id)
        ).all()
    }
    route = [
        RouteStop(building_id=b, label=labels[b], lit=results[b].lit_count,
                  total=results[b].total,
                  percent=percent(results[b].lit_count, results[b].total),
                  finished=results[b].finished_at is not None)
        for b in building_ids
    ]
    if building_id not in building_ids:
        building_id = next((s.building_id for s in route if not s.finished),
                           building_ids[0] if building_ids else 0)
    walk = _walk(session, plan.id, actor.user_id)
    return PatrolView(
        plan_id=plan.id,
        night=plan.night.isoformat(),
        window=f"{plan.window_start:%H:%M}-{plan.window_end:%H:%M}",
        signed_in=walk is not None,
        signed_out=walk is not None and walk.signed_out_at is not None,
        route=route,
        facade=_facade(session, plan, building_id, labels, results) if building_id else None,
    )


def _facade(session: Session, plan: PatrolPlan, building_id: int, labels: dict[int, str],
            results: dict[int, PatrolBuildingResult]) -> Facade:
    building = session.get(Building, building_id)
    households = session.exec(select(Household).where(Household.building_id == building_id)).all()
    by_place = {(h.unit, h.room): h for h in households}
    marks = dict(
        session.exec(
            select(PatrolMark.household_id, PatrolMark.lit).where(
                PatrolMark.plan_id == plan.id, PatrolMark.building_id == building_id
            )
        ).all()
    )
    watched = watched_reasons(session, [h.id for h in households])
    side = str(building.path_side or "front")
    units = []
    for unit, flats in seen_from(building.units, building.rooms_per_floor, side):
        floors = []
        for floor in range(building.floors, 0, -1):
            windows = []
            for index in flats:
                room = room_label(floor, index)
                h = by_place.get((unit, room))
                if h is None:
                    windows.append(Window(household_id=0, label=room, state="none",
                                          watched=False))
                    continue
                state = "unchecked" if h.id not in marks else ("lit" if marks[h.id] else "dark")
                windows.append(Window(household_id=h.id, label=room, state=state,
                                      watched=h.id in watched))
            floors.append(FacadeFloor(unit=unit, floor=floor, windows=windows))
        units.append(FacadeUnit(unit=unit, columns=building.rooms_per_floor, floors=floors))
    result = results[building_id]
    return Facade(building_id=building_id, label=labels[building_id], lit=result.lit_count,
                  marked=result.marked_count, total=result.total,
                  percent=percent(result.lit_count, result.total),
                  finished=result.finished_at is not None, side=side, units=units)
