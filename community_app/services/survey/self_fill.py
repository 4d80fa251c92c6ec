"""Residents fill their own form through the door-notice code (小程序网上征集信息).

Invariants:
- A code opens one household of one OPEN round; it dies with the round.
- Nothing a resident submits reaches the ledger until a worker covering the household
  accepts it; accepting applies it as a visit with outcome `self_filled`, once.
- The public side is rate limited per client (unknown codes and submissions) and per code.
- The public side shows no personal data: only the flat's place, which is on the door anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from pydantic import BaseModel, Field
from sqlmodel import Session, select

from community_app.models import (
    Building,
    Household,
    LoginThrottle,
    Outcome,
    Resident,
    Role,
    RoundHousehold,
    RoundStatus,
    SelfFill,
    SelfFillStatus,
    SurveyRound,
    utcnow,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import aware
from community_app.services.errors import ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.survey import rounds as survey
from community_app.services.survey.findings import ResidentIn

WINDOW = timedelta(minutes=15)
LIMITS = {"lookup": 10, "submit": 5, "code": 3}


class SelfFillIn(BaseModel):
    residents: list[ResidentIn] = Field(min_length=1, max_length=12)
    needs: str = Field(default="", max_length=500)
    note: str = Field(default="", max_length=500)


def _spend(session: Session, key: str, limit: int) -> None:
    """Count one use of `key`; refuse once `limit` uses fall within the window."""
    now = utcnow()
    row = session.get(LoginThrottle, key) or LoginThrottle(key=key)
    first = aware(row.first_failure_at)
    if first is None or now - first > WINDOW:
        row.failures, row.first_failure_at = 0, now
    if row.failures >= limit:
        raise ServiceError("selffill.too_many")
    row.failures += 1
    session.add(row)
    session.commit()  # the count must stick even when the caller then fails


@dataclass
class SelfFillContext:
    place: str
    round_name: str


def _open_row(session: Session, code: str) -> tuple[RoundHousehold, SurveyRound] | None:
    row = session.exec(
        select(RoundHousehold, SurveyRound)
        .join(SurveyRound, SurveyRound.id == RoundHousehold.round_id)
        .where(RoundHousehold.notice_code == code.strip().upper()[:10],
               SurveyRound.status == RoundStatus.open)
    ).first()
    return (row[0], row[1]) if row else None


def context(session: Session, *, code: str, client: str) -> SelfFillContext:
    found = _open_row(session, code)
    if found is None:
        _spend(session, f"selffill-lookup:{client}", LIMITS["lookup"])
        raise ServiceError("selffill.bad_code")
    rh, survey_round = found
    household = session.get(Household, rh.household_id)
    building = session.get(Building, household.building_id)
    return SelfFillContext(place=f"{building.name} {household.unit}-{household.room}",
                           round_name=survey_round.name)


def submit(session: Session, *, code: str, client: str, uuid: str, data: SelfFillIn) -> None:
    uuid = check_uuid(uuid)
    if existing(session, SelfFill, uuid) is not None:
        return
    found = _open_row(session, code)
    if found is None:
        _spend(session, f"selffill-lookup:{client}", LIMITS["lookup"])
        raise ServiceError("selffill.bad_code")
    _spend(session, f"selffill-submit:{client}", LIMITS["submit"])
    _spend(session, f"selffill-code:{found[0].notice_code}", LIMITS["code"])
    session.add(SelfFill(uuid=uuid, round_household_id=found[0].id,
                         payload=data.model_dump_json()))


@dataclass
class PendingFill:
    id: int
    household_id: int
    place: str
    residents: list[str]
    needs: str
    note: str


def review_queue(session: Session, *, actor: Actor, round_id: int) -> list[PendingFill]:
    """Pending submissions for households in the actor's buildings (full data: in scope)."""
    scope.require_role(actor, Role.admin, Role.grid_worker)
    ids = scope.building_ids_in_scope(session, actor=actor)
    rows = session.exec(
        select(SelfFill, Household, Building)
        .join(RoundHousehold, RoundHousehold.id == SelfFill.round_household_id)
        .join(Household, Household.id == RoundHousehold.household_id)
        .join(Building, Building.id == Household.building_id)
        .where(RoundHousehold.round_id == round_id, Building.id.in_(ids),
               SelfFill.status == SelfFillStatus.pending)
        .order_by(SelfFill.created_at)
    ).all()
    queue = []
    for fill, household, building in rows:
        data = SelfFillIn.model_validate_json(fill.payload)
        queue.append(PendingFill(
            id=fill.id, household_id=household.id, needs=data.needs, note=data.note,
            place=f"{building.name} {household.unit}-{household.room}",
            residents=[_summary(r) for r in data.residents]))
    return queue


def _summary(r: ResidentIn) -> str:
    parts = [r.name, str(r.birth_year)]
    if r.temperature is not None:
        parts.append(f"{r.temperature}°C")
    if r.returnee:
        parts.append(f"← {r.returned_from} {r.return_date or ''}".strip())
    return " · ".join(parts)


def review(session: Session, *, actor: Actor, fill_id: int, accept: bool) -> None:
    scope.require_role(actor, Role.admin, Role.grid_worker)
    fill = session.get(SelfFill, fill_id)
    if fill is None:
        raise ServiceError("err.bad_request")
    rh = session.get(RoundHousehold, fill.round_household_id)
    scope.get_household(session, actor=actor, household_id=rh.household_id)
    if fill.status != SelfFillStatus.pending:
        return  # a second tap on an already reviewed submission
    if accept:
        data = SelfFillIn.model_validate_json(fill.payload)
        known = {r.name: r.id for r in session.exec(
            select(Resident).where(Resident.household_id == rh.household_id))}
        residents = [r.model_copy(update={"resident_id": known.get(r.name, 0)})
                     for r in data.residents]
        survey.record_visit(session, actor=actor, uuid=fill.uuid, round_id=rh.round_id,
                            household_id=rh.household_id, outcome=Outcome.self_filled,
                            residents=residents, needs=data.needs, note=data.note)
    fill.status = SelfFillStatus.accepted if accept else SelfFillStatus.rejected
    fill.reviewed_by_id = actor.user_id
    fill.touch(actor.user_id)
    session.add(fill)

