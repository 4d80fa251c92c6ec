"""Errands: idle claims go back to the queue, old deliveries confirm themselves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from community_app.models import ErrandRequest, ErrandStatus, utcnow
from community_app.services.errands import housekeeping as errand_housekeeping
from community_app.services.errands import overview as errand_overview
from community_app.services.errands import queue as errand_queue
from community_app.services.errands import runs as errand_runs
from community_app.services.errands import views as errand_views
from community_app.settings import settings
from tests.errands import factories as fe
from tests.errands.factories import ask, world

S = ErrandStatus


@pytest.fixture
def w(session):
    return world(session)


def test_idle_claims_return_to_the_queue_and_the_admin_sees_them(session, w):
    row = ask(session, w.household, w.home.id)
    fresh = ask(session, w.household, w.home.id)
    errand_runs.claim(session, actor=w.volunteer, request_id=row.id)
    errand_runs.claim(session, actor=w.volunteer, request_id=fresh.id)
    idle = utcnow() - timedelta(minutes=settings.errand_stale_claim_minutes + 1)
    session.execute(update(ErrandRequest).where(ErrandRequest.id == row.id)
                    .values(claimed_at=idle))
    assert errand_housekeeping.housekeeping(session).returned == 1
    session.refresh(row)
    session.refresh(fresh)
    assert row.status == S.requested and row.claimed_by_id is None and row.stale_returned_at
    assert fresh.status == S.claimed
    queue = errand_queue.volunteer_queue(session, actor=w.volunteer2)
    assert [(r.id, r.returned) for g in queue for r in g.rows] == [(row.id, True)]
    returned = errand_overview.overview(session, actor=w.admin).returned
    assert [(r.id, r.volunteer) for r in returned] == [(row.id, "volunteer 测试")]


def test_auto_confirm_after_the_set_time_is_flagged(session, w):
    row = ask(session, w.household, w.home.id)
    fe.deliver(session, w, row)
    assert errand_housekeeping.housekeeping(session).auto_confirmed == 0
    late = utcnow() + timedelta(hours=settings.errand_auto_confirm_hours, minutes=1)
    assert errand_housekeeping.housekeeping(session, now=late).auto_confirmed == 1
    view = errand_views.requests_for_household(session, actor=w.household)[0]
    assert view.status == "confirmed" and view.auto_confirmed

