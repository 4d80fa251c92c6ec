"""The admin registers checkpoints; anyone on the gate team lists them with the current
duty slot and who is signed on.

Invariants
- A checkpoint has a name (1..60), serves at least one compound of its own community, is
  open all day or from `opens_at` to `closes_at` (local; an overnight span wraps), and has
  slots of `slot_hours` (1..24) counted from 00:00 local with `slot_min_people` (1..20).
- Created once per client UUID.
- `checkpoint_slots` is the public reader other domains (the shift roster) use: each
  checkpoint's id, its slot settings, the slot window now and who is signed on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from sqlmodel import Session, select

from community_app.models import Checkpoint, CheckpointCompound, Compound, GateDuty, Role, User
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.gate.access import GATE_ROLES, checked_text, checkpoint_of
from community_app.services.idempotency import check_uuid, existing


@dataclass
class CheckpointSlots:
    id: int = 0
    name: str = ""
    compounds: list[str] = field(default_factory=list)
    all_day: bool = True
    hours: str = ""  # "07:00-22:00" when not all day
    open_now: bool = True
    slot_hours: int = 8
    slot_min_people: int = 1
    slot_start: str = ""  # HH:MM local
    slot_end: str = ""
    on_duty: list[str] = field(default_factory=list)  # display names of staff signed on
    staffed: bool = False  # at least slot_min_people signed on


def slot_window(cp: Checkpoint, now: datetime | None = None) -> tuple[datetime, datetime]:
    """The duty slot `now` falls in: slots of `slot_hours` from local midnight."""
    here = clock.local(now)
    midnight = clock.at_local(here.date(), time(0, 0))
    index = here.hour // cp.slot_hours
    start = midnight + timedelta(hours=index * cp.slot_hours)
    return start, min(start + timedelta(hours=cp.slot_hours), midnight + timedelta(days=1))


def is_open(cp: Checkpoint, now: datetime | None = None) -> bool:
    if cp.all_day or cp.opens_at is None or cp.closes_at is None:
        return True
    at = clock.local_clock(now)
    if cp.opens_at <= cp.closes_at:
        return cp.opens_at <= at < cp.closes_at
    return at >= cp.opens_at or at < cp.closes_at


def _compound_ids(session: Session, *, actor: Actor, compound_ids: list[int]) -> list[int]:
    wanted = sorted({int(i) for i in compound_ids})
    if not wanted:
        raise ServiceError("gate.err.need_compounds")
    found = session.exec(select(Compound.id).where(
        Compound.id.in_(wanted), Compound.community_id == actor.community_id)).all()
    if len(found) != len(wanted):
        raise Denied()
    return wanted


def _hours(all_day: bool, opens_at: str, closes_at: str) -> tuple[time | None, time | None]:
    if all_day:
        return None, None
    try:
        start, end = clock.parse_hhmm(opens_at), clock.parse_hhmm(closes_at)
    except ValueError:
        raise ServiceError("gate.err.bad_hours") from None
    if start == end:
        raise ServiceError("gate.err.bad_hours")
    return start, end


def create_checkpoint(session: Session, *, actor: Actor, uuid: str, name: str,
                      compound_ids: list[int], all_day: bool = True, opens_at: str = "",
                      closes_at: str = "", slot_hours: int = 8,
                      slot_min_people: int = 2) -> int:
    scope.require_role(actor, Role.admin)
    uuid = check_uuid(uuid)
    if (made := existing(session, Checkpoint, uuid)) is not None:
        if made.community_id != actor.community_id:
            raise Denied()
        return made.id
    label = checked_text(name, limit=60, required=True)
    if not 1 <= int(slot_hours) <= 24 or not 1 <= int(slot_min_people) <= 20:
        raise ServiceError("gate.err.bad_slot")
    chosen = _compound_ids(session, actor=actor, compound_ids=compound_ids)
    start, end = _hours(all_day, opens_at, closes_at)
    cp = Checkpoint(uuid=uuid, community_id=actor.community_id, name=label,
                    all_day=start is None, opens_at=start, closes_at=end,
                    slot_hours=int(slot_hours), slot_min_people=int(slot_min_people),
                    updated_by_id=actor.user_id)
    session.add(cp)
    session.flush()
    for compound_id in chosen:
        session.add(CheckpointCompound(checkpoint_id=cp.id, compound_id=compound_id))
    session.flush()
    return cp.id


def set_active(session: Session, *, actor: Actor, checkpoint_id: int, active: bool) -> None:
    cp = checkpoint_of(session, actor=actor, checkpoint_id=checkpoint_id, roles=(Role.admin,))
    cp.active = bool(active)
    cp.touch(actor.user_id)
    session.add(cp)
    session.flush()


def compound_ids_of(session: Session, checkpoint_id: int) -> list[int]:
    return list(session.exec(select(CheckpointCompound.compound_id).where(
        CheckpointCompound.checkpoint_id == checkpoint_id)).all())


def checkpoint_slots(session: Session, *, actor: Actor, now: datetime | None = None,
                     active_only: bool = True) -> list[CheckpointSlots]:
    """Every checkpoint of the actor's community with its slot now and who is on duty."""
    scope.require_role(actor, *GATE_ROLES)
    query = select(Checkpoint).where(Checkpoint.community_id == actor.community_id)
    if active_only:
        query = query.where(Checkpoint.active)
    points = session.exec(query.order_by(Checkpoint.name, Checkpoint.id)).all()
    ids = [cp.id for cp in points]
    names: dict[int, list[str]] = {i: [] for i in ids}
    for cp_id, cname in session.exec(
            select(CheckpointCompound.checkpoint_id, Compound.name)
            .join(Compound, Compound.id == CheckpointCompound.compound_id)
            .where(CheckpointCompound.checkpoint_id.in_(ids)).order_by(Compound.name)):
        names[cp_id].append(cname)
    on: dict[int, list[str]] = {i: [] for i in ids}
    for cp_id, who in session.exec(
            select(GateDuty.checkpoint_id, User.display_name)
            .join(User, User.id == GateDuty.user_id)
            .where(GateDuty.checkpoint_id.in_(ids), GateDuty.off_at.is_(None))
            .order_by(GateDuty.on_at)):
        on[cp_id].append(who)
    rows = []
    for cp in points:
        start, end = slot_window(cp, now)
        rows.append(CheckpointSlots(
            id=cp.id, name=cp.name, compounds=names[cp.id], all_day=cp.all_day,
            hours="" if cp.all_day else
            f"{cp.opens_at.strftime('%H:%M')}-{cp.closes_at.strftime('%H:%M')}",
            open_now=is_open(cp, now), slot_hours=cp.slot_hours,
            slot_min_people=cp.slot_min_people, slot_start=clock.hhmm(start),
            slot_end=clock.hhmm(end), on_duty=on[cp.id],
            staffed=len(on[cp.id]) >= cp.slot_min_people))
    return rows
