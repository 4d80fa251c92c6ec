"""services/patrol/trends.py on real SQLite and PostgreSQL: dark runs, lit ratios, lit but
registered empty."""

from __future__ import annotations

from datetime import timedelta

from community_app.models import (
    Occupancy,
)
from community_app.services.patrol import marks as patrol_marks
from community_app.services.patrol import trends as patrol_trends
from tests.patrol import factories as fp


def test_two_nights_dark_detection_and_trend(session):
    w = fp.world(session)
    nights = [fp.NIGHT - timedelta(days=2), fp.NIGHT - timedelta(days=1), fp.NIGHT]
    pattern = ["dark", "lit", "dark"]  # then also dark on fp.NIGHT+1 below
    for night, state in zip(nights, pattern, strict=True):
        plan_id = fp.start(session, w, [w.b1], night=night)
        patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                                unit=1, floor=w.watched.floor, lit=state == "lit",
                                now=fp.local_dt(night, "19:45"))
    runs = patrol_trends.watched_runs(session, actor=w.admin, until=fp.NIGHT, nights=4)
    assert [r.nights for r in runs] == [["unchecked", "dark", "lit", "dark"]]
    assert runs[0].dark_two_in_a_row is False
    tomorrow = fp.NIGHT + timedelta(days=1)
    plan_id = fp.start(session, w, [w.b1], night=tomorrow)
    fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
              household_id=w.watched.id, now=fp.local_dt(tomorrow, "19:45"))
    fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
              household_id=w.watched.id, now=fp.local_dt(tomorrow, "19:46"))
    runs = patrol_trends.watched_runs(session, actor=w.admin, until=tomorrow, nights=4)
    assert runs[0].nights == ["dark", "lit", "dark", "dark"] and runs[0].dark_two_in_a_row
    # An unchecked night in between breaks a run.
    assert not patrol_trends.dark_two_in_a_row(["dark", "unchecked", "dark"])
    trend = patrol_trends.lit_ratio_trend(session, actor=w.admin, until=tomorrow, nights=7)
    assert [t.label.split()[-1] for t in trend] == ["1号楼"]
    assert [(p.night, p.ratio) for p in trend[0].points] == [
        ("11-21", 0), ("11-22", 33), ("11-23", 0), ("11-24", 0)]


def test_lit_but_registered_empty(session):
    w = fp.world(session)
    homes = fp.households(session, w.b1)
    fp.set_occupancy(session, homes[2], Occupancy.vacant)
    fp.set_occupancy(session, homes[3], Occupancy.away)
    fp.set_occupancy(session, homes[4], Occupancy.vacant)
    plan_id = fp.start(session, w, [w.b1])
    for home in (homes[2], homes[3], homes[1]):
        fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                  household_id=home.id, now=fp.EVENING)
    for _ in range(2):  # vacant and dark: as registered
        fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                  household_id=homes[4].id, now=fp.EVENING)
    rows = patrol_trends.lit_but_registered_empty(session, actor=w.admin, night=fp.NIGHT)
    assert sorted((r.household_id, r.occupancy) for r in rows) == [
        (homes[2].id, "vacant"), (homes[3].id, "away")]
    assert patrol_trends.lit_but_registered_empty(session, actor=w.admin,
                                               night=fp.NIGHT - timedelta(days=1)) == []
