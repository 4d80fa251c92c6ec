"""A staff member changes their own password (/me).

Invariants
- Staff only (a household's PIN comes from its grid worker). The passwords travel in the
  form's payload only: no var holds them, so nothing of them is sent back to the browser.
- One service call: the change, which ends every other session of the account and keeps
  the one this tab signed in with (its token is read from the handshake, never a var).
"""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db
from community_app.i18n import tr
from community_app.services.community import accounts
from community_app.services.community.accounts import PASSWORD_MAX
from community_app.services.errors import ServiceError
from community_app.state.base import AppState, session_token
from community_app.state.browser import reset_form
from community_app.state.guard import STAFF, current_actor, guarded

FORM_ID = "password-form"


class PasswordChange(BaseModel):
    current_password: str = Field(min_length=1, max_length=PASSWORD_MAX)
    new_password: str = Field(max_length=PASSWORD_MAX)
    new_password_again: str = Field(max_length=PASSWORD_MAX)


class PasswordState(AppState):
    @guarded(*STAFF)
    async def change(self, form_data: dict) -> rx.event.EventSpec:
        data = PasswordChange.model_validate(form_data if isinstance(form_data, dict) else {})
        if data.new_password != data.new_password_again:
            raise ServiceError("community.password_mismatch")
        await db.run(accounts.change_own_password, actor=current_actor(),
                     token=session_token(self) or "", current=data.current_password,
                     new=data.new_password)
        self._flash(tr("community.password_changed", self.lang))
        return reset_form(FORM_ID)
