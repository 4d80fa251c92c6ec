"""Crafted calls to the ledger's correction handler (state/ledger/ledger.py `correct`): bad
input gets a clear message and changes nothing; the list row stays masked."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from community_app.i18n import tr
from community_app.models import Household, Resident, ResidentCorrection, Role
from community_app.state.base import AppState
from community_app.state.ledger.ledger import LedgerState
from tests.ledger import factories as fl
from tests.state_harness import call, new_state


@pytest.fixture
def world(engine, session):
    yield from fl.signed_in_world(engine, session)


def _resident_in(session, building) -> Resident:
    return session.exec(select(Resident).join(Household).where(
        Household.building_id == building.id).order_by(Resident.id)).first()


def _form(person: Resident, **changes) -> dict:
    form = {"name": person.name, "phone": person.phone, "sex": str(person.sex),
            "birth_year": str(person.birth_year), "relation": str(person.relation)}
    return {**form, **changes}


async def test_a_correction_is_saved_and_the_row_stays_masked(world, engine):
    state = await new_state(LedgerState, token=world["tokens"][Role.grid_worker])
    await call(state, "load")
    mine = _resident_in(world["session"], world["b1"])
    await call(state, "open_detail", mine.id)
    await call(state, "correct", _form(mine, name="李四光", phone="13900001111",
                                       disabled="1"))
    assert (await state.get_state(AppState)).error == ""
    assert (await state.get_state(AppState)).notice == tr("ledger.corrected", "zh")
    assert state.detail.name == "李四光" and state.detail.disabled
    assert state.detail.corrections[0].fields == ["name", "phone", "disabled"]
    row = next(r for r in state.rows if r.id == mine.id)
    assert (row.name, row.phone, row.disabled) == ("李*光", "139****1111", True)


@pytest.mark.parametrize("changes,reason", [
    ({"name": ""}, "reason.required"), ({"name": "x" * 51}, "reason.too_long"),
    ({"phone": "138-1234"}, "reason.format"), ({"birth_year": "18"}, "reason.range"),
    ({"birth_year": "abc"}, "reason.format"), ({"sex": "robot"}, "reason.format"),
    ({"name": {"$ne": 1}}, "reason.format"), ({"disabled": "maybe"}, "reason.format"),
    ({"name": "张\x00三"}, "reason.control"),
])
async def test_bad_input_is_named_and_changes_nothing(world, engine, changes, reason):
    state = await new_state(LedgerState, token=world["tokens"][Role.admin])
    await call(state, "load")
    mine = _resident_in(world["session"], world["b1"])
    await call(state, "open_detail", mine.id)
    await call(state, "correct", _form(mine, **changes))
    error = (await state.get_state(AppState)).error
    assert tr(reason, "zh") in error
    with Session(engine) as fresh:
        assert fresh.get(Resident, mine.id).name == mine.name
        assert fresh.exec(select(ResidentCorrection)).all() == []


async def test_no_open_sheet_no_correction(world, engine):
    state = await new_state(LedgerState, token=world["tokens"][Role.admin])
    await call(state, "load")
    await call(state, "correct", {"name": "谁"})
    assert (await state.get_state(AppState)).error == tr("err.bad_request", "zh")
    with Session(engine) as fresh:
        assert fresh.exec(select(ResidentCorrection)).all() == []
