"""The root of the app's state tree: who is signed in (as the browser sees it) and the language.

Vars and helpers only: the handlers that change them (language, messages, sign-out) are in
shell.py, and this module imports no other app state, so every state may import it.

The browser's credential is the HttpOnly `sw_session` cookie, which page JavaScript
cannot read: it is set by the `/auth/session` route and read here from the headers of
the websocket handshake (`session_token`). The role shown here is only for drawing
the shell. Access is decided by guard.py from the database on every event, never
from these vars.

The session helpers are module functions, not methods: every public method of a state is
an event handler any socket may call.
"""

from __future__ import annotations

import reflex as rx

from community_app.services import auth
from community_app.session_cookie import token_from_cookie_header


class AppState(rx.State):
    lang: str = rx.LocalStorage("zh", name="sw_lang", sync=True)
    role: str = ""
    display_name: str = ""
    error: str = ""
    notice: str = ""
    # Page loads since the notice was set: it survives the redirect that follows a save.
    _notice_age: int = 0
    # Events sent again in a row while the page's on_load rebuilds a lost tab state
    # (state/hydration.py); bounded there, so an unfinished hydration never loops.
    _held_events: int = 0

    def _flash(self, text: str) -> None:
        self.notice = text
        self._notice_age = 0

    @rx.var
    def is_en(self) -> bool:
        return self.lang == "en"


def session_token(state: rx.State) -> str | None:
    """The session token from this socket's handshake cookie (never a state var)."""
    return token_from_cookie_header(state._get_root_state().router.headers.cookie)


def hold_event(base: AppState, limit: int) -> bool:
    """Count one more event sent again; False (the count reset) once `limit` were."""
    if base._held_events >= limit:
        base._held_events = 0
        return False
    base._held_events += 1
    return True


def release_events(base: AppState) -> None:
    """The page is hydrated: the next wait starts counting from zero."""
    if base._held_events:
        base._held_events = 0


def show_actor(base: AppState, actor: auth.Actor) -> None:
    """Draw the shell for `actor` (display only: guard.py decides access)."""
    base.role = actor.role.value
    base.display_name = actor.display_name


def _app_state_classes() -> list[type[rx.State]]:
    found, todo = [], [AppState]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.get_substates())
    return found


async def reset_tab(state: rx.State) -> None:
    """Every state of this tab back to its defaults, backend (`_`) vars included; only the
    language stays. Called on sign-in, sign-out and when a session is refused: Reflex sends
    the whole tree on every hydrate, so whatever the last person opened (a resident's
    detail, a new PIN) would otherwise reach whoever holds the tab token next.

    A substate not yet loaded for this event (the Redis manager loads them on demand) is
    loaded first, so none is missed.
    """
    base = await state.get_state(AppState)
    lang = base.lang
    for cls in _app_state_classes():
        await state.get_state(cls)
    base.reset()  # recursive over the substates, now all loaded
    base.lang = lang
