"""The subdistrict officer's communities: the home screen's list, and a new community
with its first admin.

Invariants
- Role subdistrict only; a community is reached through scope.get_community (Denied for
  another subdistrict's). The list holds aggregates (counts), never a resident's data.
- The first admin's password is generated here, stored as its hash only, and returned once
  in `FirstAdmin.secret` by the create that made it; a replay of the same form (same uuid)
  returns the community with no secret (as services/community/accounts.create_staff).
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from community_app.models import (
    Building,
    CadreLoan,
    Community,
    Compound,
    Household,
    Resident,
    Role,
    Subdistrict,
    User,
    utcnow,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.passwords import generate_password, hash_password


@dataclass(frozen=True)
class CommunityRow:
    """One community on the subdistrict's home: counts only."""

    id: int
    name: str
    households: int
    residents: int
    staff: int  # active staff accounts (lent cadres included)
    lent: int  # cadres lent to it right now


@dataclass
class SubdistrictHome:
    name: str = ""
    communities: list[CommunityRow] = field(default_factory=list)


@dataclass(frozen=True)
class FirstAdmin:
    """The new community's first admin; `secret` is empty on a replay."""

    community_id: int
    username: str
    secret: str


def _counts(session: Session, query: Any, ids: list[int]) -> dict[int, int]:
    return dict(session.exec(query.where(Compound.community_id.in_(ids))
                             .group_by(Compound.community_id)).all()) if ids else {}


def subdistrict_home(session: Session, *, actor: Actor) -> SubdistrictHome:
    """The officer's subdistrict and each of its communities, by name."""
    scope.require_role(actor, Role.subdistrict)
    ids = scope.community_ids_in_scope(session, actor=actor)
    street = session.get(Subdistrict, actor.subdistrict_id) if actor.subdistrict_id else None
    homes = _counts(session, select(Compound.community_id, func.count(Household.id))
                    .join(Building, Building.compound_id == Compound.id)
                    .join(Household, Household.building_id == Building.id), ids)
    people = _counts(session, select(Compound.community_id, func.count(Resident.id))
                     .join(Building, Building.compound_id == Compound.id)
                     .join(Household, Household.building_id == Building.id)
                     .join(Resident, Resident.household_id == Household.id)
                     .where(Resident.moved_away.is_(False)), ids)
    staff = dict(session.exec(
        select(User.community_id, func.count(User.id))
        .where(User.community_id.in_(ids), User.role.in_(
            [Role.admin, Role.grid_worker, Role.volunteer]), User.is_active.is_(True))
        .group_by(User.community_id)).all()) if ids else {}
    now = utcnow()
    lent = dict(session.exec(
        select(CadreLoan.community_id, func.count(CadreLoan.id))
        .where(CadreLoan.community_id.in_(ids), CadreLoan.starts_at <= now,
               CadreLoan.ends_at > now)
        .group_by(CadreLoan.community_id)).all()) if ids else {}
    rows = session.exec(select(Community).where(Community.id.in_(ids))
                        .order_by(Community.name, Community.id)).all() if ids else []
    return SubdistrictHome(
        name=street.name if street else "",
        communities=[CommunityRow(id=c.id, name=c.name, households=homes.get(c.id, 0),
                                  residents=people.get(c.id, 0), staff=staff.get(c.id, 0),
                                  lent=lent.get(c.id, 0)) for c in rows])


def create_community(session: Session, *, actor: Actor, uuid: str, name: str, phone: str,
                     admin_username: str, admin_name: str, admin_phone: str) -> FirstAdmin:
    """A new community of the officer's subdistrict and its first admin (replay-safe)."""
    scope.require_role(actor, Role.subdistrict)
    uuid = check_uuid(uuid)
    if actor.subdistrict_id is None:
        raise ServiceError("err.denied")
    if (made := existing(session, Community, uuid)) is not None:
        if made.subdistrict_id != actor.subdistrict_id:
            raise ServiceError("err.denied")
        first = session.exec(select(User).where(User.community_id == made.id,
                                                User.role == Role.admin)
                             .order_by(User.id)).first()
        return FirstAdmin(community_id=made.id, username=first.username if first else "",
                          secret="")
    name, admin_username = name.strip(), admin_username.strip()
    taken = session.exec(select(Community.id).where(
        Community.subdistrict_id == actor.subdistrict_id, Community.name == name)).first()
    if taken is not None:
        raise ServiceError("subdistrict.err.name_taken")
    if session.exec(select(User.id).where(User.username == admin_username)).first():
        raise ServiceError("err.username_taken")
    street = session.get(Subdistrict, actor.subdistrict_id)
    community = Community(uuid=uuid, name=name, phone=phone, subdistrict=street.name,
                          subdistrict_id=street.id, updated_by_id=actor.user_id)
    session.add(community)
    session.flush()
    secret = generate_password()
    session.add(User(uuid=str(uuidlib.uuid5(uuidlib.UUID(uuid), "first-admin")),
                     community_id=community.id, username=admin_username,
                     display_name=admin_name.strip(), phone=admin_phone, role=Role.admin,
                     password_hash=hash_password(secret), updated_by_id=actor.user_id))
    session.flush()
    return FirstAdmin(community_id=community.id, username=admin_username, secret=secret)
