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


def tick(item_id: object, done: bool = True, uuid: str = "", **more: str) -> dict:
    """A tick's form as the browser submits it (the done button, or a sheet)."""
    return {"uuid": uuid or f.new_uuid(), "item_id": str(item_id), "done": "1" if done else "0",
            **more}


def pad(case_id: int, resident_id: int, value: str, source: str = "phone") -> dict:
    whole, tenth = value.split(".")
    return {"uuid": f.new_uuid(), "case_id": str(case_id), "resident_id": str(resident_id),
            "whole": whole, "tenth": tenth, "source": source}


@pytest.mark.parametrize(("cls", "name", "args"), [
    (IsolationState, "submit_tick", (tick(1),)),
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
    await call(other, "submit_tick", tick(item_id))
    assert (await other.get_state(AppState)).error == tr("err.denied", "zh")
    case_state = await new_state(CaseState, token=cases["tokens"]["other_worker"])
    case_state.case_id = cases["mine"]
    await call(case_state, "release")
    assert (await case_state.get_state(AppState)).error == tr("err.denied", "zh")
    assert snapshot(engine) == before
    await call(board, "submit_tick", tick(item_id))
    session.expire_all()
    assert session.get(ChecklistItem, item_id).status == "done"


async def test_worker_records_a_reading_by_phone(cases):
    w = cases["w"]
    board = await new_state(IsolationState, token=cases["tokens"]["worker"], lang="en")
    await call(board, "load")
    for value in ("43.3", "33.9", "36.x"):  # the pad offers 34-42 whole degrees
        await call(board, "save_reading", pad(cases["mine"], w.people[1].id, value))
        assert (await board.get_state(AppState)).error == tr("isolation.temp_invalid", "en")
    await call(board, "save_reading", pad(cases["mine"], w.people[1].id, "36.5"))
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
    due = {i.kind: i.id for i in next(c for c in board.cases if c.id == cases["mine"]).due}

    async def one(name: str, *args: object) -> None:
        db_calls.clear()
        await call(board, name, *args)
        assert (await board.get_state(AppState)).error == ""
        assert len(db_calls) == 1, (name, db_calls)

    await one("submit_tick", tick(due["garbage_morning"]))
    await one("submit_tick", tick(due["checkin"], note="情绪稳定"))
    await one("submit_tick", tick(due["door_notice"], done=False, reason="无人应答"))
    mine = next(c for c in board.cases if c.id == cases["mine"])  # the board sorts by overdue
    left = {i.kind for i in mine.due if i.id not in board.gone}
    assert not left & {"garbage_morning", "checkin", "door_notice"}
    assert board.gone_due == {str(cases["mine"]): 3}
    await one("save_reading", pad(cases["mine"], w.people[0].id, "38.5"))
    # Worded for the worker who took it, not the household's "your grid worker will call".
    notice = (await board.get_state(AppState)).notice
    assert "38.5" in notice and "发热提醒" in notice and "网格员会马上联系您" not in notice
    mine = next(c for c in board.cases if c.id == cases["mine"])
    assert mine.people[0].last == "38.5" and len(board.alerts) == 1
    await one("act", board.alerts[0].id, "doctor_called")
    assert board.alerts == []


async def test_a_tick_replayed_from_the_outbox_applies_once(cases, engine):
    """Issue 11 item 5: a tick kept offline is sent again on reconnect; its client UUID
    makes the second send change nothing, even after someone changed the item since."""
    session = cases["session"]
    board = await new_state(IsolationState, token=cases["tokens"]["worker"])
    await call(board, "load")
    item_id = board.cases[0].due[0].id
    form = tick(item_id, done=False, reason="无人应答")
    await call(board, "submit_tick", form)
    await call(board, "submit_tick", tick(item_id))  # later, done after all
    fresh = await new_state(IsolationState, token=cases["tokens"]["worker"])
    await call(fresh, "submit_tick", form)  # the outbox's late copy of the first form
    assert (await fresh.get_state(AppState)).error == ""
    session.expire_all()
    assert session.get(ChecklistItem, item_id).status == "done"


async def test_a_reconnect_between_opening_the_pad_and_saving_loses_nothing(cases):
    """Issue 11 item 2 (the worker's pad): load ran on every reconnect and closed the pad;
    the pad is the browser's now and the form alone saves the reading."""
    w = cases["w"]
    board = await new_state(IsolationState, token=cases["tokens"]["worker"])
    await call(board, "load")
    await call(board, "load")
    await call(board, "save_reading", pad(cases["mine"], w.people[0].id, "36.9", "door"))
    assert (await board.get_state(AppState)).error == ""
    cases["session"].expire_all()
    reading = cases["session"].exec(select(TemperatureReading)).one()
    assert reading.source == "door" and str(reading.value) == "36.9"


async def test_a_tick_sends_the_dropped_item_not_the_board(cases, db_calls):
    """Issue 13 item 3: a tick on an item the board shows reads no board and sends only the
    ticked item and the case's counts; the same form sent again redraws the board once."""
    import json

    board = await new_state(IsolationState, token=cases["tokens"]["worker"])
    await call(board, "load")
    full = len(json.dumps(board.get_delta(), default=str))
    board._clean()
    mine = next(c for c in board.cases if c.id == cases["mine"])
    form = tick(mine.due[0].id)
    db_calls.clear()
    await call(board, "submit_tick", form)
    assert db_calls == ["tick"] and board.gone == [mine.due[0].id]
    assert not {"cases", "alerts"} & board.dirty_vars
    assert len(json.dumps(board.get_delta(), default=str)) < min(400, full / 3)
    board._clean()
    await call(board, "submit_tick", form)  # the outbox's second copy: nothing applied
    assert "cases" in board.dirty_vars and board.gone == []
    assert mine.due[0].id not in {i.id for c in board.cases for i in c.due}
