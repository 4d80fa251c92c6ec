"""Errands: the admin overview flags requests waiting longer than their urgency allows."""

from __future__ import annotations

from datetime import timedelta

import pytest

from community_app.models import ErrandStatus, utcnow
from community_app.services.errands import overview as errand_overview
from community_app.services.errands import queue as errand_queue
from tests.errands.factories import ask, world

S = ErrandStatus


@pytest.fixture
def w(session):
    return world(session)


def test_waiting_longer_than_urgency_allows_is_highlighted(session, w):
    urgent = ask(session, w.household, w.home.id, items=[{"kind": "medicine", "quantity": 1}])
    ask(session, w.household, w.home.id)
    later = utcnow() + timedelta(hours=2, minutes=5)
    assert [r.id for r in errand_overview.overview(session, actor=w.admin, now=later).late] == [
        urgent.id]
    row = [r for g in errand_queue.volunteer_queue(session, actor=w.volunteer, now=later)
           for r in g.rows if r.id == urgent.id][0]
    assert row.overdue and row.waiting_minutes >= 125

