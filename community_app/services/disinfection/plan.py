"""The planned rounds: per compound (and optionally one building), local times of day.

Invariants
- A compound with no whole-compound slot rows has the default plan, DISINFECTION_ROUNDS
  ("09:00,15:00" unless set), for the whole compound; a building's own rounds come on top.
- Only the community's admin changes a plan; `set_rounds` replaces one target's times
  (compound, or a building of it) with 1..8 distinct HH:MM times; an empty list for a
  building removes its own rounds (the compound's stay).
"""

from __future__ import annotations

import os
import uuid as uuidlib
from dataclasses import dataclass
from datetime import time

from sqlmodel import Session, delete, select

from community_app.models import Building, Compound, DisinfectionSlot, Role
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError

MAX_ROUNDS = 8


def default_times() -> list[time]:
    text = os.environ.get("DISINFECTION_ROUNDS", "").strip() or "09:00,15:00"
    return sorted({clock.parse_hhmm(part) for part in text.split(",") if part.strip()})


@dataclass(frozen=True)
class Round:
    """One planned round of a day (building_id None: the whole compound)."""

    compound_id: int
    building_id: int | None
    at: time


def planned(session: Session, compound_ids: list[int]) -> list[Round]:
    """Every planned round of these compounds, by compound, building, time."""
    if not compound_ids:
        return []
    rows = session.exec(select(DisinfectionSlot).where(
        DisinfectionSlot.compound_id.in_(compound_ids))).all()
    have = {r.compound_id for r in rows if r.building_id is None}
    rounds = [Round(r.compound_id, r.building_id, r.at) for r in rows]
    rounds += [Round(c, None, t) for c in compound_ids if c not in have for t in default_times()]
    return sorted(rounds, key=lambda r: (r.compound_id, r.building_id or 0, r.at))


def parse_times(values: object) -> list[time]:
    if not isinstance(values, list | tuple) or len(values) > MAX_ROUNDS:
        raise ServiceError("disinfection.bad_times", n=MAX_ROUNDS)
    try:
        times = sorted({clock.parse_hhmm(str(v)) for v in values})
    except ValueError:
        raise ServiceError("disinfection.bad_times", n=MAX_ROUNDS) from None
    return times


def set_rounds(session: Session, *, actor: Actor, compound_id: int, times: list[str],
               building_id: int | None = None) -> list[Round]:
    """Replace the planned times of a compound (or of one building of it)."""
    scope.require_role(actor, Role.admin)
    compound = session.get(Compound, compound_id) if isinstance(compound_id, int) else None
    if compound is None or compound.community_id != actor.community_id:
        raise Denied()
    if building_id is not None:
        building = session.get(Building, building_id) if isinstance(building_id, int) else None
        if building is None or building.compound_id != compound_id:
            raise Denied()
    parsed = parse_times(times)
    if building_id is None and not parsed:
        raise ServiceError("disinfection.bad_times", n=MAX_ROUNDS)
    session.exec(delete(DisinfectionSlot).where(
        DisinfectionSlot.compound_id == compound_id,
        DisinfectionSlot.building_id.is_(None) if building_id is None
        else DisinfectionSlot.building_id == building_id))
    for at in parsed:
        session.add(DisinfectionSlot(uuid=str(uuidlib.uuid4()), community_id=actor.community_id,
                                     compound_id=compound_id, building_id=building_id, at=at,
                                     updated_by_id=actor.user_id))
    session.flush()
    return planned(session, [compound_id])


@dataclass
class CompoundChoice:
    id: str
    label: str


def compound_choices(session: Session, *, actor: Actor) -> list[CompoundChoice]:
    """The community's compounds, for the admin's plan form."""
    scope.require_role(actor, Role.admin)
    rows = session.exec(select(Compound).where(Compound.community_id == actor.community_id)
                        .order_by(Compound.id)).all()
    return [CompoundChoice(id=str(c.id), label=c.name) for c in rows]
