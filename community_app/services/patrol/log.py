"""The night's patrol log (签到本), for the admin: who walked, buildings covered or
missed, lit counts, and the follow-ups with their outcomes.

Invariants
- A building is missed only once its plan is over (the window has passed, or everyone
  who signed in has signed out) and nobody finished it.
- Cancelled plans are left out.
- The log carries no personal data: follow-ups show the address, not the resident's
  name or phone.
- A building counts as walked (`covered`) only when it was finished with every window
  marked; finished with windows left unmarked, it is `partial` and the log says the share
  marked. The page shows one summary row per building, its follow-ups and trend folded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, select

from community_app.models import (
    PatrolBuildingResult,
    PatrolFollowUp,
    PatrolPlan,
    PatrolPlanMember,
    PatrolWalk,
    Role,
)
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.patrol.access import display_names
from community_app.services.patrol.facade import percent
from community_app.services.patrol.followups import (
    FollowUpRow,
    escalated_follow_ups,
    follow_up_rows,
)
from community_app.services.patrol.hours import WeekHours, volunteer_hours, walk_minutes
from community_app.services.patrol.nights import patrol_night, window_bounds
from community_app.services.patrol.plans import plans_of_night
from community_app.services.patrol.trends import (
    BuildingTrend,
    LitEmpty,
    TrendPoint,
    WatchedRun,
    lit_but_registered_empty,
    lit_ratio_trend,
    watched_runs,
)
from community_app.services.places import building_labels


def plan_over(plan: PatrolPlan, walks: list[PatrolWalk], now: datetime) -> bool:
    """The window has passed, or everyone who signed in has signed out."""
    _start, end = window_bounds(plan)
    if now >= end:
        return True
    return bool(walks) and all(w.signed_out_at is not None for w in walks)


@dataclass
class LogPerson:
    name: str
    signed_in: str  # local HH:MM, empty when they did not walk
    signed_out: str
    minutes: int
    walked: bool


@dataclass
class LogBuilding:
    label: str
    finished: bool
    missed: bool  # the plan is over and nobody finished it
    lit: int
    total: int
    percent: int
    building_id: int = 0
    marked: int = 0
    marked_percent: int = 0  # the share of its windows marked lit or dark
    covered: bool = False  # walked: finished with every window marked
    partial: bool = False  # finished with windows left unmarked
    follow_ups: list[FollowUpRow] = field(default_factory=list)  # this building's, folded
    open_follow_ups: int = 0
    trend: list[TrendPoint] = field(default_factory=list)  # filled by log_page


def covered(marked: int, total: int, finished: bool) -> bool:
    """Walked: finished, and every window was marked lit or dark."""
    return finished and marked >= total


@dataclass
class PatrolLog:
    night: str
    plans: int
    people: list[LogPerson]
    buildings: list[LogBuilding]
    missed: int
    follow_ups: list[FollowUpRow]  # without the resident's name or phone


def patrol_log(session: Session, *, actor: Actor, night: date,
               now: datetime | None = None) -> PatrolLog:
    """签到本: who walked, buildings covered / missed, lit counts, follow-ups and outcomes."""
    scope.require_role(actor, Role.admin)
    now = clock.utc(now)
    plans = plans_of_night(session, actor, night)
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
    names = display_names(session, list({m.user_id for m in members}))
    labels = building_labels(session, list({r.building_id for r in results}))
    walked = {(w.plan_id, w.user_id): w for w in walks}
    people: list[LogPerson] = []
    for m in members:
        w = walked.get((m.plan_id, m.user_id))
        people.append(LogPerson(
            name=names.get(m.user_id, ""),
            signed_in=clock.hhmm(w.signed_in_at) if w else "",
            signed_out=clock.hhmm(w.signed_out_at) if w and w.signed_out_at else "",
            minutes=walk_minutes(w.signed_in_at, w.signed_out_at) if w else 0,
            walked=w is not None,
        ))
    over = {p.id: plan_over(p, [w for w in walks if w.plan_id == p.id], now) for p in plans}
    follow_ups = list(session.exec(
        select(PatrolFollowUp).where(PatrolFollowUp.plan_id.in_(plan_ids))
        .order_by(PatrolFollowUp.created_at, PatrolFollowUp.id)
    ).all()) if plan_ids else []
    rows = follow_up_rows(session, follow_ups, now, with_phone=False)  # in the same order
    by_building: dict[tuple[int, int], list[FollowUpRow]] = {}
    for fu, row in zip(follow_ups, rows, strict=True):
        by_building.setdefault((fu.plan_id, fu.building_id), []).append(row)
    buildings: list[LogBuilding] = []
    for r in sorted(results, key=lambda r: (r.plan_id, labels.get(r.building_id, ""))):
        finished = r.finished_at is not None
        mine = by_building.get((r.plan_id, r.building_id), [])
        buildings.append(LogBuilding(
            label=labels.get(r.building_id, ""),
            finished=finished,
            missed=not finished and over[r.plan_id],
            lit=r.lit_count,
            total=r.total,
            percent=percent(r.lit_count, r.total),
            building_id=r.building_id,
            marked=r.marked_count,
            marked_percent=percent(r.marked_count, r.total),
            covered=covered(r.marked_count, r.total, finished),
            partial=finished and not covered(r.marked_count, r.total, finished),
            follow_ups=mine,
            open_follow_ups=sum(1 for x in mine if x.status != "resolved"),
        ))
    return PatrolLog(
        night=night.isoformat(),
        plans=len(plans),
        people=people,
        buildings=buildings,
        missed=sum(1 for b in buildings if b.missed),
        follow_ups=rows,
    )


@dataclass
class LogPage:
    """The log page for one night: the log, the trends up to it, and today's escalations."""

    night: str
    log: PatrolLog
    trends: list[BuildingTrend]
    runs: list[WatchedRun]
    lit_empty: list[LitEmpty]
    hours: list[WeekHours]
    escalated: list[FollowUpRow]  # past their deadline now, whatever night is shown


def log_page(session: Session, *, actor: Actor, night: date | None = None,
             now: datetime | None = None) -> LogPage:
    """Everything the log page shows for `night` (default: tonight's patrol night)."""
    night = night or patrol_night(now)
    log = patrol_log(session, actor=actor, night=night, now=now)
    trends = lit_ratio_trend(session, actor=actor, until=night)
    by_building = {t.building_id: t.points for t in trends}
    for b in log.buildings:  # each building's trend folds under its summary row
        b.trend = by_building.get(b.building_id, [])
    return LogPage(
        night=night.isoformat(),
        log=log,
        trends=trends,
        runs=watched_runs(session, actor=actor, until=night),
        lit_empty=lit_but_registered_empty(session, actor=actor, night=night),
        hours=volunteer_hours(session, actor=actor, until=night),
        escalated=escalated_follow_ups(session, actor=actor, now=now),
    )
