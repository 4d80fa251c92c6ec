"""services/patrol/editing.py on real SQLite and PostgreSQL: editing and cancelling a plan, and
the refusals that keep recorded counts."""

from __future__ import annotations

import pytest
from sqlmodel import select

from community_app.models import (
    PatrolBuildingResult,
    PatrolPlan,
    PatrolPlanBuilding,
    Role,
)
from community_app.services.errors import Denied, ServiceError
from community_app.services.patrol import create as patrol_create
from community_app.services.patrol import editing as patrol_editing
from community_app.services.patrol import facade as patrol_facade
from community_app.services.patrol import marks as patrol_marks
from community_app.services.patrol import plans as patrol_plans
from community_app.services.patrol import walk as patrol_walk
from tests import factories as f
from tests.patrol import factories as fp


def _edit(session, w, plan_id, buildings, people=None, start="19:30", end="21:00",
          now=fp.AFTERNOON, actor=None):
    return patrol_editing.update_plan(
        session, actor=actor or w.admin, plan_id=plan_id, window_start=start, window_end=end,
        building_ids=[b.id for b in buildings],
        member_ids=[p.user_id for p in (people or [w.volunteer])], now=now)


def test_before_it_starts_everything_can_change_and_the_walker_sees_it(session):
    w = fp.world(session)
    b3 = f.building(session, fp.community_of(session, w), "3号楼", floors=2, units=1, rooms=1)
    plan_id = fp.plan(session, w, fp.NIGHT, [w.b1, w.b2])
    other = f.actor(f.user(session, fp.community_of(session, w), Role.volunteer))
    _edit(session, w, plan_id, [b3, w.b1], people=[w.volunteer, other], start="20:00",
          end="22:30")
    detail = patrol_plans.plan_detail(session, actor=w.admin, plan_id=plan_id)
    assert detail.building_ids == [b3.id, w.b1.id]  # the new walking order
    assert sorted(detail.member_ids) == sorted([w.volunteer.user_id, other.user_id])
    assert (detail.window_start, detail.window_end) == ("20:00", "22:30")
    results = session.exec(select(PatrolBuildingResult).where(
        PatrolBuildingResult.plan_id == plan_id)).all()
    assert {r.building_id: r.total for r in results} == {b3.id: 2, w.b1.id: 6}
    (card,) = patrol_walk.my_tonight(session, actor=other, now=fp.EVENING)
    assert card.window == "20:00-22:30" and "3号楼" in "、".join(card.buildings)
    assert "2号楼" not in "、".join(card.buildings) and card.progress == "0/2"
    view = patrol_facade.patrol_view(session, actor=w.volunteer, plan_id=plan_id)
    assert [s.building_id for s in view.route] == [b3.id, w.b1.id]
    # The same edit again changes nothing.
    before = session.get(PatrolPlan, plan_id).updated_at
    _edit(session, w, plan_id, [b3, w.b1], people=[w.volunteer, other], start="20:00",
          end="22:30")
    assert session.get(PatrolPlan, plan_id).updated_at == before
    # Dropped from the plan: the other volunteer no longer sees it.
    _edit(session, w, plan_id, [b3, w.b1])
    assert patrol_walk.my_tonight(session, actor=other, now=fp.EVENING) == []


def test_once_under_way_edits_that_would_lose_counts_are_refused(session):
    w = fp.world(session)
    b3 = f.building(session, fp.community_of(session, w), "3号楼", floors=2, units=1, rooms=1)
    plan_id = fp.plan(session, w, fp.NIGHT, [w.b1, w.b2])
    patrol_walk.sign_in(session, actor=w.volunteer, plan_id=plan_id, now=fp.EVENING)
    fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
              household_id=w.plain.id, now=fp.EVENING)
    with pytest.raises(ServiceError) as refused:
        _edit(session, w, plan_id, [w.b2], now=fp.EVENING)
    assert refused.value.key == "patrol.edit_counted_building"
    assert "1号楼" in refused.value.params["building"]
    other = f.actor(f.user(session, fp.community_of(session, w), Role.volunteer))
    with pytest.raises(ServiceError) as refused:
        _edit(session, w, plan_id, [w.b1, w.b2], people=[other], now=fp.EVENING)
    assert refused.value.key == "patrol.edit_walked_person"
    # Nothing of a refused edit was applied.
    assert patrol_plans.plan_detail(session, actor=w.admin, plan_id=plan_id).building_ids == [
        w.b1.id, w.b2.id]
    # Adding a building and a person, dropping an uncounted building, moving the window: fine.
    summary = _edit(session, w, plan_id, [w.b1, b3], people=[w.volunteer, other],
                    end="21:30", now=fp.EVENING)
    assert summary.plan.started is True and "2号楼" not in "、".join(summary.plan.buildings)
    view = patrol_facade.patrol_view(session, actor=w.volunteer, plan_id=plan_id)
    assert [(s.building_id, s.lit) for s in view.route] == [(w.b1.id, 1), (b3.id, 0)]
    # A building finished with no marks is a recorded result too.
    patrol_marks.finish_building(session, actor=w.volunteer, plan_id=plan_id,
                                 building_id=b3.id, now=fp.EVENING)
    with pytest.raises(ServiceError):
        _edit(session, w, plan_id, [w.b1], people=[w.volunteer, other], now=fp.EVENING)
    with pytest.raises(ServiceError) as refused:
        patrol_editing.cancel_plan(session, actor=w.admin, plan_id=plan_id, now=fp.EVENING)
    assert refused.value.key == "patrol.cancel_started"


