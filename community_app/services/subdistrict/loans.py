"""Cadres the subdistrict lends its communities (下沉干部).

A loan is an account of the community it is lent to (a grid worker or a volunteer there,
with that community's scope, its work counted there like anyone's), valid only from
`starts_at` until `ends_at` (services/auth.py refuses it outside; no job needs to run).

Invariants
- Role subdistrict only, a community of its own subdistrict (scope.get_community).
- The account's password is returned once by the lend that made it (replay: no secret).
- Ending a loan early moves `ends_at` to now: the commit bumps the auth epoch, so the
  cadre's next tap is refused on every worker; an end by time needs nothing at all.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, select

from community_app.models import CadreLoan, Community, Role, User, utcnow
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import aware, stamp
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.masking import mask_phone
from community_app.services.passwords import generate_password, hash_password

LENT_ROLES = (Role.grid_worker, Role.volunteer)
MAX_DAYS = 90


@dataclass(frozen=True)
class Lent:
    """The cadre's account; `secret` is empty on a replay."""

    loan_id: int
    username: str
    secret: str


@dataclass(frozen=True)
class LoanRow:
    id: int
    name: str
    username: str
    phone: str  # masked
    community: str
    role: str
    ends: str  # local date and time
    active: bool


def lend(session: Session, *, actor: Actor, uuid: str, community_id: int, role: Role,
         username: str, display_name: str, phone: str, days: int) -> Lent:
    """Lend a person to one of the subdistrict's communities from now for `days` days."""
    scope.require_role(actor, Role.subdistrict)
    uuid = check_uuid(uuid)
    community = scope.get_community(session, actor=actor, community_id=community_id)
    if role not in LENT_ROLES or not 1 <= days <= MAX_DAYS:
        raise ServiceError("err.bad_request")
    if (row := existing(session, CadreLoan, uuid)) is not None:
        if row.subdistrict_id != actor.subdistrict_id:
            raise Denied()
        return Lent(loan_id=row.id, username=session.get(User, row.user_id).username,
                    secret="")
    username = username.strip()
    if session.exec(select(User.id).where(User.username == username)).first():
        raise ServiceError("err.username_taken")
    secret = generate_password()
    user = User(uuid=str(uuidlib.uuid5(uuidlib.UUID(uuid), "cadre")), community_id=community.id,
                subdistrict_id=actor.subdistrict_id, username=username,
                display_name=display_name.strip(), phone=phone, role=role,
                password_hash=hash_password(secret), updated_by_id=actor.user_id)
    session.add(user)
    session.flush()
    now = utcnow()
    loan = CadreLoan(uuid=uuid, subdistrict_id=actor.subdistrict_id, community_id=community.id,
                     user_id=user.id, starts_at=now, ends_at=now + timedelta(days=days),
                     created_by_id=actor.user_id, updated_by_id=actor.user_id)
    session.add(loan)
    session.flush()
    return Lent(loan_id=loan.id, username=username, secret=secret)


def list_loans(session: Session, *, actor: Actor) -> list[LoanRow]:
    """Every loan of the officer's subdistrict, running ones first."""
    scope.require_role(actor, Role.subdistrict)
    now = utcnow()
    rows = session.exec(
        select(CadreLoan, User, Community)
        .join(User, User.id == CadreLoan.user_id)
        .join(Community, Community.id == CadreLoan.community_id)
        .where(CadreLoan.subdistrict_id == actor.subdistrict_id)
        .order_by(CadreLoan.ends_at.desc(), CadreLoan.id)
    ).all()
    made = [LoanRow(id=loan.id, name=user.display_name, username=user.username,
                    phone=mask_phone(user.phone), community=comm.name, role=str(user.role),
                    ends=stamp(loan.ends_at),
                    active=aware(loan.starts_at) <= now < aware(loan.ends_at))
            for loan, user, comm in rows]
    return sorted(made, key=lambda r: not r.active)


def end_loan(session: Session, *, actor: Actor, loan_id: int) -> None:
    """End a running loan now: the cadre's sessions are refused from the next tap."""
    scope.require_role(actor, Role.subdistrict)
    loan = session.get(CadreLoan, loan_id, with_for_update=True) if isinstance(
        loan_id, int) else None
    if loan is None or loan.subdistrict_id != actor.subdistrict_id:
        raise Denied()
    now = utcnow()
    if aware(loan.ends_at) > now:
        loan.ends_at = now
        loan.touch(actor.user_id)
        session.add(loan)
