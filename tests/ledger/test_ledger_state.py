"""Crafted calls to the ledger page's handlers (state/ledger/ledger.py): scope holds, lists stay
masked."""

from __future__ import annotations

import pytest
from reflex_base.utils.format import json_dumps
from sqlmodel import select

from community_app.i18n import tr
from community_app.models import Household, Resident, Role
from community_app.state.base import AppState
from community_app.state.ledger.ledger import LedgerState
from tests.ledger import factories as fl
from tests.state_harness import call, new_state


@pytest.fixture
def world(engine, session):
    yield from fl.signed_in_world(engine, session)


def _resident_in(session, building) -> Resident:
    return session.exec(select(Resident).join(Household).where(
        Household.building_id == building.id)).first()


async def test_worker_lists_only_their_building_masked(world):
    state = await new_state(LedgerState, token=world["tokens"][Role.grid_worker])
    await call(state, "load")
    assert state.total == 6 and len(state.rows) == 6
    assert {r.phone for r in state.rows} == {"138****5678"}
    assert all("张三丰" != r.name for r in state.rows)


async def test_worker_cannot_open_or_filter_another_building(world):
    state = await new_state(LedgerState, token=world["tokens"][Role.grid_worker])
    await call(state, "load")
    theirs = _resident_in(world["session"], world["b2"])
    await call(state, "open_detail", theirs.id)
    assert (await state.get_state(AppState)).error == tr("err.denied", "zh")
    assert state.detail.id == 0 and state.detail.phone == ""
    await call(state, "choose_building", str(world["b2"].id))
    assert (await state.get_state(AppState)).error == tr("err.denied", "zh")
    assert state.building == "all"
    mine = _resident_in(world["session"], world["b1"])
    await call(state, "open_detail", mine.id)
    assert state.detail.phone == "13812345678"


@pytest.mark.parametrize("name,args", [("toggle_flag", ["everyone"]), ("toggle_group", [1]),
                                       ("open_detail", ["1"]), ("search", [{"q": "x" * 31}]),
                                       ("choose_building", [{"$ne": 1}])])
async def test_junk_payloads_are_refused(world, name, args):
    state = await new_state(LedgerState, token=world["tokens"][Role.admin], lang="en")
    await call(state, name, *args)
    assert (await state.get_state(AppState)).error != ""


async def test_admin_pages_and_filters(world):
    state = await new_state(LedgerState, token=world["tokens"][Role.admin])
    await call(state, "load")
    assert state.total == 12 and state.pages == 1
    await call(state, "choose_building", str(world["b2"].id))
    assert state.total == 6 and f"building_id={world['b2'].id}" in state.csv_href
    await call(state, "toggle_group", "elderly_alone")
    assert state.total == 0 and "groups=elderly_alone" in state.xlsx_href
    assert state.csv_href.endswith("lang=zh")
    # Switched after the page loaded: the file still comes in the language chosen now.
    (await state.get_state(AppState)).lang = "en"
    assert state.xlsx_href.endswith("lang=en") and "groups=elderly_alone" in state.xlsx_href


def _sent(state) -> str:
    """What the browser receives: every var of every state, serialised the Reflex way."""
    return json_dumps(state._get_root_state().dict())


async def test_the_full_sheet_leaves_the_state_on_close_and_on_the_next_load(world):
    state = await new_state(LedgerState, token=world["tokens"][Role.admin])
    await call(state, "load")
    mine = _resident_in(world["session"], world["b1"])
    await call(state, "open_detail", mine.id)
    assert "13812345678" in _sent(state) and state.detail.name == mine.name
    await call(state, "close_detail")
    assert "13812345678" not in _sent(state) and state.detail.id == 0
    await call(state, "open_detail", mine.id)
    await call(state, "load")  # leaving and coming back, or a reconnect
    assert "13812345678" not in _sent(state) and mine.name not in _sent(state)
    await call(state, "open_detail", mine.id)
    await call(state, "toggle_flag", "fever")  # any new search closes the sheet too
    assert "13812345678" not in _sent(state)
    assert {r.phone for r in state.rows} <= {"138****5678"}  # the list stays masked
