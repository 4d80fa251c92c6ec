"""The link between the gate and the shift roster (top level: it reads both domains).

A gate shift's place is its checkpoint's name (the admin chooses it from the community's
checkpoints; `create_shift` refuses a gate shift at a place that is no active checkpoint).
Signing on at a checkpoint marks the signer's own gate shift there as worked, in the same
transaction as the sign-on; without such a shift the sign-on alone happens (the admin may
staff the gate directly).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from community_app.models import Role, ShiftKind
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError
from community_app.services.gate import checkpoints, duty
from community_app.services.gate.duty import DutyView
from community_app.services.roster import shifts
from community_app.services.roster.shifts import ShiftIn


@dataclass
class GateSignOn:
    duty: DutyView
    shift_id: int = 0  # the gate shift marked worked by this sign-on, 0 when none


def gate_places(session: Session, *, actor: Actor) -> list[str]:
    """The names of the community's active checkpoints: the places a gate shift may have."""
    names = [cp.name for cp in checkpoints.checkpoint_slots(session, actor=actor)]
    return list(dict.fromkeys(names))


def create_shift(session: Session, *, actor: Actor, uuid: str, data: ShiftIn) -> int:
    """The admin's new shift; a gate shift's place must be one of the checkpoints."""
    if data.kind == ShiftKind.gate and data.place not in gate_places(session, actor=actor):
        raise ServiceError("roster.err.not_a_checkpoint")
    return shifts.create_shift(session, actor=actor, uuid=uuid, data=data)


def sign_on(session: Session, *, actor: Actor, checkpoint_id: int,
            now: datetime | None = None) -> GateSignOn:
    """Sign on at the checkpoint and mark the signer's covering gate shift there worked."""
    view = duty.sign_on(session, actor=actor, checkpoint_id=checkpoint_id, now=now)
    if actor.role != Role.volunteer:  # only volunteers hold places on shifts
        return GateSignOn(duty=view)
    shift_id = shifts.shift_to_sign_on(session, actor=actor, kind=ShiftKind.gate,
                                       place=view.checkpoint, now=now)
    if shift_id is None:
        return GateSignOn(duty=view)
    shifts.mark_worked(session, actor=actor, shift_id=shift_id, user_id=actor.user_id, now=now)
    return GateSignOn(duty=view, shift_id=shift_id)
