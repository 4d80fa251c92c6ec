"""The needs page's "handled otherwise" handler, called as a crafted websocket message would."""

from __future__ import annotations

import pytest

from community_app import db
from community_app.i18n import tr
from community_app.services import auth
from community_app.state.base import AppState
from community_app.state.needs import NeedsState
from tests import factories as f
from tests.errands import factories as fe
from tests.factories_survey import households, world
from tests.state_harness import call, new_state
from tests.test_handler_guards import _snapshot


@pytest.fixture
def w(engine, session):
    db.use_engine(engine)
    w = world(session)
    w.tokens = {name: auth.login(session, username=name, password=f.PASSWORD, client="test")
                for name in ("worker", "other")}
    session.commit()
    yield w
    db.use_engine(None)


async def _error(state) -> str:
    return (await state.get_state(AppState)).error


async def test_worker_marks_a_listed_need_handled(w, session):
    rh = fe.visit(session, w, households(session, w.mine)[0], "大米一袋")
    state = await new_state(NeedsState, token=w.tokens["worker"])
    await call(state, "load")
    await call(state, "mark_handled", {"need_id": str(rh.id), "reason": "家人送来"})
    assert await _error(state) == ""
    assert (await state.get_state(AppState)).notice == tr("errands.need_handled_notice", "zh")
    assert [(n.id, n.handled, n.handled_reason) for n in state.needs] == [
        (rh.id, True, "家人送来")]


async def test_crafted_and_stale_calls_close_nothing(w, session):
    rh = fe.visit(session, w, households(session, w.mine)[0], "大米一袋")
    theirs = fe.visit(session, w, households(session, w.theirs)[0], "药", actor=w.other)
    state = await new_state(NeedsState, token=w.tokens["worker"])
    await call(state, "load")
    engine = db.get_engine()
    before = _snapshot(engine)
    # Another worker's need (never listed here), bad payloads, an empty reason.
    for payload in ({"need_id": theirs.id, "reason": "x"}, {"need_id": "abc", "reason": "x"},
                    {"need_id": rh.id, "reason": ""}, {"need_id": rh.id, "reason": "x" * 201},
                    "not a form", {"need_id": {"$ne": 1}, "reason": "x"}):
        await call(state, "mark_handled", payload)
        assert await _error(state) != ""
    assert _snapshot(engine) == before
    # A visit changed the needs after the page loaded: refused, and the new text shown.
    fe.visit(session, w, households(session, w.mine)[0], "大米一袋, 降压药")
    await call(state, "mark_handled", {"need_id": rh.id, "reason": "家人送来"})
    assert await _error(state) == tr("errands.need_changed", "zh")
    assert [n.needs for n in state.needs] == ["大米一袋, 降压药"]
    assert not state.needs[0].handled

