"""Crafted calls to the household's handlers (state.isolation.home): a household token reaches only its own case."""

from __future__ import annotations

import pytest
from sqlmodel import select

from community_app.i18n import tr
from community_app.models import FeverAlert, TemperatureReading
from community_app.services.isolation import readings as isolation_readings
from community_app.state.base import AppState
from community_app.state.isolation.home import IsolationHomeState
from tests import factories as f
from tests.isolation import factories as fi
from tests.isolation.factories import JUNK, snapshot
from tests.state_harness import call, new_state


def pad(case_id: int, resident_id: int, whole: object, tenth: object, uuid: str = "") -> dict:
    """The pad's form as the browser submits it (components/isolation/pad.py)."""
    return {"uuid": uuid or f.new_uuid(), "case_id": str(case_id),
            "resident_id": str(resident_id), "whole": whole, "tenth": tenth}


async def test_household_reports_in_three_taps_and_corrects_a_typo(cases, engine):
    w = cases["w"]
    session = cases["session"]
    state = await new_state(IsolationHomeState, token=cases["tokens"]["household"])
    await call(state, "load")
    assert state.case_state == "open" and state.case_id == cases["mine"]
    assert state.day_no == 1 and state.period == 14
    me_id = w.people[0].id
    # Taps 1 and 2 happen in the browser; tap 3 submits the pad's form, which saves at once.
    # The same form submitted twice records once.
    form = pad(state.case_id, me_id, "37", "8")
    await call(state, "save_reading", form)
    await call(state, "save_reading", form)
    base = await state.get_state(AppState)
    assert base.error == "" and state.fever_value == "37.8"
    me = state.people[0]
    assert me.recent_value == "37.8" and me.recent_fever and me.recent_id > 0
    session.expire_all()
    assert len(session.exec(select(TemperatureReading)).all()) == 1
    assert len(session.exec(select(FeverAlert)).all()) == 1
    # "Correct" right after the save is taken as the second tap of a double tap: ignored.
    await call(state, "correct", me.recent_id)
    session.expire_all()
    assert session.exec(select(TemperatureReading)).one().voided_at is None
    state._saved_at = 0.0  # a moment later
    reopen = await call(state, "correct", me.recent_id)
    assert base.error == "" and "37.8" in base.notice
    assert state.fever_value == "" and state.people[0].recent_id == 0
    assert "swSheetOpen" in str(reopen) and "household-pad" in str(reopen)  # pad reopened
    session.expire_all()
    alert = session.exec(select(FeverAlert)).one()
    assert alert.action == "corrected"
    await call(state, "save_reading", pad(state.case_id, me_id, "36", "6"))
    assert state.fever_value == "" and "36.6" in base.notice
    assert state.people[0].readings[-1].endswith("36.6 °C")
    assert len(state.people[0].readings) == 1  # the voided reading is not shown


async def test_a_reconnect_or_a_restart_between_the_taps_loses_nothing(cases, engine):
    """Issue 11 item 2: on_load ran on every reconnect and closed the server's pad, so the
    queued tenth was dropped without a word. The pad now lives in the browser: a load in
    between changes nothing, and a brand-new state (the server restarted) saves the form."""
    w = cases["w"]
    state = await new_state(IsolationHomeState, token=cases["tokens"]["household"])
    await call(state, "load")
    case_id = state.case_id
    await call(state, "load")  # the websocket reconnected while the household was choosing
    await call(state, "save_reading", pad(case_id, w.people[0].id, "36", "5"))
    assert (await state.get_state(AppState)).error == ""
    fresh = await new_state(IsolationHomeState, token=cases["tokens"]["household"])
    await call(fresh, "save_reading", pad(case_id, w.people[0].id, "36", "7"))
    assert (await fresh.get_state(AppState)).error == ""
    cases["session"].expire_all()
    values = sorted(str(r.value) for r in cases["session"].exec(select(TemperatureReading)))
    assert values == ["36.5", "36.7"]


