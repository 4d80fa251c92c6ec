"""One isolation case at /isolation/case (pages/isolation/case.py): extend, close, release,
request supplies again, the day-by-day history and its CSV.

Every handler validates its own payload: ids must be positive ints, texts are bounded, and
the services decide scope. Each handler makes one service call: the load reads the case,
a write returns the case after it (services.isolation.history).
"""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db
from community_app.i18n import tr
from community_app.models import CloseReason, Role
from community_app.services.isolation import history as isolation_history
from community_app.services.isolation.access import STAFF
from community_app.services.isolation.history import HistoryDay
from community_app.state.base import AppState
from community_app.state.browser import reset_uuid
from community_app.state.common import arg_id, query_int
from community_app.state.guard import current_actor, guarded


class Extend(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    days: int = Field(ge=1, le=30)
    note: str = Field(default="", max_length=200)


class Close(BaseModel):
    reason: CloseReason
    note: str = Field(default="", max_length=200)


class CaseState(AppState):
    """One case: facts, extend / close / release, the day-by-day history, print and CSV."""

    case_id: int = 0
    address: str = ""
    phone: str = ""
    reason: str = ""
    reason_note: str = ""
    start_date: str = ""
    end_date: str = ""
    period: int = 0
    day_no: int = 0
    status: str = ""
    release_offered: bool = False
    close_reason: str = ""
    closed_day: str = ""
    people: list[str] = []
    worker: str = ""
    extensions: list[str] = []
    history: list[HistoryDay] = []

    @rx.var
    def tel_href(self) -> str:
        return f"tel:{self.phone}" if self.phone else ""

    def _show(self, d: isolation_history.CaseDetail) -> None:
        self.case_id = d.id
        self.address, self.phone, self.reason, self.reason_note = (
            d.address, d.phone, d.reason, d.reason_note)
        self.start_date, self.end_date, self.period, self.day_no = (
            d.start_date, d.end_date, d.period, d.day_no)
        self.status, self.release_offered = d.status, d.release_offered
        self.close_reason, self.closed_day = d.close_reason, d.closed_day
        self.people, self.worker, self.extensions = d.people, d.worker, d.extensions
        self.history = d.history

    @guarded(*STAFF)
    async def load(self) -> None:
        self.case_id = 0  # stays 0 (nothing to act on) when the id is refused
        self._show(await db.run(isolation_history.case_detail, actor=current_actor(),
                                case_id=query_int(self, "id")))

    @guarded(*STAFF)
    async def extend(self, form_data: dict) -> rx.event.EventSpec:
        data = Extend.model_validate(form_data if isinstance(form_data, dict) else {})
        self._show(await db.run(isolation_history.extend, actor=current_actor(),
                                case_id=arg_id(self.case_id), days=data.days, note=data.note,
                                uuid=data.uuid))
        self._flash(tr("isolation.extended", self.lang))
        return reset_uuid("extend-form")

    @guarded(*STAFF)
    async def release(self) -> None:
        self._show(await db.run(isolation_history.release, actor=current_actor(),
                                case_id=arg_id(self.case_id)))
        self._flash(tr("isolation.released", self.lang))

    @guarded(*STAFF)
    async def close(self, form_data: dict) -> None:
        data = Close.model_validate(form_data if isinstance(form_data, dict) else {})
        self._show(await db.run(isolation_history.close, actor=current_actor(),
                                case_id=arg_id(self.case_id), reason=data.reason.value,
                                note=data.note))
        self._flash(tr("isolation.closed", self.lang))

    @guarded(*STAFF)
    async def request_again(self, kind: str) -> None:
        self._show(await db.run(isolation_history.request_again, actor=current_actor(),
                                case_id=arg_id(self.case_id), kind=str(kind)[:24]))
        self._flash(tr("isolation.requested", self.lang))

    @guarded(Role.admin)
    async def export_csv(self) -> rx.event.EventSpec:
        text = await db.run(isolation_history.history_csv, actor=current_actor(),
                            case_id=arg_id(self.case_id), lang=self.lang)
        name = tr("isolation.csv.file", self.lang, case=self.case_id)
        return rx.download(data="\ufeff" + text, filename=name)
