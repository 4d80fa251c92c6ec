"""Drive the app's real state classes in-process, the way a websocket message would."""

from __future__ import annotations

import os
from typing import Any

os.environ.setdefault("REFLEX_TELEMETRY_ENABLED", "false")

import reflex as rx  # noqa: E402
from reflex.istate.data import HeaderData  # noqa: E402

import community_app.community_app  # noqa: E402,F401  (registers every state and page)
from community_app.session_cookie import SESSION_COOKIE  # noqa: E402
from community_app.state.base import AppState  # noqa: E402
from community_app.state.guard import ACCESS_MARK  # noqa: E402


def app_states() -> list[type[rx.State]]:
    """Every state class the app defines (Reflex's own internal states excluded), in a
    fixed order: substates are a set, and parallel test workers must collect the same
    parametrised tests in the same order."""
    found, todo = [], [rx.State]
    while todo:
        cls = todo.pop()
        todo.extend(cls.get_substates())
        if cls.__module__.startswith("community_app"):
            found.append(cls)
    return sorted(found, key=lambda cls: cls.get_full_name())


def handlers() -> list[tuple[type[rx.State], str, Any]]:
    return [
        (cls, name, handler)
        for cls in app_states()
        for name, handler in cls.event_handlers.items()
        if name != "setvar"  # dispatches to set_<name> handlers, each checked itself
    ]


def access(handler: Any) -> tuple[str, tuple] | None:
    return getattr(handler.fn, ACCESS_MARK, None)


def handshake_headers(token: str) -> HeaderData:
    """The headers Reflex records from a websocket handshake whose cookie holds `token`."""
    cookie = f"sw_lang=zh; {SESSION_COOKIE}={token}" if token else "sw_lang=zh"
    return HeaderData.from_router_data({"headers": {"cookie": cookie, "host": "test"}})


async def new_state(cls: type[rx.State], token: str = "", lang: str = "zh") -> rx.State:
    """A state tree as an event from a socket whose handshake carried `token` would see it."""
    root = rx.State(_reflex_internal_init=True)
    root.rx_router_headers = handshake_headers(token)
    root.is_hydrated = True  # a page already loaded (state/hydration.py: a lost state waits)
    state = root.get_substate(cls.get_full_name().split(".")[1:])
    base = await state.get_state(AppState)
    base.lang = lang
    return state


async def call(state: rx.State, name: str, *args: Any) -> Any:
    return await type(state).event_handlers[name].fn(state, *args)
