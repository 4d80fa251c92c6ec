"""Residents' names and phones above the community: refused without the community's named
permission, and every granted look is logged (who, when, what) for the admin to read."""

from __future__ import annotations

import pytest
from sqlmodel import select

from community_app.models import PrivacyView
from community_app.services.errors import Denied, ServiceError
from community_app.services.subdistrict import privacy
from tests import factories as f


def _grant(session, world, granted=True, actor=None):
    privacy.set_grant(session, actor=actor or world.admin, uuid=f.new_uuid(),
                      user_id=world.officer.user_id, granted=granted)
    session.flush()


def test_no_names_without_the_named_permission(session, world):
    assert not privacy.may_see_contacts(session, actor=world.officer, community_id=world.mine.id)
    with pytest.raises(ServiceError) as refused:
        privacy.care_contacts(session, actor=world.officer, community_id=world.mine.id)
    assert refused.value.key == "subdistrict.err.no_grant"
    assert session.exec(select(PrivacyView)).all() == []


def test_a_granted_view_shows_the_care_list_and_is_logged(session, world):
    _grant(session, world)
    assert privacy.may_see_contacts(session, actor=world.officer, community_id=world.mine.id)
    seen = privacy.care_contacts(session, actor=world.officer, community_id=world.mine.id)
    assert [(c.name, c.phone) for c in seen] == [("张独居", "13700001234")]
    session.flush()
    log = session.exec(select(PrivacyView)).all()
    assert [(v.viewer_id, v.community_id, v.permission, v.what, v.rows) for v in log] == [
        (world.officer.user_id, world.mine.id, privacy.CONTACTS, "care_list", 1)]
    assert log[0].viewed_at is not None
    shown = privacy.view_log(session, actor=world.admin)
    assert [(v.what, v.rows) for v in shown] == [("care_list", 1)]
    assert privacy.view_log(session, actor=world.neighbour_admin) == []


def test_a_grant_covers_one_community_and_can_be_revoked(session, world):
    _grant(session, world)
    with pytest.raises(ServiceError):
        privacy.care_contacts(session, actor=world.officer, community_id=world.neighbour.id)
    with pytest.raises(Denied):  # another subdistrict's community: not even asked
        privacy.care_contacts(session, actor=world.other_officer, community_id=world.mine.id)
    with pytest.raises(Denied):
        privacy.care_contacts(session, actor=world.officer, community_id=world.theirs.id)
    _grant(session, world, granted=False)
    with pytest.raises(ServiceError):
        privacy.care_contacts(session, actor=world.officer, community_id=world.mine.id)
    assert [g.granted for g in privacy.grants(session, actor=world.admin)] == [False]


def test_only_the_communitys_admin_grants_and_only_to_its_subdistricts_officers(session, world):
    with pytest.raises(Denied):
        privacy.set_grant(session, actor=world.officer, uuid=f.new_uuid(),
                          user_id=world.officer.user_id, granted=True)
    with pytest.raises(Denied):
        privacy.set_grant(session, actor=world.admin, uuid=f.new_uuid(),
                          user_id=world.other_officer.user_id, granted=True)
    with pytest.raises(Denied):  # an admin is not an officer
        privacy.set_grant(session, actor=world.admin, uuid=f.new_uuid(),
                          user_id=world.neighbour_admin.user_id, granted=True)
    assert [g.username for g in privacy.grants(session, actor=world.admin)] == ["street"]
