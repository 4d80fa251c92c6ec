"""A new community and its first admin (/subdistrict/new).

Invariants
- Subdistrict officers only; one service call per handler.
- The first admin's password is a one-time secret, as on the staff page: in a browser var
  from the create that issued it until the officer says it is written down or the page
  loads again. A replayed create (same uuid) issues nothing and shows no password.
"""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db
from community_app.models import Role
from community_app.services.subdistrict import communities
from community_app.state.base import AppState
from community_app.state.browser import reset_uuid
from community_app.state.common import form_dict
from community_app.state.guard import current_actor, guarded

FORM_ID = "new-community-form"


class NewCommunity(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    name: str = Field(min_length=2, max_length=100)
    phone: str = Field(default="", pattern=r"^(\+?[\d-]{5,20})?$")
    admin_username: str = Field(min_length=3, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")
    admin_name: str = Field(min_length=1, max_length=50)
    admin_phone: str = Field(default="", pattern=r"^(\+?\d{5,15})?$")


class NewCommunityState(AppState):
    made_community: str = ""
    issued_username: str = ""
    issued_password: str = ""  # one-time secret, see the module note

    def _forget(self) -> None:
        self.made_community = self.issued_username = self.issued_password = ""

    @guarded(Role.subdistrict)
    def load(self) -> None:
        self._forget()

    @guarded(Role.subdistrict)
    async def create(self, form_data: dict) -> rx.event.EventSpec:
        data = NewCommunity.model_validate(form_dict(form_data))
        made = await db.run(communities.create_community, actor=current_actor(),
                            **data.model_dump())
        self._forget()
        if made.secret:
            self.made_community = data.name.strip()
            self.issued_username, self.issued_password = made.username, made.secret
        return reset_uuid(FORM_ID)

    @guarded(Role.subdistrict)
    def dismiss_issued(self) -> None:
        """The officer has handed the password over: it leaves the state."""
        self._forget()
