"""Errands: claims (two volunteers at once: one wins) and releases (SQLite + PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import Session

from community_app.models import ErrandStatus
from community_app.services.errands import queue as errand_queue
from community_app.services.errands import runs as errand_runs
from community_app.services.errors import Denied, ServiceError
from tests.errands.factories import ask, world

S = ErrandStatus


@pytest.fixture
def w(session):
    return world(session)


def _race(engine, w, request_id):
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def attempt(name, actor):
        with Session(engine, expire_on_commit=False) as s:
            barrier.wait()
            try:
                errand_runs.claim(s, actor=actor, request_id=request_id)
                s.commit()
                outcome[name] = "won"
            except ServiceError as exc:
                s.rollback()
                outcome[name] = exc.key

    threads = [threading.Thread(target=attempt, args=(n, a))
               for n, a in (("v1", w.volunteer), ("v2", w.volunteer2))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return outcome


def test_two_volunteers_claiming_at_once_exactly_one_wins(engine, session, w):
    for _ in range(5):
        row = ask(session, w.household, w.home.id)
        outcome = _race(engine, w, row.id)
        assert sorted(outcome.values()) == ["errands.already_claimed", "won"], outcome
        session.refresh(row)
        winner = w.volunteer if outcome["v1"] == "won" else w.volunteer2
        assert row.status == S.claimed and row.claimed_by_id == winner.user_id


def test_release_returns_the_request_to_the_queue(session, w):
    row = ask(session, w.household, w.home.id)
    errand_runs.claim(session, actor=w.volunteer, request_id=row.id)
    assert errand_queue.volunteer_queue(session, actor=w.volunteer) == []
    with pytest.raises(Denied):
        errand_runs.release(session, actor=w.volunteer2, request_id=row.id)
    errand_runs.release(session, actor=w.volunteer, request_id=row.id)
    queue = errand_queue.volunteer_queue(session, actor=w.volunteer2)
    assert [r.id for g in queue for r in g.rows] == [row.id]
    errand_runs.claim(session, actor=w.volunteer2, request_id=row.id)

