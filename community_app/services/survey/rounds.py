"""Door-to-door survey: open a round, record visits, chase the households not reached.

Status journey of a household in a round:
  pending -> reached | vacant                      (a successful first visit)
  pending -> followup -> ... -> escalated          (each failed attempt counts;
                                                    at max_attempts the admin takes over)
  followup/escalated -> reached | vacant           (any later success closes it)
A round is complete only when every household is reached or confirmed vacant.
Visits saved at the same moment for one household take turns on its row lock: each
attempt counts once, and a replay racing its original is saved once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, insert
from sqlmodel import Session, select

from community_app.models import (
    DONE_STATUSES,
    FAILED_OUTCOMES,
    Building,
    Compound,
    Household,
    HouseholdStatus,
    NextAction,
    Occupancy,
    Outcome,
    Role,
    RoundCompound,
    RoundHousehold,
    RoundStatus,
    SurveyRound,
    VisitAttempt,
    utcnow,
)
from community_app.services import round_cover, scope
from community_app.services.auth import Actor
from community_app.services.codes import random_code
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.survey.findings import ResidentIn, apply_findings

DEFAULT_NEXT = {
    Outcome.not_home: NextAction.evening_revisit,
    Outcome.refused: NextAction.phone,
    Outcome.maybe_vacant: NextAction.door_notice,
}


def open_round(
    session: Session,
    *,
    actor: Actor,
    uuid: str,
    name: str,
    start_date: date,
    compound_ids: list[int] | None = None,
    max_attempts: int = 3,
) -> SurveyRound:
    """Open a round over chosen compounds (all of the community when none are chosen).

    Rounds already open stay open: a re-visit of one compound sits beside the community's
    round, and a household belongs to every open round covering its compound.
    """
    scope.require_role(actor, Role.admin)
    uuid = check_uuid(uuid)
    if (row := existing(session, SurveyRound, uuid)) is not None:
        return row
    community_compounds = set(
        session.exec(select(Compound.id).where(Compound.community_id == actor.community_id))
    )
    chosen = set(compound_ids or community_compounds)
    if not chosen or not chosen <= community_compounds:
        raise Denied()
    survey_round = SurveyRound(uuid=uuid, community_id=actor.community_id, name=name,
                               start_date=start_date, max_attempts=max_attempts,
                               covers_all=chosen == community_compounds,
                               updated_by_id=actor.user_id)
    session.add(survey_round)
    session.flush()
    session.execute(insert(RoundCompound), [
        {"round_id": survey_round.id, "compound_id": c} for c in sorted(chosen)
    ])
    household_ids = session.exec(
        select(Household.id).join(Building).where(Building.compound_id.in_(chosen))
    ).all()
    rows = [{"round_id": survey_round.id, "household_id": h, "notice_code": random_code(),
             "status": HouseholdStatus.pending.value} for h in household_ids]
    for start in range(0, len(rows), 5000):
        session.execute(insert(RoundHousehold), rows[start:start + 5000])
    return survey_round


def close_round(session: Session, *, actor: Actor, round_id: int) -> None:
    """Close one round; the other open rounds are untouched. Closing twice changes nothing."""
    scope.require_role(actor, Role.admin)
    survey_round = get_round(session, actor=actor, round_id=round_id)
    if survey_round.status == RoundStatus.closed:
        return
    survey_round.status = RoundStatus.closed
    survey_round.touch(actor.user_id)
    session.add(survey_round)


def get_round(session: Session, *, actor: Actor, round_id: int) -> SurveyRound:
    survey_round = session.get(SurveyRound, round_id)
    if survey_round is None or survey_round.community_id != actor.community_id:
        raise Denied()
    return survey_round


@dataclass
class CompoundChoice:
    id: int
    name: str


def compounds_in_scope(session: Session, *, actor: Actor) -> list[CompoundChoice]:
    """Compounds with at least one building the actor covers, by name (pickers: a round's
    compounds, the situation map's compound)."""
    ids = scope.building_ids_in_scope(session, actor=actor)
    rows = session.exec(
        select(Compound.id, Compound.name).join(Building).where(Building.id.in_(ids))
        .group_by(Compound.id, Compound.name).order_by(Compound.name)
    ).all()
    return [CompoundChoice(id=cid, name=name) for cid, name in rows]


def community_round_id(session: Session, *, actor: Actor) -> int:
    """The community's round (round_cover.py): the default of the report, the ledger and
    the admin's coverage; 0 when no round is open."""
    return round_cover.community_round_id(session, community_id=actor.community_id)


@dataclass
class Progress:
    building_id: int
    label: str
    total: int
    reached: int
    followups: int
    escalated: int


def building_progress(session: Session, *, actor: Actor, round_id: int) -> list[Progress]:
    """Per building in the actor's scope: reached / total and what is outstanding."""
    get_round(session, actor=actor, round_id=round_id)
    ids = scope.building_ids_in_scope(session, actor=actor)
    status = RoundHousehold.status
    rows = session.exec(
        select(
            Building.id, Compound.name, Building.name, func.count(RoundHousehold.id),
            func.sum(case((status.in_([s.value for s in DONE_STATUSES]), 1), else_=0)),
            func.sum(case((status == HouseholdStatus.followup.value, 1), else_=0)),
            func.sum(case((status == HouseholdStatus.escalated.value, 1), else_=0)),
        )
        .join(Household, Household.id == RoundHousehold.household_id)
        .join(Building, Building.id == Household.building_id)
        .join(Compound, Compound.id == Building.compound_id)
        .where(RoundHousehold.round_id == round_id, Building.id.in_(ids))
        .group_by(Building.id, Compound.name, Building.name)
        .order_by(Compound.name, Building.id)
    ).all()
    return [Progress(building_id=b, label=f"{c} {n}", total=t, reached=int(r or 0),
                     followups=int(f or 0), escalated=int(e or 0))
            for b, c, n, t, r, f, e in rows]


def round_household(
    session: Session, *, actor: Actor, round_id: int, household_id: int, lock: bool = False
) -> RoundHousehold:
    """The household's row in the round, if the household is in the actor's scope.

    `lock` holds the row until commit and reads it as last committed: visits saved at
    the same moment then take turns, each counting on the one before (PostgreSQL; SQLite
    has one writer anyway).
    """
    get_round(session, actor=actor, round_id=round_id)
    scope.get_household(session, actor=actor, household_id=household_id)
    query = select(RoundHousehold).where(RoundHousehold.round_id == round_id,
                                         RoundHousehold.household_id == household_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    row = session.exec(query).first()
    if row is None:
        raise ServiceError("survey.not_in_round")
    return row


@dataclass
class VisitResult:
    status: str
    failed_attempts: int
    replayed: bool


def record_visit(
    session: Session,
    *,
    actor: Actor,
    uuid: str,
    round_id: int,
    household_id: int,
    outcome: Outcome,
    next_action: NextAction | None = None,
    residents: list[ResidentIn] | None = None,
    needs: str = "",
    note: str = "",
) -> VisitResult:
    """One attempt at one household. A replay of the same uuid changes nothing."""
    scope.require_role(actor, Role.admin, Role.grid_worker)
    uuid = check_uuid(uuid)
    if (earlier := existing(session, VisitAttempt, uuid)) is not None:
        rh = session.get(RoundHousehold, earlier.round_household_id)
        return VisitResult(status=rh.status, failed_attempts=rh.failed_attempts, replayed=True)
    survey_round = get_round(session, actor=actor, round_id=round_id)
    if survey_round.status != RoundStatus.open:
        raise ServiceError("survey.round_closed")
    rh = round_household(session, actor=actor, round_id=round_id, household_id=household_id,
                         lock=True)
    if existing(session, VisitAttempt, uuid) is not None:
        # The same submission, saved by a request that held the lock just before this one.
        return VisitResult(status=rh.status, failed_attempts=rh.failed_attempts, replayed=True)
    now = utcnow()
    if outcome in FAILED_OUTCOMES:
        next_action = next_action or DEFAULT_NEXT[outcome]
        if rh.status not in DONE_STATUSES:
            rh.failed_attempts += 1
            escalate = rh.failed_attempts >= survey_round.max_attempts
            rh.status = HouseholdStatus.escalated if escalate else HouseholdStatus.followup
            rh.next_action = next_action
    elif outcome == Outcome.confirmed_vacant:
        rh.status, rh.reached_at, rh.next_action = HouseholdStatus.vacant, now, None
        household = session.get(Household, household_id)
        household.occupancy = Occupancy.vacant
        household.touch(actor.user_id)
        session.add(household)
    else:
        if not any(not r.moved_away for r in residents or []):
            raise ServiceError("survey.need_resident")
        apply_findings(session, actor=actor, round_id=round_id, household_id=household_id,
                       residents=residents or [], now=now, visit_uuid=uuid)
        rh.status, rh.reached_at, rh.next_action = HouseholdStatus.reached, now, None
    rh.last_attempt_at = now
    if needs:
        rh.needs = needs[:500]
    if note:
        rh.notes = note[:500]
    session.add(rh)
    session.add(VisitAttempt(uuid=uuid, round_household_id=rh.id, outcome=outcome,
                             next_action=next_action if outcome in FAILED_OUTCOMES else None,
                             note=note[:500], by_user_id=actor.user_id,
                             updated_by_id=actor.user_id))
    session.flush()
    return VisitResult(status=rh.status, failed_attempts=rh.failed_attempts, replayed=False)
