"""The admin edits or cancels one patrol plan from the plan page (issue 6)."""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.patrol import editing as patrol_editing
from community_app.services.patrol import plans as patrol_plans
from community_app.services.patrol.plans import PlanChange
from community_app.state.base import AppState
from community_app.state.guard import current_actor, guarded
from community_app.state.patrol.admin import PatrolAdminState
from community_app.state.patrol.walk import Id, toggled

HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"


class PlanEdit(BaseModel):
    plan_id: int = Field(ge=1)
    window_start: str = Field(pattern=HHMM)
    window_end: str = Field(pattern=HHMM)
    building_ids: list[int] = Field(min_length=1, max_length=200)
    member_ids: list[int] = Field(min_length=1, max_length=50)


class PatrolEditState(AppState):
    """One plan open for editing: its window, buildings in walking order and people."""

    edit_id: int = 0
    edit_started: bool = False
    edit_window_start: str = ""
    edit_window_end: str = ""
    edit_buildings: list[int] = []
    edit_people: list[int] = []
    confirm_cancel: bool = False

    def _close(self) -> None:
        self.edit_id, self.edit_started, self.confirm_cancel = 0, False, False
        self.edit_window_start = self.edit_window_end = ""
        self.edit_buildings, self.edit_people = [], []

    async def _show_change(self, change: PlanChange) -> None:
        """The edited plan's night, listed as it is now, on the plan page."""
        plans = await self.get_state(PatrolAdminState)
        plans.night, plans.plans = change.night, change.plans

    @guarded(Role.admin)
    async def start_edit(self, plan_id: int) -> rx.event.EventSpec:
        data = Id.model_validate({"id": plan_id})
        detail = await db.run(patrol_plans.plan_detail, actor=current_actor(), plan_id=data.id)
        self._close()
        self.edit_id, self.edit_started = detail.id, detail.started
        self.edit_window_start = detail.window_start
        self.edit_window_end = detail.window_end
        self.edit_buildings, self.edit_people = detail.building_ids, detail.member_ids
        return rx.scroll_to("patrol-edit")

    @guarded(Role.admin)
    def close_edit(self) -> None:
        self._close()

    @guarded(Role.admin)
    def toggle_edit_building(self, building_id: int) -> None:
        self.edit_buildings = toggled(self.edit_buildings, building_id)

    @guarded(Role.admin)
    def toggle_edit_person(self, user_id: int) -> None:
        self.edit_people = toggled(self.edit_people, user_id)

    @guarded(Role.admin)
    async def save_edit(self, form_data: dict) -> None:
        form = form_data if isinstance(form_data, dict) else {}
        data = PlanEdit.model_validate({
            "window_start": form.get("window_start"), "window_end": form.get("window_end"),
            "plan_id": self.edit_id, "building_ids": list(self.edit_buildings),
            "member_ids": list(self.edit_people),
        })
        change = await db.run(patrol_editing.update_plan, actor=current_actor(),
                              **data.model_dump())
        self._close()
        self._flash(tr("patrol.plan_updated", self.lang))
        await self._show_change(change)

    @guarded(Role.admin)
    def ask_cancel(self) -> None:
        self.confirm_cancel = self.edit_id > 0

    @guarded(Role.admin)
    async def cancel_plan(self) -> None:
        data = Id.model_validate({"id": self.edit_id})
        change = await db.run(patrol_editing.cancel_plan, actor=current_actor(), plan_id=data.id)
        self._close()
        self._flash(tr("patrol.plan_cancelled_notice", self.lang))
        await self._show_change(change)
