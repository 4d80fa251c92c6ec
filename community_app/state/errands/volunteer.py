"""Errands for a volunteer: the state of the queue (/errands) and their run (/errands/run).

This module holds `VolunteerState`: claiming from the queue, calling a household, releasing
a claim, starting a run, the steps of a run (ticking the shopping list, the amount spent,
delivering: forms kept in the outbox, run_steps.py), and the private delivery and receipt
photos. Both pages share one state: a claim on the queue is the first step of the run.

Invariants
- Each handler makes one service call: a load reads `queue.queue_screen` /
  `my_run.run_screen`; a step (`*_and_show`) returns the screen as it is after it. A
  refused claim reads the queue once more, so the next screen shows who won.
- A run step applies once per client UUID; the run page's load replays the steps the
  phone kept while offline.
- The full phone number reaches the browser only for requests this volunteer holds.
"""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field, ValidationError

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.errands import my_run as errand_run
from community_app.services.errands import photos as errand_photos
from community_app.services.errands import queue as errand_queue
from community_app.services.errands.my_run import MyRequest, MyRun, ShoppingEntry
from community_app.services.errands.queue import QueueGroup
from community_app.services.errors import ServiceError
from community_app.state import browser
from community_app.state.base import AppState
from community_app.state.browser import reset_uuid
from community_app.state.common import arg_id, form_dict
from community_app.state.errands.run_steps import KIND, StepForm, apply_step, form_id
from community_app.state.guard import current_actor, guarded
from community_app.state.outbox import outbox_replay

# What a volunteer is told when a step is stored (the others show on the line itself).
NOTICES = {"amount": "common.saved", "delivered": "errands.delivered_notice"}


class RunForm(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)


class PhotoAnswer(BaseModel):
    """The photo route's JSON as upload.js hands it on: untrusted, checked against the sheet."""

    ok: bool = False
    request: int = 0
    kind: str = Field("", max_length=12)
    key: str = Field("", max_length=80)
    reason: str = Field("", max_length=20)  # upload.js: no_file, busy, network


# What the photo route may refuse with; anything else reads as junk.
_PHOTO_REFUSALS = ("errands.bad_photo", "errands.wrong_step", "err.session", "err.denied",
                   "err.bad_request")


def photo_was_stored(answer: object, request_id: int, kind: str) -> bool:
    """True when the route stored the photo of the open sheet, False for a second tap while
    the first uploads; every refusal raises its message."""
    try:
        data = PhotoAnswer.model_validate(answer if isinstance(answer, dict) else {})
    except ValidationError:
        raise ServiceError("err.bad_request") from None
    if data.ok:
        if (data.request, data.kind) != (request_id, kind) or request_id < 1:
            raise ServiceError("err.bad_request")
        return True
    if data.reason == "busy":
        return False
    if data.reason == "no_file":
        raise ServiceError("errands.bad_photo")
    if data.reason == "network":
        raise ServiceError("errands.photo_failed")
    raise ServiceError(data.key if data.key in _PHOTO_REFUSALS else "err.bad_request")


