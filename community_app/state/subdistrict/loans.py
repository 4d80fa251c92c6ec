"""Cadres lent to the subdistrict's communities (/subdistrict/loans).

The lent account's password is a one-time secret like the first admin's (state/subdistrict/
new.py). Ending a loan refuses the cadre's next tap (services/subdistrict/loans.py).
"""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db
from community_app.models import Role
from community_app.services.subdistrict import communities, loans
from community_app.services.subdistrict.communities import CommunityRow
from community_app.services.subdistrict.loans import LoanRow
from community_app.state.base import AppState
from community_app.state.browser import reset_uuid
from community_app.state.common import arg_id, form_dict
from community_app.state.guard import current_actor, guarded

FORM_ID = "lend-form"


class LendForm(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    community_id: int = Field(ge=1)
    role: Role
    username: str = Field(min_length=3, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")
    display_name: str = Field(min_length=1, max_length=50)
    phone: str = Field(default="", pattern=r"^(\+?\d{5,15})?$")
    days: int = Field(ge=1, le=loans.MAX_DAYS)


class LoansState(AppState):
    communities: list[CommunityRow] = []
    loans: list[LoanRow] = []
    issued_username: str = ""
    issued_password: str = ""  # one-time secret

    async def _read(self) -> None:
        actor = current_actor()
        self.communities = (await db.run(communities.subdistrict_home, actor=actor)).communities
        self.loans = await db.run(loans.list_loans, actor=actor)

    @guarded(Role.subdistrict)
    async def load(self) -> None:
        self.issued_username = self.issued_password = ""
        await self._read()

    @guarded(Role.subdistrict)
    async def lend(self, form_data: dict) -> rx.event.EventSpec:
        data = LendForm.model_validate(form_dict(form_data))
        lent = await db.run(loans.lend, actor=current_actor(), **data.model_dump())
        self.issued_username = lent.username if lent.secret else ""
        self.issued_password = lent.secret
        self.loans = await db.run(loans.list_loans, actor=current_actor())
        return reset_uuid(FORM_ID)

    @guarded(Role.subdistrict)
    async def end(self, loan_id: int) -> None:
        await db.run(loans.end_loan, actor=current_actor(), loan_id=arg_id(loan_id))
        self.loans = await db.run(loans.list_loans, actor=current_actor())

    @guarded(Role.subdistrict)
    def dismiss_issued(self) -> None:
        self.issued_username = self.issued_password = ""
