"""Admin work on accounts: create staff, disable, assign buildings, open household accounts,
reset a staff password; and a staff member changing their own password.

Invariants
- Role and scope are checked before anything is read or written; outside scope: Denied.
- A secret (password, PIN) is generated here, stored only as its hash, and returned once
  in `Issued.secret`; a replay of the same client UUID returns the account with no secret.
- Disabling an account or re-issuing a PIN ends that account's open sessions in the same
  transaction, under the account's row lock that a sign-in also takes (services/auth.py),
  so a sign-in landing at that moment leaves no open session behind. See README.md for the journeys.
- A password reset is the same: a new secret shown once, every session of the account ended
  under its row lock. Changing one's own password needs the current one (wrong guesses are
  throttled on the account's own key), PASSWORD_MIN..PASSWORD_MAX characters, and ends every
  session of the account but the one that changed it.
"""

from __future__ import annotations

import math
import uuid as uuidlib
from dataclasses import dataclass

from sqlmodel import Session, select

from community_app.models import GridAssignment, Household, Role, User, utcnow
from community_app.services import scope, throttle
from community_app.services.auth import Actor, end_sessions_of
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.passwords import (
    generate_password,
    generate_pin,
    hash_password,
    verify_password,
)

STAFF_ROLES = (Role.admin, Role.grid_worker, Role.volunteer)
PASSWORD_MIN, PASSWORD_MAX = 10, 128  # a chosen password: long enough, and bounded


@dataclass(frozen=True)
class Issued:
    """A credential shown once. `secret` is empty when a replay found the earlier account."""

    user_id: int
    username: str
    secret: str


def _username_taken(session: Session, username: str) -> bool:
    return session.exec(select(User.id).where(User.username == username)).first() is not None


def create_staff(
    session: Session,
    *,
    actor: Actor,
    uuid: str,
    username: str,
    display_name: str,
    phone: str,
    role: Role,
) -> Issued:
    scope.require_role(actor, Role.admin)
    uuid = check_uuid(uuid)
    if role not in STAFF_ROLES:
        raise ServiceError("err.bad_request")
    if (row := existing(session, User, uuid)) is not None:
        return Issued(user_id=row.id, username=row.username, secret="")
    if _username_taken(session, username):
        raise ServiceError("err.username_taken")
    password = generate_password()
    user = User(
        uuid=uuid,
        community_id=actor.community_id,
        username=username,
        display_name=display_name,
        phone=phone,
        role=role,
        password_hash=hash_password(password),
        updated_by_id=actor.user_id,
    )
    session.add(user)
    session.flush()
    return Issued(user_id=user.id, username=username, secret=password)


def _staff_in_community(session: Session, actor: Actor, user_id: int,
                        lock: bool = False) -> User:
    # `lock`: held until commit, the lock a sign-in takes before opening its session.
    user = session.get(User, user_id, populate_existing=lock,
                       with_for_update={"key_share": True} if lock else None)
    if user is None or user.community_id != actor.community_id:
        raise Denied()
    return user


def set_active(session: Session, *, actor: Actor, user_id: int, active: bool) -> None:
    """Disabling ends every session of the account at once."""
    scope.require_role(actor, Role.admin)
    user = _staff_in_community(session, actor, user_id, lock=True)
    if user.id == actor.user_id and not active:
        raise ServiceError("err.cannot_disable_self")
    user.is_active = active
    user.touch(actor.user_id)
    session.add(user)
    if not active:
        end_sessions_of(session, user_id=user.id)


