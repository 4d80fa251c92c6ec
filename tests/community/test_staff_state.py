"""Crafted calls to the staff page's handlers (state/community/staff.py)."""

from __future__ import annotations

import pytest

from community_app.i18n import tr
from community_app.models import Role
from community_app.state.base import AppState
from community_app.state.community.staff import StaffState
from tests import factories as f
from tests.community.factories import building_in, sent, signed_in_world
from tests.state_harness import call, new_state


@pytest.fixture
def world(engine, session):
    yield from signed_in_world(engine, session)


def _form(username: str = "vol1") -> dict:
    return {"uuid": f.new_uuid(), "username": username, "display_name": "志愿者",
            "phone": "13700000000", "role": "volunteer"}


async def test_a_new_password_leaves_the_state_once_dismissed_or_reloaded(world):
    state = await new_state(StaffState, token=world["tokens"][Role.admin])
    await call(state, "load")
    await call(state, "create", _form("vol1"))
    password = state.issued_password
    assert len(password) == 12 and password in sent(state)
    await call(state, "dismiss_issued")
    assert state.issued_password == "" and password not in sent(state)
    await call(state, "create", _form("vol2"))
    second = state.issued_password
    await call(state, "load")  # leaving the page and coming back, or a reconnect
    assert second and second not in sent(state) and state.issued_username == ""
    assert {s.phone for s in state.staff} == {"139****1111", "137****0000"}  # masked


async def test_one_write_shows_the_screen_after_it(world):
    state = await new_state(StaffState, token=world["tokens"][Role.admin])
    await call(state, "load")
    worker = world["worker"]
    await call(state, "start_assign", worker.id)
    assert state.assigning_name == worker.display_name and state.chosen == [world["b1"].id]
    await call(state, "toggle_building", world["b2"].id)
    await call(state, "save_assignment")
    assert [s.buildings for s in state.staff if s.id == worker.id] == [2]
    await call(state, "set_active", worker.id, False)
    assert [s.active for s in state.staff if s.id == worker.id] == [False]


@pytest.mark.parametrize("name,args", [("set_active", ["1", True]), ("start_assign", [10**6]),
                                       ("toggle_building", ["1"]), ("create", [{"$ne": 1}])])
async def test_junk_is_refused(world, name, args):
    state = await new_state(StaffState, token=world["tokens"][Role.admin])
    await call(state, "load")
    await call(state, name, *args)
    assert (await state.get_state(AppState)).error != ""


async def test_a_worker_is_refused_and_sees_no_staff(world):
    state = await new_state(StaffState, token=world["tokens"][Role.grid_worker])
    await call(state, "load")
    assert (await state.get_state(AppState)).error == tr("err.denied", "zh")
    assert state.staff == []


async def test_a_whole_compound_is_ticked_at_once_and_saved_in_one_write(world):
    b3 = building_in(world["session"], world["b2"].compound_id, "3号楼")
    world["session"].commit()
    state = await new_state(StaffState, token=world["tokens"][Role.admin])
    await call(state, "load")
    assert [[b.name for b in g.buildings] for g in state.compounds] == [
        ["1号楼"], ["2号楼", "3号楼"]]
    compound = state.compounds[1].id
    await call(state, "start_assign", world["worker"].id)
    await call(state, "toggle_compound", compound)
    assert sorted(state.chosen) == sorted([world["b1"].id, world["b2"].id, b3.id])
    assert compound in state.whole_compounds
    await call(state, "toggle_building", b3.id)  # one building out: no longer the whole
    assert compound not in state.whole_compounds
    await call(state, "toggle_compound", compound)  # ticks the missing one only
    await call(state, "toggle_compound", compound)  # all ticked: unticks the compound
    assert state.chosen == [world["b1"].id]
    await call(state, "toggle_compound", compound)
    await call(state, "save_assignment")
    assert [s.buildings for s in state.staff if s.id == world["worker"].id] == [3]
    await call(state, "toggle_compound", 10**6)
    assert (await state.get_state(AppState)).error != ""
