"""Admin: staff accounts, disabling, and which buildings each grid worker covers."""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db
from community_app.components.ui import reset_uuid
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.community import accounts
from community_app.services.community import views as community
from community_app.state.base import AppState
from community_app.state.guard import current_actor, guarded


class NewStaff(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    username: str = Field(min_length=3, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")
    display_name: str = Field(min_length=1, max_length=50)
    phone: str = Field(default="", pattern=r"^(\+?\d{5,15})?$")
    role: Role


class StaffState(AppState):
    staff: list[dict[str, int | str | bool]] = []
    buildings: list[dict[str, int | str]] = []
    issued_username: str = ""
    issued_password: str = ""
    assigning_id: int = 0
    assigning_name: str = ""
    chosen: list[int] = []

    async def _reload(self) -> None:
        actor = current_actor()
        self.staff = await db.run(community.list_staff, actor=actor)
        self.buildings = await db.run(community.list_buildings, actor=actor)

    @guarded(Role.admin)
    async def load(self) -> None:
        self.issued_username = self.issued_password = ""
        self.assigning_id = 0
        await self._reload()

    @guarded(Role.admin)
    async def create(self, form_data: dict) -> rx.event.EventSpec:
        data = NewStaff.model_validate(form_data if isinstance(form_data, dict) else {})
        issued = await db.run(accounts.create_staff, actor=current_actor(), **data.model_dump())
        self.issued_username = issued.username
        self.issued_password = issued.secret
        await self._reload()
        return reset_uuid("staff-form")

    @guarded(Role.admin)
    async def set_active(self, user_id: int, active: bool) -> None:
        if not isinstance(user_id, int) or not isinstance(active, bool):
            raise accounts.ServiceError("err.bad_request")
        await db.run(accounts.set_active, actor=current_actor(), user_id=user_id, active=active)
        await self._reload()

    @guarded(Role.admin)
    def start_assign(self, user_id: int) -> None:
        worker = next((s for s in self.staff if s["id"] == user_id), None)
        if worker is None or worker["role"] != Role.grid_worker.value:
            raise accounts.ServiceError("err.not_a_worker")
        self.assigning_id = user_id
        self.assigning_name = str(worker["name"])
        self.chosen = [int(b["id"]) for b in self.buildings if b["worker_id"] == user_id]

    @guarded(Role.admin)
    def toggle_building(self, building_id: int) -> None:
        if not isinstance(building_id, int):
            raise accounts.ServiceError("err.bad_request")
        if building_id in self.chosen:
            self.chosen = [b for b in self.chosen if b != building_id]
        else:
            self.chosen = [*self.chosen, building_id]

    @guarded(Role.admin)
    def cancel_assign(self) -> None:
        self.assigning_id = 0

    @guarded(Role.admin)
    async def save_assignment(self) -> None:
        await db.run(
            accounts.assign_buildings,
            actor=current_actor(),
            user_id=self.assigning_id,
            building_ids=list(self.chosen),
        )
        self.assigning_id = 0
        self._flash(tr("staff.assigned", self.lang))
        await self._reload()
