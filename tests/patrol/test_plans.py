"""services/patrol/plans.py and create.py on real SQLite and PostgreSQL: the plan page in one
read, and every change answering with its night's plans."""

from __future__ import annotations

import pytest

from community_app.services.errors import Denied
from community_app.services.patrol import create as patrol_create
from community_app.services.patrol import editing as patrol_editing
from community_app.services.patrol import plans as patrol_plans
from tests import factories as f
from tests.patrol import factories as fp


def test_the_plan_page_reads_tonight_the_choices_and_tonights_plans(session):
    w = fp.world(session)
    plan_id = fp.plan(session, w, fp.NIGHT, [w.b2, w.b1])
    page = patrol_plans.plan_page(session, actor=w.admin, now=fp.EVENING)
    assert page.night == fp.NIGHT.isoformat()
    assert [c.id for c in page.buildings] == sorted([w.b1.id, w.b2.id])
    assert {c.id for c in page.people} == {w.volunteer.user_id, w.worker.user_id}
    (summary,) = page.plans
    route = "、".join(summary.buildings)
    assert summary.id == plan_id and route.index("2号楼") < route.index("1号楼")  # walking order
    assert (summary.started, summary.cancelled) == (False, False)
    for who in (w.volunteer, w.worker):
        with pytest.raises(Denied):
            patrol_plans.plan_page(session, actor=who)


def test_creating_editing_and_cancelling_answer_with_the_nights_plans(session):
    w = fp.world(session)
    first = fp.plan(session, w, fp.NIGHT, [w.b1])
    made = patrol_create.create_plan(session, actor=w.admin, uuid=f.new_uuid(), night=fp.NIGHT,
                                     window_start="21:00", window_end="22:00",
                                     building_ids=[w.b2.id], member_ids=[w.worker.user_id])
    assert made.night == fp.NIGHT.isoformat() and [p.id for p in made.plans] == [first, made.id]
    assert made.plan.window == "21:00-22:00" and made.plan.people
    edited = patrol_editing.update_plan(session, actor=w.admin, plan_id=made.id,
                                        window_start="18:00", window_end="19:00",
                                        building_ids=[w.b2.id], member_ids=[w.worker.user_id],
                                        now=fp.AFTERNOON)
    assert [p.id for p in edited.plans] == [made.id, first]  # listed by window
    cancelled = patrol_editing.cancel_plan(session, actor=w.admin, plan_id=first,
                                           now=fp.AFTERNOON)
    assert [(p.id, p.cancelled) for p in cancelled.plans] == [(made.id, False), (first, True)]
    assert cancelled.plan.cancelled is True
