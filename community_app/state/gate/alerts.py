"""Today's gate warnings on the grid worker's and the admin's home screen."""

from __future__ import annotations

from community_app import db
from community_app.models import Role
from community_app.services.gate import views
from community_app.services.gate.views import EntryRow
from community_app.state.base import AppState
from community_app.state.guard import ALL_ROLES, current_actor, guarded


class GateAlertsState(AppState):
    alerts: list[EntryRow] = []

    @guarded(*ALL_ROLES)
    async def load(self) -> None:
        actor = current_actor()
        if actor.role in (Role.admin, Role.grid_worker):
            self.alerts = await db.run(views.todays_alerts, actor=actor)
        else:
            self.alerts = []
