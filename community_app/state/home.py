"""Each role's home screen."""

from __future__ import annotations

from dataclasses import asdict

from community_app import db
from community_app.models import Role
from community_app.services import community, worker_today
from community_app.state.base import AppState
from community_app.state.guard import ALL_ROLES, current_actor, guarded


class HomeState(AppState):
    overview: dict[str, int | str] = {}
    buildings: list[dict[str, int | str]] = []
    household: dict[str, str | list[str]] = {}
    worker_phone_href: str = ""
    today: dict[str, int] = {}

    @guarded(*ALL_ROLES)
    async def load(self) -> None:
        actor = current_actor()
        if actor.role == Role.admin:
            self.overview = await db.run(community.community_overview, actor=actor)
        elif actor.role == Role.grid_worker:
            self.buildings = await db.run(community.list_buildings, actor=actor)
            self.today = asdict(await db.run(worker_today.worker_today, actor=actor))
        elif actor.role == Role.household:
            home = await db.run(community.household_home, actor=actor)
            # The household's own worker: the one full phone number it is meant to have.
            self.worker_phone_href = f"tel:{home['worker_phone']}" if home["worker_phone"] else ""
            self.household = home
