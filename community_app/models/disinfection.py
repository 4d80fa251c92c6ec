"""Disinfection log (消杀).

A compound's planned rounds are `disinfection_slot` rows: a local time of day, for the
whole compound (building_id null) or one building. A compound with no rows has the default
plan (settings: DISINFECTION_ROUNDS, "09:00,15:00") for the whole compound. A round done is
one `disinfection_record`, unique per round and day through `round_key`, so an offline
replay (same client UUID) or a second person recording the same round adds nothing.
See services/disinfection/README.md.
"""

from __future__ import annotations

from datetime import date, datetime, time

import sqlalchemy as sa
from sqlmodel import Field

from community_app.models.base import Tracked

AREAS_MAX = 200  # characters of the areas disinfected
CHEMICAL_MAX = 100  # characters of the chemical used


class DisinfectionSlot(Tracked, table=True):
    __tablename__ = "disinfection_slot"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    compound_id: int = Field(foreign_key="compound.id", index=True)
    building_id: int | None = Field(default=None, foreign_key="building.id")
    at: time = Field(sa_type=sa.Time())  # local time (settings.timezone), every day


class DisinfectionRecord(Tracked, table=True):
    __tablename__ = "disinfection_record"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    compound_id: int = Field(foreign_key="compound.id", index=True)
    building_id: int | None = Field(default=None, foreign_key="building.id")
    day: date = Field(index=True)  # the local day of the round
    at: time = Field(sa_type=sa.Time())  # the planned round's local time
    # "<compound>:<building or 0>:<day>:<HH:MM>": one record per round and day.
    round_key: str = Field(max_length=40, unique=True)
    areas: str = Field(max_length=AREAS_MAX)
    chemical: str = Field(max_length=CHEMICAL_MAX)
    photo: str | None = Field(default=None, max_length=60)  # file under PRIVATE_DATA_DIR
    done_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    done_by_id: int = Field(foreign_key="app_user.id")
