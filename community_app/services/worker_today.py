"""What a grid worker still has to do today, counted for the first screen of the day.

Each count comes from the same service as the page it links to (the isolation board's own
case and due-item queries, the survey follow-up list, the survey needs list), so the
numbers on the home screen and on those pages cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from community_app.models import Role
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.isolation.board import today_counts
from community_app.services.needs import list_needs
from community_app.services.survey.current import followups


@dataclass
class WorkerToday:
    isolation_households: int  # open cases with care still due today
    isolation_overdue: int  # of those items, the ones already late
    followups: int  # households tried and not yet reached, in every open round
    needs: int  # survey needs not yet turned into errand requests


def worker_today(session: Session, *, actor: Actor, now: datetime | None = None) -> WorkerToday:
    scope.require_role(actor, Role.grid_worker)
    care = today_counts(session, actor=actor, now=now)
    chasing = followups(session, actor=actor)  # the same list as /survey/followups
    return WorkerToday(
        isolation_households=care.households,
        isolation_overdue=care.overdue,
        followups=len(chasing),
        needs=len(list_needs(session, actor=actor, unconverted_only=True)),
    )