async def test_household_payloads_are_validated(cases, engine):
    state = await new_state(IsolationHomeState, token=cases["tokens"]["household"])
    await call(state, "load")
    me = cases["w"].people[0].id
    before = snapshot(engine)
    for form in (pad(state.case_id, me, "36", "66"), pad(state.case_id, me, "36", JUNK),
                 {**pad(state.case_id, me, "36", "6"), "uuid": "x"},
                 {**pad(state.case_id, me, "36", "6"), "case_id": JUNK},
                 {**pad(state.case_id, me, "36", "6"), "resident_id": "-1"},
                 {"tenth": "6"}, "junk"):
        await call(state, "save_reading", form)
        assert (await state.get_state(AppState)).error != ""  # refused, with a message
        (await state.get_state(AppState)).error = ""
    for junk in (0, -1, "1", JUNK, True):
        await call(state, "correct", junk)
        assert (await state.get_state(AppState)).error == tr("err.bad_request", "zh")
    assert snapshot(engine) == before


async def test_household_cannot_reach_another_households_case(cases, engine):
    w = cases["w"]
    their_person = fi.resident_ids(cases["session"], w.other_home)[0]
    state = await new_state(IsolationHomeState, token=cases["tokens"]["household"])
    await call(state, "load")
    before = snapshot(engine)
    # Forge the pad's form: another household's case and person.
    for case_id, resident_id in ((cases["theirs"], their_person), (cases["mine"], their_person)):
        await call(state, "save_reading", pad(case_id, resident_id, "36", "6"))
        assert (await state.get_state(AppState)).error == tr("err.denied", "zh")
    assert snapshot(engine) == before
    # Their reading cannot be corrected from this household's page either.
    theirs = isolation_readings.record_reading(
        cases["session"], actor=w.other_household_actor, uuid=f.new_uuid(),
        case_id=cases["theirs"], resident_id=their_person, value="38.2")
    cases["session"].commit()
    before = snapshot(engine)
    await call(state, "correct", theirs.id)
    assert (await state.get_state(AppState)).error == tr("err.denied", "zh")
    assert snapshot(engine) == before



async def test_each_household_handler_is_one_transaction_that_returns_its_page(cases,
                                                                               db_calls):
    w = cases["w"]
    state = await new_state(IsolationHomeState, token=cases["tokens"]["household"])
    await call(state, "load")
    assert db_calls == ["household_case"]
    db_calls.clear()
    await call(state, "save_reading", pad(state.case_id, w.people[0].id, "36", "6"))
    assert len(db_calls) == 1 and state.people[0].recent_value == "36.6"
    state._saved_at = 0.0
    db_calls.clear()
    await call(state, "correct", state.people[0].recent_id)
    assert len(db_calls) == 1 and state.people[0].recent_id == 0
    assert (await state.get_state(AppState)).error == ""


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_out_of_range_pad_input_is_refused_with_a_message_and_stores_nothing(cases, engine,
                                                                                   lang):
    """Issue 10 item 8: the pad used to drop such input silently; now it says why."""
    state = await new_state(IsolationHomeState, token=cases["tokens"]["household"], lang=lang)
    await call(state, "load")
    me = cases["w"].people[0].id
    base = await state.get_state(AppState)
    message = tr("isolation.pad_out_of_range", lang)
    assert message != "isolation.pad_out_of_range" and "35.0" in message and "120" in message
    before = snapshot(engine)
    for junk in ("34", "41", "3", "36.6", "", 36, JUNK, None):
        await call(state, "save_reading", pad(state.case_id, me, junk, "5"))
        assert base.error == message
    for tenth in ("66", "-1", "", ".", 6, JUNK, None):
        await call(state, "save_reading", pad(state.case_id, me, "36", tenth))
        assert base.error == message
    assert snapshot(engine) == before