def test_only_the_communitys_admin_edits_and_past_nights_are_closed(session):
    w = fp.world(session)
    plan_id = fp.plan(session, w, fp.NIGHT, [w.b1])
    elsewhere = f.community(session, "别的社区")
    stranger = f.actor(f.user(session, elsewhere, Role.admin))
    for who in (w.volunteer, w.worker, stranger):
        with pytest.raises(Denied):
            _edit(session, w, plan_id, [w.b1, w.b2], actor=who)
        with pytest.raises(Denied):
            patrol_editing.cancel_plan(session, actor=who, plan_id=plan_id, now=fp.AFTERNOON)
        with pytest.raises(Denied):
            patrol_plans.plan_detail(session, actor=who, plan_id=plan_id)
    b_elsewhere = f.building(session, elsewhere, "外楼")
    with pytest.raises(Denied):
        _edit(session, w, plan_id, [w.b1, b_elsewhere])
    with pytest.raises(ServiceError) as refused:
        _edit(session, w, plan_id, [w.b1, w.b2], now=fp.local_dt(fp.NIGHT, "07:00", days=1))
    assert refused.value.key == "patrol.plan_past"
    with pytest.raises(ServiceError) as refused:
        _edit(session, w, plan_id, [])
    assert refused.value.key == "patrol.need_buildings"


def test_cancel_before_it_starts_hides_the_plan_and_a_replay_does_not_revive_it(session):
    w = fp.world(session)
    uuid = f.new_uuid()
    made = patrol_create.create_plan(session, actor=w.admin, uuid=uuid, night=fp.NIGHT,
                              window_start="19:30", window_end="21:00",
                              building_ids=[w.b1.id], member_ids=[w.volunteer.user_id])
    patrol_editing.cancel_plan(session, actor=w.admin, plan_id=made.id, now=fp.AFTERNOON)
    patrol_editing.cancel_plan(session, actor=w.admin, plan_id=made.id, now=fp.AFTERNOON)  # no-op
    assert patrol_walk.my_tonight(session, actor=w.volunteer, now=fp.EVENING) == []
    with pytest.raises(ServiceError) as refused:
        patrol_walk.sign_in(session, actor=w.volunteer, plan_id=made.id, now=fp.EVENING)
    assert refused.value.key == "patrol.plan_cancelled"
    with pytest.raises(ServiceError):
        _edit(session, w, made.id, [w.b1, w.b2])
    (listed,) = patrol_plans.list_plans(session, actor=w.admin, night=fp.NIGHT)
    assert listed.cancelled is True and listed.started is False
    again = patrol_create.create_plan(session, actor=w.admin, uuid=uuid, night=fp.NIGHT,
                               window_start="19:30", window_end="21:00",
                               building_ids=[w.b1.id], member_ids=[w.volunteer.user_id])
    assert again.id == made.id and again.plan.cancelled is True
    assert len(session.exec(select(PatrolPlan)).all()) == 1
    assert len(session.exec(select(PatrolPlanBuilding)).all()) == 1


def test_a_count_landing_during_the_edit_still_wins(session):
    """The building's result is removed only while nothing is counted on it, checked in the
    DELETE itself: here a count is recorded on the result after the marks were looked at."""
    w = fp.world(session)
    plan_id = fp.plan(session, w, fp.NIGHT, [w.b1, w.b2])
    result = session.exec(select(PatrolBuildingResult).where(
        PatrolBuildingResult.plan_id == plan_id,
        PatrolBuildingResult.building_id == w.b2.id)).one()
    result.marked_count = 1
    session.add(result)
    session.flush()
    with pytest.raises(ServiceError) as refused:
        _edit(session, w, plan_id, [w.b1])
    assert refused.value.key == "patrol.edit_counted_building"
