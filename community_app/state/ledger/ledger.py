"""The ledger (台账) page (/ledger).

Invariants
- Lists hold masked names and phones only (`LedgerRow`); the detail sheet holds full
  values, and only after the service has checked the household is in the actor's scope.
- The sheet is personal data in a var the browser receives: it is emptied when closed, on
  every search, page turn and load, so it never outlives the look it was opened for.
- Exports are plain links to the download route (community_app/api.py), never state; the
  link's query comes from the same filter the page searches with.
- Each handler makes one read: `open_ledger` on load, `search` after a filter change,
  `resident_detail` for the sheet; `correct` one write that returns the sheet read again.
- A correction is for the resident whose sheet is open (its id is the server's, never the
  form's); the list's row is patched with the masked values the service returns.
"""

from __future__ import annotations

import dataclasses

import reflex as rx

from community_app import db, routes
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.errors import ServiceError
from community_app.services.ledger import correction, export_log
from community_app.services.ledger import detail as ledger_detail
from community_app.services.ledger import search as ledger
from community_app.services.ledger.detail import ResidentDetail
from community_app.services.ledger.export_log import ExportRow
from community_app.services.ledger.filters import GROUPS, LedgerFilter, query_from_filters
from community_app.services.ledger.search import (
    BuildingChoice,
    LedgerPage,
    LedgerRow,
    RoundOption,
)
from community_app.state.base import AppState
from community_app.state.browser import scroll_into_view
from community_app.state.common import form_dict, query_choice
from community_app.state.guard import current_actor, guarded

LIST_TOP = "ledger-total"  # the list's heading: a new page is shown from here

LEDGER_ROLES = (Role.admin, Role.grid_worker)
FLAGS = ("returnee", "recent", "fever", "not_reached")
RECENT_DAYS = 14
PAGE_SIZE = 20


