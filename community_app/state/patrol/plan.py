"""The admin's /patrol/plan page (pages/patrol/plan.py): a new plan, the night's plans, and
one plan open for editing or cancelling (issue 6)."""

from __future__ import annotations

import reflex as rx

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.patrol import create as patrol_create
from community_app.services.patrol import editing as patrol_editing
from community_app.services.patrol import plans as patrol_plans
from community_app.services.patrol.plans import Choice, PlanChange, PlanSummary
from community_app.state.base import AppState
from community_app.state.browser import reset_uuid
from community_app.state.guard import current_actor, guarded
from community_app.state.patrol.forms import Id, NewPlan, PlanEdit, toggled


class PatrolPlanState(AppState):
    """The plan page: the choices, a new plan, the night's plans."""

    night: str = ""
    buildings: list[Choice] = []
    people: list[Choice] = []
    chosen_buildings: list[int] = []
    chosen_people: list[int] = []
    plans: list[PlanSummary] = []

    def _show_plans(self, night: str, plans: list[PlanSummary]) -> None:
        self.night, self.plans = night, plans

    @guarded(Role.admin)
    async def load_plan(self) -> None:
        page = await db.run(patrol_plans.plan_page, actor=current_actor())
        self.buildings, self.people = page.buildings, page.people
        self.chosen_buildings, self.chosen_people = [], []
        self._show_plans(page.night, page.plans)

    @guarded(Role.admin)
    def toggle_building(self, building_id: int) -> None:
        self.chosen_buildings = toggled(self.chosen_buildings, building_id)

    @guarded(Role.admin)
    def toggle_person(self, user_id: int) -> None:
        self.chosen_people = toggled(self.chosen_people, user_id)

    @guarded(Role.admin)
    async def create_plan(self, form_data: dict) -> rx.event.EventSpec:
        form = form_data if isinstance(form_data, dict) else {}
        data = NewPlan.model_validate({
            **form, "building_ids": list(self.chosen_buildings),
            "member_ids": list(self.chosen_people),
        })
        change = await db.run(patrol_create.create_plan, actor=current_actor(),
                              **data.model_dump())
        self.chosen_buildings, self.chosen_people = [], []
        self._show_plans(change.night, change.plans)
        self._flash(tr("patrol.plan_saved", self.lang))
        return reset_uuid("patrol-plan-form")


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
        plans = await self.get_state(PatrolPlanState)
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
