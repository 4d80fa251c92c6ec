"""What a household sees of itself on its home screen.

Invariants
- Only the signed-in household's own flat (`actor.household_id`, checked by scope): its
  address, its people's full names, and its grid worker's name and full phone, the one
  number the household is meant to call.
- The home greets the family by its head of household (the first living-here resident
  registered as 户主), never by the household code; with no such resident, by the address.
- The address comes from services/places.py (no UI words such as 单元/Unit).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from community_app.models import (
    Building,
    Compound,
    GridAssignment,
    Relation,
    Resident,
    Role,
    User,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.places import Place


@dataclass(frozen=True)
class HouseholdHome:
    """What a household sees of itself. The defaults are the screen before it loads."""

    address: str = ""
    code: str = ""
    residents: list[str] = field(default_factory=list)  # full names: the household's own
    head: str = ""  # the head of household's full name, "" when none is registered
    worker_name: str = ""
    worker_phone: str = ""  # full: the household is meant to call its own worker

    @property
    def worker_tel(self) -> str:
        """A tel: link to the worker, "" when no worker covers the building."""
        return f"tel:{self.worker_phone}" if self.worker_phone else ""


def household_home(session: Session, *, actor: Actor) -> HouseholdHome:
    """What a household sees of itself: its address, its people, its grid worker's phone."""
    scope.require_role(actor, Role.household)
    household = scope.get_household(session, actor=actor, household_id=actor.household_id or 0)
    building = session.get(Building, household.building_id)
    compound = session.get(Compound, building.compound_id)
    worker = session.exec(
        select(User)
        .join(GridAssignment, GridAssignment.user_id == User.id)
        .where(GridAssignment.building_id == building.id, User.is_active.is_(True))
    ).first()
    people = session.exec(
        select(Resident.name, Resident.relation).where(
            Resident.household_id == household.id, Resident.moved_away.is_(False)
        ).order_by(Resident.id)
    ).all()
    return HouseholdHome(
        address=Place(compound=compound.name, building=building.name, unit=household.unit,
                      room=household.room, units=building.units).address,
        code=household.code,
        residents=[name for name, _ in people],
        head=next((name for name, relation in people if relation == Relation.head), ""),
        worker_name=worker.display_name if worker else "",
        worker_phone=worker.phone if worker else "",
    )


