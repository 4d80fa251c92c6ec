"""Crafted calls to the donations handlers: wrong types, oversize and control characters
are refused with a message and change nothing; a resend records once; an issue to another
community's errand run or a made-up target is refused with the stock unchanged."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from community_app import db
from community_app.models import Donation, DonationStock, ErrandRun, Role
from community_app.state.base import AppState
from tests import factories as f


@pytest.fixture
def office(engine, session):
    db.use_engine(engine)
    comm, other = f.community(session), f.community(session, "别的社区")
    admin = f.user(session, comm, Role.admin)
    other_admin = f.user(session, other, Role.admin)
    volunteer = f.user(session, other, Role.volunteer)
    run = ErrandRun(uuid=f.new_uuid(), community_id=other.id, volunteer_id=volunteer.id)
    session.add(run)
    session.commit()
    tokens = {"admin": f.session_token(session, admin),
              "other_admin": f.session_token(session, other_admin)}
    session.commit()
    yield tokens, run.id
    db.use_engine(None)


def _gift(**kw) -> dict:
    return {"uuid": f.new_uuid(), "donor": "王", "amount": "", "item": "大米",
            "quantity": "5", "unit": "袋", **kw}


@pytest.mark.parametrize("bad", [
    {"amount": {"$ne": 1}}, {"donor": "x" * 3000}, {"item": "米\x01"}, {"quantity": "-2"},
    {"uuid": 5}, {"item": "", "quantity": "", "amount": ""},
])
async def test_bad_donation_payloads_change_nothing(office, session, bad):
    from community_app.state.donations.admin import DonationsState
    from tests.state_harness import call, new_state

    tokens, _ = office
    state = await new_state(DonationsState, token=tokens["admin"])
    await call(state, "save", _gift(**bad))
    assert (await state.get_state(AppState)).error != ""
    session.expire_all()
    assert session.exec(select(func.count(Donation.id))).one() == 0
    assert session.exec(select(func.count(DonationStock.id))).one() == 0


async def test_resend_once_and_bad_issues_leave_stock(office, session):
    from community_app.state.donations.admin import DonationsState
    from tests.state_harness import call, new_state

    tokens, their_run = office
    state = await new_state(DonationsState, token=tokens["admin"])
    form = _gift()
    await call(state, "save", form)
    await call(state, "save", form)
    assert [s.on_hand for s in state.stock] == ["5"]
    stock_id = state.stock[0].id
    base = await state.get_state(AppState)
    for bad in ({"target": "errand_run", "target_id": str(their_run)},
                {"target": "errand_run", "target_id": "abc"},
                {"target": "moon"}, {"target": "household", "target_id": "99999"},
                {"quantity": {"$ne": 1}}):
        base.error = ""
        await call(state, "issue", {"uuid": f.new_uuid(), "stock_id": str(stock_id),
                                    "quantity": "1", "place": "东门", **bad})
        assert base.error != ""
    await call(state, "load")
    assert [s.on_hand for s in state.stock] == ["5"]
    theirs = await new_state(DonationsState, token=tokens["other_admin"])
    await call(theirs, "issue", {"uuid": f.new_uuid(), "stock_id": str(stock_id),
                                 "quantity": "1", "target": "checkpoint", "place": "东门"})
    assert (await theirs.get_state(AppState)).error != ""
    await call(state, "load")
    assert [s.on_hand for s in state.stock] == ["5"]
