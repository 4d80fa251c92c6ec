"""Signing on and off at a checkpoint.

Invariants
- One open duty per person: signing on at a checkpoint signs the person off any other.
- Signing on twice at the same checkpoint keeps the first duty.
- An entry is recorded only under a duty of its recorder at its checkpoint that covers
  the entry's time (`duty_at`): a crafted call for a checkpoint one is not on is Denied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from community_app.models import Checkpoint, GateDuty
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied
from community_app.services.gate.access import GATE_ROLES, checkpoint_of
from community_app.services.idempotency import derived_uuid

SLACK = timedelta(minutes=5)  # phone clocks drift


@dataclass
class DutyView:
    on_duty: bool = False
    duty_id: int = 0
    checkpoint_id: int = 0
    checkpoint: str = ""
    since: str = ""  # HH:MM local


def _open_duties(session: Session, actor: Actor) -> list[GateDuty]:
    return list(session.exec(select(GateDuty).where(
        GateDuty.user_id == actor.user_id, GateDuty.off_at.is_(None))).all())


def current_duty(session: Session, *, actor: Actor) -> DutyView:
    scope.require_role(actor, *GATE_ROLES)
    duties = _open_duties(session, actor)
    if not duties:
        return DutyView()
    duty = duties[0]
    cp = session.get(Checkpoint, duty.checkpoint_id)
    return DutyView(on_duty=True, duty_id=duty.id, checkpoint_id=cp.id, checkpoint=cp.name,
                    since=clock.hhmm(duty.on_at))


def sign_on(session: Session, *, actor: Actor, checkpoint_id: int,
            now: datetime | None = None) -> DutyView:
    cp = checkpoint_of(session, actor=actor, checkpoint_id=checkpoint_id)
    if not cp.active:
        raise Denied()
    at = clock.utc(now)
    for duty in _open_duties(session, actor):
        if duty.checkpoint_id == cp.id:
            return current_duty(session, actor=actor)
        duty.off_at = at
        duty.touch(actor.user_id)
        session.add(duty)
    session.add(GateDuty(uuid=derived_uuid("duty", actor.user_id, cp.id, at.isoformat()),
                         community_id=actor.community_id, checkpoint_id=cp.id,
                         user_id=actor.user_id, on_at=at, updated_by_id=actor.user_id))
    session.flush()
    return current_duty(session, actor=actor)


def sign_off(session: Session, *, actor: Actor, now: datetime | None = None) -> DutyView:
    scope.require_role(actor, *GATE_ROLES)
    for duty in _open_duties(session, actor):
        duty.off_at = clock.utc(now)
        duty.touch(actor.user_id)
        session.add(duty)
    session.flush()
    return DutyView()


def duty_at(session: Session, *, actor: Actor, checkpoint_id: int,
            at: datetime) -> GateDuty:
    """The recorder's duty at this checkpoint covering `at`; Denied when there is none."""
    checkpoint_of(session, actor=actor, checkpoint_id=checkpoint_id)
    duties = session.exec(select(GateDuty).where(
        GateDuty.user_id == actor.user_id, GateDuty.checkpoint_id == checkpoint_id,
        GateDuty.on_at <= at + SLACK).order_by(GateDuty.on_at.desc())).all()
    for duty in duties:
        if duty.off_at is None or clock.utc(duty.off_at) + SLACK >= at:
            return duty
    raise Denied("gate.err.not_on_duty")
