"""A volunteer's own hours, for their home screen: patrols walked and errands delivered.

A cross-domain reader (patrol walks and errand runs). It counts what the services record
today, nothing estimated:
- a patrol walk from its sign-in to its sign-out (`patrol.hours.walk_minutes`: a walk never
  signed out counts nothing);
- an errand run from its start (the shopping list drawn) to its last delivery
  (`ErrandRun.finished_at`); a run still under way counts nothing yet;
- the errands this person left at a door (delivered or confirmed).

Invariants
- A volunteer reads only their own hours (no one else's names or numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, func, select

from community_app.models import ErrandRequest, ErrandRun, PatrolWalk, Role
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import aware
from community_app.services.patrol.hours import walk_minutes


def hhmm(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


@dataclass
class MyHours:
    total: str = "0:00"  # h:mm, patrols and errands together
    patrol: str = "0:00"
    walks: int = 0  # walks signed out
    errands: str = "0:00"
    delivered: int = 0  # errands left at a door


def my_hours(session: Session, *, actor: Actor) -> MyHours:
    """The signed-in volunteer's own hours, all of the campaign so far."""
    scope.require_role(actor, Role.volunteer)
    walks = session.exec(select(PatrolWalk).where(PatrolWalk.user_id == actor.user_id)).all()
    patrol = [walk_minutes(w.signed_in_at, w.signed_out_at) for w in walks]
    runs = session.exec(select(ErrandRun).where(ErrandRun.volunteer_id == actor.user_id,
                                                ErrandRun.finished_at.is_not(None))).all()
    errands = sum(max(0, int((aware(r.finished_at) - aware(r.created_at)).total_seconds()
                             // 60)) for r in runs)
    delivered = session.exec(select(func.count()).select_from(ErrandRequest).where(
        ErrandRequest.claimed_by_id == actor.user_id,
        ErrandRequest.delivered_at.is_not(None))).one()
    return MyHours(total=hhmm(sum(patrol) + errands), patrol=hhmm(sum(patrol)),
                   walks=sum(1 for w in walks if w.signed_out_at is not None),
                   errands=hhmm(errands), delivered=int(delivered))
