"""The buildings list (/buildings): the buildings in the actor's scope, with their counts.

One read on load; the list carries no personal data (labels, counts, the worker's name).
"""

from __future__ import annotations

from community_app import db
from community_app.models import Role
from community_app.services.community import views as community
from community_app.services.community.views import BuildingRow
from community_app.state.base import AppState
from community_app.state.guard import current_actor, guarded

GRID_ROLES = (Role.admin, Role.grid_worker)


class BuildingsState(AppState):
    buildings: list[BuildingRow] = []

    @guarded(*GRID_ROLES)
    async def load(self) -> None:
        self.buildings = await db.run(community.list_buildings, actor=current_actor())
