"""The admin's /donations page (record money and goods, stock on hand, issue goods), the
printable receipt, and the public thank-you list. Issues to an errand run go through
services/donation_issue.py (it reads the errands domain)."""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db, routes
from community_app.i18n import tr
from community_app.models import Role
from community_app.services import donation_issue
from community_app.services.donations import record, stock
from community_app.services.donations.record import DonationCard, GoodsLine, ThanksRow
from community_app.services.donations.stock import StockRow
from community_app.services.errors import ServiceError
from community_app.state.base import AppState
from community_app.state.browser import reset_form, reset_uuid
from community_app.state.common import form_dict, query_int
from community_app.state.guard import current_actor, guarded, public

RECORD_FORM_ID = "donation-form"
CAP = 2000


class DonationForm(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    donor: str = Field(default="", max_length=CAP)
    amount: str = Field(default="", max_length=40)
    item: str = Field(default="", max_length=CAP)
    quantity: str = Field(default="", max_length=40)
    unit: str = Field(default="", max_length=CAP)
    note: str = Field(default="", max_length=CAP)
    public_thanks: bool = False
    show_amount: bool = False


class IssueForm(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    stock_id: int = Field(ge=1)
    quantity: str = Field(default="", max_length=40)
    target: str = Field(default="checkpoint", max_length=12)
    place: str = Field(default="", max_length=CAP)
    target_id: str = Field(default="", max_length=12)


class DonationsState(AppState):
    donations: list[DonationCard] = []
    stock: list[StockRow] = []
    money_total: str = "0.00"

    async def _show(self) -> None:
        actor = current_actor()
        self.donations = await db.run(record.donations, actor=actor)
        self.stock = await db.run(stock.stock, actor=actor)
        total = await db.run(record.money_total, community_id=actor.community_id)
        self.money_total = f"{total:.2f}"

    @guarded(Role.admin)
    async def load(self) -> None:
        await self._show()

    @guarded(Role.admin)
    async def save(self, form_data: dict) -> list[rx.event.EventSpec]:
        form = form_dict(form_data)
        data = DonationForm.model_validate({
            **form, "public_thanks": bool(form.get("public_thanks")),
            "show_amount": bool(form.get("show_amount"))})
        await db.run(record.record, actor=current_actor(), uuid=data.uuid, donor=data.donor,
                     amount=data.amount,
                     goods=[GoodsLine(item=data.item, quantity=data.quantity, unit=data.unit)],
                     note=data.note, public_thanks=data.public_thanks,
                     show_amount=data.show_amount)
        await self._show()
        self._flash(tr("donations.saved", self.lang))
        return [reset_form(RECORD_FORM_ID), reset_uuid(RECORD_FORM_ID)]

    @guarded(Role.admin)
    async def issue(self, form_data: dict) -> list[rx.event.EventSpec]:
        form = form_dict(form_data)
        data = IssueForm.model_validate({**form, "stock_id": form.get("stock_id") or 0})
        raw = data.target_id.strip()
        if data.target != "checkpoint" and not raw.isdigit():
            raise ServiceError("donations.err.no_run" if data.target == "errand_run"
                               else "donations.err.no_household")
        actor = current_actor()
        if data.target == "errand_run":
            await db.run(donation_issue.issue_to_run, actor=actor, uuid=data.uuid,
                         stock_id=data.stock_id, amount=data.quantity, errand_run_id=int(raw))
        else:
            await db.run(stock.issue, actor=actor, uuid=data.uuid, stock_id=data.stock_id,
                         amount=data.quantity, target=data.target, place=data.place,
                         household_id=int(raw) if raw.isdigit() else None)
        await self._show()
        self._flash(tr("donations.issued", self.lang))
        form_id = f"issue-{data.stock_id}"
        return [reset_form(form_id), reset_uuid(form_id)]


class ReceiptState(AppState):
    receipt: DonationCard = DonationCard()

    @guarded(Role.admin)
    async def load(self) -> None:
        self.receipt = await db.run(record.receipt, actor=current_actor(),
                                    donation_id=query_int(self, "id"))


class ThanksState(AppState):
    community: str = ""
    rows: list[ThanksRow] = []

    @public
    async def load(self) -> None:
        self.community, self.rows = "", []
        page = await db.run(record.thanks,
                            link=str(self.router.url.query_parameters.get("c", ""))[:40])
        self.community, self.rows = page.community, page.rows


def receipt_href(donation_id: object) -> str:
    return f"{routes.DONATION_RECEIPT}?id={donation_id}"
