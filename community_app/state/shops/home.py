"""The re-inspections due today on the inspector's home (components/shops/home.py)."""

from __future__ import annotations

from community_app import db
from community_app.services.shops import views
from community_app.services.shops.views import ShopRow
from community_app.state.base import AppState
from community_app.state.guard import ALL_ROLES, current_actor, guarded


class ShopsHomeState(AppState):
    due: list[ShopRow] = []

    @guarded(*ALL_ROLES)
    async def load(self) -> None:
        self.due = await db.run(views.due_reinspections, actor=current_actor())
