"""The /ask page's state: a household asks for itself; a grid worker or admin asks on a
household's behalf (?household=<id>) or converts a survey need (?need=<round record id>).

This module holds `AskState`, its forms, the roles allowed to ask, the delivery windows,
and the outbox replayer that sends a request made offline once the phone is back online.

Invariants
- Each handler makes one service call: a load reads `views.ask_screen` /
  `needs.need_screen`; a write (`*_and_show`) returns the requests as they are after it.
- Online, the page's own household and need stand for any a crafted form might claim; the
  offline replay re-checks them in the service (scope, the need's live request).
- The picked lines are validated again on send (`AskLine`): state is not trusted input.
"""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from typing import Literal

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db
from community_app.i18n import tr
from community_app.models import ErrandRequest, Role
from community_app.services import idempotency
from community_app.services import needs as errand_needs
from community_app.services.auth import Actor
from community_app.services.errands import photos as errand_photos
from community_app.services.errands import requests as errands
from community_app.services.errands import views as errand_views
from community_app.services.errands.items import COMMON_ITEMS, OTHER, Line
from community_app.services.errands.views import ASK_ROLES, RequestView
from community_app.services.errors import ServiceError
from community_app.services.needs import NeedScreen
from community_app.state import browser
from community_app.state.base import AppState
from community_app.state.browser import outbox_done, reset_uuid
from community_app.state.common import arg_id, form_dict
from community_app.state.guard import current_actor, guarded
from community_app.state.outbox import Replayer, outbox_replay

WINDOWS = ("asap", "morning", "afternoon", "evening")
MAX_QTY = 20
MAX_LINES = 20


