"""Errands for a household: the /ask page's state, and the helpers the errand states share.

This module holds `AskState` (a household asks for itself; a grid worker or admin asks on a
household's behalf), its forms, the roles allowed to ask, the delivery windows and the
small argument checks (`_id`, `_form`) the volunteer and admin errand states reuse.
"""

from __future__ import annotations

from typing import Literal

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db
from community_app.components.ui import reset_uuid
from community_app.i18n import tr
from community_app.models import Role
from community_app.services import errand_photos, errand_runs, errand_views, errands
from community_app.services.errand_views import RequestView
from community_app.services.errands import COMMON_ITEMS
from community_app.services.errors import ServiceError
from community_app.state.base import AppState
from community_app.state.guard import current_actor, guarded

ASK_ROLES = (Role.household, Role.grid_worker, Role.admin)
WINDOWS = ("asap", "morning", "afternoon", "evening")
MAX_QTY = 20


class AskForm(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    wish: str = Field(default="", max_length=60)
    note: str = Field(default="", max_length=200)
    urgency: Literal["today", "within_2h"] = "today"
    window: Literal["asap", "morning", "afternoon", "evening"] = "asap"
    payment: Literal["prepaid", "cash_on_delivery", "volunteer_advance"] = "cash_on_delivery"


class CancelForm(BaseModel):
    request_id: int = Field(ge=1)
    reason: str = Field(min_length=1, max_length=200)


def _id(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ServiceError("err.bad_request")
    return value


def _form(value: object) -> dict:
    return value if isinstance(value, dict) else {}


class AskState(AppState):
    """/ask: a household asks for itself; a grid worker or admin asks for ?household=<id>."""

    picked: list[dict[str, str | int]] = []
    requests: list[RequestView] = []
    household_id: int = 0
    household_label: str = ""
    photo_url: str = ""

    async def _reload(self) -> None:
        actor = current_actor()
        self.requests = await db.run(
            errand_views.requests_for_household, actor=actor, household_id=self.household_id or None
        )

    @guarded(*ASK_ROLES)
    async def load(self) -> None:
        actor = current_actor()
        self.picked = []
        self.photo_url = ""
        await db.run(errand_runs.housekeeping)
        if actor.role == Role.household:
            self.household_id, self.household_label = 0, ""
        else:
            raw = str(self.router.url.query_parameters.get("household", ""))
            if not raw.isdigit():
                self.household_id, self.requests = 0, []
                raise ServiceError("errands.pick_household")
            chosen = await db.run(errand_views.household_choices, actor=actor,
                                  household_id=int(raw))
            self.household_id, self.household_label = chosen["id"], chosen["label"]
        await self._reload()

    @rx.var
    def picked_kinds(self) -> list[str]:
        return [str(p["kind"]) for p in self.picked]

    @guarded(*ASK_ROLES)
    def toggle_item(self, kind: str) -> None:
        if kind not in COMMON_ITEMS:
            raise ServiceError("err.bad_request")
        if kind in self.picked_kinds:
            self.picked = [p for p in self.picked if p["kind"] != kind]
        else:
            self.picked = [*self.picked, {"kind": kind, "quantity": 1}]

    @guarded(*ASK_ROLES)
    def change_quantity(self, kind: str, delta: int) -> None:
        if kind not in COMMON_ITEMS or delta not in (-1, 1):
            raise ServiceError("err.bad_request")
        self.picked = [
            {**p, "quantity": min(MAX_QTY, max(1, int(p["quantity"]) + delta))}
            if p["kind"] == kind else p
            for p in self.picked
        ]

    @guarded(*ASK_ROLES)
    async def send(self, form_data: dict) -> rx.event.EventSpec:
        data = AskForm.model_validate(_form(form_data))
        items = [{"kind": p["kind"], "quantity": int(p["quantity"])} for p in self.picked]
        if data.wish.strip():
            items.append({"kind": errands.OTHER, "text": data.wish.strip(), "quantity": 1})
        if not items:
            raise ServiceError("errands.no_items")
        actor = current_actor()
        await db.run(
            errands.create_request,
            actor=actor,
            uuid=data.uuid,
            household_id=self.household_id or actor.household_id or 0,
            items=items,
            urgency=data.urgency,
            window=data.window,
            payment=data.payment,
            note=data.note,
        )
        self.picked = []
        self.notice = tr("errands.sent", self.lang)
        await self._reload()
        return [
            reset_uuid("ask-form"),
            rx.call_script("document.getElementById('ask-form').reset()"),
        ]

    @guarded(Role.household)
    async def confirm(self, request_id: int) -> None:
        await db.run(errands.confirm, actor=current_actor(), request_id=_id(request_id))
        self.notice = tr("errands.confirmed_thanks", self.lang)
        await self._reload()

    @guarded(*ASK_ROLES)
    async def cancel(self, form_data: dict) -> None:
        data = CancelForm.model_validate(_form(form_data))
        await db.run(errands.cancel_request, actor=current_actor(), request_id=data.request_id,
                     reason=data.reason)
        self.notice = tr("errands.cancelled_notice", self.lang)
        await self._reload()


    @guarded(Role.household, Role.admin)
    async def show_photo(self, request_id: int) -> None:
        self.photo_url = await db.run(errand_photos.photo_data_url, actor=current_actor(),
                                      request_id=_id(request_id), kind="delivery")

    @guarded(*ASK_ROLES)
    def hide_photo(self) -> None:
        self.photo_url = ""

