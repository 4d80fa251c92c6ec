"""A community with two compounds (one building each, 6 households), an admin, a grid
worker, one household login per compound, and a second community with its own admin."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlmodel import Session, select

from community_app.models import Household, Role
from community_app.services.auth import Actor
from tests import factories as f


@dataclass
class World:
    admin: Actor
    worker: Actor
    volunteer: Actor
    home_a: Actor  # a household of compound A
    home_b: Actor  # a household of compound B
    compound_a: int
    compound_b: int
    other_admin: Actor


def _household_actor(session: Session, comm, building) -> Actor:
    home = session.exec(select(Household).where(Household.building_id == building.id)
                        .order_by(Household.id)).first()
    return f.actor(f.user(session, comm, Role.household, household_id=home.id))


@pytest.fixture
def world(session: Session) -> World:
    comm = f.community(session)
    a, b = f.building(session, comm, "1号楼"), f.building(session, comm, "2号楼")
    other = f.community(session, "别的社区")
    return World(admin=f.actor(f.user(session, comm, Role.admin)),
                 worker=f.actor(f.user(session, comm, Role.grid_worker)),
                 volunteer=f.actor(f.user(session, comm, Role.volunteer)),
                 home_a=_household_actor(session, comm, a),
                 home_b=_household_actor(session, comm, b),
                 compound_a=a.compound_id, compound_b=b.compound_id,
                 other_admin=f.actor(f.user(session, other, Role.admin)))
