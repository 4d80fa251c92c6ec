"""Errands handlers called the way a crafted websocket message would: scope holds."""

from __future__ import annotations

import pytest
from sqlmodel import select

from community_app import db
from community_app.i18n import tr
from community_app.models import ErrandRequest, ErrandStatus
from community_app.services import auth
from community_app.state.base import AppState
from community_app.state.errand_admin import ErrandsAdminState
from community_app.state.errand_volunteer import VolunteerState
from community_app.state.errands import AskState
from tests import factories as f
from tests.factories_errands import ask, world
from tests.state_harness import call, new_state
from tests.test_handler_guards import _snapshot


@pytest.fixture
def w(engine, session):
    db.use_engine(engine)
    w = world(session)
    w.tokens = {}
    for name in ("admin", "worker", "volunteer", "volunteer2", "household", "other_household"):
        w.tokens[name] = auth.login(session, username=w.users[name].username,
                                    password=f.PASSWORD, client="test")
        session.commit()
    yield w
    db.use_engine(None)


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


async def test_volunteer_cannot_act_on_another_volunteers_claim(w, session):
    row = ask(session, w.household, w.home.id)
    mine = await new_state(VolunteerState, token=w.tokens["volunteer"])
    await call(mine, "claim", row.id)
    assert await _error(mine) == "" and [r.id for r in mine.mine] == [row.id]
    other = await new_state(VolunteerState, token=w.tokens["volunteer2"])
    await call(other, "load_queue")
    assert other.queue == [] and other.mine == []
    engine = db.get_engine()
    before = _snapshot(engine)
    await call(other, "claim", row.id)
    assert await _error(other) == tr("errands.already_claimed", "zh")
    for name, args in (("release", [row.id]), ("deliver", [row.id]),
                       ("record_amount", [{"request_id": row.id, "amount": "5"}])):
        await call(other, name, *args)
        assert await _error(other) == tr("err.denied", "zh"), name
    assert _snapshot(engine) == before
    # The household's own page never lists the volunteer queue; the admin page is admin-only.
    admin_page = await new_state(ErrandsAdminState, token=w.tokens["volunteer2"])
    await call(admin_page, "load")
    assert await _error(admin_page) == tr("err.denied", "zh") and admin_page.late == []
    session.expire_all()
    assert session.exec(select(ErrandRequest)).one().status == ErrandStatus.claimed
