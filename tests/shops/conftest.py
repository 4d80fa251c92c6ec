"""A community with two compounds (one building each), an admin, a grid worker assigned to
compound A's building, a volunteer, a household, another community's admin, and a shop in
each compound."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlmodel import Session, select

from community_app.models import Household, Role
from community_app.services.auth import Actor
from community_app.services.shops import register
from tests import factories as f


@dataclass
class World:
    admin: Actor
    worker: Actor
    volunteer: Actor
    home: Actor
    other_admin: Actor
    compound_a: int
    compound_b: int
    shop_a: int
    shop_b: int


@pytest.fixture
def world(session: Session) -> World:
    comm = f.community(session)
    a, b = f.building(session, comm, "1号楼"), f.building(session, comm, "2号楼")
    worker = f.user(session, comm, Role.grid_worker)
    f.assign(session, worker, a)
    home = session.exec(select(Household).where(Household.building_id == a.id)).first()
    other = f.community(session, "别的社区")
    admin = f.actor(f.user(session, comm, Role.admin))
    shop_a = register.add_shop(session, actor=admin, uuid=f.new_uuid(), compound_id=a.compound_id,
                               name="惠民超市", kind="超市", contact_name="王建国",
                               contact_phone="13812345678", reopened_on=date(2026, 12, 1))
    shop_b = register.add_shop(session, actor=admin, uuid=f.new_uuid(), compound_id=b.compound_id,
                               name="同仁药店", kind="药店")
    return World(admin=admin, worker=f.actor(worker),
                 volunteer=f.actor(f.user(session, comm, Role.volunteer)),
                 home=f.actor(f.user(session, comm, Role.household, household_id=home.id)),
                 other_admin=f.actor(f.user(session, other, Role.admin)),
                 compound_a=a.compound_id, compound_b=b.compound_id, shop_a=shop_a, shop_b=shop_b)
