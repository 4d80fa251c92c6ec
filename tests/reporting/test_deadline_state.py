"""The subdistrict sets its report deadline on /reporting: a time is saved and shown back,
bad input is answered in words and changes nothing, and a community admin cannot set it."""

from __future__ import annotations

import pytest
from sqlmodel import select

from community_app import db
from community_app.i18n import tr
from community_app.models import ReportDeadline, User
from community_app.state.base import AppState
from community_app.state.reporting.rollup import RollupState
from tests import factories as f
from tests.state_harness import call, new_state


@pytest.fixture
def tokens(engine, session, st):
    db.use_engine(engine)
    out = {name: f.session_token(session, session.get(User, actor.user_id))
           for name, actor in (("officer", st.officer), ("admin", st.w.admin))}
    session.commit()
    yield out
    db.use_engine(None)


def _deadlines(session) -> list[str]:
    session.expire_all()
    return [r.deadline for r in session.exec(select(ReportDeadline)).all()]


async def test_the_officer_sets_the_deadline_and_bad_input_changes_nothing(tokens, session):
    state = await new_state(RollupState, token=tokens["officer"])
    base = await state.get_state(AppState)
    await call(state, "load")
    assert state.deadline == "17:00"
    await call(state, "set_deadline", {"deadline": "18:30"})
    assert state.deadline == "18:30" and _deadlines(session) == ["18:30"]
    assert base.notice == tr("reporting.deadline_saved", "zh", time="18:30")
    base.error = ""
    await call(state, "set_deadline", {"deadline": "25:00"})
    assert base.error == tr("reporting.bad_deadline", "zh")
    for bad in ({"deadline": "soon"}, {"deadline": "18:\x0030"},
                {"deadline": 1830}, {"deadline": "18:30" * 10}, "junk"):
        base.error = ""
        await call(state, "set_deadline", bad)
        assert base.error and "{" not in base.error, bad  # worded, never a key
    assert _deadlines(session) == ["18:30"]


async def test_a_community_admin_cannot_set_it(tokens, session):
    state = await new_state(RollupState, token=tokens["admin"])
    base = await state.get_state(AppState)
    await call(state, "set_deadline", {"deadline": "09:00"})
    assert base.error and _deadlines(session) == []
