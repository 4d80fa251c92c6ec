"""The resident situation map (民情地图): every building of a compound, coloured by a layer.

Layers: occupancy (home / away / rented / vacant), returnees (from the current round:
returnee, fever, reached without either, not reached), home isolation (an open case),
special groups (elderly living alone, other special groups).
A worker sees only the buildings they cover.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import case, func, or_
from sqlmodel import Session, select

from community_app.models import (
    DONE_STATUSES,
    Building,
    CaseStatus,
    Household,
    IsolationCase,
    Occupancy,
    Resident,
    ResidentFinding,
    RoundHousehold,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied
from community_app.services.grid import facade
from community_app.services.survey import rounds as survey
from community_app.services.survey.rounds import CompoundChoice


class Layer(StrEnum):
    occupancy = "occupancy"
    returnees = "returnees"
    isolated = "isolated"
    special = "special"


LEGEND: dict[Layer, tuple[str, ...]] = {
    Layer.occupancy: tuple(o.value for o in Occupancy),
    Layer.returnees: ("fever", "returnee", "clear", "unreached"),
    Layer.isolated: ("isolated", "clear"),
    Layer.special: ("elderly_alone", "special", "clear"),
}


@dataclass
class MapCell:
    household_id: int
    label: str
    key: str  # one of LEGEND[layer], or "none" for a flat not registered


@dataclass
class MapUnit:
    unit: int
    columns: int
    cells: list[MapCell]


@dataclass
class MapBuilding:
    label: str
    units: list[MapUnit]


def compounds(session: Session, *, actor: Actor) -> list[CompoundChoice]:
    """The map's compound picker: the compounds the actor has buildings in."""
    return survey.compounds_in_scope(session, actor=actor)


def _returnee_keys(session: Session, actor: Actor, household_ids: list[int]) -> dict[int, str]:
    # The community round: a re-visit of one compound does not blank the rest of the map.
    round_id = survey.community_round_id(session, actor=actor)
    if not round_id or not household_ids:
        return {}
    keys = {h: "unreached" for h in household_ids}
    done = [s.value for s in DONE_STATUSES]
    for h in session.exec(select(RoundHousehold.household_id).where(
            RoundHousehold.round_id == round_id, RoundHousehold.status.in_(done),
            RoundHousehold.household_id.in_(household_ids))).all():
        keys[h] = "clear"
    for h, fever, back in session.execute(
        select(Resident.household_id, func.max(case((ResidentFinding.fever, 1), else_=0)),
               func.max(case((ResidentFinding.returnee, 1), else_=0)))
        .join(ResidentFinding, ResidentFinding.resident_id == Resident.id)
        .where(ResidentFinding.round_id == round_id, Resident.household_id.in_(household_ids))
        .group_by(Resident.household_id)
    ).all():
        keys[h] = "fever" if fever else "returnee" if back else keys[h]
    return keys


def _isolated_keys(session: Session, household_ids: list[int]) -> dict[int, str]:
    isolated = set(session.exec(select(IsolationCase.household_id).where(
        IsolationCase.household_id.in_(household_ids),
        IsolationCase.status == CaseStatus.open)).all())
    return {h: "isolated" if h in isolated else "clear" for h in household_ids}


def _special_keys(session: Session, household_ids: list[int]) -> dict[int, str]:
    keys = {h: "clear" for h in household_ids}
    special = or_(Resident.disabled, Resident.chronic_illness, Resident.pregnant, Resident.infant)
    for h, alone, other in session.execute(
        select(Resident.household_id, func.max(case((Resident.elderly_alone, 1), else_=0)),
               func.max(case((special, 1), else_=0)))
        .where(Resident.household_id.in_(household_ids), Resident.moved_away.is_(False))
        .group_by(Resident.household_id)
    ).all():
        keys[h] = "elderly_alone" if alone else "special" if other else "clear"
    return keys


def compound_map(session: Session, *, actor: Actor, compound_id: int,
                 layer: Layer) -> list[MapBuilding]:
    ids = scope.building_ids_in_scope(session, actor=actor)
    buildings = session.exec(
        select(Building).where(Building.compound_id == compound_id, Building.id.in_(ids))
        .order_by(Building.id)
    ).all()
    if not buildings:
        raise Denied()
    households = session.exec(
        select(Household).where(Household.building_id.in_([b.id for b in buildings]))
    ).all()
    household_ids = [h.id for h in households]
    if layer == Layer.returnees:
        keys = _returnee_keys(session, actor, household_ids)
    elif layer == Layer.isolated:
        keys = _isolated_keys(session, household_ids)
    elif layer == Layer.special:
        keys = _special_keys(session, household_ids)
    else:
        keys = {h.id: Occupancy(h.occupancy).value for h in households}
    by_place = {(h.building_id, h.unit, h.room): h.id for h in households}
    result = []
    for b in buildings:
        units = []
        for unit, rooms in facade(b):
            cells = []
            for room in rooms:
                hid = by_place.get((b.id, unit, room), 0)
                cells.append(MapCell(household_id=hid, label=room,
                                     key=keys.get(hid, "clear") if hid else "none"))
            units.append(MapUnit(unit=unit, columns=b.rooms_per_floor, cells=cells))
        result.append(MapBuilding(label=b.name, units=units))
    return result


@dataclass
class MapView:
    compounds: list[CompoundChoice]  # the picker: compounds the actor has buildings in
    compound_id: int  # the compound drawn; 0 when the actor covers no building
    buildings: list[MapBuilding]


def map_view(session: Session, *, actor: Actor, compound_id: int, layer: Layer) -> MapView:
    """The page's one read: the picker and one compound drawn (the one asked for when the
    actor may see it, else the first)."""
    choices = compounds(session, actor=actor)
    if not choices:
        return MapView(compounds=[], compound_id=0, buildings=[])
    if compound_id not in {c.id for c in choices}:
        compound_id = choices[0].id
    return MapView(compounds=choices, compound_id=compound_id,
                   buildings=compound_map(session, actor=actor, compound_id=compound_id,
                                          layer=layer))
