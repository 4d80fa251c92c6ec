"""Sign-in for staff (username + password) and households (household code + PIN)."""

from __future__ import annotations

from urllib.parse import urlencode

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db, routes
from community_app.i18n import tr
from community_app.services import auth, device_cookie
from community_app.services.errors import ServiceError
from community_app.state.base import AppState, reset_tab
from community_app.state.browser import full_page_load
from community_app.state.guard import public


class StaffLogin(BaseModel):
    username: str = Field(min_length=1, max_length=40)
    password: str = Field(min_length=1, max_length=128)


class HouseholdLogin(BaseModel):
    code: str = Field(min_length=4, max_length=12)
    pin: str = Field(pattern=r"^\d{6}$")


def household_refusal(exc: ServiceError) -> ServiceError:
    """A refused household sign-in, said in the household page's words: how many tries are
    left before a wait, and whom to call. The same for a real code and an unknown one (the
    throttle counts both alike, services/auth.py)."""
    if exc.key == "err.bad_login":
        tries = exc.params.get("tries", 0)
        return ServiceError("hlogin.bad", tries=tries) if tries else ServiceError(
            "hlogin.bad_last")
    if exc.key == "err.locked":
        return ServiceError("hlogin.locked", **exc.params)
    return exc


def client_of(state: rx.State) -> str:
    """The client's address for throttling: the socket peer, or per TRUSTED_PROXY_HOPS.

    Reflex's own `client_ip` follows rxconfig's trusted_proxy_hops; this follows the app's
    setting, from the handshake's peer (`asgi-scope-client`) and X-Forwarded-For.
    """
    headers = state.router.headers.raw_headers
    peer = headers.get("asgi-scope-client") or state.router.session.client_ip
    return auth.client_address(peer=peer, forwarded_for=headers.get("x-forwarded-for"))


class AuthState(AppState):
    @public
    def arrive(self) -> None:
        """The sign-in pages' on_load: after a deliberate sign-out they say so."""
        if self.router.page.params.get("out") == "1":
            self._flash(tr("login.signed_out", self.lang))

    async def _sign_in(self, username: str, password: str) -> rx.event.EventSpec:
        """Credentials right: a full page load through /auth/session sets the HttpOnly cookie.

        Only a one-use ticket (60 s) passes through the page; the page's next websocket
        handshake then carries the cookie, which every guarded event reads. The tab starts
        clean: nothing a previous user left in its states reaches the new one.
        """
        device = device_cookie.from_cookie_header(self.router.headers.cookie)
        ticket = await db.run(auth.begin_login, username=username, password=password,
                              client=client_of(self), device=device)
        await reset_tab(self)
        return full_page_load(
            f"{routes.AUTH_SESSION}?{urlencode({'t': ticket, 'next': routes.HOME})}")

    @public
    async def login(self, form_data: dict) -> rx.event.EventSpec:
        data = StaffLogin.model_validate(form_data if isinstance(form_data, dict) else {})
        return await self._sign_in(data.username, data.password)

    @public
    async def household_login(self, form_data: dict) -> rx.event.EventSpec:
        raw = form_data if isinstance(form_data, dict) else {}
        code, pin = str(raw.get("code", "")).strip().upper(), str(raw.get("pin", "")).strip()
        data = HouseholdLogin.model_validate({"code": code, "pin": pin})
        try:
            return await self._sign_in(data.code, data.pin)
        except ServiceError as exc:
            # In the household page's own words (户码, 密码), with what to do next.
            raise household_refusal(exc) from None
