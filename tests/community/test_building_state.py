"""Crafted calls to the building pages' handlers (state/community/building.py, buildings.py)."""

from __future__ import annotations

import pytest
from reflex.istate.data import ReflexURL, URLData

from community_app.models import Role
from community_app.state.community.building import BuildingState
from community_app.state.community.buildings import BuildingsState
from tests import factories as f
from tests.community.factories import sent, signed_in_world
from tests.state_harness import call, new_state


@pytest.fixture
def world(engine, session):
    yield from signed_in_world(engine, session)


async def _issue_pin(state: BuildingState, world) -> str:
    await call(state, "select_household", world["home"].id, "101")
    await call(state, "open_account", {"uuid": f.new_uuid(), "household_id": world["home"].id})
    assert len(state.issued_pin) == 6
    return state.issued_pin


async def test_a_pin_leaves_the_state_when_written_down_or_on_the_next_load(world):
    state = await new_state(BuildingState, token=world["tokens"][Role.grid_worker])
    pin = await _issue_pin(state, world)
    assert pin in sent(state)
    await call(state, "close_household")  # the "I wrote it down" button
    assert state.issued_pin == "" and pin not in sent(state)
    pin = await _issue_pin(state, world)
    await call(state, "load")  # leaving and coming back, or a reconnect (here refused: no id)
    assert state.issued_pin == "" and state.issued_code == "" and pin not in sent(state)
    pin = await _issue_pin(state, world)
    await call(state, "select_household", world["home"].id, "101")  # another tap
    assert pin not in sent(state)


async def test_the_list_is_the_workers_buildings(world):
    state = await new_state(BuildingsState, token=world["tokens"][Role.grid_worker])
    await call(state, "load")
    assert [b.id for b in state.buildings] == [world["b1"].id]


async def test_the_login_card_says_where_the_household_signs_in(world):
    state = await new_state(BuildingState, token=world["tokens"][Role.grid_worker])
    state._get_root_state().rx_router_url = URLData.from_url(
        ReflexURL(f"https://sw.example.org/building?id={world['b1'].id}"))
    await call(state, "load")
    assert state.login_url == "https://sw.example.org/login/household"
    pin = await _issue_pin(state, world)
    assert state.issued_code == world["home"].code and pin.isdigit()
