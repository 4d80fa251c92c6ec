"""Volunteer hours: minutes walked per person and ISO week of the patrol night.

Invariants
- A walk counts from its sign-in to its sign-out, in whole minutes; a walk never signed
  out counts nothing (nobody is credited for a forgotten sign-out).
- A walk belongs to the week of its patrol night, so a walk past midnight on a Sunday
  stays in that week.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from community_app.models import PatrolPlan, PatrolWalk, Role
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import aware
from community_app.services.patrol.access import display_names


def walk_minutes(signed_in: datetime, signed_out: datetime | None) -> int:
    """Whole minutes walked (a walk not signed out counts nothing)."""
    if signed_out is None:
        return 0
    seconds = (aware(signed_out) - aware(signed_in)).total_seconds()
    return max(0, int(seconds // 60))


def iso_week(night: date) -> str:
    year, week, _ = night.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class WeekHours:
    week: str  # ISO week of the patrol night, "2026-W48"
    name: str
    minutes: int
    hours: str  # h:mm


def volunteer_hours(session: Session, *, actor: Actor, until: date,
                    weeks: int = 4) -> list[WeekHours]:
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
    names = display_names(session, list({uid for _w, uid in totals}))
    out = [
        WeekHours(week=week, name=names.get(uid, ""), minutes=minutes,
                  hours=f"{minutes // 60}:{minutes % 60:02d}")
        for (week, uid), minutes in totals.items()
    ]
    out.sort(key=lambda r: r.name)
    return sorted(out, key=lambda r: r.week, reverse=True)
