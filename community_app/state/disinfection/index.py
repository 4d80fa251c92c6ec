"""The /disinfection page: today's rounds with a record form each (kind "disinfection",
through the one outbox), the admin's plan, the last 7 days and the Excel export; and the
admin home's red card of overdue rounds (DisinfectionHomeState).

A record form carries the round's key, areas, disinfectant and a client UUID: the outbox
keeps it with no signal and REPLAYER applies it once (the record's UUID and round key).

The optional photo is not in the outbox: once a round is done, the page posts the picked
file to `/upload/disinfection-photo` (uploads.py, authorised by that request's own cookie)
and hands the answer to `photo_done`, which reads the rounds back from the database. With
no signal the record is kept and the photo is not (the person is told so).
"""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field, ValidationError

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.auth import Actor
from community_app.services.disinfection import history, photos, plan, rounds
from community_app.services.disinfection.history import HistoryRow
from community_app.services.disinfection.plan import CompoundChoice
from community_app.services.disinfection.rounds import RoundView
from community_app.services.errors import ServiceError
from community_app.state import browser
from community_app.state.base import AppState
from community_app.state.common import arg_id, form_dict
from community_app.state.guard import ALL_ROLES, current_actor, guarded
from community_app.state.outbox import Replayer, outbox_replay

KIND = "disinfection"
ROLES = (Role.admin, Role.grid_worker, Role.volunteer)


class RecordForm(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    key: str = Field(min_length=1, max_length=40)
    areas: str = Field(default="", max_length=2000)
    chemical: str = Field(default="", max_length=2000)


class PlanForm(BaseModel):
    compound_id: int = Field(ge=1)
    times: str = Field(default="", max_length=200)


class PhotoAnswer(BaseModel):
    """The photo route's JSON as upload.js hands it on: untrusted, only a hint for the words."""

    ok: bool = False
    record: int = 0
    key: str = Field("", max_length=80)
    reason: str = Field("", max_length=20)  # upload.js: no_file, busy, network


# What the photo route may refuse with; anything else reads as junk.
PHOTO_REFUSALS = ("disinfection.bad_photo", "err.session", "err.denied", "err.bad_request")


def photo_refusal(answer: object) -> str:
    """The catalog key to show for an upload answer, "" when it says stored (or busy: a
    second tap while the first uploads)."""
    try:
        data = PhotoAnswer.model_validate(answer if isinstance(answer, dict) else {})
    except ValidationError:
        return "err.bad_request"
    if data.ok or data.reason == "busy":
        return ""
    if data.reason == "no_file":
        return "disinfection.photo_none_picked"
    if data.reason == "network":
        return "disinfection.photo_no_signal"
    return data.key if data.key in PHOTO_REFUSALS else "err.bad_request"


async def apply_record(actor: Actor, form: dict) -> bool:
    data = RecordForm.model_validate(form)
    await db.run(rounds.record_round, actor=actor, uuid=data.uuid, key=data.key,
                 areas=data.areas, chemical=data.chemical)
    return True


# Registered for the kind "disinfection" by the composition root (community_app.py).
REPLAYER = Replayer(roles=ROLES, apply=apply_record, saved_key="disinfection.replayed",
                    refused_key="disinfection.replay_refused")


class DisinfectionState(AppState):
    rounds: list[RoundView] = []
    history: list[HistoryRow] = []
    compounds: list[CompoundChoice] = []
    photo_url: str = ""  # the photo being looked at, as a data URL

    async def _refresh(self, actor: Actor) -> None:
        self.rounds = await db.run(rounds.day_rounds, actor=actor)
        self.history = [r for r in await db.run(history.history, actor=actor, days=7)
                        if r.status != "open"][:60]

    @guarded(*ROLES)
    async def load(self) -> rx.event.EventSpec:
        actor = current_actor()
        await self._refresh(actor)
        if actor.role == Role.admin:
            self.compounds = await db.run(plan.compound_choices, actor=actor)
        return outbox_replay(KIND)

    @guarded(*ROLES)
    async def record(self, form_data: dict) -> list[rx.event.EventSpec]:
        data = RecordForm.model_validate(form_dict(form_data))
        actor = current_actor()
        await apply_record(actor, data.model_dump())
        await self._refresh(actor)
        self._flash(tr("disinfection.saved", self.lang))
        return [browser.outbox_done(data.uuid)]

    @guarded(*ROLES)
    async def photo_done(self, answer: dict) -> None:
        """The upload's answer; whether a photo is stored is read back from the database."""
        refused = photo_refusal(answer)
        if refused:
            raise ServiceError(refused)
        await self._refresh(current_actor())
        record = PhotoAnswer.model_validate(answer).record
        if any(r.record_id == record and r.has_photo for r in self.rounds):
            self._flash(tr("disinfection.photo_saved", self.lang))

    @guarded(*ROLES)
    async def show_photo(self, record_id: int) -> None:
        self.photo_url = await db.run(photos.photo_data_url, actor=current_actor(),
                                      record_id=arg_id(record_id))

    @guarded(*ROLES)
    async def close_photo(self) -> None:
        self.photo_url = ""

    @guarded(Role.admin)
    async def set_plan(self, form_data: dict) -> None:
        data = PlanForm.model_validate(form_dict(form_data))
        times = [t.strip() for t in data.times.replace("，", ",").split(",") if t.strip()]
        await db.run(plan.set_rounds, actor=current_actor(), compound_id=data.compound_id,
                     times=times)
        await self._refresh(current_actor())
        self._flash(tr("disinfection.plan_saved", self.lang))

    @guarded(*ROLES)
    async def download(self) -> rx.event.EventSpec:
        rows = await db.run(history.history, actor=current_actor(), days=31)
        return rx.download(data=history.history_xlsx(rows, self.lang),
                           filename=history.file_name(self.lang))


class DisinfectionHomeState(AppState):
    """The admin home's red card: today's rounds past their time, not recorded."""

    overdue: list[RoundView] = []

    @guarded(*ALL_ROLES)
    async def load(self) -> None:
        actor = current_actor()
        self.overdue = (await db.run(rounds.overdue_rounds, actor=actor)
                        if actor.role == Role.admin else [])
