"""The walker's screen: the route with each building's counts, and one building's façade
(windows by unit and floor, as seen from the path) to count on.

Invariants
- The façade is drawn from the side of the building the path passes (Building.path_side):
  from the back, units and flats run mirrored, floors stay top to bottom.
- A window shows what was last marked on this plan: lit, dark, or unchecked (no mark);
  "none" where no household is registered.
- The walker learns only that a window is "call if dark" (a watched household), never
  why: the reason stays with the grid worker and the admin (services/patrol/watched.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from community_app.models import (
    Building,
    GridAssignment,
    Household,
    PatrolBuildingResult,
    PatrolMark,
    PatrolPlan,
    Role,
    User,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.grid import room_label, seen_from
from community_app.services.patrol.access import (
    PATROL_ROLES,
    get_plan,
    plan_building_ids,
    tonight_plans,
    walk_of,
)
from community_app.services.patrol.nights import window_label
from community_app.services.patrol.watched import call_if_dark
from community_app.services.places import building_labels


@dataclass
class Window:
    household_id: int
    label: str
    state: str  # lit / dark / unchecked / none (no household registered there)
    # A watched household: a dark window here makes the grid worker call. Never the reason.
    call_if_dark: bool


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
    # The building's grid worker, whom the walker calls at once when a "call if dark"
    # window is dark: only for the building on this walker's screen (its route), never in
    # a list. Empty when nobody is assigned or no phone is on file.
    worker_name: str = ""
    worker_phone: str = ""


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


@dataclass
class BuildingCounts:
    """One building's counts on one plan, as the route and the façade header show them."""

    building_id: int
    lit: int
    marked: int
    total: int
    percent: int
    finished: bool


def counts_of(result: PatrolBuildingResult) -> BuildingCounts:
    return BuildingCounts(building_id=result.building_id, lit=result.lit_count,
                          marked=result.marked_count, total=result.total,
                          percent=percent(result.lit_count, result.total),
                          finished=result.finished_at is not None)


def window_state(mark: PatrolMark | None) -> str:
    """What a registered household's window shows: unchecked (no mark), lit or dark."""
    if mark is None:
        return "unchecked"
    return "lit" if mark.lit else "dark"


def patrol_view(session: Session, *, actor: Actor, plan_id: int = 0, building_id: int = 0,
                now: datetime | None = None) -> PatrolView | None:
    """The walker's screen for a plan (0: the walker's first plan tonight; None if there is
    none): the route with its counts and one building's façade (the first unfinished by
    default)."""
    scope.require_role(actor, *PATROL_ROLES, Role.admin)
    if not plan_id:
        tonight = tonight_plans(session, actor=actor, now=now)
        if not tonight:
            return None
        plan_id = tonight[0].id
    plan = get_plan(session, actor=actor, plan_id=plan_id)
    return plan_view(session, actor=actor, plan=plan, building_id=building_id)


def plan_view(session: Session, *, actor: Actor, plan: PatrolPlan,
              building_id: int = 0) -> PatrolView:
    """The screen of a plan the actor may open (checked by the caller)."""
    building_ids = plan_building_ids(session, plan.id)
    labels = building_labels(session, building_ids)
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
    walk = walk_of(session, plan.id, actor.user_id)
    return PatrolView(
        plan_id=plan.id,
        night=plan.night.isoformat(),
        window=window_label(plan),
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
    flagged = call_if_dark(session, [h.id for h in households], plan.night)
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
                                          call_if_dark=False))
                    continue
                state = "unchecked" if h.id not in marks else ("lit" if marks[h.id] else "dark")
                windows.append(Window(household_id=h.id, label=room, state=state,
                                      call_if_dark=h.id in flagged))
            floors.append(FacadeFloor(unit=unit, floor=floor, windows=windows))
        units.append(FacadeUnit(unit=unit, columns=building.rooms_per_floor, floors=floors))
    result = results[building_id]
    worker = session.exec(
        select(User).join(GridAssignment, GridAssignment.user_id == User.id)
        .where(GridAssignment.building_id == building_id, User.is_active == True)  # noqa: E712
    ).first()
    return Facade(building_id=building_id, label=labels[building_id], lit=result.lit_count,
                  marked=result.marked_count, total=result.total,
                  percent=percent(result.lit_count, result.total),
                  finished=result.finished_at is not None, side=side, units=units,
                  worker_name=worker.display_name if worker else "",
                  worker_phone=worker.phone if worker else "")
