"""The admin's /patrol/log page (pages/patrol/log.py): the night's log (签到本) with trends,
watched households' dark runs, lit-but-registered-empty flats and volunteer hours."""

from __future__ import annotations

from datetime import date

from community_app import db
from community_app.models import Role
from community_app.services.errors import ServiceError
from community_app.services.patrol import log as patrol_log
from community_app.services.patrol.followups import FollowUpRow
from community_app.services.patrol.hours import WeekHours
from community_app.services.patrol.log import LogBuilding, LogPerson
from community_app.services.patrol.trends import LitEmpty, WatchedRun
from community_app.state.base import AppState
from community_app.state.guard import current_actor, guarded


class PatrolLogState(AppState):
    """One night's log and the trends up to it; the whole page is one read (`log_page`).

    One summary row per building, with its follow-ups and lit-ratio trend folded under it.
    """

    log_night: str = ""
    log_people: list[LogPerson] = []
    log_buildings: list[LogBuilding] = []
    missed: int = 0
    runs: list[WatchedRun] = []
    lit_empty: list[LitEmpty] = []
    hours: list[WeekHours] = []
    escalated: list[FollowUpRow] = []

    async def _show_log(self, night: date | None) -> None:
        page = await db.run(patrol_log.log_page, actor=current_actor(), night=night)
        self.log_night = page.night
        self.log_people, self.log_buildings = page.log.people, page.log.buildings
        # Each building's follow-ups and trend travel inside its row (log_buildings).
        self.missed = page.log.missed
        self.runs, self.lit_empty = page.runs, page.lit_empty
        self.hours, self.escalated = page.hours, page.escalated

    @guarded(Role.admin)
    async def load_log(self) -> None:
        self.notice = ""
        raw = str(self.router.url.query_parameters.get("night", ""))
        try:
            night: date | None = date.fromisoformat(raw)
        except ValueError:
            night = None  # tonight's patrol night
        await self._show_log(night)

    @guarded(Role.admin)
    async def set_log_night(self, value: str) -> None:
        try:
            night = date.fromisoformat(str(value))
        except ValueError:
            raise ServiceError("err.bad_request") from None
        await self._show_log(night)
