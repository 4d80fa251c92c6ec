"""Crafted calls to the walker's page handlers (state/patrol/index.py): out-of-scope plans are
refused, kept taps replay once, a tap is one write."""

from __future__ import annotations

from sqlmodel import select

from community_app.i18n import tr
from community_app.models import PatrolMark
from community_app.state.base import AppState
from community_app.state.patrol.index import PatrolState
from tests.patrol import factories as fp


async def test_a_volunteer_not_on_the_plan_cannot_mark_its_windows(walking):
    state = await new_patrol_state(walking["tokens"]["stranger"], walking["plan_id"])
    from tests.state_harness import call

    session = walking["session"]
    upstairs = fp.households(session, walking["w"].b1)[2]  # floor 2, not marked yet
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


async def test_the_plan_member_can_mark_and_bad_payloads_are_refused(walking):
    from tests.state_harness import call

    state = await new_patrol_state(walking["tokens"]["volunteer"], walking["plan_id"])
    await call(state, "set_window", fp.households(walking["session"], walking["w"].b1)[2].id, "lit")
    assert (await state.get_state(AppState)).error == ""
    assert state.lit == 1 and state.marked == 3 and state.total == 6
    await call(state, "mark_floor", 1, {"$ne": 1}, True)
    assert (await state.get_state(AppState)).error.startswith("请检查")


def _entry(plan_id, household, state):
    return {"plan_id": plan_id, "household_id": household.id, "state": state}


async def test_window_taps_kept_offline_are_replayed_once_as_the_walker_left_them(walking):
    from tests.state_harness import call

    session, plan_id = walking["session"], walking["plan_id"]
    homes = fp.households(session, walking["w"].b1)  # floor 1 is already marked dark
    state = await new_patrol_state(walking["tokens"]["volunteer"], plan_id)
    entries = [_entry(plan_id, homes[2], "lit"), _entry(plan_id, homes[3], "dark"),
               _entry(plan_id, homes[4], "lit"), _entry(plan_id, homes[0], "lit")]
    scripts = await call(state, "replay_marks", entries)
    assert len(scripts) == 4  # each confirmed back to the browser
    assert "swPatrolDone" in str(scripts[0])
    assert state.notice == tr("patrol.marks_sent", "zh", n=4)
    assert (state.lit, state.marked) == (3, 5)
    # Delivered again (the confirmation was lost with the signal): nothing changes, and
    # nothing is claimed as sent.
    state.notice = ""
    scripts = await call(state, "replay_marks", entries)
    assert len(scripts) == 4 and state.notice == "" and state.error == ""
    session.expire_all()
    marks = {m.household_id: m.lit for m in session.exec(
        select(PatrolMark).where(PatrolMark.plan_id == plan_id)).all()}
    assert marks == {homes[0].id: True, homes[1].id: False, homes[2].id: True,
                     homes[3].id: False, homes[4].id: True}
    assert (state.lit, state.marked) == (3, 5)


async def test_replayed_taps_are_checked_like_live_ones(walking):
    from tests.state_harness import call

    session, plan_id = walking["session"], walking["plan_id"]
    homes = fp.households(session, walking["w"].b1)
    other = fp.households(session, walking["w"].b2)[0]  # not on this plan's route
    junk = [{"plan_id": plan_id, "household_id": homes[5].id, "state": "flip"},
            {"plan_id": {"$ne": 1}, "household_id": homes[5].id, "state": "lit"}, "junk", None]
    state = await new_patrol_state(walking["tokens"]["volunteer"], plan_id)
    scripts = await call(state, "replay_marks", [*junk, _entry(plan_id, other, "lit")])
    assert len(scripts) == 1  # the well-formed refusal leaves the browser; junk is dropped there
    assert state.error == tr("patrol.marks_refused", "zh", n=5)
    # Someone not on the plan replays a tap for it: refused, nothing stored.
    stranger = await new_patrol_state(walking["tokens"]["stranger"], plan_id)
    await call(stranger, "replay_marks", [_entry(plan_id, homes[5], "lit")])
    assert stranger.error == tr("patrol.marks_refused", "zh", n=1)
    assert await call(state, "replay_marks", None) == []
    assert await call(state, "replay_marks", {"plan_id": plan_id}) == []
    session.expire_all()
    assert session.exec(select(PatrolMark).where(
        PatrolMark.household_id.in_([homes[5].id, other.id]))).all() == []


