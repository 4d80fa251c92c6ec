"""Where a household is: compound, building, unit, room. No names, no health data."""

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

    @property
    def address(self) -> str:
        return f"{self.compound} {self.building} {self.unit}-{self.room}"


def household_places(session: Session, household_ids: list[int]) -> dict[int, Place]:
    """One query for many households (lists and logs), keyed by household id."""
    if not household_ids:
        return {}
    rows = session.exec(
        select(Household, Building.name, Compound.name)
        .join(Building, Building.id == Household.building_id)
        .join(Compound, Compound.id == Building.compound_id)
        .where(Household.id.in_(household_ids))
    ).all()
    return {h.id: Place(compound=c, building=b, unit=h.unit, room=h.room) for h, b, c in rows}