def assign_buildings(
    session: Session, *, actor: Actor, user_id: int, building_ids: list[int]
) -> None:
    """Replace a worker's buildings. A building taken from another worker moves here."""
    scope.require_role(actor, Role.admin)
    worker = _staff_in_community(session, actor, user_id)
    if worker.role != Role.grid_worker:
        raise ServiceError("err.not_a_worker")
    allowed = set(scope.building_ids_in_scope(session, actor=actor))
    wanted = set(building_ids)
    if not wanted <= allowed:
        raise Denied()
    current = session.exec(
        select(GridAssignment).where(
            (GridAssignment.user_id == worker.id) | (GridAssignment.building_id.in_(wanted))
        )
    ).all()
    for row in current:
        session.delete(row)
    session.flush()
    for building_id in sorted(wanted):
        session.add(
            GridAssignment(
                uuid=str(uuidlib.uuid4()),
                user_id=worker.id,
                building_id=building_id,
                updated_by_id=actor.user_id,
            )
        )


def open_household_account(
    session: Session, *, actor: Actor, uuid: str, household_id: int
) -> Issued:
    """Open (or re-issue the PIN of) the login of one household: its code + a 6-digit PIN."""
    scope.require_role(actor, Role.admin, Role.grid_worker)
    uuid = check_uuid(uuid)
    household: Household = scope.get_household(session, actor=actor, household_id=household_id)
    if (row := existing(session, User, uuid)) is not None:
        return Issued(user_id=row.id, username=row.username, secret="")
    pin = generate_pin()
    user = session.exec(select(User).where(User.household_id == household.id)
                        .with_for_update(key_share=True)
                        .execution_options(populate_existing=True)).first()
    if user is None:
        user = User(
            uuid=uuid,
            community_id=actor.community_id,
            username=household.code,
            display_name=household.code,
            role=Role.household,
            household_id=household.id,
            password_hash="",
        )
    else:
        # Re-issuing a PIN logs out every device that held the old one.
        end_sessions_of(session, user_id=user.id)
        user.uuid = uuid
    user.password_hash = hash_password(pin)
    user.is_active = True
    user.touch(actor.user_id)
    session.add(user)
    session.flush()
    return Issued(user_id=user.id, username=user.username, secret=pin)


def reset_staff_password(session: Session, *, actor: Actor, user_id: int) -> Issued:
    """A new generated password for a staff account, shown once; its sessions all end."""
    scope.require_role(actor, Role.admin)
    user = _staff_in_community(session, actor, user_id, lock=True)
    if Role(user.role) not in STAFF_ROLES:
        raise Denied()  # a household's PIN is re-issued from its building, by its worker
    if user.id == actor.user_id:
        raise ServiceError("community.reset_self")
    password = generate_password()
    user.password_hash = hash_password(password)
    user.touch(actor.user_id)
    session.add(user)
    end_sessions_of(session, user_id=user.id)
    return Issued(user_id=user.id, username=user.username, secret=password)


def change_own_password(session: Session, *, actor: Actor, token: str, current: str,
                        new: str) -> int:
    """The signed-in staff member's new password; returns how many other sessions ended."""
    scope.require_role(actor, *STAFF_ROLES)
    if len(new) < PASSWORD_MIN:
        raise ServiceError("community.password_short", min=PASSWORD_MIN)
    if len(new) > PASSWORD_MAX or len(current) > PASSWORD_MAX:
        raise ServiceError("community.password_long", max=PASSWORD_MAX)
    user = session.get(User, actor.user_id, populate_existing=True,
                       with_for_update={"key_share": True})
    now, keys = utcnow(), [f"password:{actor.user_id}"]
    if wait := throttle.wait(session, keys, now):
        raise ServiceError("community.password_locked",
                           minutes=max(1, math.ceil(wait.total_seconds() / 60)))
    if user is None or not verify_password(current, user.password_hash):
        throttle.fail(session, keys, now)
        session.commit()  # the failure counts although the change is refused
        raise ServiceError("community.password_wrong")
    if new == current:
        raise ServiceError("community.password_same")
    throttle.forget(session, keys)
    user.password_hash = hash_password(new)
    user.touch(actor.user_id)
    session.add(user)
    return end_sessions_of(session, user_id=user.id, keep_token=token)
