"""The root of the app's state tree: who is signed in (as the browser sees it) and the language.

`session_token` is the browser's own credential; the role shown here is only
for drawing the shell. Access is decided by guard.py from the database on
every event, never from these vars.
"""

from __future__ import annotations

import reflex as rx

from community_app import db, routes
from community_app.i18n import normalise_lang
from community_app.services import auth
from community_app.state.guard import ALL_ROLES, current_actor, guarded, public

SESSION_COOKIE = "sw_session"


class AppState(rx.State):
    session_token: str = rx.Cookie("", name=SESSION_COOKIE, path="/", same_site="strict")
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

    def _forget_session(self) -> None:
        self.session_token = ""
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
        await db.run(auth.logout, token=self.session_token)
        household = current_actor().household_id is not None
        self._forget_session()
        self.notice = ""
        return rx.redirect(routes.HOUSEHOLD_LOGIN if household else routes.LOGIN)
