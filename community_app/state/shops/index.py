"""The /shops page: re-inspections due first, the register, and for the admin the add-a-shop
form and the checklist. Each handler is one write and one read of the page."""

from __future__ import annotations

import reflex as rx

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.shops import register, views
from community_app.services.shops.views import CheckRow, Choice, ShopRow
from community_app.state.base import AppState
from community_app.state.browser import reset_form, reset_uuid
from community_app.state.common import arg_id, form_dict
from community_app.state.guard import current_actor, guarded
from community_app.state.shops.forms import NewItem, NewShop

INSPECTORS = (Role.admin, Role.grid_worker)
SHOP_FORM_ID = "shop-add"
ITEM_FORM_ID = "shop-item-add"


class ShopsState(AppState):
    shops: list[ShopRow] = []
    compounds: list[Choice] = []
    checklist: list[CheckRow] = []

    async def _show(self) -> None:
        page = await db.run(views.shops_page, actor=current_actor())
        self.shops, self.compounds, self.checklist = page.shops, page.compounds, page.checklist

    @guarded(*INSPECTORS)
    async def load(self) -> None:
        await self._show()

    @guarded(Role.admin)
    async def add_shop(self, form_data: dict) -> list[rx.event.EventSpec]:
        data = NewShop.from_form(form_dict(form_data))
        await db.run(register.add_shop, actor=current_actor(), **data.model_dump())
        await self._show()
        self._flash(tr("shops.added", self.lang))
        return [reset_form(SHOP_FORM_ID), reset_uuid(SHOP_FORM_ID)]

    @guarded(Role.admin)
    async def add_item(self, form_data: dict) -> list[rx.event.EventSpec]:
        data = NewItem.model_validate(form_dict(form_data))
        await db.run(register.add_check_item, actor=current_actor(), uuid=data.uuid,
                     label=data.label)
        await self._show()
        self._flash(tr("shops.item_added", self.lang))
        return [reset_form(ITEM_FORM_ID), reset_uuid(ITEM_FORM_ID)]

    @guarded(Role.admin)
    async def toggle_item(self, item_id: int) -> None:
        item = arg_id(item_id)
        now_on = next((i.active for i in self.checklist if i.id == item), True)
        await db.run(register.set_check_item_active, actor=current_actor(), item_id=item,
                     active=not now_on)
        await self._show()
        self._flash(tr("shops.item_saved", self.lang))
