"""Crafted calls to the roster's handlers: the public sign-up changes only its own pending
application, the first password leaves the state, a kept sign-up applies once, junk is refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from community_app import db
from community_app.models import Role, ShiftSignup, User, VolunteerApplication
from community_app.services import clock
from community_app.services.roster import recruit, shifts
from community_app.services.roster.shifts import ShiftIn
from community_app.state.base import AppState
from community_app.state.roster.admin import RosterAdminState
from community_app.state.roster.join import JoinState
from community_app.state.roster.recruit import RecruitState
from community_app.state.roster.shifts import SIGNUP_REPLAYER, ShiftsState
from tests import factories as f
from tests.community.factories import sent
from tests.state_harness import call, new_state


@pytest.fixture
def world(engine, session):
    db.use_engine(engine)
    comm = f.community(session)
    f.building(session, comm, "1号楼", floors=1, rooms=1)
    admin, volunteer = f.user(session, comm, Role.admin), f.user(session, comm, Role.volunteer)
    tokens = {Role.admin: f.session_token(session, admin),
              Role.volunteer: f.session_token(session, volunteer)}
    code = recruit.ensure_link(session, actor=f.actor(admin))
    start = clock.utc() + timedelta(hours=5)
    shift_id = shifts.create_shift(session, actor=f.actor(admin), uuid=f.new_uuid(),
                                   data=ShiftIn(starts_at=start, ends_at=start + timedelta(
                                       hours=2), place="东门", kind="gate", min_people=1,
                                       max_people=1))
    session.commit()
    yield {"tokens": tokens, "code": code, "shift_id": shift_id, "volunteer": f.actor(volunteer),
           "session": session}
    db.use_engine(None)


def _application(link: str, **change) -> dict:
    return {"uuid": f.new_uuid(), "code": link, "name": "王小明", "phone": "13812345678",
            "skill_driving": "on", "party_member": "on", "availability": "周末", **change}


async def _error(state) -> str:
    return (await state.get_state(AppState)).error


@pytest.mark.parametrize("junk", [{"$ne": 1}, "x", None])
async def test_the_public_form_refuses_junk_and_stores_nothing(world, junk):
    state = await new_state(JoinState)
    await call(state, "submit", junk)
    assert await _error(state) != "" and not state.submitted
    for change in ({"phone": "12"}, {"name": "王\x07"}, {"code": "NOPE"}, {"skill_x": "on",
                                                                           "name": ""}):
        await call(state, "submit", _application(world["code"], **change))
        assert await _error(state) != ""
    world["session"].expire_all()
    assert world["session"].exec(select(VolunteerApplication)).all() == []


async def test_approve_shows_the_password_until_written_down(world):
    join = await new_state(JoinState)
    await call(join, "submit", _application(world["code"]))
    assert join.submitted and await _error(join) == ""
    state = await new_state(RecruitState, token=world["tokens"][Role.admin])
    await call(state, "load")
    [pending] = state.queue
    assert "13812345678" not in sent(state) and pending.phone == "138****5678"
    await call(state, "approve", pending.id)
    password = state.issued_password
    assert password and password in sent(state) and state.queue == []
    await call(state, "dismiss_issued")
    assert password not in sent(state)
    volunteer = await new_state(RecruitState, token=world["tokens"][Role.volunteer])
    await call(volunteer, "load")
    assert await _error(volunteer) != "" and volunteer.queue == []
    world["session"].expire_all()
    assert len(world["session"].exec(select(User).where(User.display_name == "王小明")).all()) == 1


async def test_a_kept_sign_up_applies_once(world):
    form = {"uuid": f.new_uuid(), "shift_id": str(world["shift_id"])}
    state = await new_state(ShiftsState, token=world["tokens"][Role.volunteer])
    await call(state, "sign_up", form)
    assert await _error(state) == "" and [s.mine for s in state.shifts] == [True]
    assert await SIGNUP_REPLAYER.apply(world["volunteer"], form) is False
    world["session"].expire_all()
    assert len(world["session"].exec(select(ShiftSignup)).all()) == 1


@pytest.mark.parametrize("name,args", [("mark_worked", ["1", 1]), ("mark_no_show", [True, 1]),
                                       ("assign", [{"$ne": 1}]), ("create_shift", [{"day": 1}]),
                                       ("create_shift", [{"uuid": f.new_uuid(), "day": "2026-13-01",
                                                          "start": "08:00", "end": "09:00"}])])
async def test_admin_junk_is_refused(world, name, args):
    state = await new_state(RosterAdminState, token=world["tokens"][Role.admin])
    await call(state, "load")
    await call(state, name, *args)
    assert await _error(state) != ""
