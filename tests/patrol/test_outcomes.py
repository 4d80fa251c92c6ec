"""services/patrol/outcomes.py on real SQLite and PostgreSQL: the worker's call, visit and
"handled", and the open follow-ups each outcome answers with."""

from __future__ import annotations

from datetime import timedelta

import pytest

from community_app.services.errors import ServiceError
from community_app.services.patrol import followups as patrol_followups
from community_app.services.patrol import marks as patrol_marks
from community_app.services.patrol import outcomes as patrol_outcomes
from tests.patrol import factories as fp


def test_outcome_journey_no_answer_then_visited_well(session):
    w = fp.world(session)
    plan_id = fp.start(session, w)
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=w.watched.floor, lit=False, now=fp.EVENING)
    (fu,) = fp.follow_ups(session)
    assert patrol_outcomes.record_call(session, actor=w.worker, follow_up_id=fu.id, answered=False,
                                        now=fp.EVENING).status == "called"
    assert patrol_outcomes.record_visit(session, actor=w.worker, follow_up_id=fu.id,
                                         outcome="well",
                                         now=fp.EVENING + timedelta(minutes=15)).status == "resolved"
    session.refresh(fu)
    assert (fu.call_outcome, fu.visit_outcome, fu.resolution) == ("no_answer", "well", "visited")
    with pytest.raises(ServiceError):
        patrol_outcomes.record_call(session, actor=w.worker, follow_up_id=fu.id, answered=True)


def test_needs_help_stays_open_until_handled_and_answered_call_resolves(session):
    w = fp.world(session)
    homes = fp.households(session, w.b1)
    fp.flag(session, homes[1], disabled=True)
    plan_id = fp.start(session, w)
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=1, lit=False, now=fp.EVENING)
    first, second = sorted(fp.follow_ups(session), key=lambda r: r.household_id)
    assert patrol_outcomes.record_visit(session, actor=w.worker, follow_up_id=first.id,
                                         outcome="needs_help", now=fp.EVENING).status == "visited"
    assert len(patrol_followups.open_follow_ups(session, actor=w.worker, now=fp.EVENING)) == 2
    with pytest.raises(ServiceError):
        patrol_outcomes.resolve(session, actor=w.worker, follow_up_id=second.id)
    patrol_outcomes.resolve(session, actor=w.worker, follow_up_id=first.id, now=fp.EVENING)
    assert patrol_outcomes.record_call(session, actor=w.worker, follow_up_id=second.id,
                                        answered=True, now=fp.EVENING).status == "resolved"
    assert patrol_followups.open_follow_ups(session, actor=w.worker, now=fp.EVENING) == []
    with pytest.raises(ServiceError):
        patrol_outcomes.record_visit(session, actor=w.worker, follow_up_id=second.id,
                                      outcome="bogus")


def test_each_outcome_answers_with_the_follow_ups_still_open(session):
    w = fp.world(session)
    homes = fp.households(session, w.b1)
    fp.flag(session, homes[1], disabled=True)
    plan_id = fp.start(session, w)
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=1, lit=False, now=fp.EVENING)
    first, second = sorted(fp.follow_ups(session), key=lambda r: r.household_id)
    called = patrol_outcomes.record_call(session, actor=w.worker, follow_up_id=first.id,
                                         answered=False, now=fp.EVENING)
    assert [r.id for r in called.open] == [first.id, second.id]
    assert called.open[0].status == "called" and called.open[0].phone == "13812345678"
    well = patrol_outcomes.record_visit(session, actor=w.worker, follow_up_id=first.id,
                                        outcome="well", now=fp.EVENING)
    assert [r.id for r in well.open] == [second.id]
    assert well.open == patrol_followups.open_follow_ups(session, actor=w.worker,
                                                         now=fp.EVENING)
    # The admin may record too (an escalation they handle): their list is the community's.
    by_admin = patrol_outcomes.record_call(session, actor=w.admin, follow_up_id=second.id,
                                           answered=True, now=fp.EVENING)
    assert by_admin.status == "resolved" and by_admin.open == []
