"""The visit form's handlers (state/survey/visit.py), driven the way a websocket event is."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from community_app import db
from community_app.i18n import tr
from community_app.models import Resident, VisitAttempt
from community_app.state.base import AppState
from community_app.state.survey.visit import MAX_ROWS, VisitState
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
    assert _redirect_target(events) == f"/survey/visit?h={homes[1].id}&r={data.round.id}"
    assert _attempts(session) == 1


async def test_the_last_household_leads_back_to_the_building(w, session):
    data, token = w
    state = await new_state(VisitState, token=token)
    for home in households(session, data.mine):
        events = await call(state, "save", _form(home))
    assert _redirect_target(events) == f"/survey/building?id={data.mine.id}&r={data.round.id}"


async def test_more_residents_than_the_form_holds_are_refused_with_a_message_not_cut(w, session):
    # Issue 10 item 8: rows beyond MAX_ROWS used to be dropped without a word, so the 13th
    # person went unrecorded while the visit counted as done.
    data, token = w
    home = households(session, data.mine)[0]
    state = await new_state(VisitState, token=token, lang="en")
    events = await call(state, "save", _form(home, rows=MAX_ROWS + 1))
    base = await state.get_state(AppState)
    assert base.error == tr("survey.too_many_residents", "en", max=MAX_ROWS, n=MAX_ROWS + 1)
    assert "13" in base.error and "nothing was saved" in base.error
    assert events is None and base.notice == ""
    assert _attempts(session) == 0
    session.expire_all()
    assert session.exec(select(func.count()).select_from(Resident)
                        .where(Resident.name.like("成员%"))).one() == 0
    # Exactly MAX_ROWS is still one ordinary save.
    await call(state, "save", _form(home, rows=MAX_ROWS))
    assert base.error == "" and _attempts(session) == 1


async def test_a_visit_is_saved_in_the_round_its_form_shows_and_the_next_step_stays_there(
        w, session):
    from datetime import date

    from community_app.models import RoundHousehold
    from community_app.services.survey import rounds as survey

    data, token = w
    revisit = survey.open_round(session, actor=data.admin, uuid=f.new_uuid(), name="复查",
                                start_date=date(2026, 11, 25), compound_ids=[data.mine.compound_id])
    session.commit()
    homes = households(session, data.mine)
    state = await new_state(VisitState, token=token)
    events = await call(state, "save", _form(homes[0], round_id=str(data.round.id)))
    assert _redirect_target(events) == f"/survey/visit?h={homes[1].id}&r={data.round.id}"
    session.expire_all()
    status = dict(session.exec(select(RoundHousehold.round_id, RoundHousehold.status)
                               .where(RoundHousehold.household_id == homes[0].id)).all())
    assert status == {data.round.id: "reached", revisit.id: "pending"}
