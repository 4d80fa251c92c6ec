"""Crafted calls to the tip-off handlers: the public submit refuses wrong types, oversize and
control characters with a message and stores nothing; a resend and the outbox replay store
once; the status check shows nothing personal; another community's admin is refused."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from community_app import db
from community_app.i18n import tr
from community_app.models import Role, TipOff
from community_app.state.base import AppState
from tests import factories as f


@pytest.fixture
def board(engine, session):
    db.use_engine(engine)
    comm = f.community(session)
    other = f.community(session, "别的社区")
    admin = f.user(session, comm, Role.admin)
    other_admin = f.user(session, other, Role.admin)
    session.commit()
    tokens = {"admin": f.session_token(session, admin),
              "other_admin": f.session_token(session, other_admin)}
    session.commit()
    yield comm.uuid, tokens
    db.use_engine(None)


def _count(session) -> int:
    session.expire_all()
    return session.exec(select(func.count(TipOff.id))).one()


def _form(link: str, **kw) -> dict:
    return {"uuid": f.new_uuid(), "link": link, "what": "有人聚集", "place": "", "seen": "",
            "phone": "", **kw}


@pytest.mark.parametrize("bad", [
    {"what": {"$ne": 1}}, {"what": "x" * 6000}, {"what": "有人\x00聚集"}, {"phone": "电话"},
    {"uuid": "1"}, {"what": ["a"]},
])
async def test_public_submit_refuses_bad_payloads_and_stores_nothing(board, session, bad):
    from community_app.state.tipoffs.public import TipState
    from tests.state_harness import call, new_state

    link, _ = board
    state = await new_state(TipState)
    await call(state, "submit", _form(link, **bad))
    assert (await state.get_state(AppState)).error != ""
    assert state.receipt == "" and _count(session) == 0


async def test_a_resend_and_the_outbox_replay_store_once(board, session):
    from community_app.state.outbox import REPLAYERS
    from community_app.state.tipoffs.public import TIP_KIND, TIP_REPLAYER, TipState
    from tests.state_harness import call, new_state

    assert REPLAYERS[TIP_KIND] is TIP_REPLAYER and TIP_REPLAYER.roles == ()
    link, _ = board
    form = _form(link)
    state = await new_state(TipState)
    await call(state, "submit", form)
    receipt = state.receipt
    await call(state, "submit", form)
    await call(state, "replay_kept", [{"kind": TIP_KIND, "data": form},
                                      {"kind": "visit", "data": {"uuid": f.new_uuid()}}])
    assert state.receipt == receipt and _count(session) == 1
    assert (await state.get_state(AppState)).notice == tr("tipoffs.kept_saved", "zh", n=1)


async def test_status_check_shows_only_status_and_reply(board, session):
    from community_app.state.tipoffs.public import TipState, TipStatusState
    from tests.state_harness import call, new_state

    link, _ = board
    state = await new_state(TipState)
    await call(state, "submit", _form(link, what="3号楼有人发烧", phone="13800138000"))
    check = await new_state(TipStatusState)
    await call(check, "check", {"receipt": state.receipt})
    assert check.status == "new"
    delta = str(check.dict())
    assert "发烧" not in delta and "138" not in delta
    await call(check, "check", {"receipt": {"$ne": 1}})
    assert (await check.get_state(AppState)).error != ""


async def test_another_communitys_admin_cannot_triage_or_reward(board, session):
    from community_app.state.tipoffs.admin import TipAdminState
    from community_app.state.tipoffs.public import TipState
    from tests.state_harness import call, new_state

    link, tokens = board
    await call(await new_state(TipState), "submit", _form(link))
    tip_id = session.exec(select(TipOff.id)).one()
    theirs = await new_state(TipAdminState, token=tokens["other_admin"])
    await call(theirs, "save", {"tip_id": str(tip_id), "status": "confirmed"})
    assert (await theirs.get_state(AppState)).error == tr("err.denied", "zh")
    await call(theirs, "reward", {"tip_id": str(tip_id), "amount": "100", "paid": "on"})
    session.expire_all()
    tip = session.get(TipOff, tip_id)
    assert (tip.status, tip.reward) == ("new", False)
