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


async def test_household_reports_in_three_taps_and_corrects_a_typo(cases, engine):
    w = cases["w"]
    session = cases["session"]
    state = await new_state(IsolationHomeState, token=cases["tokens"]["household"])
    await call(state, "load")
    assert state.case_state == "open" and state.case_id == cases["mine"]
    assert state.day_no == 1 and state.period == 14
    # Tap 1: the person's big button; tap 2: the whole degree (34 and 41 are not offered).
    await call(state, "open_pad", w.people[0].id, w.people[0].name)
    for junk in ("34", "41", JUNK, "36.6"):
        await call(state, "pad_degree", junk)
        assert state.pad_digits == ""
    await call(state, "pad_degree", "37")
    assert state.pad_digits == "37"
    # Tap 3: the tenth saves at once; the same form submitted twice records once.
    form = {"uuid": f.new_uuid(), "tenth": "8"}
    await call(state, "save_reading", form)
    await call(state, "save_reading", form)
    base = await state.get_state(AppState)
    assert base.error == "" and state.fever_value == "37.8" and state.pad_resident_id == 0
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
    await call(state, "correct", me.recent_id)
    assert base.error == "" and "37.8" in base.notice
    assert state.fever_value == "" and state.people[0].recent_id == 0
    assert state.pad_resident_id == w.people[0].id and state.pad_digits == ""  # reopened
    session.expire_all()
    alert = session.exec(select(FeverAlert)).one()
    assert alert.action == "corrected"
    await call(state, "pad_degree", "36")
    await call(state, "save_reading", {"uuid": f.new_uuid(), "tenth": "6"})
    assert state.fever_value == "" and "36.6" in base.notice
    assert state.people[0].readings[-1].endswith("36.6 °C")
    assert len(state.people[0].readings) == 1  # the voided reading is not shown


async def test_household_payloads_are_validated(cases, engine):
    state = await new_state(IsolationHomeState, token=cases["tokens"]["household"])
    await call(state, "load")
    await call(state, "open_pad", cases["w"].people[0].id, "x")
    await call(state, "pad_degree", "36")
    before = snapshot(engine)
    for form in ({"uuid": f.new_uuid(), "tenth": "66"}, {"uuid": f.new_uuid(), "tenth": JUNK},
                 {"uuid": "x", "tenth": "6"}, {"tenth": "6"}, "junk"):
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
    # Forge the pad: another household's case and person, set straight into the state.
    for case_id, resident_id in ((cases["theirs"], their_person), (cases["mine"], their_person)):
        state.pad_case_id, state.pad_resident_id, state.pad_digits = case_id, resident_id, "36"
        await call(state, "save_reading", {"uuid": f.new_uuid(), "tenth": "6"})
        assert (await state.get_state(AppState)).error == tr("err.denied", "zh")
    # open_pad only ever targets the household's own case; their person is refused on save.
    await call(state, "open_pad", their_person, "x")
    assert state.pad_case_id == cases["mine"]
    await call(state, "pad_degree", "36")
    await call(state, "save_reading", {"uuid": f.new_uuid(), "tenth": "6"})
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
    await call(state, "open_pad", w.people[0].id, w.people[0].name)
    await call(state, "pad_degree", "36")
    db_calls.clear()
    await call(state, "save_reading", {"uuid": f.new_uuid(), "tenth": "6"})
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
    await call(state, "open_pad", cases["w"].people[0].id, "x")
    base = await state.get_state(AppState)
    message = tr("isolation.pad_out_of_range", lang)
    assert message != "isolation.pad_out_of_range" and "35.0" in message and "120" in message
    before = snapshot(engine)
    for junk in ("34", "41", "3", "36.6", "", 36, JUNK, None):
        await call(state, "pad_degree", junk)
        assert base.error == message and state.pad_digits == ""
    await call(state, "pad_degree", "36")
    assert base.error == "" and state.pad_digits == "36"
    for tenth in ("66", "-1", "", ".", 6, JUNK, None):
        await call(state, "save_reading", {"uuid": f.new_uuid(), "tenth": tenth})
        assert base.error == message and state.pad_digits == "36"  # still open to choose
    state.pad_digits = "42"  # a forged pad: only the tenth is sent, the degree is ours
    await call(state, "save_reading", {"uuid": f.new_uuid(), "tenth": "5"})
    assert base.error == message
    assert snapshot(engine) == before
