"""Crafted calls to the patrol handlers: out-of-scope plans and follow-ups are refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from community_app import db
from community_app.i18n import tr
from community_app.models import PatrolFollowUp, PatrolMark, Role
from community_app.services import auth, clock
from community_app.services.patrol import marks as patrol_marks
from community_app.services.patrol import nights as patrol
from community_app.services.patrol import walk as patrol_walk
from community_app.state.base import AppState
from community_app.state.patrol.walk import PatrolHomeState, PatrolState
from tests import factories as f
from tests.patrol import factories as fp


@pytest.fixture
def setup(engine, session):
    db.use_engine(engine)
    w = fp.world(session)
    comm = fp.user_row(session, w.admin).community_id
    from community_app.models import Community

    community = session.get(Community, comm)
    stranger = f.user(session, community, Role.volunteer, "stranger")
    other_worker = f.user(session, community, Role.grid_worker, "other-worker")
    f.assign(session, other_worker, w.b2)
    night = patrol.patrol_night()
    plan_id = fp.plan(session, w, night, [w.b1])
    now = clock.local()
    patrol_walk.sign_in(session, actor=w.volunteer, plan_id=plan_id, now=now)
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=w.watched.floor, lit=False,
                            now=now - timedelta(seconds=1))
    session.commit()
    tokens = {}
    for name, row in (("volunteer", fp.user_row(session, w.volunteer)), ("stranger", stranger),
                      ("worker", fp.user_row(session, w.worker)), ("other", other_worker)):
        tokens[name] = auth.login(session, username=row.username, password=f.PASSWORD,
                                  client="test")
        session.commit()
    yield {"w": w, "plan_id": plan_id, "tokens": tokens, "session": session}
    db.use_engine(None)


async def test_a_volunteer_not_on_the_plan_cannot_mark_its_windows(setup):
    state = await new_patrol_state(setup["tokens"]["stranger"], setup["plan_id"])
    from tests.state_harness import call

    session = setup["session"]
    upstairs = fp.households(session, setup["w"].b1)[2]  # floor 2, not marked yet
    await call(state, "set_window", upstairs.id, "lit")
    assert (await state.get_state(AppState)).error == tr("err.denied", "zh")
    session.expire_all()
    marks = session.exec(select(PatrolMark).where(PatrolMark.household_id == upstairs.id)).all()
    assert marks == []


async def new_patrol_state(token: str, plan_id: int) -> PatrolState:
    from tests.state_harness import new_state

    state = await new_state(PatrolState, token=token)
    state.plan_id = plan_id
    return state


async def test_the_plan_member_can_mark_and_bad_payloads_are_refused(setup):
    from tests.state_harness import call

    state = await new_patrol_state(setup["tokens"]["volunteer"], setup["plan_id"])
    await call(state, "set_window", fp.households(setup["session"], setup["w"].b1)[2].id, "lit")
    assert (await state.get_state(AppState)).error == ""
    assert state.lit == 1 and state.marked == 3 and state.total == 6
    await call(state, "mark_floor", 1, {"$ne": 1}, True)
    assert (await state.get_state(AppState)).error.startswith("请检查")


async def test_another_worker_cannot_record_an_outcome_on_this_follow_up(setup):
    from tests.state_harness import call, new_state

    session = setup["session"]
    (fu,) = session.exec(select(PatrolFollowUp)).all()
    state = await new_state(PatrolHomeState, token=setup["tokens"]["other"])
    await call(state, "record_call", fu.id, True)
    assert (await state.get_state(AppState)).error == tr("err.denied", "zh")
    session.expire_all()
    assert session.get(PatrolFollowUp, fu.id).status == "open"
    mine = await new_state(PatrolHomeState, token=setup["tokens"]["worker"])
    await call(mine, "load")
    assert [r.id for r in mine.follow_ups] == [fu.id]
    assert mine.follow_ups[0].phone == "13812345678"  # the page dials tel:<phone>
    await call(mine, "record_call", fu.id, False)
    await call(mine, "record_visit", fu.id, "well")
    assert mine.follow_ups == []
    session.expire_all()
    assert session.get(PatrolFollowUp, fu.id).resolution == "visited"


def _entry(plan_id, household, state):
    return {"plan_id": plan_id, "household_id": household.id, "state": state}


async def test_window_taps_kept_offline_are_replayed_once_as_the_walker_left_them(setup):
    from tests.state_harness import call

    session, plan_id = setup["session"], setup["plan_id"]
    homes = fp.households(session, setup["w"].b1)  # floor 1 is already marked dark
    state = await new_patrol_state(setup["tokens"]["volunteer"], plan_id)
    entries = [_entry(plan_id, homes[2], "lit"), _entry(plan_id, homes[3], "dark"),
               _entry(plan_id, homes[4], "lit"), _entry(plan_id, homes[0], "lit")]
    scripts = await call(state, "replay_marks", entries)
    assert len(scripts) == 4  # each confirmed back to the browser
    assert "swPatrolDone" in str(scripts[0])
    assert state.notice == tr("patrol.marks_sent", "zh", n=4)
    assert (state.lit, state.marked) == (3, 5)
    # Delivered again (the confirmation was lost with the signal): nothing changes.
    await call(state, "replay_marks", entries)
    session.expire_all()
    marks = {m.household_id: m.lit for m in session.exec(
        select(PatrolMark).where(PatrolMark.plan_id == plan_id)).all()}
    assert marks == {homes[0].id: True, homes[1].id: False, homes[2].id: True,
                     homes[3].id: False, homes[4].id: True}
    assert (state.lit, state.marked) == (3, 5)


async def test_replayed_taps_are_checked_like_live_ones(setup):
    from tests.state_harness import call

    session, plan_id = setup["session"], setup["plan_id"]
    homes = fp.households(session, setup["w"].b1)
    other = fp.households(session, setup["w"].b2)[0]  # not on this plan's route
    junk = [{"plan_id": plan_id, "household_id": homes[5].id, "state": "flip"},
            {"plan_id": {"$ne": 1}, "household_id": homes[5].id, "state": "lit"}, "junk", None]
    state = await new_patrol_state(setup["tokens"]["volunteer"], plan_id)
    scripts = await call(state, "replay_marks", [*junk, _entry(plan_id, other, "lit")])
    assert len(scripts) == 1  # the well-formed refusal leaves the browser; junk is dropped there
    assert state.error == tr("patrol.marks_refused", "zh", n=5)
    # Someone not on the plan replays a tap for it: refused, nothing stored.
    stranger = await new_patrol_state(setup["tokens"]["stranger"], plan_id)
    await call(stranger, "replay_marks", [_entry(plan_id, homes[5], "lit")])
    assert stranger.error == tr("patrol.marks_refused", "zh", n=1)
    assert await call(state, "replay_marks", None) == []
    assert await call(state, "replay_marks", {"plan_id": plan_id}) == []
    session.expire_all()
    assert session.exec(select(PatrolMark).where(
        PatrolMark.household_id.in_([homes[5].id, other.id]))).all() == []


async def test_a_tap_says_the_state_and_bad_states_are_refused(setup):
    from tests.state_harness import call

    session, plan_id = setup["session"], setup["plan_id"]
    upstairs = fp.households(session, setup["w"].b1)[2]
    state = await new_patrol_state(setup["tokens"]["volunteer"], plan_id)
    for _ in range(2):  # the same tap delivered twice: still lit
        done = await call(state, "set_window", upstairs.id, "lit")
    assert "swPatrolDone" in str(done) and state.lit == 1
    await call(state, "set_window", upstairs.id, "toggle")
    assert state.error.startswith("请检查")
    await call(state, "set_window", upstairs.id, None)
    assert state.error.startswith("请检查")
    session.expire_all()
    assert session.exec(select(PatrolMark.lit).where(
        PatrolMark.household_id == upstairs.id)).all() == [True]


async def test_the_walkers_home_asks_for_kept_taps_and_the_admins_does_not(setup):
    from community_app.models import User
    from community_app.state.home import HomeState
    from tests.state_harness import call, new_state

    session = setup["session"]
    volunteer = await new_state(HomeState, token=setup["tokens"]["volunteer"])
    asked = str(await call(volunteer, "load"))
    assert "swPatrolPending" in asked and "replay_marks" in asked
    admin = session.get(User, setup["w"].admin.user_id)
    admin_state = await new_state(HomeState, token=f.session_token(session, admin))
    session.commit()
    assert "swPatrolPending" not in str(await call(admin_state, "load"))


async def test_a_tap_redraws_its_window_and_the_counts_from_the_write_alone(setup, monkeypatch):
    from community_app.services.patrol import facade as patrol_facade
    from tests.state_harness import call

    session, plan_id = setup["session"], setup["plan_id"]
    state = await new_patrol_state(setup["tokens"]["volunteer"], plan_id)
    await call(state, "show_building", setup["w"].b1.id)
    assert (state.lit, state.marked) == (0, 2)  # floor 1 marked dark in the fixture

    def no_reads(*args, **kwargs):
        raise AssertionError("a tap is one write: no screen re-read")

    monkeypatch.setattr(patrol_facade, "patrol_view", no_reads)
    state.dirty_vars.clear()  # as after the delta of show_building went out
    upstairs = fp.households(session, setup["w"].b1)[2:4]  # floor 2
    await call(state, "set_window", upstairs[0].id, "lit")
    await call(state, "mark_floor", 1, 3, True)
    assert (await state.get_state(AppState)).error == ""
    drawn = {w.household_id: w.state for u in state.units for fl in u.floors for w in fl.windows}
    assert drawn[upstairs[0].id] == "lit" and drawn[upstairs[1].id] == "unchecked"
    assert [drawn[h.id] for h in fp.households(session, setup["w"].b1)[4:]] == ["lit", "lit"]
    assert (state.lit, state.marked, state.percent) == (3, 5, 50)
    (stop,) = state.route
    assert (stop.lit, stop.total, stop.percent) == (3, 6, 50)
    assert {"units", "route", "lit"} <= state.dirty_vars  # the patched vars go to the browser
