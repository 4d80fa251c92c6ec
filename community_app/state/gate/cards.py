"""The printable resident passes of one household (/gate/cards?h=<household id>)."""

from __future__ import annotations

from community_app import db
from community_app.models import Role
from community_app.services.gate import passes
from community_app.services.gate.passes import PrintSheet
from community_app.state.base import AppState
from community_app.state.common import query_int
from community_app.state.guard import current_actor, guarded


class GateCardsState(AppState):
    sheet: PrintSheet = PrintSheet()

    @guarded(Role.admin)
    async def load(self) -> None:
        self.sheet = PrintSheet()
        self.sheet = await db.run(passes.print_sheet, actor=current_actor(),
                                  household_id=query_int(self, "h"))
