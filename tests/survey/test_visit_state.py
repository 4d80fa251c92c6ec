"""The visit form's handlers (state/survey/visit.py), driven the way a websocket event is."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from community_app import db
from community_app.models import VisitAttempt
from community_app.state.base import AppState
from community_app.state.survey.visit import VisitState
from tests import factories as f
from tests.factories_survey import households, world
from tests.state_harness import call, new_state


@pytest.fixture
def w(engine, session):
    db.use_engine(engine)
    data = world(session)
    token = f.session_token(session, data.worker_user)
    session.commit()
    yield data, token
    db.use_engine(None)


def _form(home, rows: int = 1, **fields) -> dict:
    form = {"uuid": f.new_uuid(), "household_id": str(home.id), "outcome": "door", **fields}
    for i in range(rows):
        form.update({f"r{i}_resident_id": "", f"r{i}_name": f"成员{i}", f"r{i}_sex": "male",
                     f"r{i}_relation": "other", f"r{i}_birth_year": "1980",
                     f"r{i}_present": "1"})
    return form


def _redirect_target(events) -> str:
    redirect = events[-1]
    return dict((str(k), v) for k, v in redirect.args)["path"]._var_value


def _attempts(session) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(VisitAttempt)).one()


async def test_saving_a_visit_goes_on_to_the_buildings_next_household(w, session):
    data, token = w
    homes = households(session, data.mine)
    state = await new_state(VisitState, token=token)
    events = await call(state, "save", _form(homes[0]))
    base = await state.get_state(AppState)
    assert base.error == "" and base.notice.startswith("已保存")
    assert _redirect_target(events) == f"/survey/visit?h={homes[1].id}"
    assert _attempts(session) == 1


async def test_the_last_household_leads_back_to_the_building(w, session):
    data, token = w
    state = await new_state(VisitState, token=token)
    for home in households(session, data.mine):
        events = await call(state, "save", _form(home))
    assert _redirect_target(events) == f"/survey/building?id={data.mine.id}"
