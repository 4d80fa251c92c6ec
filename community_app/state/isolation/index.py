"""The worker's today board at /isolation (pages/isolation/index.py): due items, alerts, pad.

Every handler validates its own payload: ids must be positive ints, texts are bounded,
and the services decide scope (a household only ever reaches its own case). Each handler
makes one service call: a load reads the board, a write returns the board after it.
The pad and the item sheets live in the browser (components/sheets.py): the server holds
no "open" pad or sheet, so a reconnect cannot drop what the worker is entering, and every
write is a form with a client UUID that the outbox can apply later, once (TICK_REPLAYER,
state/isolation/pad.py for readings). One case is in case.py, opening a case in new.py,
the household's page in home.py.
"""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db
from community_app.i18n import tr
from community_app.models import STAFF_ACTIONS
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError
from community_app.services.isolation import board as isolation_board
from community_app.services.isolation.access import STAFF
from community_app.services.isolation.board import BoardCase
from community_app.services.isolation.readings import AlertRow
from community_app.state.base import AppState
from community_app.state.common import arg_id
from community_app.state.guard import current_actor, guarded
from community_app.state.isolation.pad import parse_reading, staff_record
from community_app.state.outbox import Replayer, outbox_replay


class TickForm(BaseModel):
    """An item ticked (done, a check-in with its note) or marked "could not" (a reason)."""

    uuid: str = Field(min_length=32, max_length=36)
    item_id: int = Field(ge=1)
    done: bool
    note: str = Field(default="", max_length=500)
    reason: str = Field(default="", max_length=200)


def parse_tick(form: object) -> TickForm:
    return TickForm.model_validate(form if isinstance(form, dict) else {})


async def apply_tick(actor: Actor, data: TickForm,
                     redraw: bool = True) -> isolation_board.BoardTick:
    return await db.run(isolation_board.tick, actor=actor, item_id=data.item_id,
                        done=data.done, note=data.note, reason=data.reason, uuid=data.uuid,
                        redraw=redraw)


async def _replay_tick(actor: Actor, form: dict) -> bool:
    return (await apply_tick(actor, parse_tick(form), redraw=False)).applied


# Registered for the kind "tick" by the composition root (community_app.py).
TICK_REPLAYER = Replayer(roles=STAFF, apply=_replay_tick, saved_key="isolation.ticks_saved",
                         refused_key="isolation.ticks_refused")


class IsolationState(AppState):
    """The worker's today board at /isolation."""

    today: str = ""
    alerts: list[AlertRow] = []
    cases: list[BoardCase] = []
    # Items ticked since the board was drawn, hidden over `cases` (and counted per case), so
    # a tick sends these few numbers, not every case again.
    gone: list[int] = []
    gone_due: dict[str, int] = {}  # case id -> items gone
    gone_overdue: dict[str, int] = {}  # case id -> overdue items gone

    def _show(self, board: isolation_board.Board) -> None:
        self.today = board.today
        self.alerts = board.alerts
        self.cases = board.cases
        self.gone, self.gone_due, self.gone_overdue = [], {}, {}

    def _on_board(self, item_id: int) -> tuple[str, bool] | None:
        """(case id, overdue) of an item this board lists and has not dropped yet."""
        if item_id in self.gone:
            return None
        for case in self.cases:
            for item in case.due:
                if item.id == item_id:
                    return str(case.id), item.overdue
        return None

    def _drop(self, case_id: str, item_id: int, overdue: bool) -> None:
        self.gone = [*self.gone, item_id]
        self.gone_due = {**self.gone_due, case_id: self.gone_due.get(case_id, 0) + 1}
        if overdue:
            self.gone_overdue = {**self.gone_overdue,
                                 case_id: self.gone_overdue.get(case_id, 0) + 1}

    @guarded(*STAFF)
    async def load(self) -> rx.event.EventSpec:
        self._show(await db.run(isolation_board.today_board, actor=current_actor()))
        return outbox_replay()  # readings and ticks kept on this phone while offline

    @guarded(*STAFF)
    async def submit_tick(self, form_data: dict) -> None:
        data = parse_tick(form_data)
        shown = self._on_board(data.item_id)
        ticked = await apply_tick(current_actor(), data, redraw=shown is None)
        if ticked.board is not None:
            self._show(ticked.board)
        elif shown is not None:
            self._drop(shown[0], data.item_id, shown[1])

    @guarded(*STAFF)
    async def act(self, alert_id: int, action: str) -> None:
        if action not in {a.value for a in STAFF_ACTIONS}:
            raise ServiceError("err.bad_request")
        self._show(await db.run(isolation_board.act, actor=current_actor(),
                                alert_id=arg_id(alert_id), action=action))
        self._flash(tr("isolation.action_saved", self.lang))

    @guarded(*STAFF)
    async def save_reading(self, form_data: dict) -> None:
        actor = current_actor()
        saved = await staff_record(actor, parse_reading(form_data, actor.role))
        key = "isolation.reading_fever_staff" if saved.reading.fever else "isolation.reading_saved"
        self._flash(tr(key, self.lang, value=saved.reading.value))
        self._show(saved.board)
