"""Crafted calls to the map page's handlers (state/map.py): the search takes an address,
refuses junk with a message, and a worker's search never reaches another building."""

from __future__ import annotations

import pytest
from sqlmodel import select

from community_app.models import Community, Role
from community_app.services import auth
from community_app.state.base import AppState
from community_app.state.map import MapState
from tests import factories as f
from tests.ledger import factories as fl
from tests.state_harness import call, new_state


@pytest.fixture
def world(engine, session):
    yield from fl.signed_in_world(engine, session)


def _matched(state) -> list[tuple[str, str]]:
    return [(b.label, c.label) for b in state.buildings for u in b.units for c in u.cells
            if c.match]


async def test_a_worker_searches_their_own_building_only(world):
    state = await new_state(MapState, token=world["tokens"][Role.grid_worker])
    await call(state, "load")
    await call(state, "search", {"q": "101"})
    assert _matched(state) == [("1号楼", "101")] and state.found == 1
    await call(state, "search", {"q": "2号楼 101"})
    assert state.found == 0 and state.buildings == []
    await call(state, "clear_search")
    assert state.q == "" and [b.label for b in state.buildings] == ["1号楼"]


async def test_an_admin_search_moves_to_the_compound_holding_the_flat(world):
    state = await new_state(MapState, token=world["tokens"][Role.admin])
    await call(state, "load")
    await call(state, "search", {"q": "2号楼 101"})
    assert _matched(state) == [("2号楼", "101")]
    assert [b.label for b in state.buildings] == ["2号楼"]


@pytest.mark.parametrize("payload", [{"q": "x" * 31}, {"q": {"$ne": 1}}, {"q": ["101"]},
                                     {"q": "1\x00"}])
async def test_junk_searches_are_refused(world, payload):
    state = await new_state(MapState, token=world["tokens"][Role.admin])
    await call(state, "load")
    await call(state, "search", payload)
    assert (await state.get_state(AppState)).error != ""
    assert state.q == ""


async def test_volunteers_cannot_search_the_map(world, session):
    comm = session.exec(select(Community)).first()
    vol = f.user(session, comm, Role.volunteer, "vol")
    token = auth.login(session, username=vol.username, password=f.PASSWORD, client="test")
    session.commit()
    state = await new_state(MapState, token=token)
    await call(state, "search", {"q": "101"})
    assert state.buildings == [] and state.q == ""
