"""Fixtures of the isolation tests: the world, and signed-in tokens for the handler tests."""

from __future__ import annotations

import pytest

from community_app import db
from community_app.services import auth
from tests import factories as f
from tests.isolation import factories as fi


@pytest.fixture
def w(session):
    return fi.world(session)


@pytest.fixture
def cases(engine, session):
    """Two open cases in building 1 and a signed-in token per role (handlers go through db)."""
    db.use_engine(engine)
    w = fi.world(session)
    mine = fi.open_case(session, w.worker, w.home)
    theirs = fi.open_case(session, w.worker, w.other_home)
    tokens = {}
    for name, actor in (("household", w.household_actor), ("other", w.other_household_actor),
                        ("worker", w.worker), ("other_worker", w.other_worker)):
        user = fi.worker_user(session, actor)
        tokens[name] = auth.login(session, username=user.username, password=f.PASSWORD,
                                  client="test")
        session.commit()
    yield {"w": w, "mine": mine, "theirs": theirs, "tokens": tokens, "session": session}
    db.use_engine(None)


@pytest.fixture
def db_calls(monkeypatch):
    """The isolation service functions a handler ran through db.run (a transaction each);
    the guard's own sign-in check is not the handler's and is left out."""
    seen: list[str] = []
    real = db.run

    async def counting(fn, **kwargs):
        if fn.__module__.startswith("community_app.services.isolation"):
            seen.append(fn.__name__)
        return await real(fn, **kwargs)

    monkeypatch.setattr(db, "run", counting)
    return seen
