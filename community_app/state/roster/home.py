"""The roster card on the admin's home: shifts within a day still below their minimum (red)
and applications waiting for review."""

from __future__ import annotations

from community_app import db
from community_app.models import Role
from community_app.services.roster import views
from community_app.state.base import AppState
from community_app.state.guard import ALL_ROLES, current_actor, guarded


class RosterHomeState(AppState):
    short: int = 0
    pending: int = 0

    @guarded(*ALL_ROLES)
    async def load(self) -> None:
        actor = current_actor()
        if actor.role == Role.admin:
            self.short = await db.run(views.short_count, actor=actor)
            self.pending = await db.run(views.pending_count, actor=actor)
