"""The staff page (/staff) as one read model, and its writes that return it.

Invariants
- Admin only, the admin's own community; phones are masked in the list.
- Each write (create, disable/enable, assign buildings, reset a password) goes through
  services/community/accounts.py and returns the whole screen read in the same
  transaction, so the page shows what was committed without a second round trip.
- A new account's password travels only in `StaffScreen.issued` of the create that made
  it (a replay of the same form, same uuid, returns no secret), a reset one only in that
  of the reset.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, select

from community_app.models import GridAssignment, Role, User
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.community import accounts
from community_app.services.community.accounts import Issued
from community_app.services.community.views import (
    BuildingRow,
    CompoundGroup,
    group_by_compound,
    list_buildings,
)
from community_app.services.masking import mask_phone


@dataclass(frozen=True)
class StaffRow:
    """One account on the staff page; the phone is masked."""

    id: int
    username: str
    name: str
    phone: str
    role: str
    active: bool
    buildings: int  # how many buildings the account covers as a grid worker
    is_me: bool = False  # the admin's own account (its password is changed on /me)


def list_staff(session: Session, *, actor: Actor) -> list[StaffRow]:
    scope.require_role(actor, Role.admin)
    users = session.exec(
        select(User)
        .where(User.community_id == actor.community_id, User.role != Role.household)
        .order_by(User.role, User.username)
    ).all()
    assigned = dict(
        session.exec(
            select(GridAssignment.user_id, func.count(GridAssignment.id)).group_by(
                GridAssignment.user_id
            )
        ).all()
    )
    return [
        StaffRow(
            id=u.id,
            username=u.username,
            name=u.display_name,
            phone=mask_phone(u.phone),
            role=str(Role(u.role).value),
            active=u.is_active,
            buildings=assigned.get(u.id, 0),
            is_me=u.id == actor.user_id,
        )
        for u in users
    ]


@dataclass
class StaffScreen:
    staff: list[StaffRow] = field(default_factory=list)
    buildings: list[BuildingRow] = field(default_factory=list)  # for assigning workers
    issued: Issued | None = None  # set only by the create or reset that made a password

    @property
    def compounds(self) -> list[CompoundGroup]:
        """The buildings as the picker shows them: grouped by compound."""
        return group_by_compound(self.buildings)


def staff_screen(session: Session, *, actor: Actor) -> StaffScreen:
    """The page's one read: every staff account and every building with its worker."""
    return StaffScreen(staff=list_staff(session, actor=actor),
                       buildings=list_buildings(session, actor=actor))


def add_staff(session: Session, *, actor: Actor, uuid: str, username: str,
              display_name: str, phone: str, role: Role) -> StaffScreen:
    """Create a staff account (replay-safe by uuid); the screen carries its password once."""
    issued = accounts.create_staff(session, actor=actor, uuid=uuid, username=username,
                                   display_name=display_name, phone=phone, role=role)
    screen = staff_screen(session, actor=actor)
    screen.issued = issued
    return screen


def set_staff_active(session: Session, *, actor: Actor, user_id: int,
                     active: bool) -> StaffScreen:
    """Disable (ending every session of the account) or enable; the screen after it."""
    accounts.set_active(session, actor=actor, user_id=user_id, active=active)
    session.flush()
    return staff_screen(session, actor=actor)


def assign_worker(session: Session, *, actor: Actor, user_id: int,
                  building_ids: list[int]) -> StaffScreen:
    """Replace a grid worker's buildings (taking them from others); the screen after it."""
    accounts.assign_buildings(session, actor=actor, user_id=user_id, building_ids=building_ids)
    session.flush()
    return staff_screen(session, actor=actor)


def reset_password(session: Session, *, actor: Actor, user_id: int) -> StaffScreen:
    """A new password for a staff member (their sessions end); the screen carries it once."""
    issued = accounts.reset_staff_password(session, actor=actor, user_id=user_id)
    session.flush()
    screen = staff_screen(session, actor=actor)
    screen.issued = issued
    return screen
