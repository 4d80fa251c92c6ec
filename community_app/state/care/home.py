"""The worker's care card on the home screen (components/care/home.py) and the /care list.

Each "done" on a care task is a form with the task id and a client UUID (kind "care_tick"):
the outbox keeps it with no signal and TICK_REPLAYER applies it once (`applied_submission`).
"""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.auth import Actor
from community_app.services.care import daily, enrol
from community_app.services.care.daily import CareTaskView
from community_app.services.care.enrol import BuildingChoice, CareListRow
from community_app.state import browser
from community_app.state.base import AppState
from community_app.state.common import arg_id, form_dict
from community_app.state.guard import ALL_ROLES, current_actor, guarded
from community_app.state.outbox import Replayer

TICK_KIND = "care_tick"
STAFF = (Role.admin, Role.grid_worker)


class TickForm(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    task_id: int = Field(ge=1)


class EnrolForm(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    building_id: int = Field(ge=1)
    flat: str = Field(default="", max_length=20)
    reason: str = Field(default="", max_length=20)
    garbage_morning: bool = False
    garbage_afternoon: bool = False
    checkin: str = Field(default="none", max_length=10)


async def apply_tick(actor: Actor, form: dict) -> bool:
    data = TickForm.model_validate(form)
    return await db.run(daily.tick, actor=actor, uuid=data.uuid, task_id=data.task_id)


# Registered for the kind "care_tick" by the composition root (community_app.py).
TICK_REPLAYER = Replayer(roles=STAFF, apply=apply_tick, saved_key="care.ticks_saved",
                         refused_key="care.ticks_refused")


class CareHomeState(AppState):
    tasks: list[CareTaskView] = []

    @guarded(*ALL_ROLES)
    async def load(self) -> None:
        """Today's tasks; the home screen's own load replays every kept form (ticks too)."""
        actor = current_actor()
        self.tasks = (await db.run(daily.today, actor=actor)
                      if actor.role == Role.grid_worker else [])

    @guarded(*STAFF)
    async def tick(self, form_data: dict) -> list[rx.event.EventSpec]:
        data = TickForm.model_validate(form_dict(form_data))
        actor = current_actor()
        await apply_tick(actor, data.model_dump())
        self.tasks = await db.run(daily.today, actor=actor)
        self._flash(tr("care.tick_saved", self.lang))
        return [browser.outbox_done(data.uuid)]


class CareListState(AppState):
    rows: list[CareListRow] = []
    buildings: list[BuildingChoice] = []

    async def _refresh(self, actor: Actor) -> None:
        self.rows = await db.run(enrol.scope_care_list, actor=actor)

    @guarded(*STAFF)
    async def load(self) -> None:
        actor = current_actor()
        self.buildings = await db.run(enrol.building_choices, actor=actor)
        await self._refresh(actor)

    @guarded(*STAFF)
    async def add(self, form_data: dict) -> list[rx.event.EventSpec]:
        data = EnrolForm.model_validate(form_dict(form_data))
        actor = current_actor()
        household_id = await db.run(enrol.find_household, actor=actor,
                                    building_id=data.building_id, flat=data.flat)
        await db.run(enrol.enrol, actor=actor, uuid=data.uuid, household_id=household_id,
                     reason=data.reason, garbage_morning=data.garbage_morning,
                     garbage_afternoon=data.garbage_afternoon, checkin=data.checkin)
        await self._refresh(actor)
        self._flash(tr("care.added", self.lang))
        return [browser.reset_form("care-add")]

    @guarded(*STAFF)
    async def end(self, enrolment_id: int) -> None:
        actor = current_actor()
        await db.run(enrol.end_care, actor=actor, enrolment_id=arg_id(enrolment_id))
        await self._refresh(actor)
        self._flash(tr("care.ended", self.lang))
