"""招募令: the public sign-up (its own pending application only, rate limited), the review
(approve creates the volunteer once with a one-time password; decline), teams."""

from __future__ import annotations

import pydantic
import pytest
from sqlmodel import select

from community_app.models import LoginThrottle, Role, User, VolunteerApplication
from community_app.services.errors import Denied, ServiceError
from community_app.services.passwords import verify_password
from community_app.services.roster import recruit, teams
from community_app.services.roster.recruit import ApplicationIn
from tests import factories as f


def _form(**change) -> ApplicationIn:
    return ApplicationIn(**{"name": "王小明", "phone": "13812345678", "skills": ["driving"],
                            "party_member": True, "availability": "周末全天", **change})


def test_a_stranger_applies_and_the_admin_approves_once(session, world):
    code = recruit.ensure_link(session, actor=world.admin)
    assert recruit.ensure_link(session, actor=world.admin) == code
    ctx = recruit.join_context(session, code=code.lower(), client="1.2.3.4")
    assert ctx.community == "测试社区" and [c.id for c in ctx.compounds] == [world.compound_id]
    form = f.new_uuid()
    data = _form(compound_id=world.compound_id)
    assert recruit.apply(session, code=code, client="1.2.3.4", uuid=form, data=data)
    assert not recruit.apply(session, code=code, client="1.2.3.4", uuid=form, data=data)
    session.commit()
    [pending] = recruit.queue(session, actor=world.admin)
    assert (pending.name, pending.phone, pending.skills) == ("王*明", "138****5678", ["driving"])
    assert recruit.queue(session, actor=world.other_admin) == []
    with pytest.raises(Denied):
        recruit.approve(session, actor=world.other_admin, application_id=pending.id)
    session.rollback()
    made = recruit.approve(session, actor=world.admin, application_id=pending.id)
    session.commit()
    user = session.get(User, made.user_id)
    assert user.role == Role.volunteer and user.community_id == world.admin.community_id
    assert user.display_name == "王小明" and verify_password(made.secret, user.password_hash)
    with pytest.raises(ServiceError, match="roster.err.already_decided"):
        recruit.approve(session, actor=world.admin, application_id=pending.id)
    session.rollback()
    assert recruit.queue(session, actor=world.admin) == []
    assert len(session.exec(select(User).where(User.display_name == "王小明")).all()) == 1


def test_decline_creates_nothing(session, world):
    code = recruit.ensure_link(session, actor=world.admin)
    recruit.apply(session, code=code, client="c", uuid=f.new_uuid(), data=_form())
    session.commit()
    [pending] = recruit.queue(session, actor=world.admin)
    users = len(session.exec(select(User)).all())
    recruit.decline(session, actor=world.admin, application_id=pending.id)
    session.commit()
    assert len(session.exec(select(User)).all()) == users
    assert session.get(VolunteerApplication, pending.id).status == "declined"


def test_a_client_keeps_one_pending_application_and_is_rate_limited(session, world):
    code = recruit.ensure_link(session, actor=world.admin)
    for n in range(recruit.LIMITS["submit"]):
        recruit.apply(session, code=code, client="9.9.9.9", uuid=f.new_uuid(),
                      data=_form(availability=f"第{n}"))
        session.commit()
    assert [p.availability for p in recruit.queue(session, actor=world.admin)] == ["第4"]
    with pytest.raises(ServiceError, match="roster.err.too_many"):
        recruit.apply(session, code=code, client="9.9.9.9", uuid=f.new_uuid(), data=_form())
    session.rollback()
    recruit.apply(session, code=code, client="8.8.8.8", uuid=f.new_uuid(), data=_form())
    session.commit()
    assert len(recruit.queue(session, actor=world.admin)) == 2


def test_unknown_codes_are_refused_and_counted(session, world):
    for _ in range(recruit.LIMITS["lookup"]):
        with pytest.raises(ServiceError, match="roster.err.bad_link"):
            recruit.join_context(session, code="NOPE2345", client="7.7.7.7")
    with pytest.raises(ServiceError, match="roster.err.too_many"):
        recruit.join_context(session, code="NOPE2345", client="7.7.7.7")
    assert session.get(LoginThrottle, "recruit-lookup:7.7.7.7").failures == 10


def test_a_compound_of_another_community_is_refused(session, world):
    code = recruit.ensure_link(session, actor=world.other_admin)
    with pytest.raises(ServiceError):
        recruit.apply(session, code=code, client="c", uuid=f.new_uuid(),
                      data=_form(compound_id=world.compound_id))
    session.rollback()
    assert session.exec(select(VolunteerApplication)).all() == []


@pytest.mark.parametrize("change", [
    {"name": ""}, {"name": "x" * 51}, {"phone": "12ab"}, {"phone": "1" * 17},
    {"skills": ["hacking"]}, {"availability": "x" * 201}, {"name": "王\x00"},
    {"party_member": "maybe"}, {"compound_id": 0},
])
def test_bad_applications_are_refused(change):
    with pytest.raises(pydantic.ValidationError):
        _form(**change)


def test_teams_have_members_and_a_leader_of_the_community(session, world):
    team = teams.create_team(session, actor=world.admin, uuid=f.new_uuid(), name="党员突击队")
    teams.add_member(session, actor=world.admin, team_id=team, user_id=world.v1.user_id,
                     leader=True)
    teams.add_member(session, actor=world.admin, team_id=team, user_id=world.v2.user_id)
    [row] = teams.teams(session, actor=world.admin)
    assert row.name == "党员突击队" and row.size == 2 and "*" in row.leader
    with pytest.raises(Denied):
        teams.add_member(session, actor=world.admin, team_id=team,
                         user_id=world.other_volunteer.user_id)
    with pytest.raises(Denied):
        teams.add_member(session, actor=world.other_admin, team_id=team,
                         user_id=world.v3.user_id)
    with pytest.raises(ServiceError):
        teams.create_team(session, actor=world.admin, uuid=f.new_uuid(), name=" ")
    assert teams.teams(session, actor=world.other_admin) == []
