"""Residents fill their own form through the door-notice code (小程序网上征集信息).

Invariants:
- A code opens one household of one OPEN round; it dies with the round.
- Nothing a resident submits reaches the ledger until a worker covering the household
  accepts it (self_fill_review.py): the findings as a visit with outcome `self_filled`,
  and each register field only where the reviewer accepts that change.
- The public side is rate limited per client (unknown codes, submissions). A passer-by
  cannot crowd the household out: each client keeps at most ONE pending submission per
  household (a new one replaces its own earlier one), and a household's queue holds up to
  PENDING_CAP clients' submissions, all shown to the reviewer side by side.
- The public side shows no personal data: only the flat's place, which is on the door anyway.
- A form is stored once per client UUID: the phone's outbox may send it again (the form
  carries its code, so it applies with no server state) and a resend changes nothing.
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
    RoundHousehold,
    RoundStatus,
    SelfFill,
    SelfFillStatus,
    SurveyRound,
    utcnow,
)
from community_app.services import device_cookie
from community_app.services.clock import aware
from community_app.services.errors import ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.survey.findings import ResidentIn

WINDOW = timedelta(minutes=15)
LIMITS = {"lookup": 10, "submit": 5}
PENDING_CAP = 10  # pending submissions per household and round, one per client at most


class SelfFillIn(BaseModel):
    residents: list[ResidentIn] = Field(min_length=1, max_length=12)
    needs: str = Field(default="", max_length=500)
    note: str = Field(default="", max_length=500)


class StoredFill(SelfFillIn):
    """What is stored: the form plus a keyed fingerprint of the client (never its address)."""

    source: str = ""


def source_of(client: str) -> str:
    return device_cookie.fingerprint(f"selffill:{client}")


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


def submit(session: Session, *, code: str, client: str, uuid: str, data: SelfFillIn) -> bool:
    """Store a resident's form for review; False when this form (its client UUID) was stored
    before (a resend, or the phone's outbox replaying it): nothing changes."""
    uuid = check_uuid(uuid)
    if existing(session, SelfFill, uuid) is not None:
        return False
    found = _open_row(session, code)
    if found is None:
        _spend(session, f"selffill-lookup:{client}", LIMITS["lookup"])
        raise ServiceError("selffill.bad_code")
    _spend(session, f"selffill-submit:{client}", LIMITS["submit"])
    rh, source = found[0], source_of(client)
    pending = session.exec(select(SelfFill).where(
        SelfFill.round_household_id == rh.id, SelfFill.status == SelfFillStatus.pending)).all()
    mine = [fill for fill in pending
            if StoredFill.model_validate_json(fill.payload).source == source]
    if len(pending) - len(mine) >= PENDING_CAP:
        raise ServiceError("selffill.queue_full")
    for fill in mine:  # the client's own earlier one: replaced, never reviewed
        fill.status = SelfFillStatus.rejected
        session.add(fill)
    stored = StoredFill(**data.model_dump(), source=source)
    session.add(SelfFill(uuid=uuid, round_household_id=rh.id, payload=stored.model_dump_json()))
    return True
