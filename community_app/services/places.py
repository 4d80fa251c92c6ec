"""Where a household is: compound, building, unit, room. No names, no health data.

Invariants
- One `Place` and one set of formats for every screen, list, log and export.
- A service never puts UI words (单元 / Unit) into text: a flat is written "2-502" (unit,
  room), or just "502" in a single-unit building. A page that wants the words builds them
  from the fields with the catalog.
- Every address names the compound: a worker can have three buildings called 1号楼.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from community_app.models import Building, Compound, Household


@dataclass(frozen=True)
class Place:
    compound: str
    building: str
    unit: int
    room: str
    units: int = 2  # units in the building: a single-unit building writes the room alone

    @property
    def flat(self) -> str:
        """'2-502', or '502' when the building has one unit."""
        return flat_label(self.unit, self.room, self.units)

    @property
    def building_label(self) -> str:
        """'琅山北里 1号楼'."""
        return building_label(self.compound, self.building)

    @property
    def address(self) -> str:
        """'琅山北里 1号楼 2-502': what a title, a notice, a list or an export shows."""
        return f"{self.building_label} {self.flat}"


def flat_label(unit: int, room: str, units: int = 2) -> str:
    return f"{unit}-{room}" if units > 1 else str(room)


def building_label(compound: str, building: str) -> str:
    return f"{compound} {building}".strip()


def household_places(session: Session, household_ids: list[int]) -> dict[int, Place]:
    """One query for many households (lists and logs), keyed by household id."""
    if not household_ids:
        return {}
    rows = session.exec(
        select(Household, Building.name, Building.units, Compound.name)
        .join(Building, Building.id == Household.building_id)
        .join(Compound, Compound.id == Building.compound_id)
        .where(Household.id.in_(household_ids))
    ).all()
    return {h.id: Place(compound=c, building=b, unit=h.unit, room=h.room, units=units)
            for h, b, units, c in rows}


def household_place(session: Session, household_id: int) -> Place | None:
    return household_places(session, [household_id]).get(household_id)


def addresses(session: Session, household_ids: list[int]) -> dict[int, str]:
    """household id -> 'compound building unit-room'."""
    return {hid: p.address for hid, p in household_places(session, household_ids).items()}


def building_labels(session: Session, building_ids: list[int]) -> dict[int, str]:
    """building id -> 'compound building', one query."""
    if not building_ids:
        return {}
    rows = session.exec(
        select(Building.id, Building.name, Compound.name)
        .join(Compound, Compound.id == Building.compound_id)
        .where(Building.id.in_(building_ids))
    ).all()
    return {bid: building_label(c, b) for bid, b, c in rows}
