"""Fixtures shared by the patrol state tests."""

from __future__ import annotations

from datetime import timedelta

import pytest

from community_app import db
from community_app.models import Role
from community_app.services import auth, clock
from community_app.services.patrol import marks as patrol_marks
from community_app.services.patrol import nights as patrol
from community_app.services.patrol import walk as patrol_walk
from tests import factories as f
from tests.patrol import factories as fp


@pytest.fixture
def walking(engine, session):
    """A plan tonight over 1号楼 with the volunteer signed in and floor 1 marked dark
    (the watched flat's follow-up raised), and signed-in tokens for the state tests."""
    db.use_engine(engine)
    w = fp.world(session)
    community = fp.community_of(session, w)
    stranger = f.user(session, community, Role.volunteer, "stranger")
    other_worker = f.user(session, community, Role.grid_worker, "other-worker")
    f.assign(session, other_worker, w.b2)
    night = patrol.patrol_night()
    plan_id = fp.plan(session, w, night, [w.b1])
    now = clock.local()
    patrol_walk.sign_in(session, actor=w.volunteer, plan_id=plan_id, now=now)
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=w.watched.floor, lit=False,
                            now=now - timedelta(seconds=1))
    session.commit()
    tokens = {}
    for name, row in (("volunteer", fp.user_row(session, w.volunteer)), ("stranger", stranger),
                      ("worker", fp.user_row(session, w.worker)), ("other", other_worker)):
        tokens[name] = auth.login(session, username=row.username, password=f.PASSWORD,
                                  client="test")
        session.commit()
    yield {"w": w, "plan_id": plan_id, "tokens": tokens, "session": session}
    db.use_engine(None)
