"""services/patrol/walk.py on real SQLite and PostgreSQL: signing in and out answer with the
screen to count on."""

from __future__ import annotations

from datetime import timedelta

import pytest

from community_app.services.errors import ServiceError
from community_app.services.patrol import walk as patrol_walk
from tests.patrol import factories as fp


def test_signing_in_and_out_returns_the_screen_and_the_first_times_stand(session):
    w = fp.world(session)
    plan_id = fp.plan(session, w, fp.NIGHT, [w.b1, w.b2])
    view = patrol_walk.sign_in(session, actor=w.volunteer, plan_id=plan_id,
                               building_id=w.b2.id, now=fp.EVENING)
    assert view.signed_in is True and view.signed_out is False
    assert view.facade.building_id == w.b2.id  # the building the walker had open
    again = patrol_walk.sign_in(session, actor=w.volunteer, plan_id=plan_id,
                                now=fp.EVENING + timedelta(minutes=5))
    assert again.signed_in is True and again.facade.building_id == w.b1.id
    out = patrol_walk.sign_out(session, actor=w.volunteer, plan_id=plan_id,
                               now=fp.EVENING + timedelta(minutes=40))
    assert out.signed_out is True
    (card,) = patrol_walk.my_tonight(session, actor=w.volunteer, now=fp.EVENING)
    assert (card.id, card.signed_in, card.signed_out) == (plan_id, True, True)
    with pytest.raises(ServiceError, match="sign_in_first"):
        patrol_walk.sign_out(session, actor=w.worker, plan_id=fp.plan(
            session, w, fp.NIGHT, [w.b1], people=[w.worker]))
