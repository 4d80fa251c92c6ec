"""Crafted calls to the notices handlers (state/notices/): oversize and control characters
are refused with a message, another community's admin cannot withdraw, and "我已阅读"
counts once whether sent again or replayed from the outbox."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from community_app import db
from community_app.i18n import tr
from community_app.models import NoticeRead, User
from community_app.state.base import AppState
from tests import factories as f


@pytest.fixture
def signed_in(engine, session, world):
    db.use_engine(engine)
    session.commit()
    tokens = {}
    for name in ("admin", "other_admin", "home_a", "home_b"):
        row = session.get(User, getattr(world, name).user_id)
        tokens[name] = f.session_token(session, row)
    session.commit()
    yield tokens
    db.use_engine(None)


def compose_form(text: str, **extra: str) -> dict:
    return {"uuid": f.new_uuid(), "text": text, "whole": "on", **extra}


async def test_publish_refuses_oversize_and_control_characters(signed_in):
    from community_app.state.notices.admin import NoticesAdminState
    from tests.state_harness import call, new_state

    state = await new_state(NoticesAdminState, token=signed_in["admin"])
    await call(state, "publish", compose_form("字" * 501))
    base = await state.get_state(AppState)
    assert base.error == tr("notices.text_too_long", "zh", limit=500, n=501)
    base.error = ""
    await call(state, "publish", compose_form("停水\x00通知"))
    assert base.error != "" and "\x00" not in base.error
    base.error = ""
    await call(state, "publish", compose_form("停水通知", starts_at="明天"))
    assert base.error == tr("notices.bad_time", "zh")
    base.error = ""
    await call(state, "publish", compose_form("停水通知"))
    assert base.error == "" and [n.text for n in state.notices] == ["停水通知"]


async def test_another_communitys_admin_cannot_withdraw(signed_in, session):
    from community_app.state.notices.admin import NoticesAdminState
    from tests.state_harness import call, new_state

    mine = await new_state(NoticesAdminState, token=signed_in["admin"])
    await call(mine, "publish", compose_form("通知"))
    notice_id = mine.notices[0].id
    theirs = await new_state(NoticesAdminState, token=signed_in["other_admin"])
    await call(theirs, "withdraw", notice_id)
    assert (await theirs.get_state(AppState)).error == tr("err.denied", "zh")
    await call(mine, "load")
    assert mine.notices[0].state == "showing"


async def test_a_read_counts_once_sent_again_or_replayed(signed_in, session):
    from community_app.state.notices import home as notices_home
    from community_app.state.notices.admin import NoticesAdminState
    from community_app.state.outbox import REPLAYERS, OutboxState
    from tests.state_harness import call, new_state

    assert REPLAYERS[notices_home.READ_KIND] is notices_home.READ_REPLAYER
    admin = await new_state(NoticesAdminState, token=signed_in["admin"])
    await call(admin, "publish", compose_form("通知"))
    form = {"uuid": f.new_uuid(), "notice_id": str(admin.notices[0].id)}
    home = await new_state(notices_home.NoticesHomeState, token=signed_in["home_a"])
    await call(home, "load")
    assert [n.read for n in home.notices] == [False]
    await call(home, "mark_read", form)
    await call(home, "mark_read", form)
    assert [n.read for n in home.notices] == [True]
    outbox = await new_state(OutboxState, token=signed_in["home_a"])
    await call(outbox, "replay", [{"kind": "notice_read", "data": form}])
    base = await outbox.get_state(AppState)
    assert base.error == "" and base.notice == tr("notices.reads_saved", "zh", n=1)
    session.expire_all()
    assert session.exec(select(func.count(NoticeRead.id))).one() == 1
    await call(admin, "load")
    assert [c.read for c in admin.notices[0].counts] == [1, 0]
    # The staff-only and admin-only handlers refuse a household.
    refused = await new_state(NoticesAdminState, token=signed_in["home_b"])
    await call(refused, "withdraw", admin.notices[0].id)
    assert (await refused.get_state(AppState)).error == tr("err.denied", "zh")


