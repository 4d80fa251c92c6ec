"""What the gate screens show: the checkpoints to sign on at, the buildings a visitor may
head to, the last entries at the checkpoint, and the warnings of the day for the grid
worker (households in their buildings) and the admin (the whole community).

Invariants: the gate screen shows a resident entry's household address only, a visitor's
name and phone masked, and of health data nothing but the warning itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time

from sqlmodel import Session, select

from community_app.models import Building, Checkpoint, Compound, GateEntry, Household, Role
from community_app.services import clock, places, scope
from community_app.services.auth import Actor
from community_app.services.gate.access import GATE_ROLES, checkpoint_of
from community_app.services.gate.checkpoints import (
    CheckpointSlots,
    checkpoint_slots,
    compound_ids_of,
)
from community_app.services.gate.passes import PassRow, household_passes
from community_app.services.masking import mask_name


@dataclass
class Choice:
    id: int = 0
    label: str = ""


@dataclass
class EntryRow:
    id: int = 0
    at: str = ""  # HH:MM local
    kind: str = ""
    direction: str = ""
    label: str = ""  # address, masked visitor name + destination, or plate
    temperature: str = ""
    warnings: list[str] = field(default_factory=list)
    checkpoint: str = ""


@dataclass
class GateScreen:
    buildings: list[Choice] = field(default_factory=list)
    recent: list[EntryRow] = field(default_factory=list)


def buildings_served(session: Session, checkpoint_id: int) -> list[Choice]:
    ids = compound_ids_of(session, checkpoint_id)
    rows = session.exec(select(Building.id, Building.name, Compound.name)
                        .join(Compound, Compound.id == Building.compound_id)
                        .where(Building.compound_id.in_(ids))
                        .order_by(Compound.name, Building.id)).all()
    return [Choice(id=b, label=places.building_label(c, name)) for b, name, c in rows]


def _rows(session: Session, entries: list[GateEntry]) -> list[EntryRow]:
    where = places.addresses(session, [e.household_id for e in entries if e.household_id])
    names = dict(session.exec(select(Checkpoint.id, Checkpoint.name).where(
        Checkpoint.id.in_({e.checkpoint_id for e in entries}))).all())
    rows = []
    for e in entries:
        address = where.get(e.household_id, "") if e.household_id else ""
        label = (e.plate if str(e.kind) == "vehicle" else
                 f"{mask_name(e.visitor_name)} → {address}" if str(e.kind) == "visitor"
                 else address)
        rows.append(EntryRow(id=e.id, at=clock.stamp(e.at), kind=str(e.kind),
                             direction=str(e.direction), label=label,
                             temperature=str(e.temperature) if e.temperature else "",
                             warnings=[w for w in e.warnings.split(",") if w],
                             checkpoint=names.get(e.checkpoint_id, "")))
    return rows


def gate_screen(session: Session, *, actor: Actor, checkpoint_id: int,
                limit: int = 10) -> GateScreen:
    cp = checkpoint_of(session, actor=actor, checkpoint_id=checkpoint_id)
    recent = session.exec(select(GateEntry).where(GateEntry.checkpoint_id == cp.id)
                          .order_by(GateEntry.at.desc(), GateEntry.id.desc())
                          .limit(limit)).all()
    return GateScreen(buildings=buildings_served(session, cp.id),
                      recent=_rows(session, list(recent)))


def todays_alerts(session: Session, *, actor: Actor, now: datetime | None = None,
                  limit: int = 20) -> list[EntryRow]:
    """Today's entries that raised a warning: for a grid worker those of households in
    their buildings, for the admin the whole community's (vehicles included)."""
    scope.require_role(actor, *GATE_ROLES)
    since = clock.at_local(clock.local_day(now), time(0, 0))
    query = select(GateEntry).where(GateEntry.community_id == actor.community_id,
                                    GateEntry.warnings != "", GateEntry.at >= since)
    if actor.role == Role.grid_worker:
        mine = scope.building_ids_in_scope(session, actor=actor)
        query = query.where(GateEntry.household_id.in_(
            select(Household.id).where(Household.building_id.in_(mine))))
    elif actor.role != Role.admin:
        return []
    entries = session.exec(query.order_by(GateEntry.at.desc()).limit(limit)).all()
    return _rows(session, list(entries))


def checkpoint_choices(session: Session, *, actor: Actor) -> list[Choice]:
    scope.require_role(actor, *GATE_ROLES)
    rows = session.exec(select(Checkpoint.id, Checkpoint.name).where(
        Checkpoint.community_id == actor.community_id, Checkpoint.active)
        .order_by(Checkpoint.name)).all()
    return [Choice(id=i, label=n) for i, n in rows]


@dataclass
class AdminPage:
    compounds: list[Choice] = field(default_factory=list)
    buildings: list[Choice] = field(default_factory=list)
    checkpoints: list[CheckpointSlots] = field(default_factory=list)
    passes: list[PassRow] = field(default_factory=list)
    alerts: list[EntryRow] = field(default_factory=list)


def admin_page(session: Session, *, actor: Actor, now: datetime | None = None) -> AdminPage:
    """Everything /gate/admin shows: compounds and buildings to choose from, the
    checkpoints with their slot now, the latest passes and today's warnings."""
    scope.require_role(actor, Role.admin)
    compounds = session.exec(select(Compound.id, Compound.name).where(
        Compound.community_id == actor.community_id).order_by(Compound.name)).all()
    mine = scope.building_ids_in_scope(session, actor=actor)
    labels = places.building_labels(session, mine)
    return AdminPage(
        compounds=[Choice(id=i, label=n) for i, n in compounds],
        buildings=sorted((Choice(id=i, label=label) for i, label in labels.items()),
                         key=lambda c: c.label),
        checkpoints=checkpoint_slots(session, actor=actor, now=now, active_only=False),
        passes=household_passes(session, actor=actor, limit=100),
        alerts=todays_alerts(session, actor=actor, now=now))
