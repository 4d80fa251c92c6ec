"""The subdistrict officer's home (/subdistrict): its communities, counts only."""

from __future__ import annotations

from community_app import db
from community_app.models import Role
from community_app.services.subdistrict import communities
from community_app.services.subdistrict.communities import CommunityRow
from community_app.state.base import AppState
from community_app.state.guard import current_actor, guarded


class SubdistrictHomeState(AppState):
    subdistrict_name: str = ""
    communities: list[CommunityRow] = []

    @guarded(Role.subdistrict)
    async def load(self) -> None:
        home = await db.run(communities.subdistrict_home, actor=current_actor())
        self.subdistrict_name, self.communities = home.name, home.communities
