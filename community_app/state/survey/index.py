"""/survey: the open round's progress per building; for the admin, escalations and rounds.

Each handler is one read (`current.home`), or one write followed by that read.
"""

from __future__ import annotations

from datetime import date

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.survey import current
from community_app.services.survey import rounds as survey
from community_app.services.survey.rounds import CompoundChoice, Progress
from community_app.services.survey.views import FollowUp
from community_app.state.base import AppState
from community_app.state.browser import reset_uuid
from community_app.state.common import SURVEY_ROLES
from community_app.state.guard import current_actor, guarded
from community_app.state.outbox import outbox_replay


class NewRound(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    name: str = Field(min_length=1, max_length=60)
    start_date: date
    max_attempts: int = Field(default=3, ge=1, le=10)
    compound_ids: list[int] = Field(default_factory=list, max_length=500)


def chosen_compounds(form: dict) -> list[int]:
    """Checked boxes arrive as compound_<id>; none checked means the whole community."""
    return [int(k.removeprefix("compound_")) for k in form
            if k.startswith("compound_") and k.removeprefix("compound_").isdigit()]


class SurveyState(AppState):
    round_id: int = 0  # the open round, 0 when none is
    round_name: str = ""
    compounds: list[CompoundChoice] = []  # admin: what a new round can cover
    progress: list[Progress] = []
    escalations: list[FollowUp] = []  # admin

    async def _show_home(self) -> None:
        """The one read behind /survey, after a load or a write."""
        home = await db.run(current.home, actor=current_actor())
        self.round_id, self.round_name = home.round_id, home.round_name
        self.progress, self.escalations = home.progress, home.escalations
        self.compounds = home.compounds

    @guarded(*SURVEY_ROLES)
    async def load(self) -> rx.event.EventSpec:
        await self._show_home()
        return outbox_replay("visit")

    @guarded(Role.admin)
    async def open_round(self, form_data: dict) -> rx.event.EventSpec:
        form = form_data if isinstance(form_data, dict) else {}
        data = NewRound.model_validate({**form, "compound_ids": chosen_compounds(form)})
        await db.run(survey.open_round, actor=current_actor(), **data.model_dump())
        self._flash(tr("survey.opened", self.lang))
        await self._show_home()
        return reset_uuid("round-form")

    @guarded(Role.admin)
    async def close_round(self) -> None:
        await db.run(survey.close_round, actor=current_actor(), round_id=self.round_id)
        self._flash(tr("survey.closed", self.lang))
        await self._show_home()
