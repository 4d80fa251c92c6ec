"""The admin's view of past patrols: the night's log (签到本) of who walked, buildings
covered or missed and follow-ups; lit-ratio trends, watched households' runs of dark
nights, lit windows the register calls empty, and volunteer hours per week.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from community_app.models import (
    Household,
    Occupancy,
    PatrolBuildingResult,
    PatrolFollowUp,
    PatrolMark,
    PatrolPlan,
    PatrolPlanMember,
    PatrolWalk,
    Role,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import aware
from community_app.services.patrol.followups import _follow_up_rows
from community_app.services.patrol.nights import (
    _addresses,
    _building_labels,
    _hhmm,
    _names,
    _utc,
    watched_reasons,
    window_bounds,
)
from community_app.services.patrol.walk import percent

# ---------------------------------------------------------------- log and trends (admin)


def _plans_of_night(session: Session, actor: Actor, night: date) -> list[PatrolPlan]:
    return list(session.exec(
        select(PatrolPlan)
        .where(PatrolPlan.community_id == actor.community_id, PatrolPlan.night == night,
               PatrolPlan.cancelled_at.is_(None))
        .order_by(PatrolPlan.window_start, PatrolPlan.id)
    ).all())


def plan_over(plan: PatrolPlan, walks: list[PatrolWalk], now: datetime) -> bool:
    """The window has passed, or everyone who signed in has signed out."""
    _start, end = window_bounds(plan)
    if now >= end:
        return True
    return bool(walks) and all(w.signed_out_at is not None for w in walks)


def patrol_log(session: Session, *, actor: Actor, night: date,
               now: datetime | None = None) -> dict:
    """签到本: who walked, buildings covered / missed, lit counts, follow-ups and outcomes."""
    scope.require_role(actor, Role.admin)
    now = _utc(now)
    plans = _plans_of_night(session, actor, night)
    plan_ids = [p.id for p in plans]
    walks = list(session.exec(
        select(PatrolWalk).where(PatrolWalk.plan_id.in_(plan_ids)).order_by(PatrolWalk.id)
    ).all()) if plan_ids else []
    results = list(session.exec(
        select(PatrolBuildingResult).where(PatrolBuildingResult.plan_id.in_(plan_ids))
    ).all()) if plan_ids else []
    members = list(session.exec(
        select(PatrolPlanMember).where(PatrolPlanMember.plan_id.in_(plan_ids))
    ).all()) if plan_ids else []
    names = _names(session, list({m.user_id for m in members}))
    labels = _building_labels(session, list({r.building_id for r in results}))
    walked = {(w.plan_id, w.user_id): w for w in walks}
    people = []
    for m in members:
        w = walked.get((m.plan_id, m.user_id))
        people.append({
            "name": names.get(m.user_id, ""),
            "signed_in": _hhmm(w.signed_in_at) if w else "",
            "signed_out": _hhmm(w.signed_out_at) if w and w.signed_out_at else "",
            "minutes": walk_minutes(w.signed_in_at, w.signed_out_at) if w else 0,
            "walked": w is not None,
        })
    over = {p.id: plan_over(p, [w for w in walks if w.plan_id == p.id], now) for p in plans}
    buildings = []
    for r in sorted(results, key=lambda r: (r.plan_id, labels.get(r.building_id, ""))):
        finished = r.finished_at is not None
        buildings.append({
            "label": labels.get(r.building_id, ""),
            "finished": finished,
            "missed": not finished and over[r.plan_id],
            "lit": r.lit_count,
            "total": r.total,
            "percent": percent(r.lit_count, r.total),
        })
    follow_ups = list(session.exec(
        select(PatrolFollowUp).where(PatrolFollowUp.plan_id.in_(plan_ids))
        .order_by(PatrolFollowUp.created_at, PatrolFollowUp.id)
    ).all()) if plan_ids else []
    return {
        "night": night.isoformat(),
        "plans": len(plans),
        "people": people,
        "buildings": buildings,
        "missed": sum(1 for b in buildings if b["missed"]),
        "follow_ups": _follow_up_rows(session, follow_ups, now, with_phone=False),
    }


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
    labels = _building_labels(session, list(by_building))
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
    addresses = _addresses(session, list(watched))
    runs = []
    for household_id in sorted(watched, key=lambda h: addresses.get(h, "")):
        cells = [state.get((household_id, d), "unchecked") for d in days]
        runs.append(WatchedRun(
            household_id=household_id, address=addresses.get(household_id, ""),
            reason=watched[household_id][0], nights=cells,
            dark_two_in_a_row=dark_two_in_a_row(cells),
        ))
    return runs


def dark_two_in_a_row(cells: list[str]) -> bool:
    """Dark on two consecutive nights (an unchecked night breaks the run)."""
    return any(a == "dark" and b == "dark" for a, b in zip(cells, cells[1:], strict=False))


def lit_but_registered_empty(session: Session, *, actor: Actor, night: date) -> list[dict]:
    """Lit windows whose household the register says is vacant or away: for the survey."""
    scope.require_role(actor, Role.admin)
    plan_ids = [p.id for p in _plans_of_night(session, actor, night)]
    if not plan_ids:
        return []
    rows = session.exec(
        select(Household.id, Household.occupancy)
        .join(PatrolMark, PatrolMark.household_id == Household.id)
        .where(PatrolMark.plan_id.in_(plan_ids), PatrolMark.lit.is_(True),
               Household.occupancy.in_([Occupancy.vacant.value, Occupancy.away.value]))
    ).all()
    addresses = _addresses(session, [hid for hid, _ in rows])
    seen: dict[int, str] = {hid: Occupancy(occ).value for hid, occ in rows}
    return [
        {"household_id": hid, "address": addresses.get(hid, ""), "occupancy": occ}
        for hid, occ in sorted(seen.items(), key=lambda kv: addresses.get(kv[0], ""))
    ]


# ---------------------------------------------------------------- volunteer hours


def walk_minutes(signed_in: datetime, signed_out: datetime | None) -> int:
    """Whole minutes walked (a walk not signed out counts nothing)."""
    if signed_out is None:
        return 0
    seconds = (aware(signed_out) - aware(signed_in)).total_seconds()
    return max(0, int(seconds // 60))


def iso_week(night: date) -> str:
    year, week, _ = night.isocalendar()
    return f"{year}-W{week:02d}"


def volunteer_hours(session: Session, *, actor: Actor, until: date,
                    weeks: int = 4) -> list[dict]:
    """Minutes walked per person per ISO week of the patrol night, newest week first."""
    scope.require_role(actor, Role.admin)
    since = until - timedelta(weeks=weeks)
    rows = session.exec(
        select(PatrolWalk, PatrolPlan.night)
        .join(PatrolPlan, PatrolPlan.id == PatrolWalk.plan_id)
        .where(PatrolPlan.community_id == actor.community_id, PatrolPlan.night > since,
               PatrolPlan.night <= until)
    ).all()
    totals: dict[tuple[str, int], int] = defaultdict(int)
    for walk, night in rows:
        totals[(iso_week(night), walk.user_id)] += walk_minutes(walk.signed_in_at,
                                                                walk.signed_out_at)
    names = _names(session, list({uid for _w, uid in totals}))
    out = [
        {"week": week, "name": names.get(uid, ""), "minutes": minutes,
         "hours": f"{minutes // 60}:{minutes % 60:02d}"}
        for (week, uid), minutes in totals.items()
    ]
    out.sort(key=lambda r: r["name"])
    return sorted(out, key=lambda r: r["week"], reverse=True)
