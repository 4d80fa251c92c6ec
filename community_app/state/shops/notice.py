"""The printable rectification notice (/shops/notice?r=<notice id>) and the ledger
(/shops/ledger)."""

from __future__ import annotations

from community_app import db
from community_app.models import Role
from community_app.services.shops import ledger, views
from community_app.services.shops.ledger import LedgerRow
from community_app.services.shops.views import NoticeSheet
from community_app.state.base import AppState
from community_app.state.common import query_int
from community_app.state.guard import current_actor, guarded

INSPECTORS = (Role.admin, Role.grid_worker)


class ShopNoticeState(AppState):
    sheet: NoticeSheet = NoticeSheet()

    @guarded(*INSPECTORS)
    async def load(self) -> None:
        self.sheet = await db.run(views.notice_sheet, actor=current_actor(),
                                  notice_id=query_int(self, "r"))


class ShopLedgerState(AppState):
    rows: list[LedgerRow] = []

    @guarded(*INSPECTORS)
    async def load(self) -> None:
        self.rows = await db.run(ledger.ledger_rows, actor=current_actor(), limit=100)
