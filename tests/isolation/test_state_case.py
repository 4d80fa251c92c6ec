"""One case's handlers (state.isolation.case): extend once per submission, close with a reason."""

from __future__ import annotations

from datetime import timedelta

from community_app.i18n import tr
from community_app.services import clock
from community_app.state.base import AppState
from community_app.state.isolation.case import CaseState
from tests import factories as f
from tests.state_harness import call, new_state


async def test_worker_extends_once_per_submission_and_closes_with_a_reason(cases):
    state = await new_state(CaseState, token=cases["tokens"]["worker"])
    state.case_id = cases["mine"]
    payload = {"uuid": f.new_uuid(), "days": "3", "note": "复查"}
    await call(state, "extend", payload)
    await call(state, "extend", payload)  # a double tap
    assert (await state.get_state(AppState)).error == ""
    assert state.period == 17
    await call(state, "release")  # not the last day yet
    last = (clock.local_day() + timedelta(days=16)).isoformat()
    assert (await state.get_state(AppState)).error == tr("isolation.not_last_day", "zh", day=last)
    assert state.status == "open"
    await call(state, "close", {"reason": "other", "note": ""})
    assert (await state.get_state(AppState)).error == tr("isolation.note_required", "zh")
    await call(state, "close", {"reason": "hospital", "note": ""})
    assert state.status == "closed" and state.close_reason == "hospital"



async def test_each_case_handler_is_one_transaction_that_returns_the_case(cases, db_calls):
    state = await new_state(CaseState, token=cases["tokens"]["worker"])
    state.case_id = cases["mine"]
    steps = [("extend", {"uuid": f.new_uuid(), "days": "2", "note": ""}),
             ("request_again", "supply_masks"),  # still due: nothing new, the case shown
             ("close", {"reason": "hospital", "note": ""})]
    for name, arg in steps:
        db_calls.clear()
        await call(state, name, arg)
        assert (await state.get_state(AppState)).error == ""
        assert len(db_calls) == 1, (name, db_calls)
    assert state.period == 16 and state.status == "closed" and state.history
