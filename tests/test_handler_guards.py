"""Every public event handler is a remote API: prove each one is guarded.

1. Enumerate every handler of every app state; each must be marked @public or
   @guarded, and the public ones are exactly the allow-list below.
2. Call every guarded handler with a forged session, with a role it does not
   allow, and against another worker's scope: refused, and the database is
   byte-for-byte unchanged. Sessions reach the handlers the way they do in the
   app: as the HttpOnly cookie in the websocket handshake's headers.
3. No state var (sent to the browser) can hold the session token.
"""

from __future__ import annotations

import inspect

import pytest
from reflex.istate.data import HeaderData
from reflex_base.utils.format import json_dumps
from sqlmodel import select

from community_app import db
from community_app.i18n import tr
from community_app.models import Household, Role
from community_app.state.base import AppState
from community_app.state.community.building import BuildingState
from community_app.state.shell import ShellState
from tests import factories as f
from tests.state_harness import access, call, handlers, new_state

PUBLIC = {
    "ShellState.set_lang",
    "ShellState.dismiss_messages",
    "AuthState.login",
    "AuthState.household_login",
    "AuthState.arrive",  # the sign-in pages' on_load: reads only its own query string
    # The resident's own form behind a door-notice code: rate limited in services/self_fill.
    "SelfFillState.load",
    "SelfFillState.add_resident",
    "SelfFillState.submit",
    "SelfFillState.replay_kept",  # the same form, kept on the phone while offline
}
JUNK = {"$ne": 1}


def _qualname(cls, name: str) -> str:
    return f"{cls.__name__}.{name}"


GUARDED = [(c, n, h) for c, n, h in handlers() if (access(h) or ("",))[0] == "guarded"]


def test_every_handler_is_declared_public_or_guarded():
    unmarked = [_qualname(c, n) for c, n, h in handlers() if access(h) is None]
    assert unmarked == [], f"handlers without @public/@guarded: {unmarked}"
    public = {_qualname(c, n) for c, n, h in handlers() if access(h)[0] == "public"}
    assert public == PUBLIC
    assert len(GUARDED) >= 10  # the enumeration really sees the app's handlers


def _junk_args(handler) -> list:
    params = list(inspect.signature(handler.fn).parameters.values())[1:]
    return [JUNK for _ in params]


def _snapshot(engine) -> dict:
    from sqlmodel import SQLModel

    with engine.connect() as conn:
        return {
            t.name: sorted(map(repr, conn.execute(t.select()).all()))
            for t in SQLModel.metadata.sorted_tables
        }


@pytest.fixture
def world(engine, session):
    db.use_engine(engine)
    comm = f.community(session)
    b1, b2 = f.building(session, comm, "1号楼"), f.building(session, comm, "2号楼")
    people = {
        role: f.user(session, comm, role, role.value) for role in Role if role != Role.household
    }
    other = f.user(session, comm, Role.grid_worker, "other-worker")
    f.assign(session, people[Role.grid_worker], b1)
    f.assign(session, other, b2)
    home = session.exec(select(Household).where(Household.building_id == b1.id)).first()
    people[Role.household] = f.user(session, comm, Role.household, home.code,
                                    household_id=home.id)
    session.commit()
    tokens = {role: f.session_token(session, person) for role, person in people.items()}
    session.commit()
    yield {"tokens": tokens, "b1": b1, "b2": b2, "session": session}
    db.use_engine(None)


@pytest.mark.parametrize("token", ["forged-" + "x" * 40, ""], ids=["forged", "absent"])
@pytest.mark.parametrize("cls,name,handler", GUARDED, ids=[_qualname(c, n) for c, n, _ in GUARDED])
async def test_forged_or_absent_session_is_refused_and_changes_nothing(
    world, engine, cls, name, handler, token
):
    before = _snapshot(engine)
    state = await new_state(cls, token=token)
    await call(state, name, *_junk_args(handler))
    base = await state.get_state(AppState)
    assert base.error == tr("err.session", "zh")
    assert base.role == ""
    assert _snapshot(engine) == before


async def test_a_valid_handshake_cookie_signs_in_and_none_reaches_state_vars(world):
    state = await new_state(ShellState, token=world["tokens"][Role.admin])
    await call(state, "load_shell")
    assert state.error == "" and state.role == "admin"
    token = world["tokens"][Role.admin]
    # What the browser would receive: every var of every state, serialised the Reflex way.
    sent = json_dumps(state._get_root_state().dict())
    assert token not in sent and "sw_session" not in sent
    assert not [name for name in AppState.base_vars if "session" in name or "token" in name]


async def test_two_different_session_cookies_sign_in_nobody(world, engine):
    state = await new_state(ShellState)
    admin, other = world["tokens"][Role.admin], world["tokens"][Role.volunteer]
    root = state._get_root_state()
    root.rx_router_headers = HeaderData.from_router_data(
        {"headers": {"cookie": f"sw_session={other}; sw_session={admin}"}})
    await call(state, "load_shell")
    assert state.error == tr("err.session", "zh") and state.role == ""


def _refusing(role: Role) -> list:
    return [(c, n, h) for c, n, h in GUARDED if role not in access(h)[1]]


@pytest.mark.parametrize("role", [Role.volunteer, Role.household, Role.grid_worker,
                                  Role.subdistrict])
async def test_roles_not_allowed_are_refused_and_change_nothing(world, engine, role):
    refused = _refusing(role)
    assert refused, f"{role} should be refused somewhere"
    for cls, name, handler in refused:
        before = _snapshot(engine)
        state = await new_state(cls, token=world["tokens"][role], lang="en")
        await call(state, name, *_junk_args(handler))
        base = await state.get_state(AppState)
        assert base.error == tr("err.denied", "en"), _qualname(cls, name)
        assert _snapshot(engine) == before, _qualname(cls, name)


async def test_worker_cannot_open_another_workers_household(world, engine):
    theirs = world["session"].exec(
        select(Household).where(Household.building_id == world["b2"].id)
    ).first()
    before = _snapshot(engine)
    state = await new_state(BuildingState, token=world["tokens"][Role.grid_worker])
    await call(state, "open_account", {"uuid": f.new_uuid(), "household_id": theirs.id})
    assert (await state.get_state(AppState)).error == tr("err.denied", "zh")
    assert state.issued_pin == ""
    assert _snapshot(engine) == before


async def test_valid_payload_in_scope_is_applied_once(world, engine):
    mine = world["session"].exec(
        select(Household).where(Household.building_id == world["b1"].id)
    ).first()
    state = await new_state(BuildingState, token=world["tokens"][Role.grid_worker])
    payload = {"uuid": f.new_uuid(), "household_id": str(mine.id)}
    await call(state, "open_account", payload)
    pin = state.issued_pin
    assert len(pin) == 6 and (await state.get_state(AppState)).error == ""
    after_first = _snapshot(engine)
    await call(state, "open_account", payload)  # a double tap or a replay
    assert state.issued_pin == "" and _snapshot(engine) == after_first


@pytest.mark.parametrize("payload", [JUNK, {"uuid": "x", "household_id": "1; drop"}, "text", None])
async def test_bad_payloads_get_a_translated_message(world, payload):
    state = await new_state(BuildingState, token=world["tokens"][Role.grid_worker], lang="en")
    await call(state, "open_account", payload)
    error = (await state.get_state(AppState)).error
    assert error.startswith("Please check")
