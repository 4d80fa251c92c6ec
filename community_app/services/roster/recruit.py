"""招募令: the public sign-up page and the admin's review queue.

Invariants
- The public side (no account) only ever adds or replaces its own pending application: it
  reads the community's name by the link's code and nothing else. It is rate limited per
  client (unknown codes and submissions, like the door-notice self-fill), and each client
  keeps at most one pending application per community (a new one replaces its own).
- Stored once per client UUID: the phone's outbox or a double tap sends it again, and the
  resend changes nothing.
- Approving creates one volunteer account (role volunteer, the community's), its password
  generated here, stored only as a hash and returned once; approving twice or a declined
  application is refused. Declining keeps the row (status declined) and creates nothing.
- The review queue shows masked names and phones; the full phone only on the card's call.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import BaseModel, Field, field_validator
from sqlmodel import Session, select

from community_app.models import (
    ApplicationStatus,
    Community,
    Compound,
    LoginThrottle,
    RecruitLink,
    Role,
    User,
    VolunteerApplication,
    utcnow,
)
from community_app.models.roster import AVAILABILITY_MAX, SKILLS
from community_app.services import clock, device_cookie, scope
from community_app.services.auth import Actor
from community_app.services.clock import aware
from community_app.services.codes import random_code
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.masking import mask_name, mask_phone
from community_app.services.passwords import generate_password, hash_password
from community_app.services.text import has_forbidden

WINDOW = timedelta(minutes=15)
LIMITS = {"lookup": 10, "submit": 5}
PHONE = re.compile(r"^\+?\d{5,15}$")


class ApplicationIn(BaseModel):
    name: str = Field(min_length=1, max_length=50)
    phone: str = Field(min_length=5, max_length=16)
    compound_id: int | None = Field(default=None, ge=1, le=10**12)
    skills: list[str] = Field(default_factory=list, max_length=len(SKILLS))
    party_member: bool = False
    availability: str = Field(default="", max_length=AVAILABILITY_MAX)

    @field_validator("name", "phone", "availability")
    @classmethod
    def clean(cls, value: str) -> str:
        value = value.strip()
        if has_forbidden(value):
            raise ValueError("control characters")
        return value

    @field_validator("phone")
    @classmethod
    def phone_shape(cls, value: str) -> str:
        if not PHONE.match(value):
            raise ValueError("phone")
        return value

    @field_validator("skills")
    @classmethod
    def known_skills(cls, value: list[str]) -> list[str]:
        if any(s not in SKILLS for s in value):
            raise ValueError("skill")
        return sorted(set(value), key=SKILLS.index)


def spend(session: Session, key: str, limit: int) -> None:
    """Count one use of `key`; refuse once `limit` uses fall within the window."""
    now = utcnow()
    row = session.get(LoginThrottle, key) or LoginThrottle(key=key)
    first = aware(row.first_failure_at)
    if first is None or now - first > WINDOW:
        row.failures, row.first_failure_at = 0, now
    if row.failures >= limit:
        raise ServiceError("roster.err.too_many")
    row.failures += 1
    session.add(row)
    session.commit()  # the count must stick even when the caller then fails


def ensure_link(session: Session, *, actor: Actor) -> str:
    """The community's sign-up code, made on first use."""
    scope.require_role(actor, Role.admin)
    link = session.get(RecruitLink, actor.community_id)
    if link is None:
        link = RecruitLink(community_id=actor.community_id, code=random_code())
        session.add(link)
        session.flush()
    return link.code


@dataclass
class Choice:
    id: int
    name: str


@dataclass
class JoinContext:
    community: str
    compounds: list[Choice]


def _community_of(session: Session, code: object, client: str) -> int:
    text = str(code or "").strip().upper()[:16]
    link = session.exec(select(RecruitLink).where(RecruitLink.code == text)).first() \
        if text.isalnum() else None
    if link is None:
        spend(session, f"recruit-lookup:{client}", LIMITS["lookup"])
        raise ServiceError("roster.err.bad_link")
    return link.community_id


def join_context(session: Session, *, code: str, client: str) -> JoinContext:
    community_id = _community_of(session, code, client)
    compounds = session.exec(select(Compound).where(Compound.community_id == community_id)
                             .order_by(Compound.name)).all()
    return JoinContext(community=session.get(Community, community_id).name,
                       compounds=[Choice(id=c.id, name=c.name) for c in compounds])


