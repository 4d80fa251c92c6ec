"""The patrol cards on each role's home screen, in one read.

Invariants
- A walker (volunteer or grid worker) sees tonight's plans they are on; a grid worker
  the unresolved follow-ups of their own buildings, with the phone to call; the admin
  how many follow-ups are past their deadline. Nobody else sees patrol data here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from community_app.models import Role
from community_app.services.auth import Actor
from community_app.services.patrol.access import PATROL_ROLES
from community_app.services.patrol.followups import (
    FollowUpRow,
    escalated_follow_ups,
    open_follow_ups,
)
from community_app.services.patrol.walk import TonightCard, my_tonight


@dataclass
class PatrolHome:
    tonight: list[TonightCard] = field(default_factory=list)
    follow_ups: list[FollowUpRow] = field(default_factory=list)
    escalated: int = 0


def patrol_home(session: Session, *, actor: Actor, now: datetime | None = None) -> PatrolHome:
    home = PatrolHome()
    if actor.role in PATROL_ROLES:
        home.tonight = my_tonight(session, actor=actor, now=now)
    if actor.role == Role.grid_worker:
        home.follow_ups = open_follow_ups(session, actor=actor, now=now)
    if actor.role == Role.admin:
        home.escalated = len(escalated_follow_ups(session, actor=actor, now=now))
    return home
