"""The volunteer's run steps (state/errands/run_steps.py) as the browser submits them: each
applies once per client UUID, sent at once, again after a reconnect, or from the outbox of a
phone that had no signal into a restarted server."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import select

from community_app.i18n import tr
from community_app.models import ErrandItem, ErrandRequest
from community_app.state.base import AppState
from community_app.state.errands.volunteer import VolunteerState
from community_app.state.outbox import OutboxState
from tests import factories as f
from tests.errands.factories import ask
from tests.state_harness import call, new_state


def step(name: str, uuid: str = "", **fields: object) -> dict:
    """A step's form as the browser submits it: every value a string, the UUID drawn."""
    return {"uuid": uuid or f.new_uuid(), "step": name, **{k: str(v) for k, v in fields.items()}}


async def _shopping(w, session) -> tuple[VolunteerState, ErrandRequest, list[ErrandItem]]:
    row = ask(session, w.household, w.home.id)
    state = await new_state(VolunteerState, token=w.tokens["volunteer"])
    await call(state, "claim", row.id)
    await call(state, "start_run", {"uuid": f.new_uuid()})
    items = session.exec(select(ErrandItem).where(ErrandItem.request_id == row.id)
                         .order_by(ErrandItem.id)).all()
    return state, row, list(items)


def _stored(session, row: ErrandRequest) -> tuple:
    session.expire_all()
    items = session.exec(select(ErrandItem).where(ErrandItem.request_id == row.id)
                         .order_by(ErrandItem.id)).all()
    fresh = session.get(ErrandRequest, row.id)
    return ([(i.outcome, i.substitute) for i in items], fresh.amount_spent, fresh.status)


async def test_each_step_of_a_run_applies_once_and_a_replay_changes_nothing(w, session):
    state, row, (greens, wine) = await _shopping(w, session)
    forms = [step("substituted", item_id=greens.id, substitute="小白菜"),
             step("unavailable", item_id=wine.id),
             step("amount", request_id=row.id, amount="36.50"),
             step("delivered", request_id=row.id)]
    for form in forms:
        await call(state, "submit_step", form)
        assert (await state.get_state(AppState)).error == "", form
    after = ([("substituted", "小白菜"), ("unavailable", "")], Decimal("36.50"), "delivered")
    assert _stored(session, row) == after
    assert state.owed == "36.50"
    # A step changed after the first one: the first arriving again does not undo it.
    await call(state, "submit_step", step("amount", request_id=row.id, amount="40"))
    assert _stored(session, row)[1] == Decimal("40.00")
    for form in forms[:3]:  # the same forms again (a reconnect sends the queued events)
        await call(state, "submit_step", form)
        assert (await state.get_state(AppState)).error == "", form
    assert _stored(session, row)[1] == Decimal("40.00")
    assert _stored(session, row)[0] == after[0]
    # The same forms from the outbox into a restarted server: nothing changes; each is
    # confirmed as saved (its first send's reply may have been lost), none applied again.
    outbox = await new_state(OutboxState, token=w.tokens["volunteer"])
    done = await call(outbox, "replay", [{"kind": "run_step", "data": x} for x in forms])
    base = await outbox.get_state(AppState)
    assert base.error == "" and len(done) == len(forms)
    assert base.notice == tr("errands.steps_saved", "zh", n=len(forms))
    assert _stored(session, row)[1] == Decimal("40.00")


async def test_steps_kept_offline_are_saved_from_the_outbox_in_a_new_server(w, session):
    _, row, (greens, wine) = await _shopping(w, session)
    kept = [step("bought", item_id=greens.id), step("bought", item_id=wine.id),
            step("amount", request_id=row.id, amount="12.30"),
            step("delivered", request_id=row.id)]
    outbox = await new_state(OutboxState, token=w.tokens["volunteer"])
    await call(outbox, "replay", [{"kind": "run_step", "data": x} for x in kept])
    assert (await outbox.get_state(AppState)).notice == tr("errands.steps_saved", "zh", n=4)
    assert _stored(session, row) == ([("bought", ""), ("bought", "")], Decimal("12.30"),
                                     "delivered")
    again = await new_state(OutboxState, token=w.tokens["volunteer"])
    await call(again, "replay", [{"kind": "run_step", "data": x} for x in kept])
    # Nothing applied again; confirmed as saved, so nobody redoes them.
    assert (await again.get_state(AppState)).notice == tr("errands.steps_saved", "zh", n=4)
    assert _stored(session, row) == ([("bought", ""), ("bought", "")], Decimal("12.30"),
                                     "delivered")
    # Another volunteer's phone replaying them: refused, nothing changes.
    other = await new_state(OutboxState, token=w.tokens["volunteer2"])
    await call(other, "replay", [{"kind": "run_step", "data": step(
        "amount", request_id=row.id, amount="1")}])
    assert (await other.get_state(AppState)).error == tr("errands.steps_refused", "zh", n=1)
    assert _stored(session, row)[1] == Decimal("12.30")


async def test_a_refused_step_records_nothing_and_can_be_sent_again(w, session):
    state, row, (greens, wine) = await _shopping(w, session)
    form = step("delivered", request_id=row.id)
    await call(state, "submit_step", form)  # items still pending
    assert (await state.get_state(AppState)).error == tr("errands.items_pending", "zh")
    for item in (greens, wine):
        await call(state, "submit_step", step("bought", item_id=item.id))
    await call(state, "submit_step", form)  # the same form, now that it can apply
    assert _stored(session, row)[2] == "delivered"
    bad = step("substituted", item_id=greens.id, substitute=" ")
    await call(state, "submit_step", bad)
    assert (await state.get_state(AppState)).error == tr("errands.wrong_step", "zh")


async def test_an_item_tick_sends_its_line_not_the_run(w, session):
    """Issue 13 item 3: ticking a line the page shows sends that line's outcome alone; a
    tick applied before (the outbox's copy) redraws the run as it is in the database."""
    import json

    state, row, (greens, wine) = await _shopping(w, session)
    full = len(json.dumps(state.get_delta(), default=str))
    state._clean()
    form = step("substituted", item_id=greens.id, substitute="  小白菜 ")
    await call(state, "submit_step", form)
    assert (await state.get_state(AppState)).error == ""
    assert state.outcomes == {str(greens.id): "substituted"}
    assert state.substitutes == {str(greens.id): "小白菜"}  # as stored, not as typed
    assert not {"shopping", "mine"} & state.dirty_vars
    assert len(json.dumps(state.get_delta(), default=str)) < min(500, full / 3)
    state._clean()
    await call(state, "submit_step", form)  # applied before: the run as stored comes back
    assert "shopping" in state.dirty_vars and state.outcomes == {}
    line = next(x for e in state.shopping for x in e.lines if x.item_id == greens.id)
    assert (line.outcome, line.substitute) == ("substituted", "小白菜")
    assert _stored(session, row)[0][0] == ("substituted", "小白菜")
