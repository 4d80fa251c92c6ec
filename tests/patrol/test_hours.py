"""services/patrol/hours.py on real SQLite and PostgreSQL: minutes walked and weekly hours."""

from __future__ import annotations

from datetime import date, timedelta

from community_app.services.patrol import hours as patrol_hours
from community_app.services.patrol import walk as patrol_walk
from tests.patrol import factories as fp


def test_walk_minutes_cross_midnight_and_weekly_hours(session):
    sunday = date(2026, 11, 29)  # ISO week 48 ends on this Sunday
    assert patrol_hours.walk_minutes(fp.local_dt(sunday, "23:30"),
                                   fp.local_dt(sunday, "00:45", days=1)) == 75
    assert patrol_hours.walk_minutes(fp.local_dt(sunday, "19:30"), None) == 0
    assert patrol_hours.walk_minutes(fp.local_dt(sunday, "19:30"),
                                   fp.local_dt(sunday, "19:31") - timedelta(seconds=1)) == 0
    w = fp.world(session)
    monday = date(2026, 11, 23)
    walks = [(monday, "19:30", "20:40", 0), (sunday, "23:30", "00:45", 1),
             (sunday + timedelta(days=1), "19:30", "20:00", 0)]
    for night, start, end, days in walks:
        plan_id = fp.plan(session, w, night, [w.b1], start="19:30", end="01:00")
        patrol_walk.sign_in(session, actor=w.volunteer, plan_id=plan_id,
                            now=fp.local_dt(night, start))
        patrol_walk.sign_out(session, actor=w.volunteer, plan_id=plan_id,
                             now=fp.local_dt(night, end, days=days))
    # Someone who signed in and never out counts nothing.
    plan_id = fp.plan(session, w, monday, [w.b2], people=[w.worker])
    patrol_walk.sign_in(session, actor=w.worker, plan_id=plan_id, now=fp.local_dt(monday, "19:30"))
    hours = patrol_hours.volunteer_hours(session, actor=w.admin, until=date(2026, 11, 30))
    volunteer = fp.user_row(session, w.volunteer).display_name
    worker = fp.user_row(session, w.worker).display_name
    assert [(r.week, r.name, r.minutes, r.hours) for r in hours] == [
        ("2026-W49", volunteer, 30, "0:30"),
        ("2026-W48", worker, 0, "0:00"),
        ("2026-W48", volunteer, 145, "2:25"),  # 70 + 75: the Sunday walk stays in W48
    ]
