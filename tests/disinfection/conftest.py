"""Two compounds of one community (one building each), a worker assigned to the first
building, a volunteer, an admin, a household, and another community's admin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlmodel import Session

from community_app.models import Building, Role
from community_app.services import clock
from community_app.services.auth import Actor
from tests import factories as f

DAY = date(2026, 11, 23)


def local(hhmm: str, day: date = DAY) -> datetime:
    return clock.at_local(day, clock.parse_hhmm(hhmm))


@dataclass
class World:
    admin: Actor
    worker: Actor
    volunteer: Actor
    household: Actor
    other_admin: Actor
    a: Building  # the worker's
    b: Building


@pytest.fixture
def world(session: Session) -> World:
    comm = f.community(session)
    a, b = f.building(session, comm, "1号楼"), f.building(session, comm, "2号楼")
    worker = f.user(session, comm, Role.grid_worker)
    f.assign(session, worker, a)
    other = f.community(session, "别的社区")
    from sqlmodel import select

    from community_app.models import Household
    home = session.exec(select(Household).where(Household.building_id == a.id)).first()
    return World(admin=f.actor(f.user(session, comm, Role.admin)), worker=f.actor(worker),
                 volunteer=f.actor(f.user(session, comm, Role.volunteer)),
                 household=f.actor(f.user(session, comm, Role.household, household_id=home.id)),
                 other_admin=f.actor(f.user(session, other, Role.admin)), a=a, b=b)
