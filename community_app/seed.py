"""A deterministic demo community with the shape and mix of an old Beijing 社区.

Rows go in through SQLAlchemy Core in batches, ids coming back through RETURNING,
because the benchmark reuses this for 200,000 residents and ORM objects at that
scale would cost more than the database does. Every random choice comes from one
`random.Random(rng_seed)`, so the same seed gives the same people and places;
only `uuid`s, timestamps and household codes (secret: they are logins) differ between runs.
"""

from __future__ import annotations

import random
import uuid as uuidlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, select

from community_app.models import (
    Building,
    Community,
    Compound,
    Household,
    Occupancy,
    Resident,
    Sex,
    utcnow,
)
from community_app.seed_people import (
    COMMUNITY_PLACES,
    Person,
    compound_names,
    family,
    given_name,
    phone,
    tenants,
)
from community_app.services.codes import household_codes
from community_app.services.subdistrict.setup import subdistrict_named

OCCUPANCY_WEIGHTS = (
    (Occupancy.home, 78),
    (Occupancy.away, 8),
    (Occupancy.rented, 9),
    (Occupancy.vacant, 5),
)
def current_year() -> int:
    return date.today().year


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def _tracked(stamp: Any, **values: Any) -> dict[str, Any]:
    """A row for a Core insert, which skips the models' Python-side defaults."""
    return {
        "uuid": new_uuid(),
        "created_at": stamp,
        "updated_at": stamp,
        "updated_by_id": None,
        **values,
    }


# --- places -------------------------------------------------------------------------


def _building_shape(rng: random.Random) -> tuple[int, int, int]:
    """(floors, units, rooms_per_floor): walk-ups, mid-rises and towers, about 30 flats."""
    kind = rng.random()
    if kind < 0.55:  # 6-storey walk-up, the bulk of a 1980s-90s estate
        return 6, rng.choice((1, 2, 2, 3)), rng.choice((2, 2, 2, 3))
    if kind < 0.85:
        return rng.randint(9, 12), rng.choice((1, 1, 2)), 2
    return rng.randint(14, 18), 1, rng.choice((2, 2, 3, 4))


@dataclass
class _PlannedBuilding:
    compound: int
    name: str
    floors: int
    units: int
    rooms: int
    flats: int  # how many of its places get a household (the last building may be partial)

    def places(self) -> Iterator[tuple[int, int, str]]:
        made = 0
        for unit in range(1, self.units + 1):
            for floor in range(1, self.floors + 1):
                for index in range(1, self.rooms + 1):
                    if made == self.flats:
                        return
                    made += 1
                    yield unit, floor, f"{floor}{index:02d}"


def _plan_buildings(rng: random.Random, households: int, compounds: int) -> list[_PlannedBuilding]:
    weights = [rng.randint(1, 4) for _ in range(compounds)]
    numbers = [0] * compounds
    plan: list[_PlannedBuilding] = []
    remaining = households
    while remaining > 0:
        # Every compound gets a building before any gets a second.
        if len(plan) < compounds:
            compound = len(plan)
        else:
            compound = rng.choices(range(compounds), weights)[0]
        numbers[compound] += 1
        floors, units, rooms = _building_shape(rng)
        flats = min(floors * units * rooms, remaining)
        remaining -= flats
        plan.append(
            _PlannedBuilding(compound, f"{numbers[compound]}号楼", floors, units, rooms, flats)
        )
    return plan


def _resident_row(
    rng: random.Random, person: Person, household_id: int, alone: bool, year: int, stamp: Any
) -> dict[str, Any]:
    age = person.age
    female = person.sex == Sex.female
    return _tracked(
        stamp,
        household_id=household_id,
        name=person.surname + given_name(rng, person.sex),
        sex=person.sex.value,
        birth_year=year - age,
        phone=phone(rng) if age >= 18 else "",
        relation=person.relation.value,
        elderly_alone=alone and age >= 70,
        disabled=rng.random() < 0.02,
        chronic_illness=age > 60 and rng.random() < 0.12,
        pregnant=female and 22 <= age <= 40 and rng.random() < 0.01,
        infant=age <= 3,
        moved_away=False,
    )


# --- inserting ------------------------------------------------------------------------


def _insert_returning_ids(session: Session, model: type, rows: list[dict]) -> list[int]:
    if not rows:
        return []
    stmt = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.connection().execute(stmt, rows).scalars())


def _insert(session: Session, model: type, rows: list[dict], batch: int = 5000) -> None:
    for start in range(0, len(rows), batch):
        session.connection().execute(insert(model), rows[start : start + batch])


