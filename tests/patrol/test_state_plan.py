"""Crafted calls to the plan page's handlers (state/patrol/plan.py): editing is for admins
only, payloads validated, refusals translated and nothing applied."""

from __future__ import annotations

import pytest

from community_app import db
from community_app.i18n import tr
from community_app.models import Building, PatrolPlan
from community_app.services import auth, clock
from community_app.services.patrol import nights as patrol
from community_app.services.patrol import plans as patrol_plans
from community_app.services.patrol import walk as patrol_walk
from community_app.services.places import building_labels
from community_app.state.base import AppState
from community_app.state.community.building import BuildingState
from community_app.state.patrol.plan import PatrolEditState, PatrolPlanState
from tests import factories as f
from tests.patrol import factories as fp
from tests.state_harness import call, new_state


@pytest.fixture
def setup(engine, session):
    db.use_engine(engine)
    w = fp.world(session)
    night = patrol.patrol_night()
    started = fp.plan(session, w, night, [w.b1])
    fresh = fp.plan(session, w, night, [w.b2], start="21:00", end="22:00")
    now = clock.local()
    patrol_walk.sign_in(session, actor=w.volunteer, plan_id=started, now=now)
    fp.toggle(session, actor=w.volunteer, plan_id=started,
              household_id=w.plain.id, now=now)
    session.commit()
    tokens = {
        name: auth.login(session, username=fp.user_row(session, who).username,
                         password=f.PASSWORD, client="test")
        for name, who in (("admin", w.admin), ("volunteer", w.volunteer))
    }
    session.commit()
    yield {"w": w, "started": started, "fresh": fresh, "tokens": tokens, "session": session}
    db.use_engine(None)


async def _error(state) -> str:
    return (await state.get_state(AppState)).error


async def test_removing_a_counted_building_is_refused_with_a_clear_message(setup):
    w, session = setup["w"], setup["session"]
    state = await new_state(PatrolEditState, token=setup["tokens"]["admin"])
    await call(state, "start_edit", setup["started"])
    assert state.edit_started is True and state.edit_buildings == [w.b1.id]
    await call(state, "toggle_edit_building", w.b2.id)
    await call(state, "toggle_edit_building", w.b1.id)  # drop the counted building
    await call(state, "save_edit", {"window_start": "19:30", "window_end": "21:00"})
    label = building_labels(session, [w.b1.id])[w.b1.id]
    assert await _error(state) == tr("patrol.edit_counted_building", "zh", building=label)
    session.expire_all()
    assert patrol_plans.plan_detail(session, actor=w.admin,
                                    plan_id=setup["started"]).building_ids == [w.b1.id]
    await call(state, "toggle_edit_building", w.b1.id)  # keep it, now walked after 2号楼
    await call(state, "save_edit", {"window_start": "19:30", "window_end": "21:30"})
    assert await _error(state) == "" and state.edit_id == 0
    admin = await state.get_state(PatrolPlanState)
    assert [p.window for p in admin.plans] == ["19:30-21:30", "21:00-22:00"]
    await call(state, "start_edit", setup["started"])
    assert state.edit_buildings == [w.b2.id, w.b1.id]
    await call(state, "cancel_plan")
    assert await _error(state) == tr("patrol.cancel_started", "zh")


async def test_cancelling_an_unstarted_plan_and_junk_payloads(setup):
    session = setup["session"]
    state = await new_state(PatrolEditState, token=setup["tokens"]["admin"], lang="en")
    await call(state, "start_edit", {"$ne": 1})
    assert (await _error(state)).startswith("Please check")
    await call(state, "start_edit", setup["fresh"])
    await call(state, "save_edit", {"window_start": "25:00", "window_end": "22:00"})
    assert (await _error(state)).startswith("Please check")
    await call(state, "ask_cancel")
    assert state.confirm_cancel is True
    await call(state, "cancel_plan")
    assert await _error(state) == "" and state.edit_id == 0
    session.expire_all()
    assert session.get(PatrolPlan, setup["fresh"]).cancelled_at is not None
    admin = await state.get_state(PatrolPlanState)
    assert [p.cancelled for p in admin.plans] == [False, True]


async def test_a_volunteer_cannot_edit_and_only_the_admin_sets_the_path_side(setup):
    w, session = setup["w"], setup["session"]
    state = await new_state(PatrolEditState, token=setup["tokens"]["volunteer"])
    await call(state, "start_edit", setup["fresh"])
    assert await _error(state) == tr("err.denied", "zh") and state.edit_id == 0
    grid = await new_state(BuildingState, token=setup["tokens"]["admin"])
    grid.building_id = w.b1.id
    await call(grid, "set_path_side", "north")
    assert (await _error(grid)).startswith("请检查")
    await call(grid, "set_path_side", "back")
    assert await _error(grid) == "" and grid.path_side == "back"
    session.expire_all()
    assert session.get(Building, w.b1.id).path_side == "back"
    other = f.community(session, "别处")
    far = f.building(session, other, "远楼")
    session.commit()
    grid.building_id = far.id
    await call(grid, "set_path_side", "front")
    assert await _error(grid) == tr("err.denied", "zh")
    session.expire_all()
    assert session.get(Building, far.id).path_side == "front"
