"""A volunteer's own hours on their home screen (issue 12 item 15)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlmodel import select

from community_app.models import ErrandRun, PatrolPlan, PatrolWalk, utcnow
from community_app.services import volunteer_hours
from community_app.services.errors import Denied
from tests import factories as f
from tests.errands.factories import ask, deliver, world


def test_hours_count_signed_out_walks_and_finished_runs_of_this_volunteer_only(session):
    w = world(session)
    assert volunteer_hours.my_hours(session, actor=w.volunteer) == volunteer_hours.MyHours()
    plan = PatrolPlan(uuid=f.new_uuid(), community_id=w.volunteer.community_id,
                      night=date(2026, 11, 30), window_start=time(20), window_end=time(22))
    session.add(plan)
    session.flush()
    start = utcnow() - timedelta(hours=3)
    session.add(PatrolWalk(uuid=f.new_uuid(), plan_id=plan.id, user_id=w.volunteer.user_id,
                           signed_in_at=start, signed_out_at=start + timedelta(minutes=95)))
    # Another volunteer's walk, and a walk never signed out, count nothing here.
    session.add(PatrolWalk(uuid=f.new_uuid(), plan_id=plan.id, user_id=w.volunteer2.user_id,
                           signed_in_at=start, signed_out_at=start + timedelta(hours=2)))
    session.commit()
    deliver(session, w, ask(session, w.household, w.home.id))
    run = session.exec(select(ErrandRun)).one()
    run.created_at = run.finished_at - timedelta(minutes=40)
    session.add(run)
    session.commit()
    mine = volunteer_hours.my_hours(session, actor=w.volunteer)
    assert mine == volunteer_hours.MyHours(total="2:15", patrol="1:35", walks=1,
                                           errands="0:40", delivered=1)
    other = volunteer_hours.my_hours(session, actor=w.volunteer2)
    assert other.patrol == "2:00" and other.delivered == 0 and other.errands == "0:00"


def test_only_a_volunteer_reads_hours(session):
    w = world(session)
    for actor in (w.household, w.worker, w.admin):
        with pytest.raises(Denied):
            volunteer_hours.my_hours(session, actor=actor)
