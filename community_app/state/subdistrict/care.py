"""One community's care list seen from the subdistrict (/subdistrict/care?c=<id>).

The page opens with no one's name: it says whether the officer holds the community's
named permission, and only a tap on 查看名单 reads the names and phones (a logged view,
services/subdistrict/privacy.py). The names live in a private var shown while the page
is open; leaving or reloading forgets them.
"""

from __future__ import annotations

from community_app import db
from community_app.models import Role
from community_app.services.subdistrict import privacy
from community_app.services.subdistrict.privacy import CareContact
from community_app.state.base import AppState
from community_app.state.common import query_int
from community_app.state.guard import current_actor, guarded


class CareState(AppState):
    community_id: int = 0
    granted: bool = False
    contacts: list[CareContact] = []
    shown: bool = False

    @guarded(Role.subdistrict)
    async def load(self) -> None:
        self.contacts, self.shown = [], False
        self.community_id = query_int(self, "c")
        self.granted = await db.run(privacy.may_see_contacts, actor=current_actor(),
                                    community_id=self.community_id)

    @guarded(Role.subdistrict)
    async def show(self) -> None:
        """The one read of names and phones; it is logged (who, when, what)."""
        self.contacts = await db.run(privacy.care_contacts, actor=current_actor(),
                                     community_id=self.community_id)
        self.shown = True
