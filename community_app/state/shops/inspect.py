"""The inspection form (/shops/inspect?s=<shop id>): every item passes until tapped; one
submit saves it, or keeps it in the outbox (kind "shop_inspection") with no signal, and
`REPLAYER` applies it once when the page or the home screen loads again.

The photo is not in the outbox: after the inspection is saved, the page posts the picked
file to `/upload/shop-photo` (uploads.py) and hands the answer to `photo_done`, which reads
the inspection back from the database. With no signal the inspection is kept, the photo
is not (README "Offline")."""

from __future__ import annotations

import reflex as rx

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.auth import Actor
from community_app.services.shops import inspect, photos, views
from community_app.services.shops.views import CheckRow, ShopRow
from community_app.state import browser
from community_app.state.base import AppState
from community_app.state.common import form_dict, query_int
from community_app.state.guard import current_actor, guarded
from community_app.state.outbox import Replayer, outbox_replay
from community_app.state.shops.forms import InspectionIn

KIND = inspect.KIND  # "shop_inspection"
INSPECT_FORM_ID = "shop-inspect"
INSPECTORS = (Role.admin, Role.grid_worker)


async def _apply(actor: Actor, form: dict) -> bool:
    data = InspectionIn.from_form(form_dict(form))  # the form as the page submits it
    out = await db.run(inspect.record_inspection, actor=actor, **data.model_dump())
    return out.created


# Registered for the kind "shop_inspection" by the composition root (community_app.py).
REPLAYER = Replayer(roles=INSPECTORS, apply=_apply, saved_key="shops.inspections_saved",
                    refused_key="shops.inspections_refused")


class InspectState(AppState):
    shop: ShopRow = ShopRow()
    items: list[CheckRow] = []
    saved: bool = False
    result: str = ""  # the outcome's word key tail: passed, notice, fixed, closure, ...
    notice_id: int = 0  # the notice served or resolved by the inspection just saved
    inspection_uuid: str = ""  # the saved inspection, for the photo upload
    photo_saved: bool = False

    async def _show(self, shop_id: int) -> None:
        form = await db.run(views.inspect_form, actor=current_actor(), shop_id=shop_id)
        self.shop, self.items = form.shop, form.items

    @guarded(*INSPECTORS)
    async def load(self) -> rx.event.EventSpec:
        self.saved, self.result, self.notice_id, self.photo_saved = False, "", 0, False
        await self._show(query_int(self, "s"))
        return outbox_replay(KIND)

    @guarded(*INSPECTORS)
    async def save(self, form_data: dict) -> list[rx.event.EventSpec]:
        data = InspectionIn.from_form(form_dict(form_data))
        out = await db.run(inspect.record_inspection, actor=current_actor(), **data.model_dump())
        self.saved, self.result, self.notice_id = True, out.result, out.rectification_id
        self.inspection_uuid, self.photo_saved = data.uuid, False
        await self._show(out.shop_id)
        self._flash(tr(f"shops.saved.{out.result}", self.lang))
        return [browser.outbox_done(data.uuid), browser.reset_uuid(INSPECT_FORM_ID)]

    @guarded(*INSPECTORS)
    async def photo_done(self, answer: dict) -> None:
        """The upload's JSON answer; the outcome is read back from the database."""
        ok = await db.run(photos.has_photo, actor=current_actor(), uuid=self.inspection_uuid) \
            if self.inspection_uuid else False
        self.photo_saved = ok
        if ok:
            self._flash(tr("shops.photo_saved", self.lang))
        elif isinstance(answer, dict) and answer.get("key"):
            self.error = tr("shops.bad_photo", self.lang)
