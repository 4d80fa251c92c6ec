"""Admin work on accounts, replay safety and scope, on a real database."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from community_app.models import GridAssignment, Household, Role, User
from community_app.services import auth
from community_app.services.community import accounts
from community_app.services.errors import Denied, ServiceError
from community_app.services.passwords import verify_password
from tests import factories as f


@pytest.fixture
def place(session):
    comm = f.community(session)
    b1, b2 = f.building(session, comm, "1号楼"), f.building(session, comm, "2号楼")
    admin = f.user(session, comm, Role.admin, "admin")
    worker = f.user(session, comm, Role.grid_worker, "worker")
    other = f.user(session, comm, Role.grid_worker, "other")
    f.assign(session, worker, b1)
    f.assign(session, other, b2)
    session.commit()
    return comm, admin, worker, other, b1, b2


def _household(session, building):
    return session.exec(select(Household).where(Household.building_id == building.id)).first()


def test_create_staff_applies_once_when_replayed(session, place):
    _, admin, *_ = place
    uid = f.new_uuid()
    first = accounts.create_staff(session, actor=f.actor(admin), uuid=uid, username="vol1",
                                  display_name="志愿者", phone="13700000000", role=Role.volunteer)
    session.commit()
    again = accounts.create_staff(session, actor=f.actor(admin), uuid=uid, username="vol1",
                                  display_name="志愿者", phone="13700000000", role=Role.volunteer)
    session.commit()
    assert first.user_id == again.user_id and again.secret == ""
    assert session.exec(select(func.count()).where(User.username == "vol1")).one() == 1
    user = session.get(User, first.user_id)
    assert verify_password(first.secret, user.password_hash)


def test_taken_username_and_non_admin_are_refused(session, place):
    _, admin, worker, *_ = place
    with pytest.raises(ServiceError) as err:
        accounts.create_staff(session, actor=f.actor(admin), uuid=f.new_uuid(),
                              username="worker", display_name="x", phone="", role=Role.volunteer)
    assert err.value.key == "err.username_taken"
    with pytest.raises(Denied):
        accounts.create_staff(session, actor=f.actor(worker), uuid=f.new_uuid(),
                              username="new", display_name="x", phone="", role=Role.admin)


def test_assigning_a_building_moves_it_from_its_previous_worker(session, place):
    _, admin, worker, other, b1, b2 = place
    accounts.assign_buildings(session, actor=f.actor(admin), user_id=worker.id,
                              building_ids=[b1.id, b2.id])
    session.commit()
    rows = session.exec(select(GridAssignment)).all()
    assert {(r.user_id, r.building_id) for r in rows} == {(worker.id, b1.id), (worker.id, b2.id)}


def test_household_account_only_inside_the_workers_scope(session, place):
    _, _, worker, _, b1, b2 = place
    mine, theirs = _household(session, b1), _household(session, b2)
    issued = accounts.open_household_account(session, actor=f.actor(worker), uuid=f.new_uuid(),
                                             household_id=mine.id)
    session.commit()
    assert issued.username == mine.code and len(issued.secret) == 6
    token = auth.login(session, username=mine.code, password=issued.secret, client="c")
    session.commit()
    assert auth.authenticate(session, token=token).household_id == mine.id
    with pytest.raises(Denied):
        accounts.open_household_account(session, actor=f.actor(worker), uuid=f.new_uuid(),
                                        household_id=theirs.id)


def test_reissuing_a_pin_logs_out_the_old_one(session, place):
    _, _, worker, _, b1, _ = place
    household = _household(session, b1)
    first = accounts.open_household_account(session, actor=f.actor(worker), uuid=f.new_uuid(),
                                            household_id=household.id)
    session.commit()
    token = auth.login(session, username=household.code, password=first.secret, client="c")
    session.commit()
    second = accounts.open_household_account(session, actor=f.actor(worker), uuid=f.new_uuid(),
                                             household_id=household.id)
    session.commit()
    assert auth.authenticate(session, token=token) is None
    with pytest.raises(ServiceError):
        auth.login(session, username=household.code, password=first.secret, client="d")
    assert auth.login(session, username=household.code, password=second.secret, client="d")


def test_admin_cannot_disable_self(session, place):
    _, admin, *_ = place
    with pytest.raises(ServiceError) as err:
        accounts.set_active(session, actor=f.actor(admin), user_id=admin.id, active=False)
    assert err.value.key == "err.cannot_disable_self"


def test_bad_uuid_is_refused(session, place):
    _, admin, *_ = place
    with pytest.raises(ServiceError) as err:
        accounts.create_staff(session, actor=f.actor(admin), uuid="not-a-uuid", username="abc",
                              display_name="x", phone="", role=Role.volunteer)
    assert err.value.key == "err.bad_request"
