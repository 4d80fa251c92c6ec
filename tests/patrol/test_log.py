"""services/patrol/log.py on real SQLite and PostgreSQL: tonight's plans and the night's log."""

from __future__ import annotations

from datetime import timedelta

import pytest

from community_app.services.errors import Denied
from community_app.services.patrol import log as patrol_log
from community_app.services.patrol import marks as patrol_marks
from community_app.services.patrol import walk as patrol_walk
from tests import factories as f
from tests.patrol import factories as fp


def test_tonight_assignment_and_log_with_missed_building(session):
    w = fp.world(session)
    comm = fp.community_of(session, w)
    b3 = f.building(session, comm, "3号楼", floors=2, units=1, rooms=1)
    plan_id = fp.plan(session, w, fp.NIGHT, [w.b1, w.b2, b3])
    cards = patrol_walk.my_tonight(session, actor=w.volunteer, now=fp.EVENING)
    assert [c.id for c in cards] == [plan_id]
    assert cards[0].window == "19:30-21:00" and cards[0].progress == "0/3"
    assert patrol_walk.my_tonight(session, actor=w.worker, now=fp.EVENING) == []
    assert patrol_walk.my_tonight(session, actor=w.volunteer,
                                  now=fp.EVENING + timedelta(days=1)) == []
    patrol_walk.sign_in(session, actor=w.volunteer, plan_id=plan_id, now=fp.EVENING)
    fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
              household_id=w.plain.id, now=fp.EVENING)
    for b in (w.b1, w.b2):
        patrol_marks.finish_building(session, actor=w.volunteer, plan_id=plan_id, building_id=b.id,
                                     now=fp.EVENING)
    log = patrol_log.patrol_log(session, actor=w.admin, night=fp.NIGHT, now=fp.EVENING)
    assert log.missed == 0  # the window is still open and the walker still out
    patrol_walk.sign_out(session, actor=w.volunteer, plan_id=plan_id,
                         now=fp.EVENING + timedelta(minutes=50))
    log = patrol_log.patrol_log(session, actor=w.admin, night=fp.NIGHT, now=fp.EVENING)
    by_label = {b.label.split()[-1]: b for b in log.buildings}
    assert by_label["3号楼"].missed and not by_label["1号楼"].missed
    assert (by_label["1号楼"].lit, by_label["1号楼"].total) == (1, 6)
    assert log.missed == 1
    assert log.people[0].signed_in == "19:40" and log.people[0].minutes == 50
    with pytest.raises(Denied):
        patrol_log.patrol_log(session, actor=w.volunteer, night=fp.NIGHT)


def test_the_log_page_is_one_read_of_the_night(session):
    w = fp.world(session)
    plan_id = fp.start(session, w, [w.b1])
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=w.watched.floor, lit=False, now=fp.EVENING)
    later = fp.EVENING + timedelta(hours=2)
    page = patrol_log.log_page(session, actor=w.admin, night=fp.NIGHT, now=later)
    assert page.night == fp.NIGHT.isoformat() and page.log.night == page.night
    assert [b.label.split()[-1] for b in page.log.buildings] == ["1号楼"]
    assert [t.label.split()[-1] for t in page.trends] == ["1号楼"]
    assert [r.household_id for r in page.runs] == [w.watched.id]
    assert page.lit_empty == [] and [h.minutes for h in page.hours] == [0]
    assert [e.address for e in page.escalated] == [fp.address_of(session, w.watched)]
    tonight = patrol_log.log_page(session, actor=w.admin, now=later)  # no night: tonight's
    assert tonight.night == fp.NIGHT.isoformat()
    with pytest.raises(Denied):
        patrol_log.log_page(session, actor=w.worker, night=fp.NIGHT)


def test_a_building_counts_as_walked_only_when_every_window_is_marked(session):
    """本栋查完 with windows left unmarked: finished, but not walked; the log gives the share."""
    w = fp.world(session)
    plan_id = fp.start(session, w, [w.b1, w.b2])
    for home in fp.households(session, w.b1):  # every window of 1号楼
        patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id,
                                household_id=home.id, state="lit", now=fp.EVENING)
    one = fp.households(session, w.b2)[0]  # one window of 2号楼
    patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id, household_id=one.id,
                            state="dark", now=fp.EVENING)
    for b in (w.b1, w.b2):
        patrol_marks.finish_building(session, actor=w.volunteer, plan_id=plan_id,
                                     building_id=b.id, now=fp.EVENING)
    log = patrol_log.patrol_log(session, actor=w.admin, night=fp.NIGHT, now=fp.EVENING)
    by_label = {b.label.split()[-1]: b for b in log.buildings}
    first, second = by_label["1号楼"], by_label["2号楼"]
    assert first.finished and first.covered and not first.partial
    assert first.marked == first.total and first.marked_percent == 100
    assert second.finished and not second.covered and second.partial
    total = len(fp.households(session, w.b2))
    assert (second.marked, second.total) == (1, total)
    assert second.marked_percent == patrol_log.percent(1, total)
    assert not patrol_log.covered(0, 0, False) and patrol_log.covered(0, 0, True)


def test_each_building_of_the_log_carries_its_own_follow_ups_and_trend(session):
    w = fp.world(session)
    plan_id = fp.start(session, w, [w.b1, w.b2])
    patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id,
                            household_id=w.watched.id, state="dark", now=fp.EVENING)
    page = patrol_log.log_page(session, actor=w.admin, night=fp.NIGHT, now=fp.EVENING)
    by_label = {b.label.split()[-1]: b for b in page.log.buildings}
    assert [x.address for x in by_label["1号楼"].follow_ups] == [
        fp.address_of(session, w.watched)]
    assert by_label["1号楼"].open_follow_ups == 1 and by_label["2号楼"].follow_ups == []
    assert [p.ratio for p in by_label["1号楼"].trend] == [0]
    assert all(x.resident == "" and x.phone == "" for x in by_label["1号楼"].follow_ups)