async def test_a_tap_says_the_state_and_bad_states_are_refused(walking):
    from tests.state_harness import call

    session, plan_id = walking["session"], walking["plan_id"]
    upstairs = fp.households(session, walking["w"].b1)[2]
    state = await new_patrol_state(walking["tokens"]["volunteer"], plan_id)
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


async def test_a_tap_redraws_its_window_and_the_counts_from_the_write_alone(walking, monkeypatch):
    from community_app.services.patrol import facade as patrol_facade
    from tests.state_harness import call

    session, plan_id = walking["session"], walking["plan_id"]
    state = await new_patrol_state(walking["tokens"]["volunteer"], plan_id)
    await call(state, "show_building", walking["w"].b1.id)
    assert (state.lit, state.marked) == (0, 2)  # floor 1 marked dark in the fixture

    def no_reads(*args, **kwargs):
        raise AssertionError("a tap is one write: no screen re-read")

    monkeypatch.setattr(patrol_facade, "patrol_view", no_reads)
    state.dirty_vars.clear()  # as after the delta of show_building went out
    upstairs = fp.households(session, walking["w"].b1)[2:4]  # floor 2
    await call(state, "set_window", upstairs[0].id, "lit")
    await call(state, "mark_floor", 1, 3, True)
    assert (await state.get_state(AppState)).error == ""
    drawn = {w.household_id: state.marks.get(str(w.household_id), w.state)
             for u in state.units for fl in u.floors for w in fl.windows}
    assert drawn[upstairs[0].id] == "lit" and drawn[upstairs[1].id] == "unchecked"
    assert [drawn[h.id] for h in fp.households(session, walking["w"].b1)[4:]] == ["lit", "lit"]
    assert (state.lit, state.marked, state.percent) == (3, 5, 50)
    # Only what changed goes to the browser: the taps' windows and the counts; the façade and
    # the route (whose stop on screen draws the header's counts) stay where they are.
    assert {"marks", "lit", "marked", "percent"} <= state.dirty_vars
    assert not {"units", "route"} & state.dirty_vars


async def test_a_tap_sends_a_few_hundred_bytes_and_a_repeated_tap_sends_no_screen(walking):
    """Issue 13 item 3: the delta of a tap is the changed window and the counts, not the
    façade (several KB); the same tap delivered again changes nothing on screen."""
    import json

    from tests.state_harness import call

    session, plan_id = walking["session"], walking["plan_id"]
    state = await new_patrol_state(walking["tokens"]["volunteer"], plan_id)
    await call(state, "show_building", walking["w"].b1.id)
    full = len(json.dumps(state.get_delta(), default=str))
    state._clean()
    upstairs = fp.households(session, walking["w"].b1)[2]
    await call(state, "set_window", upstairs.id, "lit")
    tap = state.get_delta()
    assert len(json.dumps(tap, default=str)) < min(400, full / 3)
    state._clean()
    await call(state, "set_window", upstairs.id, "lit")
    assert not {"marks", "units", "route", "lit", "marked"} & state.dirty_vars


async def test_the_walkers_screen_and_home_hold_no_reason_anywhere(walking):
    """Issue 10 item 9, as the browser receives it: every var of the walker's page and home
    cards, sent or kept server-side, carries "call if dark" and no reason."""
    from community_app.state.patrol.home import PatrolHomeState
    from tests.state_harness import call, new_state

    session = walking["session"]
    state = await new_patrol_state(walking["tokens"]["volunteer"], walking["plan_id"])
    await call(state, "show_building", walking["w"].b1.id)
    upstairs = fp.households(session, walking["w"].b1)[2]
    await call(state, "set_window", upstairs.id, "dark")
    home = await new_state(PatrolHomeState, token=walking["tokens"]["volunteer"])
    await call(home, "load")
    assert home.tonight and home.follow_ups == []
    flagged = [x.household_id for u in state.units for fl in u.floors for x in fl.windows
               if x.call_if_dark]
    assert flagged == [walking["w"].watched.id]
    for shown in (state, home):
        text = repr({name: getattr(shown, name) for name in type(shown).vars})
        text += str(shown.get_delta())
        assert "elderly_alone" not in text and "disabled" not in text and "独居" not in text
