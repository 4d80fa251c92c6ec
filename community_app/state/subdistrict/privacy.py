"""The community admin's side of privacy (/subdistrict/privacy): which subdistrict officers
may see its residents by name (the named permission), and the log of every such look."""

from __future__ import annotations

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.idempotency import derived_uuid
from community_app.services.subdistrict import privacy
from community_app.services.subdistrict.privacy import GrantRow, ViewRow
from community_app.state.base import AppState
from community_app.state.common import arg_id
from community_app.state.guard import current_actor, guarded


class PrivacyAdminState(AppState):
    officers: list[GrantRow] = []
    views: list[ViewRow] = []

    async def _read(self) -> None:
        self.officers = await db.run(privacy.grants, actor=current_actor())
        self.views = await db.run(privacy.view_log, actor=current_actor())

    @guarded(Role.admin)
    async def load(self) -> None:
        await self._read()

    @guarded(Role.admin)
    async def set_grant(self, user_id: int, granted: bool) -> None:
        if not isinstance(granted, bool):
            raise ValueError("granted")
        actor = current_actor()
        await db.run(privacy.set_grant, actor=actor, user_id=arg_id(user_id), granted=granted,
                     uuid=derived_uuid("privacy-grant", actor.community_id, user_id))
        await self._read()
        self._flash(tr("common.saved", self.lang))
