"""A database error that reaches a handler (state/guard.py) is told to the user in their
language, never as the framework's English toast, and nothing of it is saved."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from community_app import db
from community_app.i18n import tr
from community_app.models import Role, User
from community_app.state.auth import AuthState
from community_app.state.base import AppState
from community_app.state.community.staff import StaffState
from tests import factories as f
from tests.community.factories import signed_in_world
from tests.state_harness import call, new_state


@pytest.fixture
def world(pg):
    with Session(pg, expire_on_commit=False) as s:
        yield from signed_in_world(pg, s)


def _form(username: str) -> dict:
    return {"uuid": f.new_uuid(), "username": username, "display_name": "志愿者",
            "phone": "13700000000", "role": "volunteer"}


async def _blocked_by(engine, pid: int) -> None:
    """Until some connection waits on a lock held by backend `pid`."""
    for _ in range(200):
        with engine.connect() as conn:
            if conn.execute(text("SELECT count(*) FROM pg_stat_activity "
                                 "WHERE :pid = ANY(pg_blocking_pids(pid))"),
                            {"pid": pid}).scalar():
                return
        await asyncio.sleep(0.05)
    raise AssertionError("the handler never reached the other admin's row")


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_two_admins_creating_one_username_at_once_get_a_translated_conflict(
        world, pg, lang):
    """A real unique violation: the check for the name runs before the other admin's
    account is committed, the insert waits on it, then hits the constraint."""
    comm_id = world["worker"].community_id
    state = await new_state(StaffState, token=world["tokens"][Role.admin], lang=lang)
    await call(state, "load")
    with Session(pg) as other:  # the other admin, mid-transaction
        other.add(User(uuid=f.new_uuid(), community_id=comm_id, username="vol1",
                       display_name="另一位", role=Role.volunteer, password_hash="x"))
        other.flush()
        pid = other.exec(text("SELECT pg_backend_pid()")).scalar()
        create = asyncio.ensure_future(call(state, "create", _form("vol1")))
        await _blocked_by(pg, pid)
        other.commit()
    await create  # no exception reaches Reflex (which would show its own toast)
    base = await state.get_state(AppState)
    assert base.error == tr("err.conflict", lang)
    assert base.error.startswith("刚才有人同时修改" if lang == "zh" else "Someone changed")
    assert state.issued_password == ""
    with Session(pg) as s:
        assert [u.display_name for u in s.exec(select(User).where(User.username == "vol1"))] \
            == ["另一位"]


@pytest.fixture
def database_down():
    db.use_engine(db.make_engine("postgresql+psycopg://postgres@127.0.0.1:1/test"))
    yield
    db.use_engine(None)


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_with_the_database_unreachable_every_handler_says_so(database_down, lang):
    staff = await new_state(StaffState, token="some-token", lang=lang)
    assert await call(staff, "load") is None  # not sent to sign in: the session is unknown
    assert (await staff.get_state(AppState)).error == tr("err.database", lang)
    login = await new_state(AuthState, lang=lang)
    await call(login, "login", {"username": "admin", "password": f.PASSWORD})
    assert (await login.get_state(AppState)).error == tr("err.database", lang)
