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
from community_app.i18n import tr
from community_app.models import FAILED_OUTCOMES, NextAction, Outcome
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError
from community_app.services.survey import current, visits
from community_app.services.survey.findings import ResidentIn
from community_app.services.survey.views import ResidentRow
from community_app.services.survey.visits import SavedVisit
from community_app.state.base import AppState
from community_app.state.browser import outbox_done, reset_uuid
from community_app.state.common import SURVEY_ROLES, query_choice, query_int
from community_app.state.guard import current_actor, guarded
from community_app.state.outbox import Replayer, outbox_replay

log = logging.getLogger(__name__)
MAX_ROWS = 12
SPARE_ROWS = 2  # blank rows drawn folded under the register's, for members met at the door
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
    # The round the form was shown in (a hidden input); 0 (forms queued offline before
    # rounds were named) records into the household's default round.
    round_id: int = Field(default=0, ge=0)

    @field_validator("round_id", mode="before")
    @classmethod
    def _blank_is_zero(cls, value: object) -> object:
        return 0 if value in ("", None) else value

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
    """Rows arrive as r<i>_<field>; unchecked boxes are absent; blank new rows are skipped.

    `count` (the rows the form rendered) bounds the rows read; without it every row sent is
    read. More than MAX_ROWS filled rows are refused whole with a message, never cut: a
    resident dropped here would go unrecorded while the visit counts as done.
    """
    present = sorted({int(m.group(1)) for k in form if (m := ROW_KEY.match(str(k)))})
    rows = []
    for i in present if count is None else [i for i in present if i < count]:
        row = {name: form.get(f"r{i}_{name}", "") for name in (
            "resident_id", "name", "sex", "birth_year", "phone", "relation", "returned_from",
            "return_date", "temperature", "symptoms")}
        if not str(row["resident_id"] or "0").strip("0") and not str(row["name"]).strip():
            continue
        row.update({flag: f"r{i}_{flag}" in form for flag in FLAG_FIELDS})
        row["resident_id"] = row["resident_id"] or 0
        rows.append(row)
    if len(rows) > MAX_ROWS:
        raise ServiceError("survey.too_many_residents", max=MAX_ROWS, n=len(rows))
    return rows


def parse_visit(form: object) -> VisitIn:
    form = form if isinstance(form, dict) else {}
    keys = ("uuid", "household_id", "outcome", "next_action", "needs", "note", "round_id")
    return VisitIn.model_validate({**{k: form.get(k, "") for k in keys},
                                   "residents": parse_residents(form)})


async def apply_visit(actor: Actor, data: VisitIn) -> SavedVisit:
    """The one write of a visit (from the form or the outbox): it returns the next step."""
    return await db.run(
        visits.save_visit, actor=actor, **data.model_dump(exclude={"residents"}),
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
    need_id: int = 0  # the round record, for "turn the needs into an errand request"
    building_id: int = 0
    # Bumped by every load: the form is drawn afresh from what the server holds now (an
    # uncontrolled input ignores a new default once drawn); drafts.js puts back anything
    # typed in between.
    drawn: int = 0
    round_id: int = 0  # the round the form records into, named in the heading
    round_name: str = ""

    @rx.var
    def blank(self) -> ResidentRow:
        """The spare rows' values (a member added at the door)."""
        return blank_row()

    @guarded(*SURVEY_ROLES)
    async def load(self) -> rx.event.EventSpec:
        form = await db.run(current.visit_form, actor=current_actor(),
                            household_id=query_int(self, "h"), round_id=query_choice(self, "r"))
        self.household_id, self.place, self.status = form.household_id, form.place, form.status
        self.needs, self.note = form.needs, form.notes
        self.need_id, self.building_id = form.round_household_id, form.building_id
        self.round_id, self.round_name = form.round_id, form.round_name
        self.residents = form.residents
        self.drawn += 1
        return outbox_replay("visit")

    @guarded(*SURVEY_ROLES)
    async def save(self, form_data: dict) -> list[rx.event.EventSpec]:
        data = parse_visit(form_data)
        result = await apply_visit(current_actor(), data)
        if data.outcome in FAILED_OUTCOMES:
            key = "survey.escalated_now" if result.status == "escalated" else \
                "survey.save_failed_attempt"
            self._flash(tr(key, self.lang, n=result.failed_attempts))
        elif data.needs.strip():
            self._flash(tr("survey.saved_with_needs", self.lang, place=self.place))
        else:
            self._flash(tr("survey.saved", self.lang, place=self.place))
        target = (f"{routes.SURVEY_VISIT}?h={result.next_household_id}&r={result.round_id}"
                  if result.next_household_id
                  else f"{routes.SURVEY_BUILDING}?id={result.building_id}&r={result.round_id}")
        # The next record needs a new UUID even though the form stays mounted.
        return [outbox_done(data.uuid), reset_uuid("visit-form"), rx.redirect(target)]
