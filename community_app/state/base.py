"""The root of the app's state tree: who is signed in (as the browser sees it) and the language.

The browser's credential is the HttpOnly `sw_session` cookie, which page JavaScript
cannot read: it is set by the `/auth/session` route and read here from the headers of
the websocket handshake (`_session_token`). The role shown here is only for drawing
the shell. Access is decided by guard.py from the database on every event, never
from these vars.
"""

from __future__ import annotations

import reflex as rx

from community_app import db, routes
from community_app.i18n import normalise_lang
from community_app.services import auth
from community_app.session_cookie import SESSION_COOKIE, token_from_cookie_header
from community_app.state.browser import full_page_load
from community_app.state.guard import ALL_ROLES, current_actor, guarded, public

__all__ = ["SESSION_COOKIE", "AppState"]


class AppState(rx.State):
    lang: str = rx.LocalStorage("zh", name="sw_lang", sync=True)
    role: str = ""
    display_name: str = ""
    error: str = ""
    notice: str = ""
    # Page loads since the notice was set: it survives the redirect that follows a save.
    _notice_age: int = 0

    def _flash(self, text: str) -> None:
        self.notice = text
        self._notice_age = 0

    def _session_token(self) -> str | None:
        """The session token from this socket's handshake cookie (never a state var)."""
        return token_from_cookie_header(self._get_root_state().router.headers.cookie)

    def _forget_session(self) -> None:
        self.role = ""
        self.display_name = ""

    def _show_actor(self, actor: auth.Actor) -> None:
        self.role = actor.role.value
        self.display_name = actor.display_name

    @rx.var
    def is_en(self) -> bool:
        return self.lang == "en"

    @public
    def set_lang(self, lang: str | list[str]) -> None:
        self.lang = normalise_lang(lang)

    @public
    def dismiss_messages(self) -> None:
        self.error = ""
        self.notice = ""

    @guarded(*ALL_ROLES)
    def load_shell(self) -> None:
        """on_load of every signed-in page: draw the shell for the actor's role."""
        self._show_actor(current_actor())
        self._notice_age += 1
        if self._notice_age > 1:
            self.notice = ""

    @guarded(*ALL_ROLES)
    async def logout(self) -> rx.event.EventSpec:
        # Ended on the server at once; the route then clears the cookie itself.
        await db.run(auth.logout, token=self._session_token())
        household = current_actor().household_id is not None
        self._forget_session()
        self.notice = ""
        target = routes.HOUSEHOLD_LOGIN if household else routes.LOGIN
        return full_page_load(f"{routes.AUTH_LOGOUT}?next={target}")
