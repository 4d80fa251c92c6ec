"""The errands world with a signed-in session per person, for the state tests."""

from __future__ import annotations

import pytest

from community_app import db
from community_app.services import auth
from tests import factories as f
from tests.errands.factories import world


@pytest.fixture
def w(engine, session):
    db.use_engine(engine)
    w = world(session)
    w.tokens = {}
    for name in ("admin", "worker", "volunteer", "volunteer2", "household", "other_household"):
        w.tokens[name] = auth.login(session, username=w.users[name].username,
                                    password=f.PASSWORD, client="test")
        session.commit()
    yield w
    db.use_engine(None)
