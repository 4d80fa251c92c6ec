"""The subdistrict's /reporting screen: today's roll-up, sortable, its Excel, reminders."""

from __future__ import annotations

from dataclasses import asdict

import reflex as rx

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.clock import local_day
from community_app.services.errors import ServiceError
from community_app.services.reporting import deadlines, reminders, rollup, sheet
from community_app.services.reporting.rollup import RollupRow, TrendDay
from community_app.state.base import AppState
from community_app.state.common import arg_id, form_dict
from community_app.state.guard import current_actor, guarded


class RollupState(AppState):
    day: str = ""
    deadline: str = ""
    rows: list[RollupRow] = []
    total: RollupRow = RollupRow(community_id=0, community="")
    submitted: int = 0
    late: int = 0
    pending: int = 0
    trend: list[TrendDay] = []
    sort_key: str = "community"
    descending: bool = False

    async def _fetch(self) -> rollup.Rollup:
        return await db.run(rollup.rollup, actor=current_actor(), day=local_day())

    async def _show(self) -> None:
        up = await self._fetch()
        self.day, self.deadline, self.total, self.trend = up.day, up.deadline, up.total, up.trend
        self.submitted, self.late, self.pending = up.submitted, up.late, up.pending
        self.rows = rollup.sort_rows(up.rows, self.sort_key, self.descending)

    @guarded(Role.subdistrict)
    async def load(self) -> None:
        await self._show()

    @guarded(Role.subdistrict)
    async def sort_by(self, key: str) -> None:
        if not isinstance(key, str) or key not in rollup.SORT_KEYS:
            raise ServiceError("err.bad_request")
        self.sort_key = key
        self.rows = rollup.sort_rows(self.rows, self.sort_key, self.descending)

    @guarded(Role.subdistrict)
    async def set_descending(self, value: bool) -> None:
        self.descending = value is True
        self.rows = rollup.sort_rows(self.rows, self.sort_key, self.descending)

    @guarded(Role.subdistrict)
    async def remind(self, community_id: int) -> None:
        await db.run(reminders.remind, actor=current_actor(),
                     community_id=arg_id(community_id), day=local_day())
        await self._show()
        self._flash(tr("reporting.remind_sent", self.lang))

    @guarded(Role.subdistrict)
    async def set_deadline(self, form_data: dict) -> None:
        raw = form_dict(form_data).get("deadline", "")
        if not isinstance(raw, str) or len(raw) > 8:
            raise ServiceError("reporting.bad_deadline")
        await db.run(deadlines.set_deadline, actor=current_actor(), deadline=raw[:5])
        await self._show()
        self._flash(tr("reporting.deadline_saved", self.lang, time=self.deadline))

    @guarded(Role.subdistrict)
    async def download(self) -> rx.event.EventSpec:
        up = await self._fetch()
        return rx.download(data=sheet.rollup_xlsx(up, self.lang),
                           filename=sheet.file_name(up, self.lang))

    @rx.var
    def trend_data(self) -> list[dict]:
        return [asdict(p) for p in self.trend]
