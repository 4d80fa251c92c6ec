"""/survey: one open round's progress per building (a picker among the open ones); for the
admin, its escalations and every round (open, close with a confirmation, history).

Each handler is one read (`current.home`), or one write followed by that read.
"""

from __future__ import annotations

from datetime import date

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.errors import ServiceError
from community_app.services.survey import current
from community_app.services.survey import rounds as survey
from community_app.services.survey.round_list import RoundChoice, RoundSummary
from community_app.services.survey.rounds import CompoundChoice, Progress
from community_app.services.survey.views import FollowUp
from community_app.state.base import AppState
from community_app.state.browser import reset_uuid
from community_app.state.common import SURVEY_ROLES, arg_id, query_choice
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
    round_id: int = 0  # the open round shown, 0 when none is
    round_name: str = ""
    rounds: list[RoundChoice] = []  # the open rounds: the picker
    history: list[RoundSummary] = []  # admin: every round, open ones first
    compounds: list[CompoundChoice] = []  # admin: what a new round can cover
    progress: list[Progress] = []
    escalations: list[FollowUp] = []  # admin
    closing_id: int = 0  # admin: the round whose close waits for a confirmation
    closing_name: str = ""

    async def _show_home(self) -> None:
        """The one read behind /survey, after a load or a write."""
        home = await db.run(current.home, actor=current_actor(), round_id=self.round_id)
        self.round_id, self.round_name = home.round_id, home.round_name
        self.rounds, self.history = home.rounds, home.history
        self.progress, self.escalations = home.progress, home.escalations
        self.compounds = home.compounds

    @guarded(*SURVEY_ROLES)
    async def load(self) -> rx.event.EventSpec:
        self.round_id, self.closing_id = query_choice(self, "r"), 0
        await self._show_home()
        return outbox_replay("visit")

    @guarded(*SURVEY_ROLES)
    async def pick_round(self, value: str) -> None:
        self.round_id = int(value) if str(value).isdigit() and len(str(value)) < 10 else 0
        await self._show_home()

    @guarded(Role.admin)
    async def open_round(self, form_data: dict) -> rx.event.EventSpec:
        form = form_data if isinstance(form_data, dict) else {}
        data = NewRound.model_validate({**form, "compound_ids": chosen_compounds(form)})
        opened = await db.run(current.open_round, actor=current_actor(), **data.model_dump())
        if opened.unassigned:
            self._flash(tr("survey.opened_unassigned", self.lang, n=len(opened.unassigned),
                           names="、".join(opened.unassigned[:5])
                           + ("…" if len(opened.unassigned) > 5 else "")))
        else:
            self._flash(tr("survey.opened", self.lang))
        self.round_id = opened.round_id
        await self._show_home()
        return reset_uuid("round-form")

    @guarded(Role.admin)
    def ask_close(self, round_id: int) -> None:
        """The close button only asks: closing ends the round's door notices and visits."""
        wanted = arg_id(round_id)
        shown = next((r for r in self.history if r.id == wanted and r.open), None)
        if shown is None:
            raise ServiceError("err.bad_request")
        self.closing_id, self.closing_name = shown.id, shown.name

    @guarded(Role.admin)
    def cancel_close(self) -> None:
        self.closing_id, self.closing_name = 0, ""

    @guarded(Role.admin)
    async def close_round(self) -> None:
        closing, self.closing_id, self.closing_name = self.closing_id, 0, ""
        if not closing:
            return
        await db.run(survey.close_round, actor=current_actor(), round_id=closing)
        self._flash(tr("survey.closed", self.lang))
        await self._show_home()
