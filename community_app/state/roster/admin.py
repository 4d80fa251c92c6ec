"""The admin's roster (/roster): new shifts, the board (short shifts red, attendance,
no-shows, assigning a backfill), every volunteer's hours and their Excel.

Each handler is one write and one read of the page. Not an offline form: the admin plans
shifts in the office (README "Offline")."""

from __future__ import annotations

import reflex as rx

from community_app import db
from community_app.i18n import tr
from community_app.models import Role, ShiftKind
from community_app.services import gate_roster, hours_sheet, volunteer_hours
from community_app.services.roster import shifts, views
from community_app.services.roster.views import BoardShift, Helper
from community_app.services.volunteer_hours import VolunteerHours
from community_app.state.base import AppState
from community_app.state.browser import reset_uuid
from community_app.state.common import arg_id, form_dict
from community_app.state.guard import current_actor, guarded
from community_app.state.roster.forms import form_id_value, shift_from_form

SHIFT_FORM_ID = "shift-form"


def assign_form_id(shift_id: object) -> str:
    return f"assign-{shift_id}"


class RosterAdminState(AppState):
    board: list[BoardShift] = []
    volunteers: list[Helper] = []
    hours: list[VolunteerHours] = []
    gate_places: list[str] = []  # the checkpoints' names, the places of a gate shift
    new_kind: str = "gate"  # the kind chosen in the new-shift form

    async def _show(self) -> None:
        actor = current_actor()
        self.board = await db.run(views.board, actor=actor)
        self.volunteers = await db.run(views.volunteers, actor=actor)
        self.hours = await db.run(volunteer_hours.community_hours, actor=actor)
        self.gate_places = await db.run(gate_roster.gate_places, actor=actor)

    @guarded(Role.admin)
    async def load(self) -> None:
        await self._show()

    @guarded(Role.admin)
    async def create_shift(self, form_data: dict) -> rx.event.EventSpec:
        uuid, data = shift_from_form(form_dict(form_data))
        await db.run(gate_roster.create_shift, actor=current_actor(), uuid=uuid, data=data)
        await self._show()
        self._flash(tr("roster.shift_added", self.lang))
        return reset_uuid(SHIFT_FORM_ID)

    @guarded(Role.admin)
    async def choose_kind(self, kind: str) -> None:
        """The form offers the checkpoints as places for a gate shift, else a free text."""
        self.new_kind = kind if isinstance(kind, str) and kind in set(ShiftKind) else "gate"

    @guarded(Role.admin)
    async def assign(self, form_data: dict) -> rx.event.EventSpec:
        form = form_dict(form_data)
        shift_id = form_id_value(form, "shift_id")
        await db.run(shifts.assign, actor=current_actor(), uuid=str(form.get("uuid", "")),
                     shift_id=shift_id, user_id=form_id_value(form, "user_id"))
        await self._show()
        self._flash(tr("roster.assigned", self.lang))
        return reset_uuid(assign_form_id(shift_id))

    @guarded(Role.admin)
    async def mark_worked(self, shift_id: int, user_id: int) -> None:
        await db.run(shifts.mark_worked, actor=current_actor(), shift_id=arg_id(shift_id),
                     user_id=arg_id(user_id))
        await self._show()
        self._flash(tr("roster.marked", self.lang))

    @guarded(Role.admin)
    async def mark_no_show(self, shift_id: int, user_id: int) -> None:
        await db.run(shifts.mark_no_show, actor=current_actor(), shift_id=arg_id(shift_id),
                     user_id=arg_id(user_id))
        await self._show()
        self._flash(tr("roster.marked", self.lang))

    @guarded(Role.admin)
    async def download(self) -> rx.event.EventSpec:
        rows = await db.run(volunteer_hours.community_hours, actor=current_actor(), masked=False)
        return rx.download(data=hours_sheet.hours_xlsx(rows, self.lang),
                           filename=hours_sheet.file_name(self.lang))
