"""Opening a case (state.isolation.new): found by door code in scope, one case per submission."""

from __future__ import annotations

from sqlmodel import select

from community_app.i18n import tr
from community_app.models import IsolationCase
from community_app.services.places import household_place
from community_app.state.base import AppState
from community_app.state.isolation.new import NewCaseState
from tests import factories as f
from tests.isolation import factories as fi
from tests.state_harness import call, new_state


async def test_worker_finds_a_household_by_code_and_opens_one_case(cases, db_calls):
    w, session = cases["w"], cases["session"]
    free = session.exec(select(IsolationCase.household_id)).all()
    home = next(h for h in fi.households_of(session, w.home.building_id) if h.id not in free)
    state = await new_state(NewCaseState, token=cases["tokens"]["worker"])
    await call(state, "find_code", {"household_code": home.code})
    assert state.household_id == home.id and state.open_case_id == 0
    assert state.address == household_place(session, home.id).address
    form = {"uuid": f.new_uuid(), "household_id": str(home.id), "reason": "returnee",
            "reason_note": "", "start_date": state.today, "period_days": "14",
            **{f"person_{r.id}": "on" for r in state.residents}}
    db_calls.clear()
    await call(state, "submit", form)
    await call(state, "submit", form)  # a double tap opens one case
    assert (await state.get_state(AppState)).error == ""
    assert db_calls == ["open_case", "open_case"]
    session.expire_all()
    assert len(session.exec(select(IsolationCase).where(
        IsolationCase.household_id == home.id)).all()) == 1


async def test_a_code_out_of_scope_is_refused(cases):
    """Refused with the same words as an unknown code: the answer tells nothing (issue 10)."""
    state = await new_state(NewCaseState, token=cases["tokens"]["worker"])
    await call(state, "find_code", {"household_code": cases["w"].far_home.code})
    assert (await state.get_state(AppState)).error == tr("isolation.no_such_code", "zh")
    assert state.household_id == 0
