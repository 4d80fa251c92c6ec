"""Factories for survey tests: a community with a worker, an admin and an open round."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from community_app.models import (
    REACHED_OUTCOMES,
    Building,
    Household,
    Outcome,
    Role,
    SurveyRound,
    User,
)
from community_app.services.auth import Actor
from community_app.services.survey import rounds as survey
from community_app.services.survey.findings import ResidentIn
from community_app.services.survey.rounds import VisitResult
from tests import factories as f


@dataclass
class SurveyWorld:
    admin: Actor
    worker: Actor
    other: Actor
    mine: Building
    theirs: Building
    round: SurveyRound
    worker_user: User


def world(session: Session) -> SurveyWorld:
    comm = f.community(session)
    mine = f.building(session, comm, "1号楼", floors=3, units=1, rooms=2)
    theirs = f.building(session, comm, "2号楼", floors=2, units=1, rooms=2)
    admin = f.user(session, comm, Role.admin, "admin")
    worker = f.user(session, comm, Role.grid_worker, "worker")
    other = f.user(session, comm, Role.grid_worker, "other")
    f.assign(session, worker, mine)
    f.assign(session, other, theirs)
    survey_round = survey.open_round(session, actor=f.actor(admin), uuid=f.new_uuid(),
                                     name="第二轮摸排", start_date=date(2026, 11, 20))
    session.commit()
    return SurveyWorld(admin=f.actor(admin), worker=f.actor(worker), other=f.actor(other),
                       mine=mine, theirs=theirs, round=survey_round, worker_user=worker)


def households(session: Session, building: Building) -> list[Household]:
    return list(session.exec(
        select(Household).where(Household.building_id == building.id).order_by(Household.id)
    ).all())


def visit(session: Session, w: SurveyWorld, household: Household, outcome: Outcome | str,
          residents: list[ResidentIn] | None = None, uuid: str | None = None,
          actor: Actor | None = None) -> VisitResult:
    """One committed attempt; a reached outcome gets one resident unless told otherwise."""
    if residents is None and outcome in REACHED_OUTCOMES:
        residents = [ResidentIn(name="张三丰", birth_year=1950)]
    result = survey.record_visit(session, actor=actor or w.worker, uuid=uuid or f.new_uuid(),
                                 round_id=w.round.id, household_id=household.id,
                                 outcome=outcome, residents=residents or [])
    session.commit()
    return result
