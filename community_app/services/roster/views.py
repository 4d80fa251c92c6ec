"""What the roster pages read: the volunteer's open and own shifts, the admin's board.

Invariants
- A volunteer sees the shifts of their community that have not ended, with the number of
  free places, and which ones they hold; never who else signed up.
- The admin's board shows masked names; a shift starting within the next day (and not
  over) with fewer places taken than its minimum is `short` (red on the board and home).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session, func, select

from community_app.models import (
    ApplicationStatus,
    Role,
    Shift,
    ShiftSignup,
    SignupStatus,
    User,
    VolunteerApplication,
)
from community_app.models.roster import HOLDS_PLACE
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.masking import mask_name

AHEAD = timedelta(days=1)  # a short shift this close shows red
HORIZON = timedelta(days=14)


def when(shift: Shift) -> str:
    """Local 'MM-DD HH:MM–HH:MM'."""
    return f"{clock.stamp(shift.starts_at)}–{clock.hhmm(shift.ends_at)}"


def is_short(shift: Shift, now: datetime) -> bool:
    start, end = clock.utc(shift.starts_at), clock.utc(shift.ends_at)
    return shift.filled < shift.min_people and end > now and start - now <= AHEAD


@dataclass
class OpenShift:
    id: int
    when: str
    place: str
    kind: str  # ShiftKind value, the page words it
    free: int
    mine: bool
    started: bool


def _upcoming(session: Session, actor: Actor, now: datetime) -> list[Shift]:
    return list(session.exec(select(Shift).where(
        Shift.community_id == actor.community_id, Shift.cancelled_at.is_(None),
        Shift.ends_at > now, Shift.starts_at < now + HORIZON).order_by(Shift.starts_at)))


def volunteer_shifts(session: Session, *, actor: Actor,
                     now: datetime | None = None) -> list[OpenShift]:
    """The shifts not yet over: those with a free place, and those this volunteer holds."""
    scope.require_role(actor, Role.volunteer)
    at = clock.utc(now)
    shifts = _upcoming(session, actor, at)
    mine = set(session.exec(select(ShiftSignup.shift_id).where(
        ShiftSignup.user_id == actor.user_id, ShiftSignup.status.in_(HOLDS_PLACE),
        ShiftSignup.shift_id.in_([s.id for s in shifts]))))
    out = []
    for s in shifts:
        started = clock.utc(s.starts_at) <= at
        if s.id in mine or (s.filled < s.max_people and not started):
            out.append(OpenShift(id=s.id, when=when(s), place=s.place, kind=str(s.kind),
                                 free=s.max_people - s.filled, mine=s.id in mine,
                                 started=started))
    return out


@dataclass
class Person:
    user_id: int
    name: str  # masked
    status: str  # SignupStatus value


@dataclass
class BoardShift:
    id: int
    when: str
    place: str
    kind: str
    filled: int
    min_people: int
    max_people: int
    short: bool
    people: list[Person] = field(default_factory=list)


@dataclass
class Helper:
    id: int
    name: str  # masked


def board(session: Session, *, actor: Actor, now: datetime | None = None) -> list[BoardShift]:
    scope.require_role(actor, Role.admin)
    at = clock.utc(now)
    shifts = list(session.exec(select(Shift).where(
        Shift.community_id == actor.community_id, Shift.cancelled_at.is_(None),
        Shift.ends_at > at - AHEAD, Shift.starts_at < at + HORIZON).order_by(Shift.starts_at)))
    rows = session.exec(select(ShiftSignup, User.display_name)
                        .join(User, User.id == ShiftSignup.user_id)
                        .where(ShiftSignup.shift_id.in_([s.id for s in shifts]),
                               ShiftSignup.status != SignupStatus.cancelled)
                        .order_by(ShiftSignup.id)).all()
    people: dict[int, list[Person]] = {}
    for signup, name in rows:
        people.setdefault(signup.shift_id, []).append(
            Person(user_id=signup.user_id, name=mask_name(name), status=str(signup.status)))
    return [BoardShift(id=s.id, when=when(s), place=s.place, kind=str(s.kind), filled=s.filled,
                       min_people=s.min_people, max_people=s.max_people, short=is_short(s, at),
                       people=people.get(s.id, [])) for s in shifts]


def volunteers(session: Session, *, actor: Actor) -> list[Helper]:
    """The community's active volunteers, for assigning (masked names)."""
    scope.require_role(actor, Role.admin)
    users = session.exec(select(User).where(User.community_id == actor.community_id,
                                            User.role == Role.volunteer,
                                            User.is_active.is_(True)).order_by(User.id)).all()
    return [Helper(id=u.id, name=mask_name(u.display_name)) for u in users]


def short_count(session: Session, *, actor: Actor, now: datetime | None = None) -> int:
    """Shifts within the next day still below their minimum (the admin home card)."""
    scope.require_role(actor, Role.admin)
    at = clock.utc(now)
    rows = session.exec(select(Shift).where(
        Shift.community_id == actor.community_id, Shift.cancelled_at.is_(None),
        Shift.ends_at > at, Shift.starts_at <= at + AHEAD,
        Shift.filled < Shift.min_people)).all()
    return sum(1 for s in rows if is_short(s, at))


def pending_count(session: Session, *, actor: Actor) -> int:
    scope.require_role(actor, Role.admin)
    return int(session.exec(select(func.count()).select_from(VolunteerApplication).where(
        VolunteerApplication.community_id == actor.community_id,
        VolunteerApplication.status == ApplicationStatus.pending)).one())