class LedgerState(AppState):
    q: str = ""
    building: str = "all"
    household: int = 0  # one household (?h= from the map's flat), 0 for all
    flags: list[str] = []
    groups: list[str] = []
    page: int = 1
    pages: int = 1
    total: int = 0
    round_name: str = ""
    round_id: int = 0  # the round shown ("不在本轮" is about it); 0 asks for the default
    rounds: list[RoundOption] = []  # the round picker
    rows: list[LedgerRow] = []  # masked
    exports: list[ExportRow] = []  # admin only, on demand
    buildings: list[BuildingChoice] = []
    detail: ResidentDetail = ResidentDetail()  # full values while the sheet is open (id > 0)
    export_query: str = ""

    def _filter(self) -> LedgerFilter:
        return LedgerFilter(
            building_id=int(self.building) if self.building.isdigit() else None,
            household_id=self.household or None,
            returnee="returnee" in self.flags,
            returned_within_days=RECENT_DAYS if "recent" in self.flags else None,
            fever="fever" in self.flags,
            not_reached="not_reached" in self.flags,
            groups=tuple(g for g in GROUPS if g in self.groups),
            q=self.q,
            round_id=self.round_id or None,
        )

    def _show(self, result: LedgerPage, filters: LedgerFilter) -> None:
        self.rows = result.rows
        self.total, self.page, self.pages = result.total, result.page, result.pages
        self.round_name, self.round_id = result.round_name, result.round_id
        self.detail = ResidentDetail()
        self.export_query = query_from_filters(filters, self.lang)

    async def _search(self) -> None:
        filters = self._filter()
        result = await db.run(ledger.search, actor=current_actor(), filters=filters,
                              page=self.page, page_size=PAGE_SIZE)
        self._show(result, filters)

    @rx.var
    def csv_href(self) -> str:
        return f"{routes.EXPORT_CSV}?{self.export_query}"

    @rx.var
    def xlsx_href(self) -> str:
        return f"{routes.EXPORT_XLSX}?{self.export_query}"

    @guarded(*LEDGER_ROLES)
    async def load(self) -> None:
        self.page, self.round_id = 1, 0  # each visit opens on the community round
        self.household = query_choice(self, "h")  # the flat tapped on the map, if any
        filters = self._filter()
        screen = await db.run(ledger.open_ledger, actor=current_actor(), filters=filters,
                              page_size=PAGE_SIZE)
        self.buildings, self.rounds = screen.buildings, screen.rounds
        self._show(screen.page, filters)

    @guarded(*LEDGER_ROLES)
    async def search(self, form_data: dict) -> None:
        text = form_data.get("q", "") if isinstance(form_data, dict) else None
        if not isinstance(text, str) or len(text.strip()) > 30:
            raise ServiceError("err.bad_request")
        self.q, self.page = text.strip(), 1
        await self._search()

    @guarded(*LEDGER_ROLES)
    async def toggle_flag(self, flag: str) -> None:
        if flag not in FLAGS:
            raise ServiceError("err.bad_request")
        self.flags = [f for f in self.flags if f != flag] if flag in self.flags else [
            *self.flags, flag]
        self.page = 1
        await self._search()

    @guarded(*LEDGER_ROLES)
    async def toggle_group(self, group: str) -> None:
        if group not in GROUPS:
            raise ServiceError("err.bad_request")
        self.groups = [g for g in self.groups if g != group] if group in self.groups else [
            *self.groups, group]
        self.page = 1
        await self._search()

    @guarded(*LEDGER_ROLES)
    async def choose_building(self, value: str | list[str]) -> None:
        value = value[0] if isinstance(value, list) and value else value
        if not isinstance(value, str) or not (value == "all" or value.isdigit()):
            raise ServiceError("err.bad_request")
        if value != "all" and int(value) not in {b.id for b in self.buildings}:
            raise ServiceError("err.denied")
        self.building, self.page = value, 1
        await self._search()

    @guarded(*LEDGER_ROLES)
    async def choose_round(self, value: str) -> None:
        value = str(value)
        if not value.isdigit() or int(value) not in {r.id for r in self.rounds}:
            raise ServiceError("err.bad_request")
        self.round_id, self.page = int(value), 1
        await self._search()

    @guarded(*LEDGER_ROLES)
    async def clear(self) -> None:
        self.q, self.building, self.flags, self.groups, self.page = "", "all", [], [], 1
        self.household = 0
        await self._search()

    @guarded(Role.admin)
    async def show_exports(self) -> None:
        """The export log, read when the admin opens it (not on every page load)."""
        self.exports = await db.run(export_log.recent_exports, actor=current_actor())

    @guarded(*LEDGER_ROLES)
    async def next_page(self) -> rx.event.EventSpec:
        if self.page < self.pages:
            self.page += 1
        await self._search()
        return scroll_into_view(LIST_TOP)  # the new page from its first row, not its last

    @guarded(*LEDGER_ROLES)
    async def prev_page(self) -> rx.event.EventSpec:
        if self.page > 1:
            self.page -= 1
        await self._search()
        return scroll_into_view(LIST_TOP)

    @guarded(*LEDGER_ROLES)
    async def open_detail(self, resident_id: int) -> None:
        if not isinstance(resident_id, int) or isinstance(resident_id, bool) or resident_id < 1:
            raise ServiceError("err.bad_request")
        self.detail = ResidentDetail()  # a refused open must not leave the last sheet up
        self.detail = await db.run(ledger_detail.resident_detail, actor=current_actor(),
                                   resident_id=resident_id, round_id=self.round_id or None)

    @guarded(*LEDGER_ROLES)
    def close_detail(self) -> None:
        self.detail = ResidentDetail()

    @guarded(*LEDGER_ROLES)
    async def correct(self, form_data: dict) -> None:
        """Save the corrected entry of the open sheet's resident (who and when are kept)."""
        if self.detail.id < 1:
            raise ServiceError("err.bad_request")
        data = form_dict(form_data)
        # Absent keys: a checkbox left off (False) or a missing text (refused as required).
        edit = correction.ResidentEdit(
            **{k: data[k] for k in correction.CORRECTABLE if k in data})
        done = await db.run(correction.correct_resident, actor=current_actor(),
                            resident_id=self.detail.id, edit=edit,
                            round_id=self.round_id or None)
        self.detail = done.detail
        self.rows = [dataclasses.replace(
            r, name=done.name, phone=done.phone,
            **{g: getattr(done.detail, g) for g in GROUPS}) if r.id == done.detail.id else r
            for r in self.rows]
        self._flash(tr("ledger.corrected" if done.changed else "ledger.correct_same",
                       self.lang))
