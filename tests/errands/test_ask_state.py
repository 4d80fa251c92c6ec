"""Errands /ask handlers called the way a crafted websocket message would: scope holds."""

from __future__ import annotations

from sqlmodel import select

from community_app import db
from community_app.i18n import tr
from community_app.models import ErrandRequest
from community_app.services.errands.items import Line
from community_app.state.base import AppState
from community_app.state.errands.ask import AskState
from tests import factories as f
from tests.errands.factories import ask
from tests.state_harness import call, new_state
from tests.test_handler_guards import _snapshot


async def _error(state) -> str:
    return (await state.get_state(AppState)).error


async def test_household_sends_its_own_request_and_reads_only_its_own(w, session):
    theirs = ask(session, w.other_household, w.other_home.id)
    state = await new_state(AskState, token=w.tokens["household"])
    await call(state, "toggle_item", "vegetables")
    await call(state, "change_quantity", "vegetables", 1)
    await call(state, "send", {"uuid": f.new_uuid(), "wish": "一瓶白酒", "window": "evening"})
    assert await _error(state) == ""
    assert [r.status for r in state.requests] == ["requested"]
    assert [(g.label, g.quantity) for g in state.requests[0].goods] == [("蔬菜", 2), ("一瓶白酒", 1)]
    assert theirs.id not in [r.id for r in state.requests]
    # A crafted confirm / cancel of another household's request is refused, nothing changes.
    engine = db.get_engine()
    before = _snapshot(engine)
    await call(state, "confirm", theirs.id)
    assert await _error(state) == tr("err.denied", "zh")
    await call(state, "cancel", {"request_id": theirs.id, "reason": "x"})
    assert await _error(state) == tr("err.denied", "zh")
    assert _snapshot(engine) == before


async def test_crafted_payloads_are_refused(w):
    state = await new_state(AskState, token=w.tokens["household"], lang="en")
    for name, args in (("toggle_item", ["gold"]), ("change_quantity", ["rice", 50]),
                       ("confirm", ["1 or 1=1"]), ("send", [{"uuid": f.new_uuid()}]),
                       ("send", [{"uuid": "x", "payment": "iou"}])):
        await call(state, name, *args)
        assert await _error(state), name


async def test_worker_converts_a_survey_need_through_the_ask_form_once(w, session):
    from datetime import date

    from community_app.models import Outcome, RoundHousehold
    from community_app.services.survey import rounds as survey
    from community_app.services.survey.findings import ResidentIn

    survey_round = survey.open_round(session, actor=w.admin, uuid=f.new_uuid(), name="第一轮",
                                     start_date=date(2026, 11, 20))
    survey.record_visit(session, actor=w.worker, uuid=f.new_uuid(), round_id=survey_round.id,
                        household_id=w.home.id, outcome=Outcome.door,
                        residents=[ResidentIn(name="王奶奶", birth_year=1940)],
                        needs="大米一袋, 降压药")
    session.commit()
    rh = session.exec(select(RoundHousehold).where(RoundHousehold.household_id == w.home.id)
                      ).one()
    state = await new_state(AskState, token=w.tokens["worker"])
    from community_app.state.guard import _current

    token = _current.set(w.worker)  # what the guarded `load` does for ?need=<id>
    try:
        await state._load_need(rh.id, prefill=True)
    finally:
        _current.reset(token)
    assert state.household_id == w.home.id and state.need_text == "大米一袋, 降压药"
    assert [(p.kind, p.note) for p in state.picked] == [("rice", "大米一袋"),
                                                               ("medicine", "降压药")]
    await call(state, "change_quantity", 0, 1)
    await call(state, "remove_line", 5)
    assert await _error(state) == tr("err.bad_request", "zh")
    uuid = f.new_uuid()
    await call(state, "send", {"uuid": uuid, "payment": "volunteer_advance"})
    assert await _error(state) == ""
    assert state.need_request_id > 0
    assert [(g.label, g.quantity) for g in state.requests[0].goods] == [("米", 2), ("药品", 1)]
    # The browser replays the same submission: one request, still.
    state.picked = [Line(kind="rice", quantity=2)]
    await call(state, "send", {"uuid": uuid, "payment": "volunteer_advance"})
    assert len(session.exec(select(ErrandRequest)).all()) == 1
    # A volunteer crafting the same call: refused by role.
    volunteer = await new_state(AskState, token=w.tokens["volunteer"])
    await call(volunteer, "send", {"uuid": f.new_uuid()})
    assert await _error(volunteer) == tr("err.denied", "zh")


async def test_a_reconnect_keeps_the_picked_items_and_the_request_carries_them(w, session):
    """Issue 11 item 3: on_load runs again on every websocket reconnect and emptied the
    picked items, so "已发送" went out with the wish alone."""
    state = await new_state(AskState, token=w.tokens["household"])
    await call(state, "load")
    await call(state, "toggle_item", "rice")
    await call(state, "toggle_item", "eggs")
    await call(state, "load")  # the socket reconnected on the stairs
    assert [p.kind for p in state.picked] == ["rice", "eggs"]
    await call(state, "send", {"uuid": f.new_uuid(), "wish": "挂面"})
    assert await _error(state) == ""
    assert [g.label for g in state.requests[0].goods] == ["米", "鸡蛋", "挂面"]
    await call(state, "load")
    assert state.picked == []  # sent: the next request starts empty


async def test_which_medicine_becomes_the_medicine_lines_note_online_and_offline(w, session):
    """Issue 12 item 14: 药品 asks which medicine; the answer travels in the form, so the
    outbox's replay of an ask made offline keeps it too."""
    import json

    from community_app.models import ErrandItem
    from community_app.state.errands.ask import REPLAYER

    state = await new_state(AskState, token=w.tokens["household"])
    await call(state, "toggle_item", "vegetables")
    await call(state, "toggle_item", "medicine")
    await call(state, "send", {"uuid": f.new_uuid(), "medicine_note": " 氨氯地平 5mg "})
    assert await _error(state) == ""
    goods = state.requests[0].goods
    assert [(g.label, g.note) for g in goods] == [("蔬菜", ""), ("药品", "氨氯地平 5mg")]
    offline = {"uuid": f.new_uuid(), "medicine_note": "布洛芬",
               "items": json.dumps([{"kind": "medicine", "quantity": 1}])}
    assert await REPLAYER.apply(f.actor(w.users["household"]), offline)
    session.expire_all()
    notes = session.exec(select(ErrandItem.note).where(ErrandItem.kind == "medicine")).all()
    assert sorted(notes) == ["布洛芬", "氨氯地平 5mg"]
