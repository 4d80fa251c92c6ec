"""Night patrol, the admin's side: tonight's plans (new ones here, edits in patrol_edit) and the
patrol log (签到本) with trends, lit-but-registered-empty flats and volunteer hours."""

from __future__ import annotations

from datetime import date

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db
from community_app.components.ui import reset_uuid
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.errors import ServiceError
from community_app.services.patrol import create as patrol_create
from community_app.services.patrol import log as patrol_log
from community_app.services.patrol import plans as patrol_plans
from community_app.services.patrol.followups import FollowUpRow
from community_app.services.patrol.hours import WeekHours
from community_app.services.patrol.log import LogBuilding, LogPerson
from community_app.services.patrol.plans import Choice, PlanSummary
from community_app.services.patrol.trends import BuildingTrend, LitEmpty, WatchedRun
from community_app.state.base import AppState
from community_app.state.guard import current_actor, guarded
from community_app.state.patrol.walk import toggled


class NewPlan(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    night: date
    window_start: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    window_end: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    building_ids: list[int] = Field(min_length=1, max_length=200)
    member_ids: list[int] = Field(min_length=1, max_length=50)


class PatrolAdminState(AppState):
    """The admin's plan page and patrol log (签到本) with trends and hours."""

    night: str = ""
    buildings: list[Choice] = []
    people: list[Choice] = []
    chosen_buildings: list[int] = []
    chosen_people: list[int] = []
    plans: list[PlanSummary] = []
    # log
    log_night: str = ""
    log_people: list[LogPerson] = []
    log_buildings: list[LogBuilding] = []
    log_follow_ups: list[FollowUpRow] = []
    missed: int = 0
    trends: list[BuildingTrend] = []
    runs: list[WatchedRun] = []
    lit_empty: list[LitEmpty] = []
    hours: list[WeekHours] = []
    escalated: list[FollowUpRow] = []

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

    async def _show_log(self, night: date | None) -> None:
        page = await db.run(patrol_log.log_page, actor=current_actor(), night=night)
        self.log_night = page.night
        self.log_people, self.log_buildings = page.log.people, page.log.buildings
        self.log_follow_ups, self.missed = page.log.follow_ups, page.log.missed
        self.trends, self.runs, self.lit_empty = page.trends, page.runs, page.lit_empty
        self.hours, self.escalated = page.hours, page.escalated

    @guarded(Role.admin)
    async def load_log(self) -> None:
        self.notice = ""
        raw = str(self.router.url.query_parameters.get("night", ""))
        try:
            night: date | None = date.fromisoformat(raw)
        except ValueError:
            night = None  # tonight's patrol night
        await self._show_log(night)

    @guarded(Role.admin)
    async def set_log_night(self, value: str) -> None:
        try:
            night = date.fromisoformat(str(value))
        except ValueError:
            raise ServiceError("err.bad_request") from None
        await self._show_log(night)
