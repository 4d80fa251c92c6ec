"""The shell's own handlers: language, the message bar, drawing the shell, signing out."""

from __future__ import annotations

import reflex as rx

from community_app import db, routes
from community_app.i18n import normalise_lang, retranslate
from community_app.services import auth
from community_app.state.base import AppState, reset_tab, session_token, show_actor
from community_app.state.browser import sign_out_page_load
from community_app.state.guard import SIGNED_IN, current_actor, guarded, public


class ShellState(AppState):
    @public
    def set_lang(self, lang: str | list[str]) -> None:
        """The message on screen follows the switch: it answered the last action, in the
        language of that moment."""
        self.lang = normalise_lang(lang)
        self.error = retranslate(self.error, self.lang) if self.error else ""
        self.notice = retranslate(self.notice, self.lang) if self.notice else ""

    @public
    def dismiss_messages(self) -> None:
        self.error = ""
        self.notice = ""

    @guarded(*SIGNED_IN)
    def load_shell(self) -> None:
        """on_load of every signed-in page: draw the shell for the actor's role."""
        show_actor(self, current_actor())
        self._notice_age += 1
        if self._notice_age > 1:
            self.notice = ""

    @guarded(*SIGNED_IN)
    async def logout(self) -> rx.event.EventSpec:
        """Ended on the server at once, every state of the tab reset; the route then clears
        the cookie, and the browser drops the tab token so the next page starts a new tab."""
        await db.run(auth.logout, token=session_token(self))
        household = current_actor().household_id is not None
        await reset_tab(self)
        target = routes.HOUSEHOLD_LOGIN if household else routes.LOGIN
        # ?out=1: the sign-in page says "signed out", not "your session has ended".
        return sign_out_page_load(f"{routes.AUTH_LOGOUT}?next={target}%3Fout%3D1")