def _insert_compounds(
    session: Session, rng: random.Random, community_id: int, count: int, stamp: Any
) -> list[int]:
    rows = [
        _tracked(stamp, community_id=community_id, name=name)
        for name in compound_names(rng, count)
    ]
    return _insert_returning_ids(session, Compound, rows)


def _insert_buildings(
    session: Session, plan: list[_PlannedBuilding], compound_ids: list[int], stamp: Any
) -> list[int]:
    rows = [
        _tracked(
            stamp,
            compound_id=compound_ids[b.compound],
            name=b.name,
            floors=b.floors,
            units=b.units,
            rooms_per_floor=b.rooms,
        )
        for b in plan
    ]
    return _insert_returning_ids(session, Building, rows)


def _insert_households(
    session: Session,
    rng: random.Random,
    code_rng: random.Random,
    plan: list[_PlannedBuilding],
    building_ids: list[int],
    stamp: Any,
) -> list[tuple[int, Occupancy]]:
    kinds = [o for o, _ in OCCUPANCY_WEIGHTS]
    weights = list(accumulate(w for _, w in OCCUPANCY_WEIGHTS))
    total = sum(b.flats for b in plan)
    codes = iter(household_codes(session, code_rng, total))
    rows = []
    for building, building_id in zip(plan, building_ids, strict=True):
        for unit, floor, room in building.places():
            occupancy = rng.choices(kinds, cum_weights=weights)[0]
            rows.append(
                _tracked(
                    stamp,
                    building_id=building_id,
                    unit=unit,
                    floor=floor,
                    room=room,
                    occupancy=occupancy.value,
                    code=next(codes),
                )
            )
    ids = _insert_returning_ids(session, Household, rows)
    return list(zip(ids, (Occupancy(r["occupancy"]) for r in rows), strict=True))


def _insert_residents(
    session: Session, rng: random.Random, households: list[tuple[int, Occupancy]], stamp: Any
) -> int:
    year = current_year()
    rows = []
    for household_id, occupancy in households:
        if occupancy == Occupancy.vacant:
            continue
        people = tenants(rng) if occupancy == Occupancy.rented else family(rng)
        alone = len(people) == 1
        rows.extend(_resident_row(rng, p, household_id, alone, year, stamp) for p in people)
    _insert(session, Resident, rows)
    return len(rows)


# --- public ---------------------------------------------------------------------------


def seed_community(
    session: Session,
    *,
    households: int = 1200,
    compounds: int = 15,
    name: str = "幸福里社区",
    subdistrict: str = "八宝山街道",
    rng_seed: int = 42,
) -> Community:
    """One community with exactly `households` households; the caller commits."""
    if households < 1 or compounds < 1:
        raise ValueError("households and compounds must be at least 1")
    rng = random.Random(rng_seed)
    # Codes are household logins and door-notice keys: they come from the system's secure
    # generator, never from the (published) seed, and from their own stream, so the names
    # and ages that follow stay repeatable.
    code_rng = random.SystemRandom()
    stamp = utcnow()
    community = Community(uuid=new_uuid(), name=name, subdistrict=subdistrict,
                          subdistrict_id=subdistrict_named(session, subdistrict).id)
    session.add(community)
    session.flush()
    compound_ids = _insert_compounds(session, rng, community.id, compounds, stamp)
    plan = _plan_buildings(rng, households, compounds)
    building_ids = _insert_buildings(session, plan, compound_ids, stamp)
    placed = _insert_households(session, rng, code_rng, plan, building_ids, stamp)
    _insert_residents(session, rng, placed, stamp)
    return community


def seed_subdistrict(
    session: Session,
    *,
    communities: int = 22,
    households_per_community: int = 3000,
    rng_seed: int = 7,
) -> list[Community]:
    """A whole 街道 of communities (the benchmark's scale); the caller commits."""
    rng = random.Random(rng_seed)
    places = list(COMMUNITY_PLACES)
    rng.shuffle(places)
    compounds = max(1, round(households_per_community / 80))
    made = []
    for i in range(communities):
        name = places[i % len(places)] + ("" if i < len(places) else str(i // len(places) + 1))
        made.append(
            seed_community(
                session,
                households=households_per_community,
                compounds=compounds,
                name=f"{name}社区",
                rng_seed=rng.randrange(2**31),
            )
        )
    return made


def database_is_empty(session: Session) -> bool:
    return session.exec(select(Community.id).limit(1)).first() is None
