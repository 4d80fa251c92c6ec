"""services/patrol/home.py on real SQLite and PostgreSQL: each role's patrol cards, one read."""

from __future__ import annotations

from datetime import timedelta

from community_app.services.patrol import home as patrol_home
from community_app.services.patrol import marks as patrol_marks
from tests.patrol import factories as fp


def test_each_role_gets_its_own_cards_and_nothing_else(session):
    w = fp.world(session)
    plan_id = fp.start(session, w, [w.b1])
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=w.watched.floor, lit=False, now=fp.EVENING)
    walker = patrol_home.patrol_home(session, actor=w.volunteer, now=fp.EVENING)
    assert [c.id for c in walker.tonight] == [plan_id] and walker.tonight[0].signed_in
    assert walker.follow_ups == [] and walker.escalated == 0  # a volunteer sees no follow-up
    worker = patrol_home.patrol_home(session, actor=w.worker, now=fp.EVENING)
    assert worker.tonight == [] and [f.address for f in worker.follow_ups] == [
        fp.address_of(session, w.watched)]
    admin = patrol_home.patrol_home(session, actor=w.admin, now=fp.EVENING)
    assert admin.tonight == [] and admin.follow_ups == [] and admin.escalated == 0
    late = patrol_home.patrol_home(session, actor=w.admin, now=fp.EVENING + timedelta(hours=2))
    assert late.escalated == 1