class AskForm(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    wish: str = Field(default="", max_length=60)
    note: str = Field(default="", max_length=200)
    # The answer to "which medicine?" (shown once 药品 is picked): the medicine line's note.
    medicine_note: str = Field(default="", max_length=60)
    urgency: Literal["today", "within_2h"] = "today"
    window: Literal["asap", "morning", "afternoon", "evening"] = "asap"
    payment: Literal["prepaid", "cash_on_delivery", "volunteer_advance"] = "cash_on_delivery"
    # The picked lines and whom it is for travel with the form, so a copy kept in the
    # browser's outbox while offline is complete on its own (state/outbox.py).
    items: str = Field(default="", max_length=4000)
    household_id: int = Field(default=0, ge=0)
    need_id: int = Field(default=0, ge=0)


class AskLine(BaseModel):
    kind: Literal["vegetables", "rice", "oil", "eggs", "medicine", "garbage", "other"]
    text: str = Field(default="", max_length=60)
    quantity: int = Field(default=1, ge=1, le=MAX_QTY)
    note: str = Field(default="", max_length=60)


def _lines(data: AskForm, picked: list[Line]) -> list[dict]:
    """The request's lines: the picked ones (from the form, else the page) and the wish."""
    try:
        raw = json.loads(data.items) if data.items else [asdict(p) for p in picked]
    except ValueError:
        raise ServiceError("err.bad_request") from None
    if not isinstance(raw, list) or len(raw) > MAX_LINES:
        raise ServiceError("err.bad_request")
    items = [AskLine.model_validate(line).model_dump() for line in raw]
    if which := data.medicine_note.strip():
        items = [{**line, "note": which} if line["kind"] == "medicine" else line
                 for line in items]
    if data.wish.strip():
        items.append({"kind": OTHER, "text": data.wish.strip(), "quantity": 1})
    if not items:
        raise ServiceError("errands.no_items")
    return items


def _fields(actor: Actor, data: AskForm, items: list[dict]) -> dict:
    return {"actor": actor, "uuid": data.uuid, "items": items, "urgency": data.urgency,
            "window": data.window, "payment": data.payment, "note": data.note}


async def _replay_ask(actor: Actor, form: dict) -> bool:
    """An ask kept in the browser's outbox while offline; True when it made a new request."""
    data = AskForm.model_validate(form)
    new = not await db.run(idempotency.uuid_taken, model=ErrandRequest, uuid=data.uuid)
    fields = _fields(actor, data, _lines(data, []))
    if data.need_id:
        await db.run(errand_needs.convert_need, round_household_id=data.need_id, **fields)
    else:
        await db.run(errands.create_request,
                     household_id=data.household_id or actor.household_id or 0, **fields)
    return new


# Registered for the kind "errand" by the composition root (community_app.py).
REPLAYER = Replayer(roles=ASK_ROLES, apply=_replay_ask, saved_key="errands.outbox_saved",
                    refused_key="errands.outbox_refused")


class CancelForm(BaseModel):
    request_id: int = Field(ge=1)
    reason: str = Field(min_length=1, max_length=200)


class AskState(AppState):
    """/ask: a household asks for itself; a grid worker or admin asks for ?household=<id>."""

    picked: list[Line] = []
    _picked_for: str = ""  # the page (user, need, household) the picked lines belong to
    requests: list[RequestView] = []
    household_id: int = 0
    household_label: str = ""
    photo_url: str = ""
    # Converting a need recorded on a survey visit (?need=<round record id>).
    need_id: int = 0
    need_text: str = ""
    need_request_id: int = 0

    @rx.var
    def picked_json(self) -> str:
        return json.dumps([asdict(p) for p in self.picked], ensure_ascii=False)

    @rx.var
    def picked_kinds(self) -> list[str]:
        return [p.kind for p in self.picked]

    @guarded(*ASK_ROLES)
    async def load(self) -> rx.event.EventSpec:
        """on_load runs again on every reconnect: the lines picked for this same page stay
        (issue 11 item 3); another household or another need starts empty."""
        actor = current_actor()
        self.photo_url = ""
        self.need_id, self.need_text, self.need_request_id = 0, "", 0
        need = str(self.router.url.query_parameters.get("need", ""))
        raw = str(self.router.url.query_parameters.get("household", ""))
        page = f"{actor.user_id}:{need}:{raw}"
        same = page == self._picked_for
        self._picked_for = page
        if not same:
            self.picked = []
        if actor.role != Role.household and need.isdigit():
            await self._load_need(int(need), prefill=not same)
            return outbox_replay("errand")
        if actor.role != Role.household and not raw.isdigit():
            self.household_id, self.household_label, self.requests = 0, "", []
            raise ServiceError("errands.pick_household")
        screen = await db.run(errand_views.ask_screen, actor=actor,
                              household_id=int(raw) if raw.isdigit() else 0, lang=self.lang)
        self.household_id, self.household_label = screen.household_id, screen.label
        self.requests = screen.requests
        return outbox_replay("errand")

    async def _load_need(self, need_id: int, *, prefill: bool) -> None:
        self._show_need(await db.run(errand_needs.need_screen, actor=current_actor(),
                                     round_household_id=need_id, lang=self.lang),
                        prefill=prefill)

    def _show_need(self, screen: NeedScreen, *, prefill: bool) -> None:
        draft = screen.draft
        self.household_id, self.household_label = draft.household_id, draft.label
        self.need_id, self.need_text, self.need_request_id = draft.id, draft.needs, draft.request_id
        self.requests = screen.requests
        if prefill and not draft.request_id:
            self.picked = list(draft.items)

    @guarded(*ASK_ROLES)
    def toggle_item(self, kind: str) -> None:
        if kind not in COMMON_ITEMS:
            raise ServiceError("err.bad_request")
        if kind in self.picked_kinds:
            self.picked = [p for p in self.picked if p.kind != kind]
        else:
            self.picked = [*self.picked, Line(kind=kind)]

    @guarded(*ASK_ROLES)
    def change_quantity(self, key: str | int, delta: int) -> None:
        """`key`: a common kind, or the index of a line (a wish has no kind of its own)."""
        by_index = isinstance(key, int) and not isinstance(key, bool)
        if delta not in (-1, 1) or not (
            key in COMMON_ITEMS if not by_index else 0 <= key < len(self.picked)
        ):
            raise ServiceError("err.bad_request")
        self.picked = [
            replace(p, quantity=min(MAX_QTY, max(1, int(p.quantity) + delta)))
            if (i == key if by_index else p.kind == key) else p
            for i, p in enumerate(self.picked)
        ]

    @guarded(*ASK_ROLES)
    def remove_line(self, index: int) -> None:
        if not isinstance(index, int) or isinstance(index, bool) or not (
            0 <= index < len(self.picked)
        ):
            raise ServiceError("err.bad_request")
        self.picked = [p for i, p in enumerate(self.picked) if i != index]

    @guarded(*ASK_ROLES)
    async def send(self, form_data: dict) -> list[rx.event.EventSpec]:
        data = AskForm.model_validate(form_dict(form_data))
        actor = current_actor()
        # Online, the page's own household and need stand for any the form might claim.
        fields = _fields(actor, data, _lines(data, self.picked))
        if self.need_id:
            self._show_need(await db.run(errand_needs.convert_and_show,
                                         round_household_id=self.need_id, lang=self.lang,
                                         **fields),
                            prefill=False)
            self.notice = tr("errands.need_converted_notice", self.lang)
        else:
            self.requests = await db.run(
                errand_views.ask_and_show,
                household_id=self.household_id or actor.household_id or 0, lang=self.lang,
                **fields)
            self.notice = tr("errands.sent", self.lang)
        self.picked = []
        return [
            outbox_done(data.uuid),
            reset_uuid("ask-form"),
            browser.reset_form("ask-form"),
        ]

    @guarded(Role.household)
    async def confirm(self, request_id: int) -> None:
        self.requests = await db.run(errand_views.confirm_and_show, actor=current_actor(),
                                     request_id=arg_id(request_id), lang=self.lang)
        self.notice = tr("errands.confirmed_thanks", self.lang)

    @guarded(*ASK_ROLES)
    async def cancel(self, form_data: dict) -> None:
        data = CancelForm.model_validate(form_dict(form_data))
        self.requests = await db.run(errand_views.cancel_and_show, actor=current_actor(),
                                     request_id=data.request_id, reason=data.reason,
                                     household_id=self.household_id, lang=self.lang)
        self.notice = tr("errands.cancelled_notice", self.lang)

    @guarded(Role.household, Role.admin)
    async def show_photo(self, request_id: int) -> None:
        self.photo_url = await db.run(errand_photos.photo_data_url, actor=current_actor(),
                                      request_id=arg_id(request_id), kind="delivery")

    @guarded(*ASK_ROLES)
    def hide_photo(self) -> None:
        self.photo_url = ""
