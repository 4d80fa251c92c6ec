"""The daily broadcast schedule: short texts at fixed local times (08:00, 11:00, ...).

Invariants
- A slot's text is 1..200 characters, no control characters; its time is HH:MM local.
- Only the community's admin adds, pauses, resumes or removes a slot; a slot is created
  once per client UUID.
- The next slot due is the first active one at or after the local clock today; after the
  last one there is none until tomorrow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from community_app.models import SLOT_MAX, BroadcastSlot, Role
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError
from community_app.services.idempotency import check_uuid
from community_app.services.notices.access import admin_slot, checked_text, made_before


@dataclass
class SlotRow:
    id: int = 0
    at: str = ""  # HH:MM
    text: str = ""
    active: bool = True
    next: bool = False  # the next one due today


def add_slot(session: Session, *, actor: Actor, uuid: str, at: str, text: str) -> int:
    scope.require_role(actor, Role.admin)
    uuid = check_uuid(uuid)
    if (made := made_before(session, actor=actor, model=BroadcastSlot, uuid=uuid)) is not None:
        return made
    try:
        when = clock.parse_hhmm(at)
    except ValueError:
        raise ServiceError("notices.bad_time") from None
    slot = BroadcastSlot(uuid=uuid, community_id=actor.community_id, at=when,
                         text=checked_text(text, limit=SLOT_MAX), updated_by_id=actor.user_id)
    session.add(slot)
    session.flush()
    return slot.id


def set_active(session: Session, *, actor: Actor, slot_id: int, active: bool) -> None:
    slot = admin_slot(session, actor=actor, slot_id=slot_id)
    slot.active = bool(active)
    slot.touch(actor.user_id)
    session.add(slot)
    session.flush()


def toggle_slot(session: Session, *, actor: Actor, slot_id: int) -> bool:
    """Pause an active slot or resume a paused one (the stored state decides, not the
    page's copy of it); returns whether it is active now."""
    slot = admin_slot(session, actor=actor, slot_id=slot_id)
    set_active(session, actor=actor, slot_id=slot.id, active=not slot.active)
    return slot.active


def remove_slot(session: Session, *, actor: Actor, slot_id: int) -> None:
    session.delete(admin_slot(session, actor=actor, slot_id=slot_id))
    session.flush()


def slots(session: Session, *, community_id: int, now: datetime | None = None,
          active_only: bool = False) -> list[SlotRow]:
    """The community's schedule in time order, the next one due today flagged."""
    query = select(BroadcastSlot).where(BroadcastSlot.community_id == community_id)
    if active_only:
        query = query.where(BroadcastSlot.active)
    rows = session.exec(query.order_by(BroadcastSlot.at, BroadcastSlot.id)).all()
    moment = clock.local_clock(now).replace(second=0, microsecond=0, tzinfo=None)
    due = next((s.id for s in rows if s.active and s.at >= moment), None)
    return [SlotRow(id=s.id, at=s.at.strftime("%H:%M"), text=s.text, active=s.active,
                    next=s.id == due) for s in rows]