def apply(session: Session, *, code: str, client: str, uuid: str, data: ApplicationIn) -> bool:
    """Store one application; False when this form (its UUID) was stored before."""
    uuid = check_uuid(uuid)
    if existing(session, VolunteerApplication, uuid) is not None:
        return False
    community_id = _community_of(session, code, client)
    if data.compound_id is not None:
        compound = session.get(Compound, data.compound_id)
        if compound is None or compound.community_id != community_id:
            raise ServiceError("err.bad_request")
    spend(session, f"recruit-submit:{client}", LIMITS["submit"])
    source = device_cookie.fingerprint(f"recruit:{client}")
    for mine in session.exec(select(VolunteerApplication).where(
            VolunteerApplication.community_id == community_id,
            VolunteerApplication.source == source,
            VolunteerApplication.status == ApplicationStatus.pending)):
        mine.status = ApplicationStatus.declined  # replaced by the new one, never reviewed
        session.add(mine)
    session.add(VolunteerApplication(
        uuid=uuid, community_id=community_id, name=data.name, phone=data.phone,
        compound_id=data.compound_id, skills=",".join(data.skills),
        party_member=data.party_member, availability=data.availability, source=source))
    session.flush()
    return True


@dataclass
class PendingApplication:
    id: int
    name: str  # masked
    phone: str  # masked
    compound: str
    skills: list[str]  # SKILLS keys, the page words them
    party_member: bool
    availability: str
    submitted: str  # local "MM-DD HH:MM"


def queue(session: Session, *, actor: Actor) -> list[PendingApplication]:
    scope.require_role(actor, Role.admin)
    rows = session.exec(select(VolunteerApplication).where(
        VolunteerApplication.community_id == actor.community_id,
        VolunteerApplication.status == ApplicationStatus.pending)
        .order_by(VolunteerApplication.created_at)).all()
    names = {c.id: c.name for c in session.exec(select(Compound).where(
        Compound.community_id == actor.community_id))}
    return [PendingApplication(
        id=r.id, name=mask_name(r.name), phone=mask_phone(r.phone),
        compound=names.get(r.compound_id, ""), skills=[s for s in r.skills.split(",") if s],
        party_member=r.party_member, availability=r.availability,
        submitted=clock.local(r.created_at).strftime("%m-%d %H:%M")) for r in rows]


@dataclass(frozen=True)
class Approved:
    """The new account, its password shown once (empty on a refused repeat)."""

    user_id: int
    username: str
    secret: str


def _pending(session: Session, actor: Actor, application_id: int) -> VolunteerApplication:
    scope.require_role(actor, Role.admin)
    row = session.get(VolunteerApplication, application_id, with_for_update=True,
                      populate_existing=True)
    if row is None or row.community_id != actor.community_id:
        raise Denied()
    if row.status != ApplicationStatus.pending:
        raise ServiceError("roster.err.already_decided")
    return row


def _free_username(session: Session) -> str:
    while True:
        name = "zy" + "".join(secrets.choice("23456789") for _ in range(6))
        if session.exec(select(User.id).where(User.username == name)).first() is None:
            return name


def approve(session: Session, *, actor: Actor, application_id: int,
            now: datetime | None = None) -> Approved:
    row = _pending(session, actor, application_id)
    password = generate_password()
    user = User(uuid=check_uuid(row.uuid), community_id=row.community_id,
                username=_free_username(session), display_name=row.name, phone=row.phone,
                role=Role.volunteer, password_hash=hash_password(password),
                updated_by_id=actor.user_id)
    session.add(user)
    session.flush()
    row.status, row.user_id, row.decided_at = ApplicationStatus.approved, user.id, clock.utc(now)
    row.touch(actor.user_id)
    session.add(row)
    session.flush()
    return Approved(user_id=user.id, username=user.username, secret=password)


def decline(session: Session, *, actor: Actor, application_id: int,
            now: datetime | None = None) -> None:
    row = _pending(session, actor, application_id)
    row.status, row.decided_at = ApplicationStatus.declined, clock.utc(now)
    row.touch(actor.user_id)
    session.add(row)
    session.flush()
