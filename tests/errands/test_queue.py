"""Errands: the volunteer queue, ordered, grouped, with no personal details."""

from __future__ import annotations

import pytest

from community_app.models import ErrandStatus
from community_app.services.errands import my_run as errand_run
from community_app.services.errands import queue as errand_queue
from community_app.services.errands import requests as errands
from community_app.services.errands import runs as errand_runs
from community_app.services.errors import Denied
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
    assert "13812345678" not in repr(queue) and "5678" not in repr(queue)
    assert "张三丰" not in repr(queue)
    # The place is the address, with no UI words in it (the English page shows it too).
    assert flat[0].place.endswith(" 1号楼 102") and "单元" not in flat[0].place  # one unit
    # The household's free-text note on a line waits until a volunteer claims it.
    assert flat[0].summary == "药品×1" and "降压药" not in repr(queue)


def test_the_unclaimed_queue_carries_no_notes_no_wish_text_and_no_phone(session, w):
    """Issue 12 item 15: before claiming, no free text and no phone (not even masked)."""
    row = ask(session, w.household, w.home.id, note="门口有狗，请敲门",
              items=[{"kind": "medicine", "quantity": 1, "note": "氨氯地平"},
                     {"kind": "other", "text": "张三丰的老花镜", "quantity": 1}])
    queue = errand_queue.volunteer_queue(session, actor=w.volunteer)
    queued = next(r for g in queue for r in g.rows if r.id == row.id)
    assert not hasattr(queued, "phone") and not hasattr(queued, "note")
    assert queued.summary == "药品×1、其他×1"
    for secret in ("氨氯地平", "老花镜", "张三丰", "门口有狗", "138", "5678"):
        assert secret not in repr(queue), secret
    # Once claimed, the run carries them.
    errand_runs.claim(session, actor=w.volunteer, request_id=row.id)
    mine = repr(errand_run.my_run(session, actor=w.volunteer))
    assert "氨氯地平" in mine and "张三丰的老花镜" in mine and "门口有狗" in mine



def test_the_full_phone_only_for_a_request_this_volunteer_holds(session, w):
    """Issue 10 item 9: a volunteer could read the number of any queued household."""
    held = ask(session, w.household, w.home.id)
    errand_runs.claim(session, actor=w.volunteer, request_id=held.id)
    assert errand_queue.contact_phone(session, actor=w.volunteer, request_id=held.id) == (
        "13812345678")
    queued = ask(session, w.other_household, w.other_home.id)
    for actor, request_id in ((w.volunteer, queued.id), (w.volunteer2, queued.id),
                              (w.volunteer2, held.id), (w.household, queued.id),
                              (w.admin, queued.id)):
        with pytest.raises(Denied):
            errand_queue.contact_phone(session, actor=actor, request_id=request_id)
    # Once it is theirs, the number is; once released or cancelled, no longer.
    errand_runs.claim(session, actor=w.volunteer2, request_id=queued.id)
    assert errand_queue.contact_phone(session, actor=w.volunteer2, request_id=queued.id)
    errand_runs.release(session, actor=w.volunteer2, request_id=queued.id)
    with pytest.raises(Denied):
        errand_queue.contact_phone(session, actor=w.volunteer2, request_id=queued.id)
    errands.cancel_request(session, actor=w.household, request_id=held.id, reason="家人送来了")
    with pytest.raises(Denied):
        errand_queue.contact_phone(session, actor=w.volunteer, request_id=held.id)
