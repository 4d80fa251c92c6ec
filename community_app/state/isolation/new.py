"""Opening an isolation case at /isolation/new (pages/isolation/new.py).

The household comes from the building grid (?household=) or from its door code; the
service decides scope. Submitting opens the case with the form's client UUID (a double
tap opens one case) and goes to the case's page.
"""

from __future__ import annotations

from datetime import date

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db, routes
from community_app.i18n import tr
from community_app.models import IsolationReason
from community_app.services import clock
from community_app.services.isolation import cases as isolation
from community_app.services.isolation.access import STAFF
from community_app.services.isolation.cases import PersonOption
from community_app.state.base import AppState
from community_app.state.browser import reset_uuid
from community_app.state.common import query_int
from community_app.state.guard import current_actor, guarded


class NewCase(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    household_id: int = Field(ge=1)
    reason: IsolationReason
    reason_note: str = Field(default="", max_length=200)
    start_date: date
    period_days: int = Field(ge=1, le=60)


class Code(BaseModel):
    household_code: str = Field(min_length=1, max_length=12, pattern=r"^[A-Za-z0-9]+$")


class NewCaseState(AppState):
    """Open a case: for a household from the building grid (?household=) or by its door code."""

    household_id: int = 0
    address: str = ""
    residents: list[PersonOption] = []
    open_case_id: int = 0
    today: str = ""

    def _show(self, form: isolation.NewCaseForm) -> None:
        self.household_id = form.household_id
        self.address = form.address
        self.residents = form.residents
        self.open_case_id = form.open_case_id
        self.today = form.today

    @guarded(*STAFF)
    async def load(self) -> None:
        self.household_id = self.open_case_id = 0
        self.address = ""
        self.residents = []
        self.today = clock.local_day().isoformat()
        raw = str(self.router.url.query_parameters.get("household", ""))
        if raw:
            self._show(await db.run(isolation.new_case_form, actor=current_actor(),
                                    household_id=query_int(self, "household")))

    @guarded(*STAFF)
    async def find_code(self, form_data: dict) -> None:
        data = Code.model_validate(form_data if isinstance(form_data, dict) else {})
        self._show(await db.run(isolation.new_case_form, actor=current_actor(),
                                code=data.household_code))

    @guarded(*STAFF)
    async def submit(self, form_data: dict) -> rx.event.EventSpec:
        raw = form_data if isinstance(form_data, dict) else {}
        data = NewCase.model_validate(raw)
        chosen = [
            int(key.split("_", 1)[1]) for key, value in raw.items()
            if isinstance(key, str) and key.startswith("person_") and key[7:].isdigit()
            and value in ("on", True, "true")
        ][:20]
        case_id = await db.run(
            isolation.open_case, actor=current_actor(), uuid=data.uuid,
            household_id=data.household_id, resident_ids=chosen, reason=data.reason.value,
            reason_note=data.reason_note, start_date=data.start_date,
            period_days=data.period_days,
        )
        self._flash(tr("isolation.opened", self.lang))
        return [reset_uuid("new-case-form"), rx.redirect(f"{routes.ISOLATION_CASE}?id={case_id}")]
