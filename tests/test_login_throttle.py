"""Sign-in throttling end to end: the handshake's client address, the device cookie route.

Issue 10, item 6: five wrong passwords every 15 minutes kept any known username locked out,
and the per-client lock blocked everyone behind one address. Driven the way a browser (and
an attacker's script) reaches the app: websocket events carrying handshake headers, and the
`/auth/session` route.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from reflex.istate.data import HeaderData
from sqlmodel import select
from starlette.testclient import TestClient

from community_app import db
from community_app.api import export_api
from community_app.i18n import tr
from community_app.models import LoginThrottle, Role
from community_app.services import auth
from community_app.settings import settings
from community_app.state.auth import AuthState
from community_app.state.base import AppState
from tests import factories as f
from tests.state_harness import call, new_state


@pytest.fixture
def admin(engine, session):
    db.use_engine(engine)
    comm = f.community(session)
    f.user(session, comm, Role.admin, "admin")
    session.commit()
    yield
    db.use_engine(None)


async def _sign_in(password: str, *, peer: str = "10.9.0.1", forwarded: str | None = None,
                   cookie: str = "") -> str:
    """One sign-in event as a socket with these handshake headers sends it; the message."""
    state = await new_state(AuthState)
    headers = {"asgi-scope-client": peer, "cookie": cookie or "sw_lang=zh", "host": "test"}
    if forwarded:
        headers["x-forwarded-for"] = forwarded
    state._get_root_state().rx_router_headers = HeaderData.from_router_data(
        {"headers": headers})
    await call(state, "login", {"username": "admin", "password": password})
    return (await state.get_state(AppState)).error


def _keys(session) -> set[str]:
    session.expire_all()
    return {row.key for row in session.exec(select(LoginThrottle))}


async def test_a_forged_forwarded_for_changes_nothing_without_trusted_proxies(admin, session):
    for i in range(6):  # a script rotating X-Forwarded-For to look like many clients
        await _sign_in("wrong", forwarded=f"198.51.100.{i}")
    assert await _sign_in(f.PASSWORD, forwarded="198.51.100.77") == tr(
        "err.locked", "zh", minutes=1)
    assert "pair:admin|10.9.0.1" in _keys(session)
    assert await _sign_in(f.PASSWORD, peer="10.9.0.2") == ""  # another address is not slowed


async def test_behind_one_trusted_proxy_each_client_counts_alone(admin, session, monkeypatch):
    monkeypatch.setattr(auth, "settings", replace(settings, trusted_proxy_hops=1))
    proxy = "10.0.0.1"  # everyone arrives from the proxy's address
    for _ in range(6):
        await _sign_in("wrong", peer=proxy, forwarded="6.6.6.6, 203.0.113.66")
    assert "pair:admin|203.0.113.66" in _keys(session)
    assert await _sign_in(f.PASSWORD, peer=proxy, forwarded="203.0.113.66") != ""
    assert await _sign_in(f.PASSWORD, peer=proxy, forwarded="203.0.113.10") == ""


async def test_the_session_route_leaves_a_device_cookie_that_outlasts_strangers(admin, session):
    http = TestClient(export_api(), follow_redirects=False)
    ticket = auth.begin_login(session, username="admin", password=f.PASSWORD, client="10.9.0.3")
    session.commit()
    response = http.get(f"/auth/session?t={ticket}&next=/")
    device = response.cookies.get("sw_device")
    me = auth.authenticate(session, token=response.cookies["sw_session"])
    assert device and device.startswith(f"{me.user_id}.")
    header = next(h for h in response.headers.get_list("set-cookie") if "sw_device" in h)
    assert "httponly" in header.lower() and "samesite=strict" in header.lower()
    assert f"max-age={180 * 86400}" in header.lower()
    for i in range(30):  # strangers everywhere, the real user's own address among them
        await _sign_in("wrong", peer="10.9.0.3" if i % 2 else f"198.51.100.{i}")
    assert await _sign_in(f.PASSWORD, peer="10.9.0.4") != ""  # a new device waits
    assert await _sign_in(f.PASSWORD, peer="10.9.0.3", cookie=f"sw_device={device}") == ""
    again = auth.begin_login(session, username="admin", password=f.PASSWORD, client="10.9.0.3",
                             device=device)
    session.commit()
    http.cookies.set("sw_device", device)
    kept = http.get(f"/auth/session?t={again}&next=/")
    assert "sw_device" not in kept.headers.get("set-cookie", "")  # the same device id stays
