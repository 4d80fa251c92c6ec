"""Errands: the volunteer queue, ordered, grouped, with no personal details."""

from __future__ import annotations

import pytest

from community_app.models import ErrandStatus
from community_app.services.errands import queue as errand_queue
from tests.errands.factories import ask, world

S = ErrandStatus


@pytest.fixture
def w(session):
    return world(session)


def test_queue_is_ordered_grouped_and_shows_no_personal_details(session, w):
    today = ask(session, w.household, w.home.id)
    outside = ask(session, w.admin, w.outside_home.id)
    urgent = ask(session, w.other_household, w.other_home.id,
                 items=[{"kind": "medicine", "quantity": 1, "note": "降压药"}])
    queue = errand_queue.volunteer_queue(session, actor=w.volunteer)
    flat = [r for g in queue for r in g.rows]
    assert flat[0].id == urgent.id and flat[0].urgency == "within_2h"
    assert [r.id for r in queue[0].rows] == [urgent.id, today.id]  # 1号楼's compound
    assert [r.id for r in queue[1].rows] == [outside.id]
    assert flat[0].phone == "138****5678" and "13812345678" not in repr(queue)
    assert "张三丰" not in repr(queue)
    # The place is the address, with no UI words in it (the English page shows it too).
    assert flat[0].place.endswith(" 1号楼 102") and "单元" not in flat[0].place  # one unit
    assert "降压药" in flat[0].summary

