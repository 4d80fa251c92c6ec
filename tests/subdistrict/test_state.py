"""Crafted calls to the subdistrict's handlers: an officer cannot reach another
subdistrict's communities, a community admin cannot open the subdistrict's screens or other
communities' care lists, and the first admin's password is issued once."""

from __future__ import annotations

import pytest
from sqlmodel import SQLModel, select

from community_app import db
from community_app.i18n import tr
from community_app.models import CadreLoan, Community, User
from community_app.state.base import AppState
from community_app.state.subdistrict.care import CareState
from community_app.state.subdistrict.home import SubdistrictHomeState
from community_app.state.subdistrict.loans import LoansState
from community_app.state.subdistrict.new import NewCommunityState
from tests import factories as f
from tests.state_harness import call, new_state


@pytest.fixture
def tokens(engine, session, world):
    db.use_engine(engine)
    made = {name: f.session_token(session, session.get(User, getattr(world, name).user_id))
            for name in ("officer", "other_officer", "admin", "neighbour_admin")}
    session.commit()
    yield made
    db.use_engine(None)


def _snapshot(engine) -> dict:
    with engine.connect() as conn:
        return {t.name: sorted(map(repr, conn.execute(t.select()).all()))
                for t in SQLModel.metadata.sorted_tables}


def _community_form(**extra) -> dict:
    return {"uuid": f.new_uuid(), "name": "新社区", "phone": "", "admin_username": "first1",
            "admin_name": "刘书记", "admin_phone": "", **extra}


async def test_an_officer_creates_a_community_and_sees_its_password_once(tokens, session):
    state = await new_state(NewCommunityState, token=tokens["officer"])
    form = _community_form()
    await call(state, "create", form)
    assert (await state.get_state(AppState)).error == ""
    assert state.issued_username == "first1" and len(state.issued_password) >= 10
    await call(state, "create", form)  # a double tap: no second community, no secret
    assert state.issued_password == ""
    assert len(session.exec(select(Community).where(Community.name == "新社区")).all()) == 1
    await call(state, "create", _community_form(name="坏\x00名字", uuid=f.new_uuid()))
    assert (await state.get_state(AppState)).error != ""


async def test_an_officer_cannot_lend_to_another_subdistricts_community(tokens, world, engine):
    before = _snapshot(engine)
    state = await new_state(LoansState, token=tokens["officer"], lang="en")
    await call(state, "lend", {"uuid": f.new_uuid(), "community_id": str(world.theirs.id),
                               "role": "grid_worker", "username": "spy1", "display_name": "某",
                               "phone": "", "days": "3"})
    assert (await state.get_state(AppState)).error == tr("err.denied", "en")
    assert _snapshot(engine) == before


async def test_an_officer_cannot_end_another_subdistricts_loan(tokens, world, session, engine):
    theirs = await new_state(LoansState, token=tokens["other_officer"])
    await call(theirs, "lend", {"uuid": f.new_uuid(), "community_id": str(world.theirs.id),
                                "role": "volunteer", "username": "lent9", "display_name": "某",
                                "phone": "", "days": "3"})
    assert theirs.issued_password
    loan = session.exec(select(CadreLoan)).one()
    before = _snapshot(engine)
    mine = await new_state(LoansState, token=tokens["officer"], lang="en")
    await call(mine, "end", loan.id)
    assert (await state_error(mine)) == tr("err.denied", "en")
    assert _snapshot(engine) == before


async def test_a_community_admin_cannot_open_the_subdistrict_screens(tokens, engine):
    before = _snapshot(engine)
    for cls, name, args in ((SubdistrictHomeState, "load", ()),
                            (NewCommunityState, "create", (_community_form(),)),
                            (CareState, "show", ())):
        state = await new_state(cls, token=tokens["admin"], lang="en")
        await call(state, name, *args)
        assert (await state_error(state)) == tr("err.denied", "en"), (cls, name)
    assert _snapshot(engine) == before


async def test_the_care_list_of_another_subdistricts_community_is_refused(tokens, world,
                                                                          engine):
    state = await new_state(CareState, token=tokens["other_officer"], lang="en")
    state.community_id = world.mine.id  # as if its page had been opened with ?c=<theirs>
    before = _snapshot(engine)
    await call(state, "show")
    assert (await state_error(state)) == tr("err.denied", "en")
    assert state.contacts == [] and _snapshot(engine) == before


async def state_error(state) -> str:
    return (await state.get_state(AppState)).error
