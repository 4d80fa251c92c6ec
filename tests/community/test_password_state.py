"""Crafted calls to the password handlers: /me (state/community/password.py) and the reset
on /staff (state/community/staff.py)."""

from __future__ import annotations

import pytest

from community_app.i18n import tr
from community_app.models import Role
from community_app.services import auth
from community_app.state.base import AppState
from community_app.state.community.password import PasswordState
from community_app.state.community.staff import StaffState
from tests import factories as f
from tests.community.factories import sent, signed_in_world
from tests.state_harness import call, new_state

NEW = "a-new-long-secret"


@pytest.fixture
def world(engine, session):
    yield from signed_in_world(engine, session)


def _form(current: str = f.PASSWORD, new: str = NEW, again: str | None = None) -> dict:
    return {"current_password": current, "new_password": new,
            "new_password_again": new if again is None else again}


async def _error(state) -> str:
    return (await state.get_state(AppState)).error


async def test_a_worker_changes_their_password_and_their_other_devices_are_signed_out(world):
    session, worker = world["session"], world["worker"]
    here = world["tokens"][Role.grid_worker]
    elsewhere = f.session_token(session, worker)
    session.commit()
    state = await new_state(PasswordState, token=here)
    await call(state, "change", _form())
    assert await _error(state) == ""
    assert (await state.get_state(AppState)).notice == tr("community.password_changed", "zh")
    assert NEW not in sent(state) and f.PASSWORD not in sent(state)
    session.expire_all()
    assert auth.authenticate(session, token=here) is not None
    assert auth.authenticate(session, token=elsewhere) is None
    assert auth.login(session, username="worker", password=NEW, client="c")


@pytest.mark.parametrize("form,expected", [
    (_form(again="a-new-long-secreT"), tr("community.password_mismatch", "zh")),
    (_form(new="short"), tr("community.password_short", "zh", min=10)),
    (_form(current="wrong-one"), tr("community.password_wrong", "zh")),
    (_form(new="x" * 129), tr("err.invalid_field", "zh", field="新密码",
                              reason=tr("reason.too_long", "zh"))),
    (_form(new="a-new-long\u0000secret", again=NEW), tr("err.invalid_field", "zh", field="新密码",
                                              reason=tr("reason.control", "zh"))),
    ({"$ne": 1}, None),
    ("nonsense", None),
])
async def test_a_bad_change_is_refused_in_words_and_changes_nothing(world, form, expected):
    state = await new_state(PasswordState, token=world["tokens"][Role.grid_worker])
    await call(state, "change", form)
    error = await _error(state)
    assert error != "" and (expected is None or error == expected)
    assert auth.login(world["session"], username="worker", password=f.PASSWORD, client="c")


async def test_the_admin_resets_a_password_shown_once_after_confirming(world):
    state = await new_state(StaffState, token=world["tokens"][Role.admin])
    await call(state, "load")
    assert [s.is_me for s in state.staff] == [True, False]  # admin, then worker
    worker = world["worker"]
    await call(state, "ask_reset", worker.id)
    assert state.confirm_reset_id == worker.id and state.issued_password == ""
    await call(state, "reset_password", worker.id)
    password = state.issued_password
    assert len(password) == 12 and state.issued_by_reset and password in sent(state)
    assert state.issued_username == "worker" and state.confirm_reset_id == 0
    await call(state, "dismiss_issued")
    assert password not in sent(state) and not state.issued_by_reset
    await call(state, "reset_password", worker.id)
    second = state.issued_password
    await call(state, "load")
    assert second not in sent(state)
    session = world["session"]
    session.expire_all()
    assert auth.authenticate(session, token=world["tokens"][Role.grid_worker]) is None
    assert auth.login(session, username="worker", password=second, client="c")


@pytest.mark.parametrize("name,args", [("reset_password", ["1"]), ("ask_reset", [True]),
                                       ("reset_password", [10**6])])
async def test_a_crafted_reset_is_refused(world, name, args):
    state = await new_state(StaffState, token=world["tokens"][Role.admin])
    await call(state, name, *args)
    assert await _error(state) != "" and state.issued_password == ""


async def test_a_worker_cannot_reset_and_the_admin_cannot_reset_their_own(world):
    state = await new_state(StaffState, token=world["tokens"][Role.grid_worker])
    await call(state, "reset_password", world["worker"].id)
    assert await _error(state) == tr("err.denied", "zh")
    admin = await new_state(StaffState, token=world["tokens"][Role.admin])
    await call(admin, "load")
    me = next(s.id for s in admin.staff if s.is_me)
    await call(admin, "reset_password", me)
    assert await _error(admin) == tr("community.reset_self", "zh")
