"""The visit form never drops a typed person silently (issue 10, item 8).

Before: rows beyond the 12th were cut off without a word and the rest saved as if complete.
"""

from __future__ import annotations

import pytest
from sqlmodel import SQLModel

from community_app import db
from community_app.i18n import tr
from community_app.state.base import AppState
from community_app.state.survey.visit import MAX_ROWS, VisitState
from tests import factories as f
from tests.factories_survey import households, world
from tests.state_harness import call, new_state


def _snapshot(engine) -> dict:
    with engine.connect() as conn:
        return {t.name: sorted(map(repr, conn.execute(t.select()).all()))
                for t in SQLModel.metadata.sorted_tables}


@pytest.fixture
def w(engine, session):
    db.use_engine(engine)
    built = world(session)
    token = f.session_token(session, built.worker_user)
    session.commit()
    yield built, token
    db.use_engine(None)


def _visit(home, people: int) -> dict:
    form = {"uuid": f.new_uuid(), "household_id": str(home.id), "outcome": "door"}
    for i in range(people):
        form.update({f"r{i}_resident_id": "0", f"r{i}_name": f"住户{i}", f"r{i}_sex": "male",
                     f"r{i}_birth_year": "1970", f"r{i}_relation": "other",
                     f"r{i}_present": "1"})
    return form


async def test_a_thirteenth_person_is_refused_with_a_message_and_nothing_is_saved(
        w, engine, session):
    built, token = w
    home = households(session, built.mine)[0]
    before = _snapshot(engine)
    state = await new_state(VisitState, token=token, lang="en")
    await call(state, "save", _visit(home, MAX_ROWS + 1))
    error = (await state.get_state(AppState)).error
    assert error == tr("survey.err.too_many_rows", "en", n=MAX_ROWS, count=MAX_ROWS + 1)
    assert _snapshot(engine) == before


async def test_twelve_people_still_save(w, session):
    built, token = w
    home = households(session, built.mine)[0]
    state = await new_state(VisitState, token=token)
    await call(state, "save", _visit(home, MAX_ROWS))
    assert (await state.get_state(AppState)).error == ""


async def test_crafted_row_numbers_far_beyond_the_form_are_refused(w, engine, session):
    built, token = w
    home = households(session, built.mine)[0]
    form = {**_visit(home, 1), "r99999_name": "x"}
    before = _snapshot(engine)
    state = await new_state(VisitState, token=token, lang="en")
    await call(state, "save", form)
    assert (await state.get_state(AppState)).error == tr("err.bad_request", "en")
    assert _snapshot(engine) == before
