"""Walkers tapping the same building at the same moment, each on their own connection
(PostgreSQL, real parallel transactions): counts and marks always agree, no tap errors."""

from __future__ import annotations

from sqlmodel import Session, select

from community_app.models import PatrolBuildingResult, PatrolFollowUp, PatrolMark, Role
from community_app.services.patrol import marks as patrol_marks
from community_app.services.patrol import walk as patrol_walk
from tests import factories as f
from tests.patrol import factories as fp
from tests.race import at_once


def _walkers(engine, count: int):
    """A plan over 1号楼 tonight (fp.NIGHT) with `count` volunteers signed in."""
    with Session(engine, expire_on_commit=False) as s:
        w = fp.world(s)
        comm = fp.community_of(s, w)
        extra = [f.actor(f.user(s, comm, Role.volunteer)) for _ in range(count - 1)]
        walkers = [w.volunteer, *extra]
        plan_id = fp.plan(s, w, fp.NIGHT, [w.b1], people=walkers)
        for walker in walkers:
            patrol_walk.sign_in(s, actor=walker, plan_id=plan_id,
                                now=fp.local_dt(fp.NIGHT, "19:35"))
        homes = fp.households(s, w.b1)
        s.commit()
    return w, plan_id, walkers, homes


def _tap(walker, plan_id: int, household_id: int, state: str):
    def call(session: Session):
        return patrol_marks.set_window(session, actor=walker, plan_id=plan_id,
                                       household_id=household_id, state=state, now=fp.EVENING)
    return call


def _counts_and_marks(engine, plan_id: int) -> tuple[tuple[int, int], tuple[int, int]]:
    with Session(engine) as s:
        result = s.exec(select(PatrolBuildingResult).where(
            PatrolBuildingResult.plan_id == plan_id)).one()
        marks = s.exec(select(PatrolMark.lit).where(PatrolMark.plan_id == plan_id)).all()
        return (result.lit_count, result.marked_count), (sum(marks), len(marks))


def test_three_walkers_tapping_one_building_at_once_never_lose_a_count(pg):
    _, plan_id, walkers, homes = _walkers(pg, 3)
    wrong = []
    for round_ in range(30):  # lit, clear, lit, ...: both counts move every round
        state = "clear" if round_ % 2 else "lit"
        outcomes = at_once(pg, [_tap(walker, plan_id, home.id, state)
                                for walker, home in zip(walkers, homes[1:], strict=False)])
        assert all(o.changed for o in outcomes), outcomes
        counts, marks = _counts_and_marks(pg, plan_id)
        if counts != marks:
            wrong.append((round_, counts, marks))
    assert len(wrong) == 0, wrong


def test_two_walkers_on_the_same_window_at_once_leave_one_mark_and_no_error(pg):
    w, plan_id, walkers, _ = _walkers(pg, 2)
    errors, wrong = [], []
    for _ in range(10):
        for state in ("dark", "clear"):  # the watched window: dark raises its follow-up
            outcomes = at_once(pg, [_tap(walker, plan_id, w.watched.id, state)
                                    for walker in walkers])
            errors += [o for o in outcomes if isinstance(o, Exception)]
            taps = [o for o in outcomes if not isinstance(o, Exception)]
            shown = "unchecked" if state == "clear" else "dark"
            counts, marks = _counts_and_marks(pg, plan_id)
            if (sorted(t.changed for t in taps) != [False, True]  # exactly one applied it
                    or any(t.window.state != shown for t in taps)
                    or not counts == marks == ((0, 1) if state == "dark" else (0, 0))):
                wrong.append((state, taps, counts, marks))
    assert (len(errors), len(wrong)) == (0, 0), (errors, wrong)
    with Session(pg) as s:
        assert len(s.exec(select(PatrolFollowUp)).all()) == 1
