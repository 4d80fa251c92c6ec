"""The place as staff see it: the community's figures, the buildings in scope, one
building's grid (and the side its night patrol walks past).

Invariants
- Every list is in the actor's scope (services/scope.py); a grid cell shows the masked name
  of the household's first resident, never a full name or a phone.
- Building labels come from services/places.py (no UI words such as 单元/Unit).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func
from sqlmodel import Session, select

from community_app.models import (
    Building,
    Community,
    Compound,
    GridAssignment,
    Household,
    Occupancy,
    PathSide,
    Resident,
    Role,
    User,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError
from community_app.services.grid import facade
from community_app.services.masking import mask_name
from community_app.services.places import building_label


@dataclass(frozen=True)
class CommunityOverview:
    """The admin's home: what the community holds (residents still living there)."""

    community: str = ""
    compounds: int = 0
    buildings: int = 0
    households: int = 0
    residents: int = 0
    elderly_alone: int = 0
    staff: int = 0  # active accounts other than households
    unassigned_buildings: int = 0  # buildings no grid worker covers


def community_overview(session: Session, *, actor: Actor) -> CommunityOverview:
    scope.require_role(actor, Role.admin)
    cid = actor.community_id
    community = session.get(Community, cid)
    building_q = select(Building.id).join(Compound).where(Compound.community_id == cid)
    household_q = select(Household.id).where(Household.building_id.in_(building_q))

    def count(query: Select) -> int:
        return session.exec(select(func.count()).select_from(query.subquery())).one()

    return CommunityOverview(
        community=community.name if community else "",
        compounds=count(select(Compound.id).where(Compound.community_id == cid)),
        buildings=count(building_q),
        households=count(household_q),
        residents=count(
            select(Resident.id).where(
                Resident.household_id.in_(household_q), Resident.moved_away.is_(False)
            )
        ),
        elderly_alone=count(
            select(Resident.id).where(
                Resident.household_id.in_(household_q), Resident.elderly_alone.is_(True)
            )
        ),
        staff=count(
            select(User.id).where(
                User.community_id == cid, User.role != Role.household, User.is_active.is_(True)
            )
        ),
        unassigned_buildings=count(
            building_q.where(Building.id.not_in(select(GridAssignment.building_id)))
        ),
    )


@dataclass(frozen=True)
class BuildingRow:
    id: int
    label: str  # compound and building: a worker can have three buildings called 1号楼
    households: int
    worker: str  # the covering grid worker's display name, "" when none
    worker_id: int  # 0 when no worker covers the building
    name: str = ""  # the building alone, for lists already grouped by compound
    compound_id: int = 0
    compound: str = ""


@dataclass(frozen=True)
class CompoundGroup:
    """The buildings of one compound (小区), in the order `list_buildings` gives them."""

    id: int
    name: str
    buildings: list[BuildingRow]


def group_by_compound(rows: list[BuildingRow]) -> list[CompoundGroup]:
    """Buildings grouped by compound, compounds in the order their first building comes."""
    groups: dict[int, list[BuildingRow]] = {}
    for row in rows:
        groups.setdefault(row.compound_id, []).append(row)
    return [CompoundGroup(id=cid, name=members[0].compound, buildings=members)
            for cid, members in groups.items()]


def list_buildings(session: Session, *, actor: Actor) -> list[BuildingRow]:
    """Buildings in scope with their household count and covering worker."""
    ids = scope.building_ids_in_scope(session, actor=actor)
    if not ids:
        return []
    counts = dict(
        session.exec(
            select(Household.building_id, func.count(Household.id))
            .where(Household.building_id.in_(ids))
            .group_by(Household.building_id)
        ).all()
    )
    workers = {
        building_id: (user_id, name)
        for building_id, user_id, name in session.exec(
            select(GridAssignment.building_id, User.id, User.display_name)
            .join(User, User.id == GridAssignment.user_id)
            .where(GridAssignment.building_id.in_(ids))
        ).all()
    }
    rows = session.exec(
        select(Building, Compound.name)
        .join(Compound, Compound.id == Building.compound_id)
        .where(Building.id.in_(ids))
        .order_by(Compound.name, Compound.id, Building.id)
    ).all()
    return [
        BuildingRow(
            id=b.id,
            label=building_label(compound, b.name),
            households=counts.get(b.id, 0),
            worker=workers.get(b.id, (0, ""))[1],
            worker_id=workers.get(b.id, (0, ""))[0],
            name=b.name,
            compound_id=b.compound_id,
            compound=compound,
        )
        for b, compound in rows
    ]


@dataclass
class Cell:
    id: int
    label: str
    occupancy: str
    head: str


@dataclass
class UnitBlock:
    """One stairwell (单元): `cells` run floor by floor from the top, `columns` flats wide."""

    unit: int
    columns: int
    cells: list[Cell]


@dataclass
class BuildingGrid:
    id: int
    label: str
    households: int
    units: list[UnitBlock]
    path_side: str = "front"  # the side the night patrol walks past


def building_grid(session: Session, *, actor: Actor, building_id: int) -> BuildingGrid:
    """Floors top to bottom, flats across, one block per unit: the shape workers walk."""
    building = scope.get_building(session, actor=actor, building_id=building_id)
    compound = session.get(Compound, building.compound_id)
    households = session.exec(
        select(Household).where(Household.building_id == building.id)
    ).all()
    by_place = {(h.unit, h.room): h for h in households}
    heads = _heads(session, [h.id for h in households])
    units = [
        UnitBlock(unit=unit, columns=building.rooms_per_floor, cells=[
            _cell(by_place.get((unit, room)), room, heads) for room in rooms])
        for unit, rooms in facade(building)
    ]
    return BuildingGrid(
        id=building.id,
        label=building_label(compound.name if compound else "", building.name),
        households=len(households),
        units=units,
        path_side=str(building.path_side or PathSide.front.value),
    )


def set_path_side(session: Session, *, actor: Actor, building_id: int, side: str) -> str:
    """The admin says which side of the building faces the patrol path (front or back)."""
    scope.require_role(actor, Role.admin)
    building = scope.get_building(session, actor=actor, building_id=building_id)
    try:
        value = PathSide(side)
    except ValueError:
        raise ServiceError("err.bad_request") from None
    if building.path_side != value:
        building.path_side = value
        building.touch(actor.user_id)
        session.add(building)
        session.flush()
    return value.value


def _cell(h: Household | None, room: str, heads: dict[int, str]) -> Cell:
    if h is None:
        return Cell(id=0, label=room, occupancy="none", head="")
    return Cell(id=h.id, label=room, occupancy=Occupancy(h.occupancy).value,
                head=mask_name(heads.get(h.id, "")))


def _heads(session: Session, household_ids: list[int]) -> dict[int, str]:
    if not household_ids:
        return {}
    rows = session.exec(
        select(Resident.household_id, Resident.name)
        .where(Resident.household_id.in_(household_ids), Resident.moved_away.is_(False))
        .order_by(Resident.household_id, Resident.id)
    ).all()
    heads: dict[int, str] = {}
    for household_id, name in rows:
        heads.setdefault(household_id, name)
    return heads
