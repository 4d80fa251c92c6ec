"""Errands volunteer handlers called the way a crafted websocket message would."""

from __future__ import annotations

from sqlmodel import select

from community_app import db
from community_app.i18n import tr
from community_app.models import ErrandRequest, ErrandStatus
from community_app.state.base import AppState
from community_app.state.errands.admin import ErrandsAdminState
from community_app.state.errands.volunteer import VolunteerState
from tests.errands.factories import ask
from tests.errands.test_run_steps import step
from tests.state_harness import call, new_state
from tests.test_handler_guards import _snapshot


async def _error(state) -> str:
    return (await state.get_state(AppState)).error


async def test_volunteer_cannot_act_on_another_volunteers_claim(w, session):
    row = ask(session, w.household, w.home.id)
    mine = await new_state(VolunteerState, token=w.tokens["volunteer"])
    await call(mine, "claim", row.id)
    assert await _error(mine) == "" and mine.queue == []  # the claim returns the queue
    await call(mine, "load_run")
    assert [r.id for r in mine.mine] == [row.id]
    other = await new_state(VolunteerState, token=w.tokens["volunteer2"])
    await call(other, "load_queue")
    assert other.queue == [] and other.mine == []
    engine = db.get_engine()
    before = _snapshot(engine)
    await call(other, "claim", row.id)
    assert await _error(other) == tr("errands.already_claimed", "zh")
    for name, args in (("release", [row.id]),
                       ("submit_step", [step("delivered", request_id=row.id)]),
                       ("submit_step", [step("amount", request_id=row.id, amount="5")])):
        await call(other, name, *args)
        assert await _error(other) == tr("err.denied", "zh"), name
    assert _snapshot(engine) == before
    # The household's own page never lists the volunteer queue; the admin page is admin-only.
    admin_page = await new_state(ErrandsAdminState, token=w.tokens["volunteer2"])
    await call(admin_page, "load")
    assert await _error(admin_page) == tr("err.denied", "zh") and admin_page.late == []
    session.expire_all()
    assert session.exec(select(ErrandRequest)).one().status == ErrandStatus.claimed



async def test_a_queued_households_phone_and_notes_wait_for_the_claim(w, session):
    """Issue 10 item 9, issue 12 item 15: any volunteer could dial any queued household and
    read its free-text notes before taking the errand on."""
    row = ask(session, w.household, w.home.id, note="请放门口，别敲门",
              items=[{"kind": "medicine", "quantity": 1, "note": "降压药"}])
    state = await new_state(VolunteerState, token=w.tokens["volunteer"])
    await call(state, "load_queue")
    assert [r.id for g in state.queue for r in g.rows] == [row.id]
    shown = repr(state.queue)
    assert "降压药" not in shown and "请放门口" not in shown and "13812345678" not in shown
    assert "5678" not in shown and "****" not in shown  # not even masked before the claim
    # A crafted call for the queued request: refused, and no number reaches the browser.
    dialled = await call(state, "call", row.id)
    assert await _error(state) == tr("err.denied", "zh")
    assert "13812345678" not in repr(dialled)
    # Claimed: the notes are on the run, and the call dials the household.
    await call(state, "claim", row.id)
    await call(state, "load_run")
    assert await _error(state) == ""
    assert "降压药" in state.mine[0].summary and state.mine[0].note == "请放门口，别敲门"
    dialled = await call(state, "call", row.id)
    assert await _error(state) == "" and "13812345678" in repr(dialled)
    # Another volunteer's crafted call for it: refused.
    other = await new_state(VolunteerState, token=w.tokens["volunteer2"])
    dialled = await call(other, "call", row.id)
    assert await _error(other) == tr("err.denied", "zh")
    assert "13812345678" not in repr(dialled)
