"""Patrol trends over nights, for the admin: each building's lit share night by night,
watched households' runs of dark nights, and lit windows the register calls empty.

Invariants
- A night's count is the plan's result: with two plans on one building the later wins.
  A building appears on a night only once something was marked on it.
- A watched household's night is its latest mark of that night (lit / dark) or
  "unchecked"; two dark nights in a row is flagged, an unchecked night breaks a run.
- A lit window at a flat registered vacant or away is a question for the survey, not a
  correction: the register is never changed from here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, select

from community_app.models import (
    Household,
    Occupancy,
    PatrolBuildingResult,
    PatrolMark,
    PatrolPlan,
    Role,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.patrol.facade import percent
from community_app.services.patrol.plans import plans_of_night
from community_app.services.patrol.watched import watched_reasons
from community_app.services.places import addresses, building_labels


@dataclass
class TrendPoint:
    night: str
    ratio: int


@dataclass
class BuildingTrend:
    building_id: int
    label: str
    points: list[TrendPoint]


def lit_ratio_trend(session: Session, *, actor: Actor, until: date,
                    nights: int = 14) -> list[BuildingTrend]:
    """Per building, the lit percentage of each patrolled night (the later plan wins)."""
    scope.require_role(actor, Role.admin)
    since = until - timedelta(days=nights - 1)
    rows = session.exec(
        select(PatrolBuildingResult, PatrolPlan.night)
        .join(PatrolPlan, PatrolPlan.id == PatrolBuildingResult.plan_id)
        .where(PatrolPlan.community_id == actor.community_id, PatrolPlan.night >= since,
               PatrolPlan.night <= until, PatrolBuildingResult.marked_count > 0)
        .order_by(PatrolPlan.night, PatrolBuildingResult.id)
    ).all()
    by_building: dict[int, dict[date, int]] = defaultdict(dict)
    for result, night in rows:
        by_building[result.building_id][night] = percent(result.lit_count, result.total)
    labels = building_labels(session, list(by_building))
    return [
        BuildingTrend(
            building_id=bid, label=labels[bid],
            points=[TrendPoint(night=n.strftime("%m-%d"), ratio=v)
                    for n, v in sorted(by_building[bid].items())],
        )
        for bid in sorted(by_building, key=lambda b: labels[b])
    ]


@dataclass
class WatchedRun:
    household_id: int
    address: str
    reason: str
    nights: list[str]  # per night, oldest first: lit / dark / unchecked
    dark_two_in_a_row: bool


def watched_runs(session: Session, *, actor: Actor, until: date,
                 nights: int = 7) -> list[WatchedRun]:
    """Each watched household's last `nights` nights; two dark nights in a row is flagged."""
    scope.require_role(actor, Role.admin)
    ids = scope.building_ids_in_scope(session, actor=actor)
    household_ids = list(session.exec(
        select(Household.id).where(Household.building_id.in_(ids))
    ).all()) if ids else []
    watched = watched_reasons(session, household_ids)
    if not watched:
        return []
    days = [until - timedelta(days=i) for i in range(nights - 1, -1, -1)]
    marks = session.exec(
        select(PatrolMark.household_id, PatrolMark.night, PatrolMark.lit, PatrolMark.updated_at)
        .where(PatrolMark.household_id.in_(list(watched)), PatrolMark.night >= days[0],
               PatrolMark.night <= until)
        .order_by(PatrolMark.updated_at)
    ).all()
    state: dict[tuple[int, date], str] = {}
    for household_id, night, lit, _at in marks:
        state[(household_id, night)] = "lit" if lit else "dark"  # the latest mark wins
    where = addresses(session, list(watched))
    runs = []
    for household_id in sorted(watched, key=lambda h: where.get(h, "")):
        cells = [state.get((household_id, d), "unchecked") for d in days]
        runs.append(WatchedRun(
            household_id=household_id, address=where.get(household_id, ""),
            reason=watched[household_id][0], nights=cells,
            dark_two_in_a_row=dark_two_in_a_row(cells),
        ))
    return runs


def dark_two_in_a_row(cells: list[str]) -> bool:
    """Dark on two consecutive nights (an unchecked night breaks the run)."""
    return any(a == "dark" and b == "dark" for a, b in zip(cells, cells[1:], strict=False))


@dataclass
class LitEmpty:
    household_id: int
    address: str
    occupancy: str  # vacant / away, as registered


def lit_but_registered_empty(session: Session, *, actor: Actor,
                             night: date) -> list[LitEmpty]:
    """Lit windows whose household the register says is vacant or away: for the survey."""
    scope.require_role(actor, Role.admin)
    plan_ids = [p.id for p in plans_of_night(session, actor, night)]
    if not plan_ids:
        return []
    rows = session.exec(
        select(Household.id, Household.occupancy)
        .join(PatrolMark, PatrolMark.household_id == Household.id)
        .where(PatrolMark.plan_id.in_(plan_ids), PatrolMark.lit.is_(True),
               Household.occupancy.in_([Occupancy.vacant.value, Occupancy.away.value]))
    ).all()
    where = addresses(session, [hid for hid, _ in rows])
    seen: dict[int, str] = {hid: Occupancy(occ).value for hid, occ in rows}
    return [
        LitEmpty(household_id=hid, address=where.get(hid, ""), occupancy=occ)
        for hid, occ in sorted(seen.items(), key=lambda kv: where.get(kv[0], ""))
    ]
