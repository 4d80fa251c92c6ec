"""The subdistrict's home and new communities: its own communities only, counts only, and
a first admin whose password is handed over once."""

from __future__ import annotations

import pytest
from sqlmodel import select

from community_app.models import Role, User
from community_app.services import auth
from community_app.services.errors import Denied, ServiceError
from community_app.services.subdistrict import communities
from tests import factories as f


def test_the_home_lists_its_own_communities_with_counts_only(session, world):
    home = communities.subdistrict_home(session, actor=world.officer)
    assert home.name == "鲁谷街道"
    assert sorted(c.name for c in home.communities) == sorted(["六合园社区", "七星园社区"])
    mine = next(c for c in home.communities if c.name == "六合园社区")
    assert mine.households == 6 and mine.residents == 6 + 2 and mine.staff == 1
    assert "张独居" not in repr(home) and "1370000" not in repr(home)
    other = communities.subdistrict_home(session, actor=world.other_officer)
    assert [c.name for c in other.communities] == ["玉泉路社区"]


def test_a_community_role_cannot_read_the_subdistrict_home(session, world):
    with pytest.raises(Denied):
        communities.subdistrict_home(session, actor=world.admin)


def test_create_a_community_and_its_first_admin_once(session, world):
    uuid = f.new_uuid()
    made = communities.create_community(
        session, actor=world.officer, uuid=uuid, name="新建社区", phone="",
        admin_username="newadmin", admin_name="刘书记", admin_phone="13900000000")
    assert made.secret and made.username == "newadmin"
    admin = session.exec(select(User).where(User.username == "newadmin")).one()
    assert admin.role == Role.admin and admin.community_id == made.community_id
    # the handed-over password signs in, as that community's admin
    token = auth.login(session, username="newadmin", password=made.secret, client="t")
    assert auth.authenticate(session, token=token).community_id == made.community_id
    again = communities.create_community(
        session, actor=world.officer, uuid=uuid, name="新建社区", phone="",
        admin_username="newadmin", admin_name="刘书记", admin_phone="")
    assert again.secret == "" and again.community_id == made.community_id
    assert "新建社区" in [c.name for c in communities.subdistrict_home(
        session, actor=world.officer).communities]
    assert "新建社区" not in [c.name for c in communities.subdistrict_home(
        session, actor=world.other_officer).communities]


def test_names_and_usernames_are_not_taken_twice(session, world):
    with pytest.raises(ServiceError) as refused:
        communities.create_community(session, actor=world.officer, uuid=f.new_uuid(),
                                     name="七星园社区", phone="", admin_username="x1y2z3",
                                     admin_name="某", admin_phone="")
    assert refused.value.key == "subdistrict.err.name_taken"
    with pytest.raises(ServiceError) as refused:
        communities.create_community(session, actor=world.officer, uuid=f.new_uuid(),
                                     name="别的社区", phone="", admin_username="admin1",
                                     admin_name="某", admin_phone="")
    assert refused.value.key == "err.username_taken"


def test_only_an_officer_creates_communities(session, world):
    for actor in (world.admin, world.neighbour_admin):
        with pytest.raises(Denied):
            communities.create_community(session, actor=actor, uuid=f.new_uuid(), name="甲",
                                         phone="", admin_username="abc", admin_name="某",
                                         admin_phone="")
