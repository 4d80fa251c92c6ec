"""Errands: what the household sees, its requests with their timeline."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from community_app.models import ErrandStatus
from community_app.services.errands import requests as errands
from community_app.services.errands import views as errand_views
from tests.errands.factories import ask, world

S = ErrandStatus


@pytest.fixture
def w(session):
    return world(session)


def test_household_asks_and_sees_its_request_with_timeline(session, w):
    row = ask(session, w.household, w.home.id, items=[
        {"kind": "vegetables", "quantity": 1}, {"kind": "medicine", "quantity": 1, "note": "布洛芬"},
    ])
    assert row.status == S.requested and row.urgency == "within_2h"  # medicine is urgent
    views = errand_views.requests_for_household(session, actor=w.household)
    assert [v.id for v in views] == [row.id]
    assert [s.status for s in views[0].steps][:2] == ["requested", "claimed"]
    assert views[0].steps[0].at and not views[0].steps[1].at
    assert [(i.label, i.quantity, i.note) for i in views[0].goods] == [
        ("蔬菜", 1, ""), ("药品", 1, "布洛芬")]


def test_the_household_home_lists_only_requests_still_waiting_on_someone(session: Session):
    w = world(session)
    kept = ask(session, w.household, w.home.id)
    dropped = ask(session, w.household, w.home.id)
    errands.cancel_request(session, actor=w.household, request_id=dropped.id, reason="不要了")
    waiting = errand_views.requests_for_household(session, actor=w.household,
                                                  unfinished_only=True)
    assert [r.id for r in waiting] == [kept.id]
    everything = errand_views.requests_for_household(session, actor=w.household)
    assert {r.id for r in everything} == {kept.id, dropped.id}

