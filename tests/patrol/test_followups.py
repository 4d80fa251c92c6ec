"""services/patrol/followups.py on real SQLite and PostgreSQL: raised on a dark watched window,
closed as lit later, reopened, escalated, and seen only by the building's worker."""

from __future__ import annotations

from datetime import timedelta

import pytest

from community_app.models import (
    Role,
)
from community_app.services.errors import Denied
from community_app.services.patrol import followups as patrol_followups
from community_app.services.patrol import log as patrol_log
from community_app.services.patrol import marks as patrol_marks
from community_app.services.patrol import outcomes as patrol_outcomes
from community_app.services.patrol import walk as patrol_walk
from community_app.settings import Settings
from tests import factories as f
from tests.patrol import factories as fp


def test_follow_up_only_for_watched_households_and_never_twice(session):
    w = fp.world(session)
    plan_id = fp.start(session, w)
    for _ in range(2):  # plain flat: lit, dark
        fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                  household_id=w.plain.id, now=fp.EVENING)
    assert fp.follow_ups(session) == []
    fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
              household_id=w.watched.id, now=fp.EVENING)  # lit: nothing
    assert fp.follow_ups(session) == []
    fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
              household_id=w.watched.id, now=fp.EVENING)  # dark: follow-up at once
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=w.watched.floor, lit=False, now=fp.EVENING)  # dark again
    rows = fp.follow_ups(session)
    assert len(rows) == 1
    assert rows[0].worker_id == w.worker.user_id and rows[0].reason == "elderly_alone"
    listed = patrol_followups.open_follow_ups(session, actor=w.worker, now=fp.EVENING)
    assert [r.id for r in listed] == [rows[0].id]
    assert listed[0].phone == "13812345678" and listed[0].resident == "张三丰"


def test_lit_again_before_anyone_acts_closes_as_lit_later_and_dark_reopens(session):
    w = fp.world(session)
    plan_id = fp.start(session, w)
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=w.watched.floor, lit=False, now=fp.EVENING)
    fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
              household_id=w.watched.id, now=fp.EVENING)  # lit after all
    (fu,) = fp.follow_ups(session)
    assert fu.status == "resolved" and fu.resolution == "lit_later"
    assert patrol_followups.open_follow_ups(session, actor=w.worker, now=fp.EVENING) == []
    fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
              household_id=w.watched.id, now=fp.EVENING)  # dark again
    (fu,) = fp.follow_ups(session)
    assert fu.status == "open" and fu.resolution is None
    # Once the worker has called, a lit window no longer closes it.
    patrol_outcomes.record_call(session, actor=w.worker, follow_up_id=fu.id, answered=False,
                                 now=fp.EVENING)
    fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
              household_id=w.watched.id, now=fp.EVENING)
    session.refresh(fu)
    assert fu.status == "called"


def test_escalation_timing(session, monkeypatch):
    w = fp.world(session)
    plan_id = fp.start(session, w)
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=w.watched.floor, lit=False, now=fp.EVENING)
    (fu,) = fp.follow_ups(session)
    assert not patrol_followups.is_escalated(fu, fp.EVENING + timedelta(minutes=59, seconds=59))
    assert patrol_followups.is_escalated(fu, fp.EVENING + timedelta(minutes=60))
    assert patrol_followups.escalated_follow_ups(session, actor=w.admin,
                                                 now=fp.EVENING + timedelta(minutes=59)) == []
    late = patrol_followups.escalated_follow_ups(session, actor=w.admin,
                                                 now=fp.EVENING + timedelta(hours=1))
    assert [r.id for r in late] == [fu.id] and late[0].escalated is True
    assert patrol_followups.is_escalated(fu, fp.EVENING + timedelta(minutes=30), minutes=30)
    monkeypatch.setenv("PATROL_ESCALATE_MINUTES", "30")
    assert Settings().patrol_escalate_minutes == 30  # configurable per deployment
    # A call with no answer does not stop the clock; a resolution does.
    patrol_outcomes.record_call(session, actor=w.worker, follow_up_id=fu.id, answered=False,
                                 now=fp.EVENING + timedelta(minutes=5))
    assert patrol_followups.is_escalated(fu, fp.EVENING + timedelta(minutes=61))
    patrol_outcomes.record_visit(session, actor=w.worker, follow_up_id=fu.id, outcome="away",
                                  now=fp.EVENING + timedelta(minutes=70))
    assert not patrol_followups.is_escalated(fu, fp.EVENING + timedelta(hours=5))
    log = patrol_log.patrol_log(session, actor=w.admin, night=fp.NIGHT,
                                now=fp.EVENING + timedelta(hours=5))
    assert log.follow_ups[0].late is True
    assert log.follow_ups[0].resident == ""  # the log carries no personal data


def test_scope_members_only_and_worker_only_their_buildings(session):
    w = fp.world(session)
    plan_id = fp.start(session, w)
    other_vol = f.actor(f.user(session, fp.community_of(session, w), Role.volunteer))
    with pytest.raises(Denied):
        fp.toggle(session, actor=other_vol, plan_id=plan_id,
                  household_id=w.plain.id)
    with pytest.raises(Denied):
        patrol_walk.sign_in(session, actor=other_vol, plan_id=plan_id, now=fp.EVENING)
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=w.watched.floor, lit=False, now=fp.EVENING)
    (fu,) = fp.follow_ups(session)
    other_worker = f.user(session, fp.community_of(session, w), Role.grid_worker)
    f.assign(session, other_worker, w.b2)
    with pytest.raises(Denied):
        patrol_outcomes.record_call(session, actor=f.actor(other_worker), follow_up_id=fu.id,
                                     answered=True)
    assert patrol_followups.open_follow_ups(session, actor=f.actor(other_worker)) == []
    with pytest.raises(Denied):
        patrol_outcomes.record_call(session, actor=w.volunteer, follow_up_id=fu.id, answered=True)
