"""Sending today's daily report up to the subdistrict: count it now (the 日报 as of the
cut-off, open errands, last night's patrol coverage) and store it as a frozen snapshot.

It reads several domains (survey and isolation through report.daily_report, errands,
patrol), so it sits at the top of the services layer; the snapshot itself is stored by
services/reporting/, which never recomputes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from community_app.models import ErrandRequest, ErrandStatus, Role
from community_app.services import report, scope
from community_app.services.auth import Actor
from community_app.services.patrol.log import patrol_log
from community_app.services.reporting import snapshots
from community_app.services.reporting.snapshots import CompoundLine, Numbers, SnapshotView

OPEN_ERRANDS = (ErrandStatus.requested, ErrandStatus.claimed, ErrandStatus.shopping)


@dataclass
class SubmitView:
    """What the secretary reviews before sending: today's numbers now, and what went up."""

    day: str
    cutoff: str
    round_name: str
    deadline: str
    numbers: Numbers
    versions: list[SnapshotView] = field(default_factory=list)


def open_errands(session: Session, community_id: int) -> int:
    return session.exec(select(func.count(ErrandRequest.id)).where(
        ErrandRequest.community_id == community_id,
        ErrandRequest.status.in_([s.value for s in OPEN_ERRANDS]))).one()


def count_now(session: Session, *, actor: Actor, day: date,
              now: datetime | None = None) -> tuple[Numbers, report.DailyReport]:
    """The numbers the report would send now (the admin's own community)."""
    scope.require_role(actor, Role.admin)
    rep = report.daily_report(session, actor=actor, day=day)
    night = patrol_log(session, actor=actor, night=day - timedelta(days=1), now=now)
    t = rep.total
    numbers = Numbers(
        households=t.households, reached=t.reached, residents=t.residents,
        returnees=t.returnees, returnees_new=t.returnees_new, fever=t.fever,
        under_isolation=rep.isolation.households, isolated_people=rep.isolation.people,
        open_errands=open_errands(session, actor.community_id),
        patrol_buildings=len(night.buildings),
        patrol_covered=sum(1 for b in night.buildings if b.covered),
        compounds=[CompoundLine(name=c.name, households=c.households, reached=c.reached,
                                residents=c.residents, returnees=c.returnees,
                                returnees_new=c.returnees_new, fever=c.fever)
                   for c in rep.compounds])
    return numbers, rep


def preview(session: Session, *, actor: Actor, day: date,
            now: datetime | None = None) -> SubmitView:
    numbers, rep = count_now(session, actor=actor, day=day, now=now)
    return SubmitView(day=day.isoformat(), cutoff=rep.cutoff, round_name=rep.round_name,
                      deadline=snapshots.deadline_time().strftime("%H:%M"), numbers=numbers,
                      versions=snapshots.versions(session, actor=actor,
                                                  community_id=actor.community_id, day=day))


def submit(session: Session, *, actor: Actor, day: date, reason: str = "",
           now: datetime | None = None) -> SnapshotView:
    """Count the admin's own community's report for `day` and send it up (version 1, or a
    correction with its reason). The stored snapshot never changes afterwards."""
    numbers, rep = count_now(session, actor=actor, day=day, now=now)
    return snapshots.store(session, actor=actor, day=day, numbers=numbers, cutoff=rep.cutoff,
                           round_name=rep.round_name, reason=reason, now=now)
