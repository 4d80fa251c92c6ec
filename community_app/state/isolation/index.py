"""The worker's today board at /isolation (pages/isolation/index.py): due items, alerts, pad.

Every handler validates its own payload: ids must be positive ints, texts are bounded,
and the services decide scope (a household only ever reaches its own case). Each handler
makes one service call: a load reads the board, a write returns the board after it.
One case is in case.py, opening a case in new.py, the household's page in home.py.
"""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db
from community_app.i18n import tr
from community_app.models import STAFF_ACTIONS
from community_app.services.errors import ServiceError
from community_app.services.isolation import board as isolation_board
from community_app.services.isolation.access import STAFF
from community_app.services.isolation.board import BoardCase
from community_app.services.isolation.readings import AlertRow
from community_app.state.base import AppState
from community_app.state.browser import reset_uuid
from community_app.state.common import arg_id
from community_app.state.guard import current_actor, guarded
from community_app.state.isolation.pad import PadMixin, pad_next, pad_value


class Reading(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)


class CouldNot(BaseModel):
    reason: str = Field(min_length=1, max_length=200)


class CheckinNote(BaseModel):
    note: str = Field(default="", max_length=500)


class IsolationState(PadMixin, AppState):
    """The worker's today board at /isolation."""

    today: str = ""
    alerts: list[AlertRow] = []
    cases: list[BoardCase] = []
    cannot_item_id: int = 0
    note_item_id: int = 0
    pad_source: str = "phone"

    def _show(self, board: isolation_board.Board) -> None:
        self.today = board.today
        self.alerts = board.alerts
        self.cases = board.cases

    @guarded(*STAFF)
    async def load(self) -> None:
        self._close_pad()
        self.cannot_item_id = self.note_item_id = 0
        self._show(await db.run(isolation_board.today_board, actor=current_actor()))

    @guarded(*STAFF)
    async def mark_done(self, item_id: int) -> None:
        self._show(await db.run(isolation_board.tick, actor=current_actor(),
                                item_id=arg_id(item_id), done=True))

    @guarded(*STAFF)
    def start_cannot(self, item_id: int) -> None:
        self.cannot_item_id = arg_id(item_id)

    @guarded(*STAFF)
    def cancel_cannot(self) -> None:
        self.cannot_item_id = self.note_item_id = 0

    @guarded(*STAFF)
    def start_note(self, item_id: int) -> None:
        """The daily check-in is ticked with a note on how they are doing (mood, needs)."""
        self.note_item_id = arg_id(item_id)

    @guarded(*STAFF)
    async def submit_note(self, form_data: dict) -> None:
        data = CheckinNote.model_validate(form_data if isinstance(form_data, dict) else {})
        board = await db.run(isolation_board.tick, actor=current_actor(),
                             item_id=arg_id(self.note_item_id), done=True, note=data.note)
        self.note_item_id = 0
        self._show(board)

    @guarded(*STAFF)
    async def submit_cannot(self, form_data: dict) -> None:
        data = CouldNot.model_validate(form_data if isinstance(form_data, dict) else {})
        board = await db.run(isolation_board.tick, actor=current_actor(),
                             item_id=arg_id(self.cannot_item_id), done=False, reason=data.reason)
        self.cannot_item_id = 0
        self._show(board)

    @guarded(*STAFF)
    async def act(self, alert_id: int, action: str) -> None:
        if action not in {a.value for a in STAFF_ACTIONS}:
            raise ServiceError("err.bad_request")
        self._show(await db.run(isolation_board.act, actor=current_actor(),
                                alert_id=arg_id(alert_id), action=action))
        self._flash(tr("isolation.action_saved", self.lang))

    @guarded(*STAFF)
    def open_pad(self, case_id: int, resident_id: int, name: str) -> None:
        self._open_pad(case_id, resident_id, name)
        self.pad_source = "phone"

    @guarded(*STAFF)
    def set_pad_source(self, source: str | list[str]) -> None:
        self.pad_source = "door" if source == "door" else "phone"

    @guarded(*STAFF)
    def close_pad(self) -> None:
        self._close_pad()

    @guarded(*STAFF)
    def pad_key(self, key: str) -> None:
        self.pad_digits = pad_next(self.pad_digits, key)

    @guarded(*STAFF)
    async def save_reading(self, form_data: dict) -> rx.event.EventSpec:
        data = Reading.model_validate(form_data if isinstance(form_data, dict) else {})
        if not self.pad_case_id or not self.pad_digits:
            raise ServiceError("isolation.temp_invalid")
        saved = await db.run(
            isolation_board.record, actor=current_actor(), uuid=data.uuid,
            case_id=self.pad_case_id, resident_id=self.pad_resident_id,
            value=pad_value(self.pad_digits),
            source="door" if self.pad_source == "door" else "phone",
        )
        self._close_pad()  # only once saved: a refused value stays on the pad to correct
        key = "isolation.reading_fever" if saved.reading.fever else "isolation.reading_saved"
        self._flash(tr(key, self.lang, value=saved.reading.value))
        self._show(saved.board)
        return reset_uuid("pad-form")
