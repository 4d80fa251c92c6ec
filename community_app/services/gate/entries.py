"""Recording a passage at the gate and the warnings it raises.

Invariants
- Recorded only under the recorder's duty at that checkpoint (`duty.duty_at`).
- Once per client UUID: an offline entry replayed twice records once and answers with
  the warnings stored the first time.
- Warnings are decided when the entry is applied, from the register and the isolation
  case at that moment: a member of an isolated household going out; a visitor heading
  to an isolated household; a temperature >= 37.3 °C; a revoked pass; an out over the
  pass's allowance. The entry is kept either way (the register records what happened).
- A resident entry shows only the pass's household address; a visitor's name and phone
  are kept for the register and shown masked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from sqlmodel import Session, select

from community_app.models import (
    FEVER_AT,
    Building,
    Direction,
    EntryKind,
    GateEntry,
    GateWarning,
    Household,
    ResidentPass,
)
from community_app.services import clock, places
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.gate.access import checked_text, checkpoint_of, household_at
from community_app.services.gate.checkpoints import compound_ids_of
from community_app.services.gate.duty import duty_at
from community_app.services.gate.passes import normal_code, outs_in_window
from community_app.services.gate_checks import is_isolated
from community_app.services.idempotency import check_uuid, existing

MAX_AGE = timedelta(hours=24)  # an offline entry older than this keeps the apply time


@dataclass
class EntryResult:
    created: bool = True
    entry_id: int = 0
    kind: str = ""
    direction: str = ""
    address: str = ""  # the pass's household, or the visitor's destination
    warnings: list[str] = field(default_factory=list)


def temperature(value: object) -> Decimal | None:
    raw = str(value if value is not None else "").strip()
    if not raw:
        return None
    try:
        reading = Decimal(raw).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise ServiceError("gate.err.bad_temperature") from None
    if not Decimal("34") <= reading <= Decimal("43"):
        raise ServiceError("gate.err.bad_temperature")
    return reading


def _when(at: datetime | None, now: datetime) -> datetime:
    if at is None:
        return now
    moment = clock.utc(at)
    return moment if now - MAX_AGE <= moment <= now + timedelta(minutes=5) else now


def _pass_card(session: Session, actor: Actor, code: object) -> ResidentPass:
    card = session.exec(select(ResidentPass).where(
        ResidentPass.code == normal_code(code))).first()
    if card is None or card.community_id != actor.community_id:
        raise ServiceError("gate.err.unknown_pass")
    return card


def _destination(session: Session, checkpoint_id: int, building_id: object,
                 flat: object) -> Household:
    """A visitor's household: in a building of a compound the checkpoint serves."""
    building = session.get(Building, building_id) if isinstance(building_id, int) else None
    if building is None or building.compound_id not in compound_ids_of(session, checkpoint_id):
        raise ServiceError("gate.err.need_household")
    return household_at(session, building_id=building.id, flat=flat)


def _stored(session: Session, entry: GateEntry) -> EntryResult:
    address = places.addresses(session, [entry.household_id]).get(
        entry.household_id, "") if entry.household_id else ""
    return EntryResult(created=False, entry_id=entry.id, kind=str(entry.kind),
                       direction=str(entry.direction), address=address,
                       warnings=[w for w in entry.warnings.split(",") if w])


def record_entry(session: Session, *, actor: Actor, uuid: str, checkpoint_id: int,
                 kind: str, direction: str, temp: object = None, code: object = "",
                 visitor_name: object = "", visitor_phone: object = "",
                 building_id: object = None, flat: object = "", reason: object = "",
                 plate: object = "", at: datetime | None = None,
                 now: datetime | None = None) -> EntryResult:
    uuid = check_uuid(uuid)
    if (made := existing(session, GateEntry, uuid)) is not None:
        if made.community_id != actor.community_id or made.recorded_by_id != actor.user_id:
            raise Denied()
        return _stored(session, made)
    cp = checkpoint_of(session, actor=actor, checkpoint_id=checkpoint_id)
    try:
        what, way = EntryKind(kind), Direction(direction)
    except ValueError:
        raise ServiceError("err.bad_request") from None
    moment = _when(at, clock.utc(now))
    duty = duty_at(session, actor=actor, checkpoint_id=cp.id, at=moment)
    reading = temperature(temp)
    entry = GateEntry(uuid=uuid, community_id=actor.community_id, checkpoint_id=cp.id,
                      duty_id=duty.id, recorded_by_id=actor.user_id, kind=what, direction=way,
                      at=moment, temperature=reading, updated_by_id=actor.user_id)
    warnings: list[GateWarning] = []
    if what == EntryKind.resident:
        card = _pass_card(session, actor, code)
        entry.pass_id, entry.household_id = card.id, card.household_id
        if card.revoked_at is not None:
            warnings.append(GateWarning.pass_revoked)
        if way == Direction.leave and is_isolated(session, card.household_id):
            warnings.append(GateWarning.isolated_out)
        elif (way == Direction.leave and card.outs and outs_in_window(
                session, household_id=card.household_id, per_days=card.per_days,
                at=moment) >= card.outs):
            warnings.append(GateWarning.over_allowance)
    elif what == EntryKind.visitor:
        entry.visitor_name = checked_text(visitor_name, limit=50, required=True)
        entry.visitor_phone = checked_text(visitor_phone, limit=20)
        if entry.visitor_phone and not entry.visitor_phone.replace("-", "").isdigit():
            raise ServiceError("gate.err.bad_phone")
        entry.reason = checked_text(reason, limit=100)
        entry.household_id = _destination(session, cp.id, building_id, flat).id
        if way == Direction.enter and is_isolated(session, entry.household_id):
            warnings.append(GateWarning.visitor_isolated)
    else:
        entry.plate = checked_text(plate, limit=12, required=True,
                                   missing="gate.err.plate_required").upper()
    if reading is not None and reading >= FEVER_AT:
        warnings.append(GateWarning.fever)
    entry.warnings = ",".join(w.value for w in warnings)
    session.add(entry)
    session.flush()
    result = _stored(session, entry)
    result.created = True
    return result
