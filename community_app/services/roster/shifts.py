"""Shifts: the admin makes them; volunteers take places (or the admin assigns); attendance.

Status journey of a place (ShiftSignup): signed -> worked (attendance) | no_show (did not
come, the place is free for a backfill) | cancelled (left before the start); a cancelled
or no-show volunteer may take a place again while one is free.

Invariants
- `Shift.filled` = the signups holding a place (signed, worked), never above max_people:
  every change is one conditional UPDATE under the shift's row lock, so of two volunteers
  racing for the last place exactly one wins (tests/roster/test_races.py, PostgreSQL).
- One place per volunteer per shift (unique shift_id, user_id); a sign-up is applied once
  per client UUID (the field form goes through the outbox), a resend finds it.
- Volunteers sign themselves up only before the start; the admin assigns until the end
  (a backfill after a no-show). Everything is the actor's community only (else Denied).
- `mark_worked` is the one attendance call: the admin for anyone, or the volunteer for
  themself from 30 minutes before the start until the end (a gate sign-on calls it).
- `shift_to_sign_on` finds the actor's own signed shift of a kind at a place (for a gate
  shift the place is the checkpoint's name) that covers `now` or starts within 30 minutes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import update
from sqlmodel import Session, select

from community_app.models import Role, Shift, ShiftKind, ShiftSignup, SignupStatus
from community_app.models.roster import HOLDS_PLACE, PLACE_MAX
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.roster.access import checked_text, own_shift, own_volunteer

MAX_PEOPLE = 50
MAX_LENGTH = timedelta(hours=24)
EARLY_SIGN_ON = timedelta(minutes=30)


class ShiftIn(BaseModel):
    starts_at: datetime
    ends_at: datetime
    place: str = Field(min_length=1, max_length=PLACE_MAX)
    kind: ShiftKind
    min_people: int = Field(ge=1, le=MAX_PEOPLE)
    max_people: int = Field(ge=1, le=MAX_PEOPLE)

    @model_validator(mode="after")
    def bounds(self) -> ShiftIn:
        if self.min_people > self.max_people:
            raise ValueError("min above max")
        if self.starts_at.tzinfo is None or self.ends_at.tzinfo is None:
            raise ValueError("naive time")
        if not timedelta(0) < self.ends_at - self.starts_at <= MAX_LENGTH:
            raise ValueError("length")
        return self


def create_shift(session: Session, *, actor: Actor, uuid: str, data: ShiftIn) -> int:
    scope.require_role(actor, Role.admin)
    uuid = check_uuid(uuid)
    if (row := existing(session, Shift, uuid)) is not None:
        return row.id
    shift = Shift(uuid=uuid, community_id=actor.community_id,
                  starts_at=clock.utc(data.starts_at), ends_at=clock.utc(data.ends_at),
                  place=checked_text(data.place, most=PLACE_MAX), kind=data.kind,
                  min_people=data.min_people, max_people=data.max_people,
                  updated_by_id=actor.user_id)
    session.add(shift)
    session.flush()
    return shift.id


def _take(session: Session, shift: Shift, delta: int) -> None:
    """Change `filled` by one, in the database; refused when that would pass max or 0."""
    where = [Shift.id == shift.id]
    where.append(Shift.filled < Shift.max_people if delta > 0 else Shift.filled > 0)
    done = session.connection().execute(
        update(Shift).where(*where).values(filled=Shift.filled + delta)
        .returning(Shift.filled)).first()
    if done is None:
        raise ServiceError("roster.err.full" if delta > 0 else "err.bad_request")
    session.refresh(shift)


def _place(session: Session, *, actor: Actor, uuid: str, shift_id: int, user_id: int,
           assigned: bool) -> bool:
    """Give `user_id` a place; False when they already hold one (or this UUID was applied)."""
    if existing(session, ShiftSignup, uuid) is not None:
        return False
    shift = own_shift(session, actor=actor, shift_id=shift_id, lock=True)
    if shift.cancelled_at is not None:
        raise ServiceError("roster.err.closed")
    now = clock.utc()
    if (clock.utc(shift.starts_at) <= now and not assigned) or clock.utc(shift.ends_at) <= now:
        raise ServiceError("roster.err.closed")
    row = session.exec(select(ShiftSignup).where(ShiftSignup.shift_id == shift.id,
                                                 ShiftSignup.user_id == user_id)).first()
    if row is not None and row.status in HOLDS_PLACE:
        return False
    _take(session, shift, +1)
    row = row or ShiftSignup(uuid=uuid, shift_id=shift.id, user_id=user_id)
    row.uuid, row.status = uuid, SignupStatus.signed
    row.assigned_by_id = actor.user_id if assigned else None
    row.touch(actor.user_id)
    session.add(row)
    session.flush()
    return True


def sign_up(session: Session, *, actor: Actor, uuid: str, shift_id: int) -> bool:
    """The volunteer takes a place on an open shift (the field form, kind "shift_signup")."""
    scope.require_role(actor, Role.volunteer)
    return _place(session, actor=actor, uuid=check_uuid(uuid), shift_id=shift_id,
                  user_id=actor.user_id, assigned=False)


def assign(session: Session, *, actor: Actor, uuid: str, shift_id: int, user_id: int) -> bool:
    """The admin puts a volunteer on a shift (also the backfill after a no-show)."""
    scope.require_role(actor, Role.admin)
    own_volunteer(session, actor=actor, user_id=user_id)
    return _place(session, actor=actor, uuid=check_uuid(uuid), shift_id=shift_id,
                  user_id=user_id, assigned=True)


def _signup(session: Session, shift: Shift, user_id: int) -> ShiftSignup:
    row = session.exec(select(ShiftSignup).where(ShiftSignup.shift_id == shift.id,
                                                 ShiftSignup.user_id == user_id)).first()
    if row is None:
        raise ServiceError("roster.err.not_signed")
    return row


def leave(session: Session, *, actor: Actor, shift_id: int) -> None:
    """The volunteer gives their place back before the start."""
    scope.require_role(actor, Role.volunteer)
    shift = own_shift(session, actor=actor, shift_id=shift_id, lock=True)
    row = _signup(session, shift, actor.user_id)
    if row.status != SignupStatus.signed or clock.utc(shift.starts_at) <= clock.utc():
        raise ServiceError("roster.err.closed")
    _take(session, shift, -1)
    row.status = SignupStatus.cancelled
    row.touch(actor.user_id)
    session.add(row)
    session.flush()


def shift_to_sign_on(session: Session, *, actor: Actor, kind: ShiftKind, place: str,
                     now: datetime | None = None) -> int | None:
    """The actor's signed, not cancelled shift of `kind` at `place` covering `now` (or
    starting within 30 minutes); of two (one ending, the next starting) the later one."""
    at = clock.utc(now)
    rows = session.exec(
        select(Shift).join(ShiftSignup, ShiftSignup.shift_id == Shift.id)
        .where(ShiftSignup.user_id == actor.user_id,
               ShiftSignup.status == SignupStatus.signed,
               Shift.community_id == actor.community_id, Shift.kind == kind,
               Shift.place == place, Shift.cancelled_at.is_(None),
               Shift.starts_at <= at + EARLY_SIGN_ON, Shift.ends_at > at)
        .order_by(Shift.starts_at.desc(), Shift.id.desc())).all()
    return rows[0].id if rows else None


def mark_worked(session: Session, *, actor: Actor, shift_id: int, user_id: int,
                now: datetime | None = None) -> None:
    """Attendance: this volunteer worked this shift, so its hours count (idempotent)."""
    scope.require_role(actor, Role.admin, Role.volunteer)
    shift = own_shift(session, actor=actor, shift_id=shift_id, lock=True)
    if actor.role == Role.volunteer:
        at = clock.utc(now)
        if user_id != actor.user_id:
            raise Denied()
        if not clock.utc(shift.starts_at) - EARLY_SIGN_ON <= at < clock.utc(shift.ends_at):
            raise ServiceError("roster.err.not_now")
    row = _signup(session, shift, user_id)
    if row.status == SignupStatus.worked:
        return
    if row.status != SignupStatus.signed:  # a no-show who came after all takes a place again
        _take(session, shift, +1)
    row.status = SignupStatus.worked
    row.touch(actor.user_id)
    session.add(row)
    session.flush()


def mark_no_show(session: Session, *, actor: Actor, shift_id: int, user_id: int) -> None:
    """The admin marks that a volunteer did not come: the place is free for a backfill."""
    scope.require_role(actor, Role.admin)
    shift = own_shift(session, actor=actor, shift_id=shift_id, lock=True)
    row = _signup(session, shift, user_id)
    if row.status == SignupStatus.no_show:
        return
    if row.status in HOLDS_PLACE:
        _take(session, shift, -1)
    row.status = SignupStatus.no_show
    row.touch(actor.user_id)
    session.add(row)
    session.flush()
