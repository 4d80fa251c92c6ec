"""The resident situation map (民情地图): every building of a compound, coloured by a layer.

Layers: occupancy (home / away / rented / vacant), returnees (from the current round:
returnee, fever, reached without either, not reached), home isolation (an open case),
special groups (elderly living alone, other special groups).
A worker sees only the buildings they cover.

Invariants
- A flat opens its household only for someone whose scope holds it (`opens`, decided here
  from `scope.building_ids_in_scope`; the page draws any other flat as plain text, and the
  page it links to checks the scope again). A grid worker goes to the visit form when an
  open round covers the compound (the household's record as they keep it), else to the
  ledger on that household; an admin to the ledger on that household.
- The search finds flats by address only (compound, building, unit-room, room), never by a
  resident's name: the map holds no personal data, and its search must not reveal any.
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
    Compound,
    Household,
    IsolationCase,
    Occupancy,
    Resident,
    ResidentFinding,
    Role,
    RoundHousehold,
)
from community_app.services import round_cover, scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
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
    opens: str = ""  # where a tap goes: "visit", "ledger", or "" (not a link)
    match: bool = False  # found by the search


@dataclass
class MapUnit:
    unit: int
    columns: int
    cells: list[MapCell]


@dataclass
class MapBuilding:
    label: str
    units: list[MapUnit]


MAX_QUERY = 30


def _tokens(q: str) -> list[str]:
    # "1号楼502" reads as "1号楼 502"; full-width spaces and dashes count as ASCII ones.
    text = q.replace("\u3000", " ").replace("－", "-").replace("号楼", "号楼 ")
    return text.split()[:5]


def _token_matches(token: str, compound: str, building: str, unit: int, room: str) -> bool:
    if token in (room, f"{unit}-{room}", building):
        return True
    if building in (f"{token}号楼", f"{token}栋"):
        return True
    return not token.isdigit() and token in compound


def find_flats(session: Session, *, actor: Actor, q: str) -> dict[int, int]:
    """The households whose address matches every word of `q`, in the actor's scope:
    household id -> compound id. Words: a compound's name or part of it, a building
    ("1号楼" or "1"), a room ("502") or unit-room ("2-502")."""
    tokens = _tokens(q)
    ids = scope.building_ids_in_scope(session, actor=actor)
    if not tokens or not ids:
        return {}
    rows = session.exec(
        select(Household.id, Household.unit, Household.room, Building.name, Compound.id,
               Compound.name)
        .join(Building, Building.id == Household.building_id)
        .join(Compound, Compound.id == Building.compound_id)
        .where(Building.id.in_(ids)).order_by(Compound.id, Building.id, Household.id)
    ).all()
    return {hid: cid for hid, unit, room, building, cid, compound in rows
            if all(_token_matches(t, compound, building, unit, room) for t in tokens)}


def _opens(session: Session, actor: Actor, compound_id: int) -> str:
    if actor.role == Role.grid_worker and round_cover.open_rounds_covering(
            session, community_id=actor.community_id, compound_id=compound_id):
        return "visit"
    return "ledger"


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


def compound_map(session: Session, *, actor: Actor, compound_id: int, layer: Layer,
                 found: set[int] | None = None) -> list[MapBuilding]:
    """The compound's buildings in the actor's scope; with `found` (a search's households),
    only the buildings holding one, those flats marked."""
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
    opens = _opens(session, actor, compound_id)  # every building drawn is in scope
    result = []
    for b in buildings:
        units = []
        for unit, rooms in facade(b):
            cells = []
            for room in rooms:
                hid = by_place.get((b.id, unit, room), 0)
                cells.append(MapCell(household_id=hid, label=room,
                                     key=keys.get(hid, "clear") if hid else "none",
                                     opens=opens if hid else "",
                                     match=bool(found) and hid in found))
            units.append(MapUnit(unit=unit, columns=b.rooms_per_floor, cells=cells))
        if found is None or any(c.match for u in units for c in u.cells):
            result.append(MapBuilding(label=b.name, units=units))
    return result


@dataclass
class MapView:
    compounds: list[CompoundChoice]  # the picker: compounds the actor has buildings in
    compound_id: int  # the compound drawn; 0 when the actor covers no building
    buildings: list[MapBuilding]
    found: int = 0  # flats the search found (in every compound), 0 without a search


def map_view(session: Session, *, actor: Actor, compound_id: int, layer: Layer,
             q: str = "") -> MapView:
    """The page's one read: the picker and one compound drawn (the one asked for when the
    actor may see it, else the first). With a search `q`, the compound drawn is the one
    asked for if it holds a flat found, else the first that does; only buildings holding
    a flat found are drawn, and an empty search result draws none."""
    if not isinstance(q, str) or len(q) > MAX_QUERY:
        raise ServiceError("err.bad_request")
    choices = compounds(session, actor=actor)
    if not choices:
        return MapView(compounds=[], compound_id=0, buildings=[])
    if compound_id not in {c.id for c in choices}:
        compound_id = choices[0].id
    found: dict[int, int] | None = None
    if q.strip():
        found = find_flats(session, actor=actor, q=q)
        if found and compound_id not in found.values():
            compound_id = next(iter(found.values()))
    return MapView(compounds=choices, compound_id=compound_id,
                   buildings=compound_map(session, actor=actor, compound_id=compound_id,
                                          layer=layer,
                                          found=None if found is None else set(found)),
                   found=len(found or {}))
