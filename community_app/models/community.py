"""The place: community (社区) > compound (小区) > building (楼栋) > household (户) > resident."""

from __future__ import annotations

from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field

from community_app.models.base import Tracked


class Occupancy(StrEnum):
    home = "home"
    away = "away"
    rented = "rented"
    vacant = "vacant"


class PathSide(StrEnum):
    """Which side of a building faces the patrol path: its registered front, or its back."""

    front = "front"
    back = "back"


class Sex(StrEnum):
    male = "male"
    female = "female"


class Relation(StrEnum):
    head = "head"
    spouse = "spouse"
    child = "child"
    parent = "parent"
    grandchild = "grandchild"
    tenant = "tenant"
    other = "other"


class Community(Tracked, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    subdistrict: str = Field(default="", max_length=100)
    # The subdistrict (街道) the community belongs to; its users see it (services/scope).
    subdistrict_id: int | None = Field(default=None, foreign_key="subdistrict.id", index=True)
    # The community office's phone: printed on door notices, shown to households.
    phone: str = Field(default="", max_length=20)


class Compound(Tracked, table=True):
    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    name: str = Field(max_length=100)


class Building(Tracked, table=True):
    """A building has `units` stairwells (单元); each has `floors` x `rooms_per_floor` flats."""

    id: int | None = Field(default=None, primary_key=True)
    compound_id: int = Field(foreign_key="compound.id", index=True)
    name: str = Field(max_length=50)
    floors: int = Field(ge=1, le=60)
    units: int = Field(default=1, ge=1, le=20)
    rooms_per_floor: int = Field(default=2, ge=1, le=20)
    # The side the night patrol walks past. As registered, unit 1 and flat 01 are on the
    # left seen from the front; from the back the walker sees the façade mirrored.
    path_side: PathSide = Field(default=PathSide.front, sa_type=sa.String(5))


class Household(Tracked, table=True):
    __table_args__ = (sa.UniqueConstraint("building_id", "unit", "floor", "room"),)

    id: int | None = Field(default=None, primary_key=True)
    building_id: int = Field(foreign_key="building.id", index=True)
    unit: int = Field(ge=1)
    floor: int = Field(ge=1)
    room: str = Field(max_length=10)
    occupancy: Occupancy = Field(default=Occupancy.home, sa_type=sa.String(10))
    # Short code printed on door notices and used as the household's login name.
    code: str = Field(max_length=12, unique=True, index=True)


class Resident(Tracked, table=True):
    # (household_id, moved_away, id): the ledger and the daily report walk a community's
    # households and take their residents from this index alone (an index-only scan; see
    # BENCHMARKS.md "City scale"). It also serves every lookup by household_id.
    __table_args__ = (sa.Index("ix_resident_household_live", "household_id", "moved_away", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    household_id: int = Field(foreign_key="household.id")
    name: str = Field(max_length=50)
    sex: Sex = Field(sa_type=sa.String(10))
    birth_year: int = Field(ge=1900, le=2100)
    phone: str = Field(default="", max_length=20)
    relation: Relation = Field(default=Relation.head, sa_type=sa.String(12))
    elderly_alone: bool = False
    disabled: bool = False
    chronic_illness: bool = False
    pregnant: bool = False
    infant: bool = False
    moved_away: bool = False
