"""Rounds as a list: several may be open at once, and each screen names the round it shows.

Which round a screen shows (services/survey/README.md, "Several rounds"):
- /survey, the report, the ledger and the admin's coverage: the one asked for, else the
  community round (round_cover.community_round_id).
- a building, a household's form and door notice: the one asked for when it is open and
  covers the building, else the narrowest open round covering it (a re-visit of its
  compound before the community's round); the screen offers the others.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    RoundCompound,
    RoundHousehold,
    RoundStatus,
    SurveyRound,
)
from community_app.services import round_cover, scope
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError
from community_app.services.places import building_label


@dataclass
class RoundChoice:
    id: int
    name: str


@dataclass
class RoundSummary:
    id: int
    name: str
    start: str  # ISO date
    open: bool
    covers_all: bool  # opened over the whole community
    compounds: list[str]  # the compounds it covers, by name ([] when it covers all)
    total: int  # its households in the actor's scope
    reached: int  # of those, reached or confirmed vacant
    escalated: int
    community: bool = False  # the community round: the default of the report and ledger


def list_rounds(session: Session, *, actor: Actor) -> list[RoundSummary]:
    """The community's rounds, open ones first, then newest first, with their progress in the
    actor's scope (history included: closed rounds keep their numbers)."""
    scope.require_role(actor, Role.admin, Role.grid_worker)
    rounds = session.exec(
        select(SurveyRound).where(SurveyRound.community_id == actor.community_id)
        .order_by(SurveyRound.start_date.desc(), SurveyRound.id.desc())
    ).all()
    if not rounds:
        return []
    ids = [r.id for r in rounds]
    status = RoundHousehold.status
    counts = {rid: (int(t), int(r or 0), int(e or 0)) for rid, t, r, e in session.exec(
        select(RoundHousehold.round_id, func.count(RoundHousehold.id),
               func.sum(case((status.in_([s.value for s in DONE_STATUSES]), 1), else_=0)),
               func.sum(case((status == HouseholdStatus.escalated.value, 1), else_=0)))
        .join(Household, Household.id == RoundHousehold.household_id)
        .where(RoundHousehold.round_id.in_(ids),
               Household.building_id.in_(scope.building_ids_in_scope(session, actor=actor)))
        .group_by(RoundHousehold.round_id)
    ).all()}
    names: dict[int, list[str]] = {}
    for rid, name in session.exec(
        select(RoundCompound.round_id, Compound.name)
        .join(Compound, Compound.id == RoundCompound.compound_id)
        .where(RoundCompound.round_id.in_(ids)).order_by(Compound.name)
    ).all():
        names.setdefault(rid, []).append(name)
    community = round_cover.community_round_id(session, community_id=actor.community_id)
    result = [
        RoundSummary(id=r.id, name=r.name, start=r.start_date.isoformat(),
                     open=r.status == RoundStatus.open, covers_all=r.covers_all,
                     compounds=[] if r.covers_all else names.get(r.id, []),
                     total=counts.get(r.id, (0, 0, 0))[0], reached=counts.get(r.id, (0, 0, 0))[1],
                     escalated=counts.get(r.id, (0, 0, 0))[2], community=r.id == community)
        for r in rounds
    ]
    return sorted(result, key=lambda r: not r.open)  # stable: newest first within each


def open_rounds(session: Session, *, actor: Actor) -> list[RoundChoice]:
    """The open rounds, the community round first (a picker's default), then newest first."""
    community = round_cover.community_round_id(session, community_id=actor.community_id)
    rows = session.exec(
        select(SurveyRound.id, SurveyRound.name)
        .where(SurveyRound.community_id == actor.community_id,
               SurveyRound.status == RoundStatus.open)
        .order_by(SurveyRound.start_date.desc(), SurveyRound.id.desc())
    ).all()
    return sorted([RoundChoice(id=i, name=n) for i, n in rows], key=lambda c: c.id != community)


def pick_open_round(session: Session, *, actor: Actor, round_id: int = 0) -> int:
    """The open round asked for, else the community round; 0 when none is open."""
    if round_id:
        chosen = session.get(SurveyRound, round_id)
        if (chosen is not None and chosen.community_id == actor.community_id
                and chosen.status == RoundStatus.open):
            return chosen.id
    return round_cover.community_round_id(session, community_id=actor.community_id)


def rounds_for_building(session: Session, *, actor: Actor, building_id: int) -> list[RoundChoice]:
    """The open rounds covering a building in the actor's scope, narrowest first."""
    building = scope.get_building(session, actor=actor, building_id=building_id)
    return [RoundChoice(id=r.id, name=r.name) for r in round_cover.open_rounds_covering(
        session, community_id=actor.community_id, compound_id=building.compound_id)]


def pick_building_round(session: Session, *, actor: Actor, building_id: int,
                        round_id: int = 0) -> tuple[RoundChoice, list[RoundChoice]]:
    """The round a building's screens show (the module's note) and every open round covering
    it; refused with `survey.round_closed` when none is open."""
    choices = rounds_for_building(session, actor=actor, building_id=building_id)
    if not choices:
        raise ServiceError("survey.round_closed")
    chosen = next((c for c in choices if c.id == round_id), choices[0])
    return chosen, choices


def pick_household_round(session: Session, *, actor: Actor, household_id: int,
                         round_id: int = 0) -> tuple[RoundChoice, list[RoundChoice]]:
    household = scope.get_household(session, actor=actor, household_id=household_id)
    return pick_building_round(session, actor=actor, building_id=household.building_id,
                               round_id=round_id)


def unassigned_buildings(session: Session, *, actor: Actor, round_id: int) -> list[str]:
    """The round's buildings that no grid worker covers, by name ("琅山北里 1号楼")."""
    rows = session.exec(
        select(Compound.name, Building.name)
        .join(Building, Building.compound_id == Compound.id)
        .join(RoundCompound, RoundCompound.compound_id == Compound.id)
        .outerjoin(GridAssignment, GridAssignment.building_id == Building.id)
        .where(RoundCompound.round_id == round_id, GridAssignment.id.is_(None))
        .order_by(Compound.name, Building.id)
    ).all()
    return [building_label(c, b) for c, b in rows]
