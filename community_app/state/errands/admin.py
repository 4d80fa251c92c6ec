"""Errands for an admin: the state of the /errands/admin desk.

This module holds `ErrandsAdminState`: the counts of open, in-progress and delivered
requests, late and returned requests, money owed to volunteers with settlement, and the
spending of the last 7 days, and the private door / receipt photos of each advanced or
recently delivered request (fetched through `photos.photo_data_url`, admins only).

Invariants
- Each handler makes one service call: the load reads `overview.desk_screen`; settling
  returns the desk as it is after it.
"""

from __future__ import annotations

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.errands import overview as errand_overview
from community_app.services.errands import photos as errand_photos
from community_app.services.errands.overview import (
    Bill,
    DaySpend,
    LateRow,
    Overview,
    OwedRow,
    ReturnedRow,
)
from community_app.services.errors import ServiceError
from community_app.state.base import AppState
from community_app.state.common import arg_id
from community_app.state.guard import current_actor, guarded


class ErrandsAdminState(AppState):
    """/errands/admin: open / in progress / delivered today, late requests, money owed."""

    open: int = 0
    in_progress: int = 0
    delivered_today: int = 0
    average_minutes: int = 0
    late: list[LateRow] = []
    returned: list[ReturnedRow] = []
    owed: list[OwedRow] = []
    days: list[DaySpend] = []
    week_total: str = "0.00"
    bills: list[Bill] = []
    recent: list[Bill] = []
    photo_url: str = ""

    def _show(self, o: Overview) -> None:
        self.open, self.in_progress = o.open, o.in_progress
        self.delivered_today, self.average_minutes = o.delivered_today, o.average_minutes
        self.late, self.returned, self.owed = o.late, o.returned, o.owed
        self.days, self.week_total = o.days, o.week_total
        self.bills, self.recent = o.bills, o.recent

    @guarded(Role.admin)
    async def load(self) -> None:
        self.photo_url = ""
        self._show(await db.run(errand_overview.desk_screen, actor=current_actor()))

    @guarded(Role.admin)
    async def settle(self, volunteer_id: int) -> None:
        settled = await db.run(errand_overview.settle_and_show, actor=current_actor(),
                               volunteer_id=arg_id(volunteer_id))
        self._show(settled.overview)
        self.notice = tr("errands.settled_notice", self.lang, amount=f"{settled.amount:.2f}")

    @guarded(Role.admin)
    async def show_photo(self, request_id: int, kind: str) -> None:
        """The door or receipt photo, as a data URL from the checked service (never a URL)."""
        if kind not in ("delivery", "receipt"):
            raise ServiceError("err.bad_request")
        self.photo_url = await db.run(errand_photos.photo_data_url, actor=current_actor(),
                                      request_id=arg_id(request_id), kind=kind)
        if not self.photo_url:
            self.notice = tr("errands.no_photo", self.lang)

    @guarded(Role.admin)
    def hide_photo(self) -> None:
        self.photo_url = ""
