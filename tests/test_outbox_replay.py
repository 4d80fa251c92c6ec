"""Visits kept in the browser's outbox while offline: replayed once, refused ones reported."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from community_app import db
from community_app.models import HouseholdStatus, RoundHousehold, VisitAttempt
from community_app.state.base import AppState
from community_app.state.survey_visit import VisitState
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
    state = await new_state(VisitState, token=token)
    scripts = await call(state, "replay_outbox", entries)
    assert len(scripts) == 2  # both confirmed back to the browser
    assert "2 条" in state.notice, (state.error, state.notice)
    await call(state, "replay_outbox", entries)  # the same entries again
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
    state = await new_state(VisitState, token=token)
    scripts = await call(state, "replay_outbox", entries)
    assert len(scripts) == 2  # the two with a valid uuid are dropped from the outbox
    assert "无法保存" in (await state.get_state(AppState)).error
    assert session.exec(select(func.count()).select_from(VisitAttempt)).one() == 0
    assert await call(state, "replay_outbox", None) == []
