"""Marking windows on a patrol: one window lit or dark, a whole floor at once, and
finishing a building.

Invariants
- Only a walker signed in on the plan (services/patrol/access.py) marks, and only on a
  building of its route that is not finished yet.
- Each mark keeps the building's counts (lit, marked) and the household's follow-up
  (services/patrol/followups.py) in step, in the same transaction, under the building
  result's row lock (`_result`): walkers tapping one building at once take turns, so the
  counts always equal the stored marks and one window never gets two marks.
- The walker's screen sends the state a window should have, not a flip: the same tap
  delivered twice (a replay after the signal returns) applies once.
- Each write returns what the screen redraws: the windows it set and the building's
  counts; finishing a building returns the screen of the next unfinished one.
"""

from __future__ import annotations

import logging
import uuid as uuidlib
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from community_app.models import Household, PatrolBuildingResult, PatrolMark, PatrolPlan
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.patrol.access import PATROL_ROLES, get_plan, require_walking
from community_app.services.patrol.facade import (
    BuildingCounts,
    PatrolView,
    Window,
    counts_of,
    plan_view,
    window_state,
)
from community_app.services.patrol.followups import follow_up_on_mark
from community_app.services.patrol.watched import call_if_dark

log = logging.getLogger(__name__)


@dataclass
class WindowTap:
    changed: bool  # False: the window already showed this (a repeated tap)
    window: Window
    counts: BuildingCounts


@dataclass
class FloorTap:
    windows: list[Window]  # every registered window of that floor, as now marked
    counts: BuildingCounts


@dataclass
class KeptTap:
    """A window tap the browser kept while the signal was gone (one per window)."""

    plan_id: int
    household_id: int
    state: str  # lit / dark / clear


@dataclass
class Replayed:
    applied: int  # accepted, whether or not the window already showed that state
    changed: int  # of those, the windows the server did not already show so: what was sent
    refused: int
    settled: list[KeptTap]  # applied or refused: the browser may drop these


def _result(session: Session, plan_id: int, building_id: int) -> PatrolBuildingResult:
    """The building's result row, locked until commit (PostgreSQL; SQLite has one writer).

    Every write on a building's windows takes this lock first, so the walkers of one
    building take turns: each reads the marks as the previous one committed them, the
    counts are recounted from what is stored, and two taps on one window never both insert
    (or both delete) its mark. A plan edit dropping the building waits for it too.
    """
    result = session.exec(
        select(PatrolBuildingResult).where(
            PatrolBuildingResult.plan_id == plan_id,
            PatrolBuildingResult.building_id == building_id,
        ).with_for_update().execution_options(populate_existing=True)
    ).first()
    if result is None:
        # Not on this plan's route (or taken off it by an edit a moment ago): still Denied,
        # worded so a walker whose screen predates the edit knows to refresh.
        raise Denied("patrol.not_on_route")
    return result


def _apply_mark(session: Session, *, actor: Actor, plan: PatrolPlan, household: Household,
                lit: bool, now: datetime) -> PatrolMark:
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
        return mark
    mark.lit = lit
    mark.touch(actor.user_id)
    session.add(mark)
    session.flush()
    follow_up_on_mark(session, actor=actor, plan=plan, household=household, lit=lit, now=now)
    return mark


def _windows(session: Session, households: list[Household],
             marks: dict[int, PatrolMark | None], night: date | None = None) -> list[Window]:
    """The windows of these households as the façade draws them (call-if-dark, no reason)."""
    flagged = call_if_dark(session, [h.id for h in households], night)
    return [Window(household_id=h.id, label=h.room, state=window_state(marks.get(h.id)),
                   call_if_dark=h.id in flagged) for h in households]


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
               now: datetime | None = None) -> WindowTap:
    """Set one window to what the walker saw: "lit", "dark", or "clear" (not checked).

    Idempotent: the same state delivered twice (a tap replayed after reconnecting, or from
    the browser's store after a reload) applies once. Clearing removes the mark; a
    follow-up already raised by a dark mark stays (the worker's call is the safe side of a
    mistaken tap).
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
    changed = False
    if state == "clear":
        if mark is not None:
            session.delete(mark)
            session.flush()
            mark, changed = None, True
    elif mark is None or mark.lit != (state == "lit"):
        mark = _apply_mark(session, actor=actor, plan=plan, household=household,
                           lit=state == "lit", now=clock.utc(now))
        changed = True
    if changed:
        _recount(session, result)
    (window,) = _windows(session, [household], {household.id: mark}, plan.night)
    return WindowTap(changed=changed, window=window, counts=counts_of(result))


def mark_floor(session: Session, *, actor: Actor, plan_id: int, building_id: int, unit: int,
               floor: int, lit: bool, now: datetime | None = None) -> FloorTap:
    """"All lit" / "all dark" for one floor of one unit."""
    plan, result = _open_building(session, actor=actor, plan_id=plan_id,
                                  building_id=building_id)
    households = list(session.exec(
        select(Household).where(
            Household.building_id == building_id, Household.unit == unit,
            Household.floor == floor,
        ).order_by(Household.id)
    ).all())
    marks: dict[int, PatrolMark | None] = {}
    for household in households:
        marks[household.id] = _apply_mark(session, actor=actor, plan=plan,
                                          household=household, lit=bool(lit),
                                          now=clock.utc(now))
    _recount(session, result)
    return FloorTap(windows=_windows(session, households, marks, plan.night),
                    counts=counts_of(result))


@dataclass
class Finished:
    """What 本栋查完 did and the screen to go on with (the next unfinished building)."""

    changed: bool  # False: the building was already finished (a second tap, a replay)
    view: PatrolView


def finish_building(session: Session, *, actor: Actor, plan_id: int, building_id: int,
                    now: datetime | None = None) -> Finished:
    """The group is done with this building; returns the screen of the next unfinished one.

    The building is the one the walker's screen showed when tapped (never "the current
    one"): a second tap that arrives after the first opened the next building finishes
    nothing more, and says so (`changed` False) so no second notice is shown.
    """
    scope.require_role(actor, *PATROL_ROLES)
    plan = get_plan(session, actor=actor, plan_id=plan_id)
    result = _result(session, plan.id, building_id)
    require_walking(session, plan, actor)
    changed = result.finished_at is None
    if changed:
        result.finished_at = clock.utc(now)
        result.finished_by_id = actor.user_id
        result.touch(actor.user_id)
        _recount(session, result)
    return Finished(changed=changed, view=plan_view(session, actor=actor, plan=plan))


def replay_windows(session: Session, *, actor: Actor, taps: list[KeptTap],
                   now: datetime | None = None) -> Replayed:
    """Window taps kept in the browser while offline, each applied as a live `set_window`.

    Each tap runs in its own savepoint: a refused one (not signed in on that plan, the
    building finished, not on the route...) leaves nothing and the others still apply.
    Applied or refused, each is settled (the browser drops it): a refusal will not change
    by retrying. Anything else (a database error) fails the whole replay, and the browser
    keeps every tap for the next try, which applies each once.
    """
    applied = changed = refused = 0
    for tap in taps:
        try:
            with session.begin_nested():
                done = set_window(session, actor=actor, plan_id=tap.plan_id,
                                  household_id=tap.household_id, state=tap.state, now=now)
            applied += 1
            changed += done.changed
        except ServiceError as exc:
            log.warning("offline window mark refused: %s", exc)
            refused += 1
    return Replayed(applied=applied, changed=changed, refused=refused, settled=list(taps))
