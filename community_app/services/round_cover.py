"""Which open survey rounds cover a compound: shared by the survey and the ledger.

Several rounds may be open at once (a re-visit of one compound beside the community's
round). A household belongs to every open round covering its compound. "The community
round" is the default of the report, the ledger and the admin's coverage: the open round
opened over the whole community, else the one covering most compounds, newest first.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, insert
from sqlalchemy.orm import aliased
from sqlalchemy.sql.selectable import ScalarSelect
from sqlmodel import Session, select

from community_app.models import (
    Building,
    Compound,
    Household,
    HouseholdStatus,
    RoundCompound,
    RoundHousehold,
    RoundStatus,
    SurveyRound,
)
from community_app.services.codes import random_code


def _covered() -> ScalarSelect:
    """How many compounds the outer query's round covers (its own alias of round_compound:
    the outer query may join round_compound too)."""
    inner = aliased(RoundCompound)
    return (select(func.count()).select_from(inner)
            .where(inner.round_id == SurveyRound.id).correlate(SurveyRound).scalar_subquery())


def community_round_id(session: Session, *, community_id: int) -> int:
    """The community's round (see the module's note), or 0 when no round is open."""
    return session.exec(
        select(SurveyRound.id)
        .where(SurveyRound.community_id == community_id, SurveyRound.status == RoundStatus.open)
        .order_by(SurveyRound.covers_all.desc(), _covered().desc(), SurveyRound.start_date.desc(),
                  SurveyRound.id.desc())
    ).first() or 0


def open_rounds_covering(session: Session, *, community_id: int,
                         compound_id: int) -> list[SurveyRound]:
    """The open rounds covering a compound, narrowest first (fewest compounds), then newest:
    a re-visit of that compound comes before the community's round."""
    return list(session.exec(
        select(SurveyRound)
        .join(RoundCompound, RoundCompound.round_id == SurveyRound.id)
        .where(SurveyRound.community_id == community_id, SurveyRound.status == RoundStatus.open,
               RoundCompound.compound_id == compound_id)
        .order_by(_covered(), SurveyRound.start_date.desc(), SurveyRound.id.desc())
    ).all())


def enrol_households(session: Session, *, community_id: int,
                     household_ids: Iterable[int]) -> int:
    """Add households (new to the register) to every open round covering their compound, in
    the caller's transaction; a round opened over the whole community first takes in any
    compound it does not cover yet. Returns the round rows added."""
    ids = sorted(set(household_ids))
    if not ids:
        return 0
    whole = session.exec(select(SurveyRound.id).where(
        SurveyRound.community_id == community_id, SurveyRound.status == RoundStatus.open,
        SurveyRound.covers_all.is_(True))).all()
    if whole:
        compounds = set(session.exec(
            select(Compound.id).where(Compound.community_id == community_id)).all())
        have = set(session.exec(select(RoundCompound.round_id, RoundCompound.compound_id)
                                .where(RoundCompound.round_id.in_(whole))).all())
        missing = [{"round_id": r, "compound_id": c} for r in whole for c in sorted(compounds)
                   if (r, c) not in have]
        if missing:
            session.execute(insert(RoundCompound), missing)
    pairs = session.exec(
        select(RoundCompound.round_id, Household.id)
        .join(Building, Building.compound_id == RoundCompound.compound_id)
        .join(Household, Household.building_id == Building.id)
        .join(SurveyRound, SurveyRound.id == RoundCompound.round_id)
        .where(SurveyRound.community_id == community_id, SurveyRound.status == RoundStatus.open,
               Household.id.in_(ids))
    ).all()
    enrolled = set(session.exec(select(RoundHousehold.round_id, RoundHousehold.household_id)
                                .where(RoundHousehold.household_id.in_(ids))).all())
    rows = [{"round_id": r, "household_id": h, "notice_code": random_code(),
             "status": HouseholdStatus.pending.value}
            for r, h in sorted(set(pairs)) if (r, h) not in enrolled]
    if rows:
        session.execute(insert(RoundHousehold), rows)
    return len(rows)