class VolunteerState(AppState):
    """The volunteer queue (/errands) and their own run (/errands/run)."""

    queue: list[QueueGroup] = []
    mine: list[MyRequest] = []
    shopping: list[ShoppingEntry] = []
    # Shopping lines an item step changed since the run was drawn (item id -> outcome /
    # substitute), drawn over `shopping`: a tick sends these, not the whole run again.
    outcomes: dict[str, str] = {}
    substitutes: dict[str, str] = {}
    owed: str = "0.00"
    photo_for: int = 0
    photo_kind: str = "delivery"
    photo_url: str = ""
    photo_name: str = ""

    @rx.var
    def has_claimed(self) -> bool:
        return any(r.status == "claimed" for r in self.mine)

    def _show_run(self, run: MyRun) -> None:
        self.mine, self.shopping, self.owed = run.requests, run.shopping, run.owed
        self.outcomes, self.substitutes = {}, {}

    def _shows_line(self, item_id: int) -> bool:
        return any(line.item_id == item_id for entry in self.shopping for line in entry.lines)

    async def _reload_run(self) -> None:
        self._show_run(await db.run(errand_run.my_run, actor=current_actor(), lang=self.lang))

    @guarded(Role.volunteer)
    async def load_queue(self) -> None:
        self.queue = await db.run(errand_queue.queue_screen, actor=current_actor(),
                                  lang=self.lang)

    @guarded(Role.volunteer)
    async def load_run(self) -> rx.event.EventSpec:
        self.photo_for = 0
        self.photo_url = ""
        self._show_run(await db.run(errand_run.run_screen, actor=current_actor(),
                                    lang=self.lang))
        return outbox_replay(KIND)  # steps kept on this phone while there was no signal

    @guarded(Role.volunteer)
    async def claim(self, request_id: int) -> None:
        actor = current_actor()
        try:
            self.queue = await db.run(errand_queue.claim_and_show, actor=actor,
                                      request_id=arg_id(request_id), lang=self.lang)
        except ServiceError:
            # Someone else won (or it is gone): the queue shown next is the one in the database.
            self.queue = await db.run(errand_queue.volunteer_queue, actor=actor, lang=self.lang)
            raise
        self.notice = tr("errands.claimed_notice", self.lang)

    @guarded(Role.volunteer)
    async def call(self, request_id: int) -> rx.event.EventSpec | None:
        """Dial the household: the full number reaches the phone only on this tap."""
        phone = await db.run(errand_queue.contact_phone, actor=current_actor(),
                             request_id=arg_id(request_id))
        if not phone:
            return None
        return browser.dial(phone)

    @guarded(Role.volunteer)
    async def release(self, request_id: int) -> None:
        self._show_run(await db.run(errand_run.release_and_show, actor=current_actor(),
                                    request_id=arg_id(request_id), lang=self.lang))
        self.notice = tr("errands.released_notice", self.lang)

    @guarded(Role.volunteer)
    async def start_run(self, form_data: dict) -> rx.event.EventSpec:
        data = RunForm.model_validate(form_dict(form_data))
        self._show_run(await db.run(errand_run.start_and_show, actor=current_actor(),
                                    uuid=data.uuid, lang=self.lang))
        return reset_uuid("run-form")

    @guarded(Role.volunteer)
    async def submit_step(self, form_data: dict) -> list[rx.event.EventSpec]:
        """A step of the run (run_steps.py): applied once per client UUID, so the same form
        arriving again after a reconnect, or from the outbox, changes nothing."""
        data = StepForm.model_validate(form_dict(form_data))
        shown = await apply_step(current_actor(), data, self.lang,
                                 redraw=not self._shows_line(data.item_id))
        if shown.run is not None:
            self._show_run(shown.run)
        elif shown.line is not None:
            key = str(shown.line.item_id)
            self.outcomes = {**self.outcomes, key: shown.line.outcome}
            self.substitutes = {**self.substitutes, key: shown.line.substitute}
        if shown.applied and data.step in NOTICES:
            self.notice = tr(NOTICES[data.step], self.lang)
        return [browser.outbox_done(data.uuid), reset_uuid(form_id(data))]

    @guarded(Role.volunteer)
    def choose_photo(self, request_id: int, kind: str) -> None:
        if kind not in ("delivery", "receipt"):
            raise ServiceError("err.bad_request")
        self.photo_for, self.photo_kind = arg_id(request_id), kind
        self.photo_name = ""

    @guarded(Role.volunteer)
    def cancel_photo(self) -> None:
        self.photo_for = 0
        self.photo_name = ""

    @guarded(Role.volunteer)
    def pick_photo(self, value: str) -> None:
        """The file input changed: show its name (the browser says C:\\fakepath\\name)."""
        if not isinstance(value, str):
            raise ServiceError("err.bad_request")
        self.photo_name = value.replace("\\", "/").rsplit("/", 1)[-1][:200]

    @guarded(Role.volunteer)
    async def photo_stored(self, answer: dict) -> None:
        """The photo route stored it (community_app/uploads.py, authorised by that request's
        own cookie; `/_upload` stores nothing): close the sheet, read the run back."""
        if not photo_was_stored(answer, self.photo_for, self.photo_kind):
            return
        self.photo_for = 0
        self.photo_name = ""
        self.notice = tr("errands.photo_saved", self.lang)
        await self._reload_run()

    @guarded(Role.volunteer)
    async def show_photo(self, request_id: int, kind: str) -> None:
        self.photo_url = await db.run(errand_photos.photo_data_url, actor=current_actor(),
                                      request_id=arg_id(request_id), kind=str(kind))

    @guarded(Role.volunteer)
    def hide_photo(self) -> None:
        self.photo_url = ""
