"""The admin's /notices page (pages/notices/index.py): compose, the list with read counts
per compound, withdraw, and the daily broadcast schedule.

Each handler is one write and one read of the page (`notices_page`)."""

from __future__ import annotations

import reflex as rx

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.notices import broadcast, compose, views
from community_app.services.notices.broadcast import SlotRow
from community_app.services.notices.views import AdminNotice, Choice
from community_app.state.base import AppState
from community_app.state.browser import reset_form, reset_uuid
from community_app.state.common import arg_id, form_dict
from community_app.state.guard import current_actor, guarded
from community_app.state.notices.forms import NewNotice, NewSlot

COMPOSE_FORM_ID = "notice-compose"
SLOT_FORM_ID = "broadcast-slot-form"


class NoticesAdminState(AppState):
    compounds: list[Choice] = []
    notices: list[AdminNotice] = []
    slots: list[SlotRow] = []

    async def _show(self) -> None:
        page = await db.run(views.notices_page, actor=current_actor())
        self.compounds, self.notices, self.slots = page.compounds, page.notices, page.slots

    @guarded(Role.admin)
    async def load(self) -> None:
        await self._show()

    @guarded(Role.admin)
    async def publish(self, form_data: dict) -> list[rx.event.EventSpec]:
        data = NewNotice.from_form(form_dict(form_data))
        await db.run(compose.create_notice, actor=current_actor(), uuid=data.uuid,
                     text=data.text, priority="urgent" if data.urgent else "normal",
                     whole_community=data.whole_community, compound_ids=data.compound_ids,
                     starts_at=data.starts_at, ends_at=data.ends_at)
        await self._show()
        self._flash(tr("notices.published", self.lang))
        return [reset_form(COMPOSE_FORM_ID), reset_uuid(COMPOSE_FORM_ID)]

    @guarded(Role.admin)
    async def withdraw(self, notice_id: int) -> None:
        await db.run(compose.withdraw_notice, actor=current_actor(), notice_id=arg_id(notice_id))
        await self._show()
        self._flash(tr("notices.withdrawn_done", self.lang))

    @guarded(Role.admin)
    async def add_slot(self, form_data: dict) -> list[rx.event.EventSpec]:
        data = NewSlot.model_validate(form_dict(form_data))
        await db.run(broadcast.add_slot, actor=current_actor(), uuid=data.uuid, at=data.at,
                     text=data.text)
        await self._show()
        self._flash(tr("notices.slot_added", self.lang))
        return [reset_form(SLOT_FORM_ID), reset_uuid(SLOT_FORM_ID)]

    @guarded(Role.admin)
    async def toggle_slot(self, slot_id: int) -> None:
        await db.run(broadcast.toggle_slot, actor=current_actor(), slot_id=arg_id(slot_id))
        await self._show()

    @guarded(Role.admin)
    async def remove_slot(self, slot_id: int) -> None:
        await db.run(broadcast.remove_slot, actor=current_actor(), slot_id=arg_id(slot_id))
        await self._show()
