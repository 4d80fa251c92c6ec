"""Marking windows on a patrol: one window lit or dark, a whole floor at once, and
finishing a building.

Invariants
- Only a walker signed in on the plan (services/patrol/access.py) marks, and only on a
  building of its route that is not finished yet.
- Each mark keeps the building's counts (lit, marked) and the household's follow-up
  (services/patrol/followups.py) in step, in the same transaction.
- The walker's screen sends the state a window should have, not a flip: the same tap
  delivered twice (a replay after the signal returns) applies once.
"""

from __future__ import annotations

import uuid as uuidlib
from datetime import datetime

from sqlmodel import Session, select

from community_app.models import Household, PatrolBuildingResult, PatrolMark, PatrolPlan
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.patrol.access import PATROL_ROLES, get_plan, require_walking
from community_app.services.patrol.followups import follow_up_on_mark


def _result(session: Session, plan_id: int, building_id: int) -> PatrolBuildingResult:
    result = session.exec(
        select(PatrolBuildingResult).where(
            PatrolBuildingResult.plan_id == plan_id,
            PatrolBuildingResult.building_id == building_id,
        )
    ).first()
    if result is None:
        raise Denied()  # the building is not on this plan's route
    return result


def _apply_mark(session: Session, *, actor: Actor, plan: PatrolPlan, household: Household,
                lit: bool, now: datetime) -> None:
    mark = session.exec(
        select(PatrolMark).where(
            PatrolMark.plan_id == plan.id, PatrolMark.household_id == household.id
        )
    ).first()
    if mark is None:
        mark = PatrolMark(uuid=str(uuidlib.uuid4()), plan_id=plan.id,
                          building_id=household.building_id, household_id=household.id,
                          night=plan.night, lit=lit)
    elif mark.lit == lit:
        return
    mark.lit = lit
    mark.touch(actor.user_id)
    session.add(mark)
    session.flush()
    follow_up_on_mark(session, actor=actor, plan=plan, household=household, lit=lit, now=now)


def _recount(session: Session, result: PatrolBuildingResult) -> None:
    marks = session.exec(
        select(PatrolMark.lit).where(
            PatrolMark.plan_id == result.plan_id, PatrolMark.building_id == result.building_id
        )
    ).all()
    result.lit_count = sum(1 for lit in marks if lit)
    result.marked_count = len(marks)
    session.add(result)
    session.flush()


def _open_building(session: Session, *, actor: Actor, plan_id: int,
                   building_id: int) -> tuple[PatrolPlan, PatrolBuildingResult]:
    scope.require_role(actor, *PATROL_ROLES)
    plan = get_plan(session, actor=actor, plan_id=plan_id)
    result = _result(session, plan.id, building_id)
    require_walking(session, plan, actor)
    if result.finished_at is not None:
        raise ServiceError("patrol.building_finished")
    return plan, result


WINDOW_STATES = ("lit", "dark", "clear")


def _open_window(session: Session, *, actor: Actor, plan_id: int, household_id: int
                 ) -> tuple[PatrolPlan, PatrolBuildingResult, Household]:
    household = session.get(Household, household_id) if isinstance(household_id, int) else None
    if household is None:
        raise Denied()
    plan, result = _open_building(session, actor=actor, plan_id=plan_id,
                                  building_id=household.building_id)
    return plan, result, household


def set_window(session: Session, *, actor: Actor, plan_id: int, household_id: int, state: str,
               now: datetime | None = None) -> bool:
    """Set one window to what the walker saw: "lit", "dark", or "clear" (not checked).

    Idempotent: the same state delivered twice (a tap replayed after reconnecting, or from
    the browser's store after a reload) applies once. Returns True when something changed.
    Clearing removes the mark; a follow-up already raised by a dark mark stays (the worker's
    call is the safe side of a mistaken tap).
    """
    if state not in WINDOW_STATES:
        raise ServiceError("err.bad_request")
    plan, result, household = _open_window(session, actor=actor, plan_id=plan_id,
                                           household_id=household_id)
    mark = session.exec(
        select(PatrolMark).where(
            PatrolMark.plan_id == plan.id, PatrolMark.household_id == household.id
        )
    ).first()
    if state == "clear":
        if mark is None:
            return False
        session.delete(mark)
        session.flush()
        _recount(session, result)
        return True
    lit = state == "lit"
    if mark is not None and mark.lit == lit:
        return False
    _apply_mark(session, actor=actor, plan=plan, household=household, lit=lit, now=clock.utc(now))
    _recount(session, result)
    return True


def mark_floor(session: Session, *, actor: Actor, plan_id: int, building_id: int, unit: int,
               floor: int, lit: bool, now: datetime | None = None) -> int:
    """"All lit" / "all dark" for one floor of one unit; returns how many windows it set."""
    plan, result = _open_building(session, actor=actor, plan_id=plan_id,
                                  building_id=building_id)
    households = session.exec(
        select(Household).where(
            Household.building_id == building_id, Household.unit == unit,
            Household.floor == floor,
        )
    ).all()
    for household in households:
        _apply_mark(session, actor=actor, plan=plan, household=household, lit=bool(lit),
                    now=clock.utc(now))
    _recount(session, result)
    return len(households)


def finish_building(session: Session, *, actor: Actor, plan_id: int, building_id: int,
                    now: datetime | None = None) -> None:
    scope.require_role(actor, *PATROL_ROLES)
    plan = get_plan(session, actor=actor, plan_id=plan_id)
    result = _result(session, plan.id, building_id)
    require_walking(session, plan, actor)
    if result.finished_at is None:
        result.finished_at = clock.utc(now)
        result.finished_by_id = actor.user_id
        result.touch(actor.user_id)
        _recount(session, result)
