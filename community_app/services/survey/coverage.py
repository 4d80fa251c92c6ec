"""Coverage where the secretary looks: the community round's reach on the admin's home.

Counted from the round's rows (one query), so the home, /survey and the daily report agree:
reached means reached or confirmed vacant, as everywhere in the survey.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, func
from sqlmodel import Session, select

from community_app.models import (
    DONE_STATUSES,
    Building,
    Compound,
    GridAssignment,
    Household,
    HouseholdStatus,
    Role,
    RoundHousehold,
    User,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.survey.round_list import pick_open_round
from community_app.services.survey.rounds import get_round


@dataclass
class WorkerProgress:
    name: str  # the grid worker; "" for the round's buildings nobody covers
    reached: int
    total: int


@dataclass
class Coverage:
    round_id: int  # 0: no round is open
    round_name: str = ""
    total: int = 0
    reached: int = 0
    not_reached: int = 0
    escalated: int = 0  # of those not reached, the ones the admin must act on
    workers: list[WorkerProgress] = field(default_factory=list)  # least done first


def coverage(session: Session, *, actor: Actor, round_id: int = 0) -> Coverage:
    """The round asked for (else the community round): reached / total, not reached,
    escalated, and each grid worker's reached / total."""
    scope.require_role(actor, Role.admin)
    shown = pick_open_round(session, actor=actor, round_id=round_id)
    if not shown:
        return Coverage(round_id=0)
    survey_round = get_round(session, actor=actor, round_id=shown)
    status = RoundHousehold.status
    rows = session.exec(
        select(User.id, User.display_name, func.count(RoundHousehold.id),
               func.sum(case((status.in_([s.value for s in DONE_STATUSES]), 1), else_=0)),
               func.sum(case((status == HouseholdStatus.escalated.value, 1), else_=0)))
        .select_from(RoundHousehold)
        .join(Household, Household.id == RoundHousehold.household_id)
        .join(Building, Building.id == Household.building_id)
        .join(Compound, Compound.id == Building.compound_id)
        .outerjoin(GridAssignment, GridAssignment.building_id == Building.id)
        .outerjoin(User, User.id == GridAssignment.user_id)
        .where(RoundHousehold.round_id == shown, Compound.community_id == actor.community_id)
        .group_by(User.id, User.display_name)
    ).all()
    result = Coverage(round_id=shown, round_name=survey_round.name)
    for _, name, total, reached, escalated in rows:
        result.total += total
        result.reached += int(reached or 0)
        result.escalated += int(escalated or 0)
        result.workers.append(WorkerProgress(name=name or "", reached=int(reached or 0),
                                             total=total))
    result.not_reached = result.total - result.reached
    result.workers.sort(key=lambda p: (p.reached / p.total if p.total else 1, p.name))
    return result
