"""The visit form's residents: validation, register updates and the round's findings.

Invariants: temperatures are 34.0-43.0 °C and a fever is >= 37.3 °C; a resident is only
ever written through the household it belongs to; new residents get a UUID derived from
the visit's UUID, so a replayed visit can never add them twice.
"""

from __future__ import annotations

import uuid as uuidlib
from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field, field_validator
from sqlmodel import Session, select

from community_app.models import Relation, Resident, ResidentFinding, Sex
from community_app.services.auth import Actor
from community_app.services.errors import Denied

FEVER_AT = Decimal("37.3")
NAMESPACE = uuidlib.UUID("6f1c2a9e-93a1-4d8e-a6a0-5b1f3e0c2d71")


class ResidentIn(BaseModel):
    resident_id: int = Field(default=0, ge=0)
    name: str = Field(min_length=1, max_length=50)
    sex: Sex = Sex.male
    birth_year: int = Field(ge=1900, le=2100)
    phone: str = Field(default="", pattern=r"^(\+?\d{5,15})?$")
    relation: Relation = Relation.other
    present: bool = True
    moved_away: bool = False
    returned_from: str = Field(default="", max_length=60)
    return_date: date | None = None
    contact_case: bool = False
    temperature: Decimal | None = Field(default=None, ge=Decimal("34.0"), le=Decimal("43.0"),
                                        decimal_places=1)
    symptoms: str = Field(default="", max_length=200)
    elderly_alone: bool = False
    disabled: bool = False
    chronic_illness: bool = False
    pregnant: bool = False
    infant: bool = False

    @field_validator("return_date", "temperature", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value in ("", None) else value

    @property
    def fever(self) -> bool:
        return self.temperature is not None and self.temperature >= FEVER_AT

    @property
    def returnee(self) -> bool:
        return bool(self.returned_from.strip())


REGISTER_FIELDS = ("name", "sex", "birth_year", "phone", "relation", "moved_away",
                   "elderly_alone", "disabled", "chronic_illness", "pregnant", "infant")


def _resident_row(session: Session, household_id: int, index: int, data: ResidentIn,
                  visit_uuid: str) -> Resident:
    if data.resident_id:
        row = session.get(Resident, data.resident_id)
        if row is None or row.household_id != household_id:
            raise Denied()
    else:
        derived = str(uuidlib.uuid5(NAMESPACE, f"{visit_uuid}:{index}"))
        row = session.exec(select(Resident).where(Resident.uuid == derived)).first()
        row = row or Resident(uuid=derived, household_id=household_id, name=data.name,
                              sex=data.sex, birth_year=data.birth_year)
    for name in REGISTER_FIELDS:
        setattr(row, name, getattr(data, name))
    return row


def apply_findings(session: Session, *, actor: Actor, round_id: int, household_id: int,
                   residents: list[ResidentIn], now: datetime, visit_uuid: str = "") -> None:
    for index, data in enumerate(residents):
        row = _resident_row(session, household_id, index, data, visit_uuid or str(now))
        row.touch(actor.user_id)
        session.add(row)
        session.flush()
        if data.moved_away:
            continue
        finding = session.exec(
            select(ResidentFinding).where(ResidentFinding.round_id == round_id,
                                          ResidentFinding.resident_id == row.id)
        ).first() or ResidentFinding(round_id=round_id, resident_id=row.id,
                                     first_recorded_at=now, recorded_at=now)
        finding.present = data.present
        finding.returnee = data.returnee
        finding.returned_from = data.returned_from.strip()
        finding.return_date = data.return_date
        finding.contact_case = data.contact_case
        finding.temperature = data.temperature
        finding.fever = data.fever
        finding.symptoms = data.symptoms
        finding.recorded_at = now
        finding.recorded_by_id = actor.user_id
        session.add(finding)
