"""Staff passwords (services/community/accounts.py): an admin's reset, one's own change."""

from __future__ import annotations

import pytest
from sqlmodel import select

from community_app.models import AuthSession, Household, Role, User
from community_app.services import auth
from community_app.services.community import accounts
from community_app.services.errors import Denied, ServiceError
from tests import factories as f

NEW = "a-new-long-secret"


@pytest.fixture
def people(session):
    comm = f.community(session)
    building = f.building(session, comm, "1号楼", floors=1, units=1, rooms=1)
    admin = f.user(session, comm, Role.admin, "admin")
    worker = f.user(session, comm, Role.grid_worker, "worker")
    home = session.exec(select(Household).where(Household.building_id == building.id)).one()
    household = f.user(session, comm, Role.household, home.code, household_id=home.id)
    stranger = f.user(session, f.community(session, "别处"), Role.volunteer, "stranger")
    session.commit()
    return admin, worker, household, stranger


def _open(session, user_id: int) -> int:
    return len(session.exec(select(AuthSession).where(
        AuthSession.user_id == user_id, AuthSession.ended_at.is_(None))).all())


def _key(err: pytest.ExceptionInfo) -> str:
    return err.value.key


def test_a_reset_issues_a_new_password_once_and_signs_the_person_out(session, people):
    admin, worker, *_ = people
    f.session_token(session, worker)
    f.session_token(session, worker)
    issued = accounts.reset_staff_password(session, actor=f.actor(admin), user_id=worker.id)
    session.commit()
    assert issued.username == "worker" and len(issued.secret) == 12
    assert _open(session, worker.id) == 0
    assert auth.login(session, username="worker", password=issued.secret, client="c")
    with pytest.raises(ServiceError):
        auth.login(session, username="worker", password=f.PASSWORD, client="d")


def test_a_reset_is_the_admins_for_other_staff_of_their_community(session, people):
    admin, worker, household, stranger = people
    for actor, target in ((worker, admin), (admin, household), (admin, stranger)):
        with pytest.raises(Denied):
            accounts.reset_staff_password(session, actor=f.actor(actor), user_id=target.id)
    with pytest.raises(ServiceError) as err:
        accounts.reset_staff_password(session, actor=f.actor(admin), user_id=admin.id)
    assert _key(err) == "community.reset_self"


def test_changing_ones_password_keeps_this_session_and_ends_the_others(session, people):
    _, worker, *_ = people
    here, there = f.session_token(session, worker), f.session_token(session, worker)
    session.commit()
    ended = accounts.change_own_password(session, actor=f.actor(worker), token=here,
                                         current=f.PASSWORD, new=NEW)
    session.commit()
    assert ended == 1
    assert auth.authenticate(session, token=here) is not None
    assert auth.authenticate(session, token=there) is None
    assert auth.login(session, username="worker", password=NEW, client="c")
    with pytest.raises(ServiceError):
        auth.login(session, username="worker", password=f.PASSWORD, client="d")


@pytest.mark.parametrize("current,new,key", [
    ("wrong-password", NEW, "community.password_wrong"),
    (f.PASSWORD, "123456789", "community.password_short"),
    (f.PASSWORD, "x" * 129, "community.password_long"),
    ("x" * 129, NEW, "community.password_long"),
    (f.PASSWORD, f.PASSWORD, "community.password_same"),
])
def test_a_change_is_refused_with_a_reason(session, people, current, new, key):
    _, worker, *_ = people
    token = f.session_token(session, worker)
    with pytest.raises(ServiceError) as err:
        accounts.change_own_password(session, actor=f.actor(worker), token=token,
                                     current=current, new=new)
    assert _key(err) == key
    session.rollback()
    assert auth.login(session, username="worker", password=f.PASSWORD, client="c")


def test_guessing_the_current_password_is_slowed_down_and_households_have_no_password(
        session, people):
    _, worker, household, _ = people
    token = f.session_token(session, worker)
    session.commit()
    keys = []
    for _ in range(7):
        with pytest.raises(ServiceError) as err:
            accounts.change_own_password(session, actor=f.actor(worker), token=token,
                                         current="guess-guess", new=NEW)
        keys.append(_key(err))
    assert keys[:5] == ["community.password_wrong"] * 5
    assert keys[-1] == "community.password_locked"
    with pytest.raises(ServiceError):  # the right one does not get through the delay
        accounts.change_own_password(session, actor=f.actor(worker), token=token,
                                     current=f.PASSWORD, new=NEW)
    assert session.get(User, worker.id).password_hash == f.password_hash(f.PASSWORD)
    with pytest.raises(Denied):
        accounts.change_own_password(session, actor=f.actor(household), token="t",
                                     current="246810", new=NEW)
