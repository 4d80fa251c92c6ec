"""The household's home as the state sends it (state/home.py): the family, not the code."""

from __future__ import annotations

from sqlmodel import select

from community_app import db
from community_app.models import Household, Resident, Role
from community_app.state.home import HomeState
from tests import factories as f
from tests.community.factories import sent
from tests.state_harness import call, new_state


async def test_the_home_greets_the_family_by_its_head(engine, session):
    db.use_engine(engine)
    try:
        comm = f.community(session)
        building = f.building(session, comm, "1号楼", floors=1, units=1, rooms=1)
        home = session.exec(select(Household).where(Household.building_id == building.id)).one()
        head = session.exec(select(Resident).where(Resident.household_id == home.id)).one()
        head.name = "闫琳"
        session.add(head)
        me = f.user(session, comm, Role.household, home.code, household_id=home.id)
        token = f.session_token(session, me)
        session.commit()
        state = await new_state(HomeState, token=token)
        await call(state, "load")
        assert state.household.head == "闫琳" and "闫琳" in sent(state)
    finally:
        db.use_engine(None)
