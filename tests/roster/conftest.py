"""A community (one compound), its admin, three volunteers, a grid worker, and a second
community with its own admin and volunteer; shifts made through the service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlmodel import Session

from community_app.models import Role
from community_app.services import clock
from community_app.services.auth import Actor
from community_app.services.roster import shifts
from community_app.services.roster.shifts import ShiftIn
from tests import factories as f


@dataclass
class World:
    admin: Actor
    v1: Actor
    v2: Actor
    v3: Actor
    worker: Actor
    compound_id: int
    other_admin: Actor
    other_volunteer: Actor


@pytest.fixture
def world(session: Session) -> World:
    comm = f.community(session)
    building = f.building(session, comm, "1号楼", floors=1, rooms=1)
    other = f.community(session, "别的社区")
    w = World(admin=f.actor(f.user(session, comm, Role.admin)),
              v1=f.actor(f.user(session, comm, Role.volunteer)),
              v2=f.actor(f.user(session, comm, Role.volunteer)),
              v3=f.actor(f.user(session, comm, Role.volunteer)),
              worker=f.actor(f.user(session, comm, Role.grid_worker)),
              compound_id=building.compound_id,
              other_admin=f.actor(f.user(session, other, Role.admin)),
              other_volunteer=f.actor(f.user(session, other, Role.volunteer)))
    session.commit()
    return w


def make_shift(session: Session, admin: Actor, *, start: datetime | None = None,
               hours: int = 4, kind: str = "gate", least: int = 1, most: int = 2,
               place: str = "东门卡点") -> int:
    start = start or clock.utc() + timedelta(hours=6)
    shift_id = shifts.create_shift(session, actor=admin, uuid=f.new_uuid(), data=ShiftIn(
        starts_at=start, ends_at=start + timedelta(hours=hours), place=place, kind=kind,
        min_people=least, max_people=most))
    session.commit()
    return shift_id
