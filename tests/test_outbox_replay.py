"""Visits kept in the browser's outbox while offline: replayed once, refused ones reported."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from community_app import db
from community_app.models import (
    Community,
    ErrandRequest,
    HouseholdStatus,
    Role,
    RoundHousehold,
    VisitAttempt,
)
from community_app.state.base import AppState
from community_app.state.outbox import OutboxState
from tests import factories as f
from tests.factories_survey import households, world
from tests.state_harness import call, new_state


@pytest.fixture
def w(engine, session):
    db.use_engine(engine)
    data = world(session)
    token = f.session_token(session, data.worker_user)
    session.commit()
    yield data, token
    db.use_engine(None)


def _entry(home, **fields):
    return {"kind": "visit", "at": 0, "data": {
        "uuid": f.new_uuid(), "household_id": str(home.id), "outcome": "door",
        "r0_resident_id": "", "r0_name": "张三丰", "r0_sex": "male", "r0_relation": "head",
        "r0_birth_year": "1950", "r0_temperature": "36.6",
        "r0_present": "1", **fields}}


async def test_replayed_outbox_entries_apply_once(w, session):
    data, token = w
    homes = households(session, data.mine)
    entries = [_entry(homes[0]), _entry(homes[1], outcome="not_home")]
    state = await new_state(OutboxState, token=token)
    scripts = await call(state, "replay", entries)
    assert len(scripts) == 3  # both confirmed back to the browser, then the page redrawn
    assert "2 条" in state.notice, (state.error, state.notice)
    await call(state, "replay", entries)  # the same entries again
    session.expire_all()
    assert session.exec(select(func.count()).select_from(VisitAttempt)).one() == 2
    statuses = dict(session.exec(select(RoundHousehold.household_id, RoundHousehold.status)).all())
    assert statuses[homes[0].id] == HouseholdStatus.reached
    assert statuses[homes[1].id] == HouseholdStatus.followup


async def test_entries_that_cannot_apply_are_reported_not_retried(w, session):
    data, token = w
    theirs = households(session, data.theirs)[0]
    mine = households(session, data.mine)[0]
    entries = [_entry(theirs), _entry(mine, r0_temperature="99"), {"kind": "visit"}, "junk"]
    state = await new_state(OutboxState, token=token)
    scripts = await call(state, "replay", entries)
    assert len(scripts) == 2  # the two with a valid uuid are dropped from the outbox
    assert "无法保存" in (await state.get_state(AppState)).error
    assert session.exec(select(func.count()).select_from(VisitAttempt)).one() == 0
    assert await call(state, "replay", None) == []


def _errand(household_id: int, **fields) -> dict:
    return {"kind": "errand", "at": 0, "data": {
        "uuid": f.new_uuid(), "items": '[{"kind": "rice", "quantity": 2}]', "wish": "挂面",
        "household_id": str(household_id), "need_id": "0", "urgency": "today",
        "window": "asap", "payment": "cash_on_delivery", "note": "", **fields}}


async def test_an_errand_kept_offline_is_asked_once_and_visits_wait_for_their_worker(w, session):
    data, _ = w
    home = households(session, data.mine)[0]
    resident = f.user(session, _community(session, data), Role.household, home.code,
                      household_id=home.id)
    token = f.session_token(session, resident)
    session.commit()
    errand, visit = _errand(home.id), _entry(home)
    state = await new_state(OutboxState, token=token)
    scripts = await call(state, "replay", [errand, visit, {"kind": "nonsense", "data": {}}])
    assert len(scripts) == 2  # the errand done, then the page redrawn; the visit stays queued
    assert "1 条代买请求已发送" in state.notice
    # A kind this server does not know (a newer version's form) stays on the phone, unsaid.
    assert (await state.get_state(AppState)).error == ""
    await call(state, "replay", [errand])
    session.expire_all()
    rows = session.exec(select(ErrandRequest)).all()
    assert len(rows) == 1 and rows[0].household_id == home.id
    assert session.exec(select(func.count()).select_from(VisitAttempt)).one() == 0


async def test_an_errand_for_another_household_is_refused(w, session):
    data, _ = w
    mine, theirs = households(session, data.mine)[:2]
    resident = f.user(session, _community(session, data), Role.household, mine.code,
                      household_id=mine.id)
    token = f.session_token(session, resident)
    session.commit()
    state = await new_state(OutboxState, token=token)
    await call(state, "replay", [_errand(theirs.id), _errand(mine.id, items="[{]")])
    assert "2 条代买请求无法发送" in (await state.get_state(AppState)).error
    assert session.exec(select(func.count()).select_from(ErrandRequest)).one() == 0


def _community(session, data) -> Community:
    return session.get(Community, data.worker_user.community_id)


async def test_an_errand_whose_reply_was_lost_is_confirmed_by_its_replay(w, session):
    """The send committed but its reply died with the socket: the form still shows the
    request. The replay of the same outbox entry tells the person it was sent, drops it from
    the outbox, and stores nothing more."""
    from community_app.state.errands.ask import AskState

    data, _ = w
    home = households(session, data.mine)[0]
    resident = f.user(session, _community(session, data), Role.household, home.code,
                      household_id=home.id)
    token = f.session_token(session, resident)
    session.commit()
    errand = _errand(home.id)
    ask = await new_state(AskState, token=token)
    await call(ask, "send", dict(errand["data"]))  # stored; the browser never hears of it
    assert (await ask.get_state(AppState)).error == ""

    state = await new_state(OutboxState, token=token)  # the reconnected tab's replay
    scripts = await call(state, "replay", [errand])
    assert "1 条代买请求已发送" in state.notice, ((await state.get_state(AppState)).error,
                                                 state.notice)
    codes = [str(s.args) for s in scripts]
    assert any("swOutboxDone" in c and errand["data"]["uuid"] in c for c in codes), codes
    assert not any("location.reload" in c for c in codes)  # nothing new to draw
    session.expire_all()
    assert session.exec(select(func.count()).select_from(ErrandRequest)).one() == 1
