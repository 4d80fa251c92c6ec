"""Two subdistricts: ours with two communities (one with buildings and residents who need
care), an officer, the first community's admin; theirs with one community and its officer."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlmodel import Session, select

from community_app.models import Community, Household, Resident, Role, Sex
from community_app.services.auth import Actor
from tests import factories as f


@dataclass
class World:
    officer: Actor
    other_officer: Actor
    admin: Actor
    neighbour_admin: Actor
    mine: Community
    neighbour: Community
    theirs: Community


@pytest.fixture
def world(session: Session) -> World:
    ours, other = f.subdistrict(session, "鲁谷街道"), f.subdistrict(session, "八宝山街道")
    mine = f.community(session, "六合园社区", under=ours)
    neighbour = f.community(session, "七星园社区", under=ours)
    theirs = f.community(session, "玉泉路社区", under=other)
    building = f.building(session, mine, "1号楼")
    home = session.exec(select(Household).where(Household.building_id == building.id)).first()
    session.add(Resident(uuid=f.new_uuid(), household_id=home.id, name="张独居", sex=Sex.male,
                         birth_year=1940, phone="13700001234", elderly_alone=True))
    session.add(Resident(uuid=f.new_uuid(), household_id=home.id, name="张家儿子",
                         sex=Sex.male, birth_year=1980, phone="13700005678"))
    session.flush()
    return World(officer=f.actor(f.user(session, mine, Role.subdistrict, "street")),
                 other_officer=f.actor(f.user(session, theirs, Role.subdistrict, "street2")),
                 admin=f.actor(f.user(session, mine, Role.admin, "admin1")),
                 neighbour_admin=f.actor(f.user(session, neighbour, Role.admin, "admin2")),
                 mine=mine, neighbour=neighbour, theirs=theirs)


def community_named(session: Session, name: str) -> Community:
    return session.exec(select(Community).where(Community.name == name)).one()
