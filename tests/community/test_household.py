"""What a household sees of itself (services/community/household.py)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from community_app.models import Household, Relation, Resident, Role, Sex
from community_app.services.community.household import HouseholdHome, household_home
from community_app.services.errors import Denied
from tests import factories as f


def test_the_household_sees_its_own_flat_people_and_worker(session):
    comm = f.community(session)
    building = f.building(session, comm, "1号楼", floors=1, units=2, rooms=1)
    homes = session.exec(select(Household).where(Household.building_id == building.id)
                         .order_by(Household.unit)).all()
    worker = f.user(session, comm, Role.grid_worker, "worker")
    f.assign(session, worker, building)
    me = f.user(session, comm, Role.household, household_id=homes[1].id)
    session.commit()
    home = household_home(session, actor=f.actor(me))
    assert home == HouseholdHome(address="1号楼所在小区 1号楼 2-101", code=homes[1].code,
                                 residents=["张三丰"], head="张三丰",
                                 worker_name="grid_worker 测试",
                                 worker_phone="13900001111")
    assert home.worker_tel == "tel:13900001111"
    with pytest.raises(Denied):
        household_home(session, actor=f.actor(worker))


def test_no_worker_means_no_phone_to_call(session):
    comm = f.community(session)
    building = f.building(session, comm, "1号楼", floors=1, units=1, rooms=1)
    home = session.exec(select(Household).where(Household.building_id == building.id)).one()
    me = f.user(session, comm, Role.household, household_id=home.id)
    session.commit()
    seen = household_home(session, actor=f.actor(me))
    assert seen.worker_phone == "" and seen.worker_tel == ""
    assert seen.address == "1号楼所在小区 1号楼 101"  # a single-unit building: the room alone


def test_the_family_is_greeted_by_its_head_not_by_a_lodger(session):
    comm = f.community(session)
    building = f.building(session, comm, "1号楼", floors=1, units=1, rooms=1)
    home = session.exec(select(Household).where(Household.building_id == building.id)).one()
    first = session.exec(select(Resident).where(Resident.household_id == home.id)).one()
    first.relation = Relation.tenant
    session.add_all([first, Resident(uuid=f.new_uuid(), household_id=home.id, name="闫琳",
                                     sex=Sex.female, birth_year=1960, relation=Relation.head)])
    me = f.user(session, comm, Role.household, household_id=home.id)
    session.commit()
    assert household_home(session, actor=f.actor(me)).head == "闫琳"
    first.relation, first.moved_away = Relation.head, True  # a head who moved away
    session.add(first)
    session.commit()
    assert household_home(session, actor=f.actor(me)).head == "闫琳"
    session.delete(session.exec(select(Resident).where(Resident.name == "闫琳")).one())
    session.commit()
    seen = household_home(session, actor=f.actor(me))
    assert seen.head == "" and seen.address == "1号楼所在小区 1号楼 101"  # the fallback
