"""What the patrol pages may send: every handler argument validated here (Reflex does not
enforce type hints, and any connected socket can call any handler with anything)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"


class Id(BaseModel):
    id: int = Field(ge=1)


def toggled(ids: list[int], value: object) -> list[int]:
    """`ids` with a checked id (validated) taken out, or added at the end (walking order)."""
    chosen = Id.model_validate({"id": value}).id
    return [i for i in ids if i != chosen] if chosen in ids else [*ids, chosen]


class FloorMark(BaseModel):
    unit: int = Field(ge=1, le=20)
    floor: int = Field(ge=1, le=60)
    lit: bool


class WindowMark(BaseModel):
    plan_id: int = Field(ge=1)
    household_id: int = Field(ge=1)
    state: str = Field(pattern=r"^(lit|dark|clear)$")


class OutcomeForm(BaseModel):
    """A follow-up outcome as the home card's form submits it (kept in the outbox offline)."""

    uuid: str = Field(min_length=32, max_length=36)
    follow_up_id: int = Field(ge=1)
    outcome: str = Field(pattern=r"^(answered|no_answer|well|away|needs_help|emergency|handled)$")


class NewPlan(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    night: date
    window_start: str = Field(pattern=HHMM)
    window_end: str = Field(pattern=HHMM)
    building_ids: list[int] = Field(min_length=1, max_length=200)
    member_ids: list[int] = Field(min_length=1, max_length=50)


class PlanEdit(BaseModel):
    plan_id: int = Field(ge=1)
    window_start: str = Field(pattern=HHMM)
    window_end: str = Field(pattern=HHMM)
    building_ids: list[int] = Field(min_length=1, max_length=200)
    member_ids: list[int] = Field(min_length=1, max_length=50)
