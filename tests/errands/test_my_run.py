"""Errands: the volunteer's run and its merged shopping list."""

from __future__ import annotations

import pytest

from community_app.models import ErrandStatus
from community_app.services.errands import my_run as errand_run
from community_app.services.errands import runs as errand_runs
from community_app.services.errors import ServiceError
from tests import factories as f
from tests.errands.factories import ask, world

S = ErrandStatus


@pytest.fixture
def w(session):
    return world(session)


def test_run_merges_the_shopping_list_by_item(session, w):
    a = ask(session, w.household, w.home.id, items=[{"kind": "eggs", "quantity": 1},
                                                    {"kind": "rice", "quantity": 1}])
    b = ask(session, w.other_household, w.other_home.id, items=[{"kind": "eggs", "quantity": 2}])
    for row in (a, b):
        errand_runs.claim(session, actor=w.volunteer, request_id=row.id)
    with pytest.raises(ServiceError, match="errands.nothing_claimed"):
        errand_runs.start_run(session, actor=w.volunteer2, uuid=f.new_uuid())
    uuid = f.new_uuid()
    run = errand_runs.start_run(session, actor=w.volunteer, uuid=uuid)
    assert errand_runs.start_run(session, actor=w.volunteer, uuid=uuid).id == run.id
    mine = errand_run.my_run(session, actor=w.volunteer)
    eggs = next(e for e in mine.shopping if e.label == "鸡蛋")
    assert eggs.total == 3 and sorted(ln.request_id for ln in eggs.lines) == sorted([a.id, b.id])
    assert {r.id for r in mine.requests} == {a.id, b.id}
    assert mine.requests[0].phone == "13812345678"  # full for the volunteer who took it on
    assert errand_run.my_run(session, actor=w.volunteer2).requests == []

