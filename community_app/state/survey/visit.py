"""The visit form: one household, under a minute, one-handed; then on to the next one.

Offline: the browser keeps every submitted visit in the outbox (state/outbox.py) until the
server confirms it; the visit page and the home screen replay what is left, and the
record's UUID makes a replay apply once.
"""

from __future__ import annotations

import logging
import re
from dataclasses import fields

import reflex as rx
from pydantic import BaseModel, Field, field_validator

from community_app import db, routes
from community_app.components.ui import reset_uuid
from community_app.i18n import tr
from community_app.models import FAILED_OUTCOMES, NextAction, Outcome
from community_app.services.auth import Actor
from community_app.services.survey import rounds as survey
from community_app.services.survey import views as survey_views
from community_app.services.survey.findings import ResidentIn
from community_app.services.survey.rounds import VisitResult
from community_app.services.survey.views import ResidentRow
from community_app.state.base import AppState
from community_app.state.browser import outbox_done
from community_app.state.common import SURVEY_ROLES, query_int
from community_app.state.guard import current_actor, guarded
from community_app.state.outbox import Replayer, outbox_replay

log = logging.getLogger(__name__)
MAX_ROWS = 12
FLAG_FIELDS = ("present", "moved_away", "contact_case", "elderly_alone", "disabled",
               "chronic_illness", "pregnant", "infant")
ROW_KEY = re.compile(r"^r(\d+)_")


class VisitIn(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    household_id: int = Field(ge=1)
    outcome: Outcome
    next_action: NextAction | None = None
    residents: list[ResidentIn] = Field(default_factory=list, max_length=MAX_ROWS)
    needs: str = Field(default="", max_length=500)
    note: str = Field(default="", max_length=500)

    @field_validator("next_action", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value in ("", None) else value


def blank_row() -> ResidentRow:
    values = {f.name: "" for f in fields(ResidentRow)}
    values.update({name: False for name in FLAG_FIELDS}, resident_id=0, birth_year=0,
                  present=True, sex="male", relation="other")
    return ResidentRow(**values)


def parse_residents(form: dict, count: int | None = None) -> list[dict]:
    """Rows arrive as r<i>_<field>; unchecked boxes are absent; blank new rows are skipped."""
    if count is None:
        indexes = [int(m.group(1)) for k in form if (m := ROW_KEY.match(str(k)))]
        count = max(indexes, default=-1) + 1
    rows = []
    for i in range(min(count, MAX_ROWS)):
        row = {name: form.get(f"r{i}_{name}", "") for name in (
            "resident_id", "name", "sex", "birth_year", "phone", "relation", "returned_from",
            "return_date", "temperature", "symptoms")}
        if not str(row["resident_id"] or "0").strip("0") and not str(row["name"]).strip():
            continue
        row.update({flag: f"r{i}_{flag}" in form for flag in FLAG_FIELDS})
        row["resident_id"] = row["resident_id"] or 0
        rows.append(row)
    return rows


def parse_visit(form: object) -> VisitIn:
    form = form if isinstance(form, dict) else {}
    keys = ("uuid", "household_id", "outcome", "next_action", "needs", "note")
    return VisitIn.model_validate({**{k: form.get(k, "") for k in keys},
                                   "residents": parse_residents(form)})


async def apply_visit(actor: Actor, data: VisitIn) -> VisitResult:
    round_id = await db.run(survey.current_round_id, actor=actor)
    return await db.run(
        survey.record_visit, actor=actor, round_id=round_id,
        **data.model_dump(exclude={"residents"}),
        residents=data.residents if data.outcome not in FAILED_OUTCOMES else [],
    )


async def _replay_visit(actor: Actor, form: dict) -> bool:
    result = await apply_visit(actor, parse_visit(form))
    return not result.replayed


# Registered for the kind "visit" by the composition root (community_app.py).
REPLAYER = Replayer(roles=SURVEY_ROLES, apply=_replay_visit, saved_key="survey.outbox_saved",
                    refused_key="survey.outbox_refused")


class VisitState(AppState):
    household_id: int = 0
    place: str = ""
    status: str = ""
    needs: str = ""
    note: str = ""
    residents: list[ResidentRow] = []
    outcome: str = "door"
    need_id: int = 0  # the round record, for "turn the needs into an errand request"

    @rx.var
    def failed_outcome(self) -> bool:
        return self.outcome in {o.value for o in FAILED_OUTCOMES}

    @guarded(*SURVEY_ROLES)
    async def load(self) -> rx.event.EventSpec:
        actor = current_actor()
        household_id = query_int(self, "h")
        round_id = await db.run(survey.current_round_id, actor=actor)
        form = await db.run(survey_views.visit_form, actor=actor, round_id=round_id,
                            household_id=household_id)
        self.household_id, self.place, self.status = form.household_id, form.place, form.status
        self.needs, self.note = form.needs, form.notes
        self.need_id = form.round_household_id
        self.residents = form.residents or [blank_row()]
        self.outcome = "door"
        return outbox_replay("visit")

    @guarded(*SURVEY_ROLES)
    def choose_outcome(self, outcome: str) -> None:
        if outcome in {o.value for o in Outcome}:
            self.outcome = outcome

    @guarded(*SURVEY_ROLES)
    def add_resident(self) -> None:
        if len(self.residents) < MAX_ROWS:
            self.residents = [*self.residents, blank_row()]

    @guarded(*SURVEY_ROLES)
    async def save(self, form_data: dict) -> list[rx.event.EventSpec]:
        data = parse_visit(form_data)
        actor = current_actor()
        result = await apply_visit(actor, data)
        if data.outcome in FAILED_OUTCOMES:
            key = "survey.escalated_now" if result.status == "escalated" else \
                "survey.save_failed_attempt"
            self._flash(tr(key, self.lang, n=result.failed_attempts))
        elif data.needs.strip():
            self._flash(tr("survey.saved_with_needs", self.lang, place=self.place))
        else:
            self._flash(tr("survey.saved", self.lang, place=self.place))
        round_id = await db.run(survey.current_round_id, actor=actor)
        building_id = await db.run(survey_views.building_of, actor=actor,
                                   household_id=data.household_id)
        grid = await db.run(survey_views.round_building, actor=actor, round_id=round_id,
                            building_id=building_id)
        target = (f"{routes.SURVEY_VISIT}?h={grid.next_household_id}" if grid.next_household_id
                  else f"{routes.SURVEY_BUILDING}?id={building_id}")
        # The next record needs a new UUID even though the form stays mounted.
        return [outbox_done(data.uuid), reset_uuid("visit-form"), rx.redirect(target)]
