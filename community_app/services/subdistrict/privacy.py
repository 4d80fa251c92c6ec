"""Residents' personal data above the community: aggregates only, unless named.

A subdistrict officer sees counts. To see one community's residents who need care by
name and phone (关爱名单: living alone elderly, disabled, pregnant, infants), that
community's admin must grant the officer the named permission `CONTACTS`; every look the
officer takes is logged (`PrivacyView`: who, when, what, how many rows), and the admin
reads that log.

Invariants
- Grant and revoke: the community's admin, for an officer of the community's subdistrict.
- `care_contacts` refuses (Denied) without a live grant, writes the log row in the same
  transaction as the read it records, and never returns another community's people.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from community_app.models import (
    Building,
    Community,
    Compound,
    Household,
    PrivacyGrant,
    PrivacyView,
    Resident,
    Role,
    User,
    utcnow,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import stamp
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid
from community_app.services.masking import mask_name

CONTACTS = "resident_contacts"
CARE_LIMIT = 500


@dataclass(frozen=True)
class CareContact:
    name: str
    phone: str
    place: str  # building unit-floor room


@dataclass(frozen=True)
class ViewRow:
    viewer: str  # masked name
    when: str
    what: str
    rows: int


@dataclass(frozen=True)
class GrantRow:
    user_id: int
    name: str  # the officer's masked name
    username: str
    granted: bool


def _live_grant(session: Session, community_id: int, user_id: int) -> PrivacyGrant | None:
    return session.exec(select(PrivacyGrant).where(
        PrivacyGrant.community_id == community_id, PrivacyGrant.user_id == user_id,
        PrivacyGrant.permission == CONTACTS, PrivacyGrant.revoked_at.is_(None))).first()


def may_see_contacts(session: Session, *, actor: Actor, community_id: int) -> bool:
    scope.require_role(actor, Role.subdistrict)
    scope.get_community(session, actor=actor, community_id=community_id)
    return _live_grant(session, community_id, actor.user_id) is not None


def _officer(session: Session, actor: Actor, user_id: int) -> User:
    community = session.get(Community, actor.community_id)
    user = session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or user.role != Role.subdistrict or community is None or (
            user.subdistrict_id != community.subdistrict_id):
        raise Denied()
    return user


def set_grant(session: Session, *, actor: Actor, uuid: str, user_id: int,
              granted: bool) -> None:
    """The community admin grants (or revokes) an officer the contacts permission."""
    scope.require_role(actor, Role.admin)
    uuid = check_uuid(uuid)
    officer = _officer(session, actor, user_id)
    row = session.exec(select(PrivacyGrant).where(
        PrivacyGrant.community_id == actor.community_id, PrivacyGrant.user_id == officer.id,
        PrivacyGrant.permission == CONTACTS)).first()
    if row is None:
        if not granted:
            return
        row = PrivacyGrant(uuid=uuid, community_id=actor.community_id, user_id=officer.id,
                           permission=CONTACTS, granted_by_id=actor.user_id)
    row.revoked_at = None if granted else (row.revoked_at or utcnow())
    row.granted_by_id = actor.user_id
    row.touch(actor.user_id)
    session.add(row)


def grants(session: Session, *, actor: Actor) -> list[GrantRow]:
    """The admin's view: every officer of its subdistrict and whether they hold the grant."""
    scope.require_role(actor, Role.admin)
    community = session.get(Community, actor.community_id)
    if community is None or community.subdistrict_id is None:
        return []
    officers = session.exec(select(User).where(
        User.role == Role.subdistrict, User.subdistrict_id == community.subdistrict_id,
        User.is_active.is_(True)).order_by(User.username)).all()
    return [GrantRow(user_id=u.id, name=mask_name(u.display_name), username=u.username,
                     granted=_live_grant(session, community.id, u.id) is not None)
            for u in officers]


def care_contacts(session: Session, *, actor: Actor, community_id: int) -> list[CareContact]:
    """The community's residents who need care, by name and phone: granted officers only,
    and the look is logged."""
    scope.require_role(actor, Role.subdistrict)
    scope.get_community(session, actor=actor, community_id=community_id)
    if _live_grant(session, community_id, actor.user_id) is None:
        raise ServiceError("subdistrict.err.no_grant")
    rows = session.exec(
        select(Resident, Household, Building)
        .join(Household, Household.id == Resident.household_id)
        .join(Building, Building.id == Household.building_id)
        .join(Compound, Compound.id == Building.compound_id)
        .where(Compound.community_id == community_id, Resident.moved_away.is_(False),
               Resident.elderly_alone | Resident.disabled | Resident.pregnant
               | Resident.infant)
        .order_by(Building.name, Household.unit, Household.floor, Household.room, Resident.id)
        .limit(CARE_LIMIT)
    ).all()
    found = [CareContact(name=r.name, phone=r.phone,
                         place=f"{b.name} {h.unit}-{h.floor}-{h.room}") for r, h, b in rows]
    session.add(PrivacyView(viewer_id=actor.user_id, community_id=community_id,
                            permission=CONTACTS, what="care_list", rows=len(found)))
    return found


def view_log(session: Session, *, actor: Actor, limit: int = 50) -> list[ViewRow]:
    """The admin reads who above the community looked at its residents, newest first."""
    scope.require_role(actor, Role.admin)
    rows = session.exec(
        select(PrivacyView, User).join(User, User.id == PrivacyView.viewer_id)
        .where(PrivacyView.community_id == actor.community_id)
        .order_by(PrivacyView.viewed_at.desc(), PrivacyView.id.desc()).limit(limit)).all()
    return [ViewRow(viewer=mask_name(u.display_name), when=stamp(v.viewed_at), what=v.what,
                    rows=v.rows) for v, u in rows]
