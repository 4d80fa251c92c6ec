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
from community_app.services.patrol import followups as patrol_followups
from community_app.services.patrol import hours as patrol_hours
from community_app.services.patrol import log as patrol_log
from community_app.services.patrol import nights as patrol_nights
from community_app.services.patrol import plans as patrol_plans
from community_app.services.patrol import trends as patrol_trends
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

    async def _reload_plans(self) -> None:
        self.plans = await db.run(patrol_plans.list_plans, actor=current_actor(),
                                  night=date.fromisoformat(self.night))

    @guarded(Role.admin)
    async def load_plan(self) -> None:
        choices = await db.run(patrol_plans.plan_choices, actor=current_actor())
        self.buildings, self.people = choices.buildings, choices.people
        self.chosen_buildings, self.chosen_people = [], []
        self.night = patrol_nights.patrol_night().isoformat()
        await self._reload_plans()

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
        await db.run(patrol_create.create_plan, actor=current_actor(), **data.model_dump())
        self.night = data.night.isoformat()
        self.chosen_buildings, self.chosen_people = [], []
        self._flash(tr("patrol.plan_saved", self.lang))
        await self._reload_plans()
        return reset_uuid("patrol-plan-form")

    async def _reload_log(self) -> None:
        actor = current_actor()
        night = date.fromisoformat(self.log_night)
        log = await db.run(patrol_log.patrol_log, actor=actor, night=night)
        self.log_people, self.log_buildings = log.people, log.buildings
        self.log_follow_ups, self.missed = log.follow_ups, log.missed
        self.trends = await db.run(patrol_trends.lit_ratio_trend, actor=actor, until=night)
        self.runs = await db.run(patrol_trends.watched_runs, actor=actor, until=night)
        self.lit_empty = await db.run(patrol_trends.lit_but_registered_empty, actor=actor,
                                      night=night)
        self.hours = await db.run(patrol_hours.volunteer_hours, actor=actor, until=night)
        self.escalated = await db.run(patrol_followups.escalated_follow_ups, actor=actor)

    @guarded(Role.admin)
    async def load_log(self) -> None:
        self.notice = ""
        raw = str(self.router.url.query_parameters.get("night", ""))
        try:
            self.log_night = date.fromisoformat(raw).isoformat()
        except ValueError:
            self.log_night = patrol_nights.patrol_night().isoformat()
        await self._reload_log()

    @guarded(Role.admin)
    async def set_log_night(self, value: str) -> None:
        try:
            self.log_night = date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ServiceError("err.bad_request") from None
        await self._reload_log()
