"""The daily report page: pick the day and cut-off, read it, print it, download it."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, time

import reflex as rx
from pydantic import BaseModel

from community_app import db
from community_app.models import Role
from community_app.services import report, report_sheet
from community_app.services.clock import local_day
from community_app.services.errors import ServiceError
from community_app.services.report import (
    IsolationLine,
    ReportRow,
    RoundOption,
    TrendPoint,
)
from community_app.state.base import AppState
from community_app.state.guard import current_actor, guarded


class ReportQuery(BaseModel):
    day: date
    cutoff: time = report.DEFAULT_CUTOFF


def _today() -> str:
    return local_day().isoformat()


class ReportState(AppState):
    day: str = ""
    cutoff: str = "16:00"
    community: str = ""
    round_name: str = ""
    round_id: int = 0  # the round counted; 0 asks for the community round
    rounds: list[RoundOption] = []  # the round picker: every round of the community
    total: ReportRow = ReportRow(name="")
    change: ReportRow = ReportRow(name="")
    compounds: list[ReportRow] = []
    trend: list[TrendPoint] = []
    isolation: IsolationLine = IsolationLine()

    async def _fetch(self) -> report.DailyReport:
        query = ReportQuery.model_validate({"day": self.day or _today(), "cutoff": self.cutoff})
        return await db.run(report.daily_report, actor=current_actor(), day=query.day,
                            cutoff=query.cutoff, round_id=self.round_id or None)

    async def _show(self) -> None:
        rep = await self._fetch()
        self.day, self.cutoff = rep.day, rep.cutoff
        self.community, self.round_name = rep.community, rep.round_name
        self.round_id, self.rounds = rep.round_id, rep.rounds
        self.total, self.change, self.compounds = rep.total, rep.change, rep.compounds
        self.trend = rep.trend
        self.isolation = rep.isolation

    @guarded(Role.admin)
    async def load(self) -> None:
        self.day, self.round_id = self.day or _today(), 0  # opens on the community round
        await self._show()

    @guarded(Role.admin)
    async def choose_round(self, value: str) -> None:
        value = str(value)
        if not value.isdigit() or int(value) not in {r.id for r in self.rounds}:
            raise ServiceError("err.bad_request")
        self.round_id = int(value)
        await self._show()

    @guarded(Role.admin)
    async def choose(self, form_data: dict) -> None:
        form = form_data if isinstance(form_data, dict) else {}
        query = ReportQuery.model_validate({"day": form.get("day") or _today(),
                                            "cutoff": form.get("cutoff") or "16:00"})
        self.day, self.cutoff = query.day.isoformat(), query.cutoff.strftime("%H:%M")
        await self._show()

    @guarded(Role.admin)
    async def download(self) -> rx.event.EventSpec:
        rep = await self._fetch()
        return rx.download(data=report_sheet.report_xlsx(rep, self.lang),
                           filename=report_sheet.file_name(rep, self.lang))

    @rx.var
    def trend_data(self) -> list[dict]:
        return [asdict(p) for p in self.trend]
