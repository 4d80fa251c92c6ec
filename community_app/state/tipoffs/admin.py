"""The admin's /tipoffs page: the triage queue (filter by status), a triage step (status,
internal note, public reply), the reward and its payout, and the printable QR code."""

from __future__ import annotations

from community_app import db, routes
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.qr import qr_data_uri
from community_app.services.tipoffs import triage
from community_app.services.tipoffs.triage import TipRow
from community_app.state.base import AppState
from community_app.state.common import form_dict
from community_app.state.guard import current_actor, guarded
from community_app.state.tipoffs.forms import RewardForm, TriageForm

FILTERS = ("", "new", "checking", "confirmed", "unfounded")


class TipAdminState(AppState):
    rows: list[TipRow] = []
    shown: str = ""  # the status filter ("" = all)
    new_count: int = 0
    checking_count: int = 0
    rewards_paid: str = "0.00"
    public_link: str = ""
    qr: str = ""

    async def _show(self) -> None:
        page = await db.run(triage.queue, actor=current_actor(), status=self.shown)
        self.rows, self.rewards_paid = page.rows, page.rewards_paid
        self.new_count = page.counts.get("new", 0)
        self.checking_count = page.counts.get("checking", 0)
        self.public_link = f"{self.router.url.origin}{routes.TIP}?c={page.link}"
        self.qr = qr_data_uri(self.public_link)

    @guarded(Role.admin)
    async def load(self) -> None:
        await self._show()

    @guarded(Role.admin)
    async def show(self, status: str) -> None:
        self.shown = status if status in FILTERS else ""
        await self._show()

    @guarded(Role.admin)
    async def save(self, form_data: dict) -> None:
        form = form_dict(form_data)
        data = TriageForm.model_validate({**form, "tip_id": form.get("tip_id") or 0})
        await db.run(triage.triage, actor=current_actor(), tip_id=data.tip_id,
                     status=data.status, note=data.note, public_note=data.public_note)
        await self._show()
        self._flash(tr("tipoffs.saved", self.lang))

    @guarded(Role.admin)
    async def reward(self, form_data: dict) -> None:
        form = form_dict(form_data)
        data = RewardForm.model_validate({"tip_id": form.get("tip_id") or 0,
                                          "amount": form.get("amount", ""),
                                          "paid": bool(form.get("paid"))})
        await db.run(triage.reward, actor=current_actor(), tip_id=data.tip_id,
                     amount=data.amount, paid=data.paid)
        await self._show()
        self._flash(tr("tipoffs.reward_saved", self.lang))
