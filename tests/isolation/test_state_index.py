"""The worker's board handlers (state.isolation.index): scope, the phone reading, crafted
calls from a household token, one service call per handler."""

from __future__ import annotations

import pytest
from sqlmodel import select

from community_app.i18n import tr
from community_app.models import ChecklistItem, TemperatureReading
from community_app.state.base import AppState
from community_app.state.isolation.case import CaseState
from community_app.state.isolation.index import IsolationState
from tests import factories as f
from tests.isolation.factories import snapshot
from tests.state_harness import call, new_state


async def _pad(state, digits: str) -> None:
    for key in digits:
        await call(state, "pad_key", key)


@pytest.mark.parametrize(("cls", "name", "args"), [
    (IsolationState, "mark_done", (1,)),
    (IsolationState, "act", (1, "doctor_called")),
    (CaseState, "release", ()),
    (CaseState, "export_csv", ()),
])
async def test_household_token_on_staff_handlers_is_refused(cases, engine, cls, name, args):
    before = snapshot(engine)
    state = await new_state(cls, token=cases["tokens"]["household"])
    if cls is CaseState:
        state.case_id = cases["theirs"]
    await call(state, name, *args)
    assert (await state.get_state(AppState)).error == tr("err.denied", "zh")
    assert snapshot(engine) == before


async def test_other_worker_cannot_tick_or_release_this_case(cases, engine):
    session = cases["session"]
    board = await new_state(IsolationState, token=cases["tokens"]["worker"])
    await call(board, "load")
    assert [c.id for c in board.cases] == [cases["mine"], cases["theirs"]]
    item_id = board.cases[0].due[0].id
    before = snapshot(engine)
    other = await new_state(IsolationState, token=cases["tokens"]["other_worker"])
    await call(other, "load")
    assert other.cases == []
    await call(other, "mark_done", item_id)
    assert (await other.get_state(AppState)).error == tr("err.denied", "zh")
    case_state = await new_state(CaseState, token=cases["tokens"]["other_worker"])
    case_state.case_id = cases["mine"]
    await call(case_state, "release")
    assert (await case_state.get_state(AppState)).error == tr("err.denied", "zh")
    assert snapshot(engine) == before
    await call(board, "mark_done", item_id)
    session.expire_all()
    assert session.get(ChecklistItem, item_id).status == "done"


async def test_worker_records_a_reading_by_phone(cases):
    w = cases["w"]
    board = await new_state(IsolationState, token=cases["tokens"]["worker"], lang="en")
    await call(board, "load")
    await call(board, "open_pad", cases["mine"], w.people[1].id, w.people[1].name)
    await _pad(board, "433")
    await call(board, "save_reading", {"uuid": f.new_uuid()})
    error = (await board.get_state(AppState)).error
    assert error == tr("isolation.temp_out_of_range", "en", low="34.0", high="43.0")
    assert board.pad_resident_id == w.people[1].id  # the pad stays open to correct it
    await call(board, "pad_key", "clear")
    await _pad(board, "365")
    await call(board, "save_reading", {"uuid": f.new_uuid()})
    session = cases["session"]
    session.expire_all()
    reading = session.exec(select(TemperatureReading)).one()
    assert reading.source == "phone" and str(reading.value) == "36.5"
    assert board.cases[0].people[1].last == "36.5"



async def test_each_board_handler_is_one_transaction_that_returns_the_next_board(cases,
                                                                                 db_calls):
    """A write returns the board after it: no second read, no board from before the write."""
    w = cases["w"]
    board = await new_state(IsolationState, token=cases["tokens"]["worker"])
    await call(board, "load")
    assert db_calls == ["today_board"]
    due = {i.kind: i.id for i in board.cases[0].due}

    async def one(name: str, *args: object) -> None:
        db_calls.clear()
        await call(board, name, *args)
        assert (await board.get_state(AppState)).error == ""
        assert len(db_calls) == 1, (name, db_calls)

    await one("mark_done", due["garbage_morning"])
    await call(board, "start_note", due["checkin"])
    await one("submit_note", {"note": "情绪稳定"})
    await call(board, "start_cannot", due["door_notice"])
    await one("submit_cannot", {"reason": "无人应答"})
    left = {i.kind for i in board.cases[0].due}
    assert not left & {"garbage_morning", "checkin", "door_notice"}
    await call(board, "open_pad", cases["mine"], w.people[0].id, w.people[0].name)
    await _pad(board, "385")
    await one("save_reading", {"uuid": f.new_uuid()})
    assert board.cases[0].people[0].last == "38.5" and len(board.alerts) == 1
    await one("act", board.alerts[0].id, "doctor_called")
    assert board.alerts == []
