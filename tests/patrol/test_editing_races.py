"""A plan edited while its walkers tap and sign in, each on their own connection (PostgreSQL,
real parallel transactions): one of the two wins, the other gets a translated refusal, and
nothing recorded contradicts the plan."""

from __future__ import annotations

from sqlmodel import Session, select

from community_app.i18n import tr
from community_app.models import (
    PatrolBuildingResult,
    PatrolMark,
    PatrolPlanBuilding,
    PatrolPlanMember,
    PatrolWalk,
    Role,
)
from community_app.services.errors import ServiceError
from community_app.services.patrol import editing as patrol_editing
from community_app.services.patrol import marks as patrol_marks
from community_app.services.patrol import walk as patrol_walk
from tests import factories as f
from tests.patrol import factories as fp
from tests.race import at_once


def _edit(w, plan_id: int, buildings, people):
    def call(session: Session):
        return patrol_editing.update_plan(
            session, actor=w.admin, plan_id=plan_id, window_start="19:30", window_end="21:00",
            building_ids=[b.id for b in buildings], member_ids=[p.user_id for p in people],
            now=fp.EVENING)
    return call


def _refusal(outcome: object) -> str | None:
    """The message the person sees for a refused call (None: it went through)."""
    if isinstance(outcome, ServiceError):
        text = tr(outcome.key, "en", **outcome.params)
        assert text != outcome.key, outcome.key  # a catalog message, not a bare key
        return text
    assert not isinstance(outcome, Exception), repr(outcome)  # a database error escaped
    return None


def test_dropping_a_building_while_a_walker_taps_it_leaves_one_winner(pg):
    with Session(pg, expire_on_commit=False) as s:
        w = fp.world(s)
        plan_id = fp.start(s, w)  # 1号楼 and 2号楼, the volunteer signed in
        home = fp.households(s, w.b2)[0]
        s.commit()

    def tap(session: Session):
        return patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id,
                                       household_id=home.id, state="lit", now=fp.EVENING)

    errors, wrong, winners = [], [], set()
    for _ in range(20):
        outcomes = at_once(pg, [tap, _edit(w, plan_id, [w.b1], [w.volunteer])])
        try:
            refused = [_refusal(o) for o in outcomes]
        except AssertionError as exc:
            errors.append(exc)
            refused = []
        with Session(pg) as s:
            on_route = w.b2.id in s.exec(select(PatrolPlanBuilding.building_id).where(
                PatrolPlanBuilding.plan_id == plan_id)).all()
            marks = s.exec(select(PatrolMark).where(PatrolMark.plan_id == plan_id)).all()
            result = s.exec(select(PatrolBuildingResult).where(
                PatrolBuildingResult.plan_id == plan_id,
                PatrolBuildingResult.building_id == w.b2.id)).first()
        # Exactly one wins: the tap (the building stays, counted) or the edit (it is gone).
        if refused[0] is None and refused[1] is not None:
            winners.add("tap")
            ok = on_route and len(marks) == 1 and result.marked_count == 1
        elif refused[1] is None and refused[0] is not None:
            winners.add("edit")
            ok = not on_route and not marks and result is None
        else:
            ok = not refused  # counted once, as an error
        if not ok:
            wrong.append((refused, on_route, len(marks)))
        with Session(pg) as s:  # back to the start: the window unchecked, 2号楼 on the route
            if marks:
                patrol_marks.set_window(s, actor=w.volunteer, plan_id=plan_id,
                                        household_id=home.id, state="clear", now=fp.EVENING)
            _edit(w, plan_id, [w.b1, w.b2], [w.volunteer])(s)
            s.commit()
    assert (len(errors), len(wrong)) == (0, 0), (errors, wrong)


def test_removing_a_member_while_they_sign_in_never_leaves_a_walk_of_a_non_member(pg):
    with Session(pg, expire_on_commit=False) as s:
        w = fp.world(s)
        plan_id = fp.plan(s, w, fp.NIGHT, [w.b1])
        comm = fp.community_of(s, w)
        s.commit()

    errors, wrong, kept = [], [], [w.volunteer]
    for _ in range(10):
        with Session(pg, expire_on_commit=False) as s:  # someone new put on the plan
            walker = f.actor(f.user(s, comm, Role.volunteer))
            _edit(w, plan_id, [w.b1], [*kept, walker])(s)
            s.commit()

        def sign_in(session: Session, walker=walker):
            return patrol_walk.sign_in(session, actor=walker, plan_id=plan_id,
                                       now=fp.local_dt(fp.NIGHT, "19:35"))

        outcomes = at_once(pg, [sign_in, _edit(w, plan_id, [w.b1], kept)])
        try:
            refused = [_refusal(o) for o in outcomes]
        except AssertionError as exc:
            errors.append(exc)
            continue
        with Session(pg) as s:
            members = set(s.exec(select(PatrolPlanMember.user_id).where(
                PatrolPlanMember.plan_id == plan_id)).all())
            walked = set(s.exec(select(PatrolWalk.user_id).where(
                PatrolWalk.plan_id == plan_id)).all())
        stray = walker.user_id in walked and walker.user_id not in members
        if walker.user_id in members:  # signed in first: stays on the plan
            kept.append(walker)
        if stray or sum(r is None for r in refused) != 1:
            wrong.append((refused, stray))
    assert (len(errors), len(wrong)) == (0, 0), (errors, wrong)
