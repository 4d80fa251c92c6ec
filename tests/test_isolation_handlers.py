"""Crafted calls to the isolation handlers: a household token reaches only its own case."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import SQLModel, select

from community_app import db
from community_app.i18n import tr
from community_app.models import ChecklistItem, FeverAlert, TemperatureReading
from community_app.services import auth
from community_app.services.isolation import cases as isolation
from community_app.services.isolation import readings as isolation_readings
from community_app.state.base import AppState
from community_app.state.isolation.board import IsolationState
from community_app.state.isolation.case import CaseState
from community_app.state.isolation.home import IsolationHomeState
from tests import factories as f
from tests import factories_isolation as fi
from tests.state_harness import call, new_state

JUNK = {"$ne": 1}


def _snapshot(engine) -> dict:
    with engine.connect() as conn:
        return {t.name: sorted(map(repr, conn.execute(t.select()).all()))
                for t in SQLModel.metadata.sorted_tables}


@pytest.fixture
def cases(engine, session):
    db.use_engine(engine)
    w = fi.world(session)
    mine = fi.open_case(session, w.worker, w.home)
    theirs = fi.open_case(session, w.worker, w.other_home)
    tokens = {}
    for name, actor in (("household", w.household_actor), ("other", w.other_household_actor),
                        ("worker", w.worker), ("other_worker", w.other_worker)):
        user = fi.worker_user(session, actor)
        tokens[name] = auth.login(session, username=user.username, password=f.PASSWORD,
                                  client="test")
        session.commit()
    yield {"w": w, "mine": mine, "theirs": theirs, "tokens": tokens, "session": session}
    db.use_engine(None)


async def _pad(state, digits: str) -> None:
    for key in digits:
        await call(state, "pad_key", key)


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
    before = _snapshot(engine)
    for form in ({"uuid": f.new_uuid(), "tenth": "66"}, {"uuid": f.new_uuid(), "tenth": JUNK},
                 {"uuid": "x", "tenth": "6"}, {"tenth": "6"}, "junk"):
        await call(state, "save_reading", form)
        assert (await state.get_state(AppState)).error != ""  # refused, with a message
        (await state.get_state(AppState)).error = ""
    for junk in (0, -1, "1", JUNK, True):
        await call(state, "correct", junk)
        assert (await state.get_state(AppState)).error == tr("err.bad_request", "zh")
    assert _snapshot(engine) == before


async def test_household_cannot_reach_another_households_case(cases, engine):
    w = cases["w"]
    their_person = fi.resident_ids(cases["session"], w.other_home)[0]
    state = await new_state(IsolationHomeState, token=cases["tokens"]["household"])
    await call(state, "load")
    before = _snapshot(engine)
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
    assert _snapshot(engine) == before
    # Their reading cannot be corrected from this household's page either.
    theirs = isolation_readings.record_reading(
        cases["session"], actor=w.other_household_actor, uuid=f.new_uuid(),
        case_id=cases["theirs"], resident_id=their_person, value="38.2")
    cases["session"].commit()
    before = _snapshot(engine)
    await call(state, "correct", theirs.id)
    assert (await state.get_state(AppState)).error == tr("err.denied", "zh")
    assert _snapshot(engine) == before


@pytest.mark.parametrize(("cls", "name", "args"), [
    (IsolationState, "mark_done", (1,)),
    (IsolationState, "act", (1, "doctor_called")),
    (CaseState, "release", ()),
    (CaseState, "export_csv", ()),
])
async def test_household_token_on_staff_handlers_is_refused(cases, engine, cls, name, args):
    before = _snapshot(engine)
    state = await new_state(cls, token=cases["tokens"]["household"])
    if cls is CaseState:
        state.case_id = cases["theirs"]
    await call(state, name, *args)
    assert (await state.get_state(AppState)).error == tr("err.denied", "zh")
    assert _snapshot(engine) == before


async def test_other_worker_cannot_tick_or_release_this_case(cases, engine):
    session = cases["session"]
    board = await new_state(IsolationState, token=cases["tokens"]["worker"])
    await call(board, "load")
    assert [c.id for c in board.cases] == [cases["mine"], cases["theirs"]]
    item_id = board.cases[0].due[0].id
    before = _snapshot(engine)
    other = await new_state(IsolationState, token=cases["tokens"]["other_worker"])
    await call(other, "load")
    assert other.cases == []
    await call(other, "mark_done", item_id)
    assert (await other.get_state(AppState)).error == tr("err.denied", "zh")
    case_state = await new_state(CaseState, token=cases["tokens"]["other_worker"])
    case_state.case_id = cases["mine"]
    await call(case_state, "release")
    assert (await case_state.get_state(AppState)).error == tr("err.denied", "zh")
    assert _snapshot(engine) == before
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


async def test_worker_extends_once_per_submission_and_closes_with_a_reason(cases):
    state = await new_state(CaseState, token=cases["tokens"]["worker"])
    state.case_id = cases["mine"]
    payload = {"uuid": f.new_uuid(), "days": "3", "note": "复查"}
    await call(state, "extend", payload)
    await call(state, "extend", payload)  # a double tap
    assert (await state.get_state(AppState)).error == ""
    assert state.period == 17
    await call(state, "release")  # not the last day yet
    last = (isolation.local_day() + timedelta(days=16)).isoformat()
    assert (await state.get_state(AppState)).error == tr("isolation.not_last_day", "zh", day=last)
    assert state.status == "open"
    await call(state, "close", {"reason": "other", "note": ""})
    assert (await state.get_state(AppState)).error == tr("isolation.note_required", "zh")
    await call(state, "close", {"reason": "hospital", "note": ""})
    assert state.status == "closed" and state.close_reason == "hospital"
