"""Issue 6 follow-ups on real SQLite and PostgreSQL: the side facing the path (mirrored
façade), editing and cancelling a plan, and the refusals that keep recorded counts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from community_app.models import PatrolBuildingResult, PatrolPlan, PatrolPlanBuilding, Role
from community_app.services.community import views as community
from community_app.services.errors import Denied, ServiceError
from community_app.services.grid import seen_from
from community_app.services.patrol import create as patrol_create
from community_app.services.patrol import editing as patrol_editing
from community_app.services.patrol import facade as patrol_facade
from community_app.services.patrol import marks as patrol_marks
from community_app.services.patrol import plans as patrol_plans
from community_app.services.patrol import walk as patrol_walk
from tests import factories as f
from tests import factories_patrol as fp

NIGHT = date(2026, 11, 23)
EVENING = fp.local_dt(NIGHT, "19:40")
AFTERNOON = fp.local_dt(NIGHT, "15:00")


# ---------------------------------------------------------------- the side facing the path


def test_front_is_as_registered_and_back_is_mirrored():
    assert seen_from(2, 2, "front") == [(1, [1, 2]), (2, [1, 2])]
    # From the back the last unit is on the left and each unit's flats run backwards.
    assert seen_from(2, 2, "back") == [(2, [2, 1]), (1, [2, 1])]
    assert seen_from(1, 3, "back") == [(1, [3, 2, 1])]
    assert seen_from(3, 1, "back") == [(3, [1]), (2, [1]), (1, [1])]
    # Read as one wall left to right, the back view is exactly the front view reversed.
    front = [(u, i) for u, flats in seen_from(3, 4, "front") for i in flats]
    back = [(u, i) for u, flats in seen_from(3, 4, "back") for i in flats]
    assert back == front[::-1]


def test_patrol_screen_draws_the_side_the_admin_set(session):
    w = fp.world(session)
    b3 = f.building(session, f.community(session, "别处"), "9号楼")  # not the admin's
    wide = f.building(session, _comm(session, w), "5号楼", floors=2, units=2, rooms=2)
    plan_id = fp.plan(session, w, NIGHT, [wide, w.b1])
    view = patrol_facade.patrol_view(session, actor=w.volunteer, plan_id=plan_id,
                                   building_id=wide.id)
    assert view.facade.side == "front"
    assert [b.unit for b in view.facade.units] == [1, 2]
    assert [x.label for x in view.facade.units[0].floors[0].windows] == ["201", "202"]

    assert community.set_path_side(session, actor=w.admin, building_id=wide.id,
                                   side="back") == "back"
    view = patrol_facade.patrol_view(session, actor=w.volunteer, plan_id=plan_id,
                                   building_id=wide.id)
    assert view.facade.side == "back"
    assert [b.unit for b in view.facade.units] == [2, 1]
    top = view.facade.units[0].floors[0]
    assert (top.unit, top.floor) == (2, 2)
    assert [x.label for x in top.windows] == ["202", "201"]
    assert [fl.floor for fl in view.facade.units[0].floors] == [2, 1]  # floors unchanged
    # The building page (as registered) shows the setting; the grid itself stays as is.
    grid = community.building_grid(session, actor=w.admin, building_id=wide.id)
    assert grid.path_side == "back" and [c.label for c in grid.units[0].cells][:2] == [
        "201", "202"]

    for who in (w.volunteer, w.worker):
        with pytest.raises(Denied):
            community.set_path_side(session, actor=who, building_id=wide.id, side="front")
    with pytest.raises(Denied):
        community.set_path_side(session, actor=w.admin, building_id=b3.id, side="back")
    with pytest.raises(ServiceError):
        community.set_path_side(session, actor=w.admin, building_id=wide.id, side="north")


def _comm(session, w):
    from community_app.models import Community

    return session.exec(select(Community).where(Community.id == w.admin.community_id)).one()


# ---------------------------------------------------------------- editing a plan


def _edit(session, w, plan_id, buildings, people=None, start="19:30", end="21:00",
          now=AFTERNOON, actor=None):
    return patrol_editing.update_plan(
        session, actor=actor or w.admin, plan_id=plan_id, window_start=start, window_end=end,
        building_ids=[b.id for b in buildings],
        member_ids=[p.user_id for p in (people or [w.volunteer])], now=now)


def test_before_it_starts_everything_can_change_and_the_walker_sees_it(session):
    w = fp.world(session)
    b3 = f.building(session, _comm(session, w), "3号楼", floors=2, units=1, rooms=1)
    plan_id = fp.plan(session, w, NIGHT, [w.b1, w.b2])
    other = f.actor(f.user(session, _comm(session, w), Role.volunteer))
    _edit(session, w, plan_id, [b3, w.b1], people=[w.volunteer, other], start="20:00",
          end="22:30")
    detail = patrol_plans.plan_detail(session, actor=w.admin, plan_id=plan_id)
    assert detail["building_ids"] == [b3.id, w.b1.id]  # the new walking order
    assert sorted(detail["member_ids"]) == sorted([w.volunteer.user_id, other.user_id])
    assert (detail["window_start"], detail["window_end"]) == ("20:00", "22:30")
    results = session.exec(select(PatrolBuildingResult).where(
        PatrolBuildingResult.plan_id == plan_id)).all()
    assert {r.building_id: r.total for r in results} == {b3.id: 2, w.b1.id: 6}
    (card,) = patrol_walk.my_tonight(session, actor=other, now=EVENING)
    assert card["window"] == "20:00-22:30" and "3号楼" in card["buildings"]
    assert "2号楼" not in card["buildings"] and card["progress"] == "0/2"
    view = patrol_facade.patrol_view(session, actor=w.volunteer, plan_id=plan_id)
    assert [s.building_id for s in view.route] == [b3.id, w.b1.id]
    # The same edit again changes nothing.
    before = session.get(PatrolPlan, plan_id).updated_at
    _edit(session, w, plan_id, [b3, w.b1], people=[w.volunteer, other], start="20:00",
          end="22:30")
    assert session.get(PatrolPlan, plan_id).updated_at == before
    # Dropped from the plan: the other volunteer no longer sees it.
    _edit(session, w, plan_id, [b3, w.b1])
    assert patrol_walk.my_tonight(session, actor=other, now=EVENING) == []


def test_once_under_way_edits_that_would_lose_counts_are_refused(session):
    w = fp.world(session)
    b3 = f.building(session, _comm(session, w), "3号楼", floors=2, units=1, rooms=1)
    plan_id = fp.plan(session, w, NIGHT, [w.b1, w.b2])
    patrol_walk.sign_in(session, actor=w.volunteer, plan_id=plan_id, now=EVENING)
    fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                               household_id=w.plain.id, now=EVENING)
    with pytest.raises(ServiceError) as refused:
        _edit(session, w, plan_id, [w.b2], now=EVENING)
    assert refused.value.key == "patrol.edit_counted_building"
    assert "1号楼" in refused.value.params["building"]
    other = f.actor(f.user(session, _comm(session, w), Role.volunteer))
    with pytest.raises(ServiceError) as refused:
        _edit(session, w, plan_id, [w.b1, w.b2], people=[other], now=EVENING)
    assert refused.value.key == "patrol.edit_walked_person"
    # Nothing of a refused edit was applied.
    assert patrol_plans.plan_detail(session, actor=w.admin, plan_id=plan_id)["building_ids"] == [
        w.b1.id, w.b2.id]
    # Adding a building and a person, dropping an uncounted building, moving the window: fine.
    summary = _edit(session, w, plan_id, [w.b1, b3], people=[w.volunteer, other],
                    end="21:30", now=EVENING)
    assert summary["started"] is True and "2号楼" not in summary["buildings"]
    view = patrol_facade.patrol_view(session, actor=w.volunteer, plan_id=plan_id)
    assert [(s.building_id, s.lit) for s in view.route] == [(w.b1.id, 1), (b3.id, 0)]
    # A building finished with no marks is a recorded result too.
    patrol_marks.finish_building(session, actor=w.volunteer, plan_id=plan_id,
                                 building_id=b3.id, now=EVENING)
    with pytest.raises(ServiceError):
        _edit(session, w, plan_id, [w.b1], people=[w.volunteer, other], now=EVENING)
    with pytest.raises(ServiceError) as refused:
        patrol_editing.cancel_plan(session, actor=w.admin, plan_id=plan_id, now=EVENING)
    assert refused.value.key == "patrol.cancel_started"


def test_only_the_communitys_admin_edits_and_past_nights_are_closed(session):
    w = fp.world(session)
    plan_id = fp.plan(session, w, NIGHT, [w.b1])
    elsewhere = f.community(session, "别的社区")
    stranger = f.actor(f.user(session, elsewhere, Role.admin))
    for who in (w.volunteer, w.worker, stranger):
        with pytest.raises(Denied):
            _edit(session, w, plan_id, [w.b1, w.b2], actor=who)
        with pytest.raises(Denied):
            patrol_editing.cancel_plan(session, actor=who, plan_id=plan_id, now=AFTERNOON)
        with pytest.raises(Denied):
            patrol_plans.plan_detail(session, actor=who, plan_id=plan_id)
    b_elsewhere = f.building(session, elsewhere, "外楼")
    with pytest.raises(Denied):
        _edit(session, w, plan_id, [w.b1, b_elsewhere])
    with pytest.raises(ServiceError) as refused:
        _edit(session, w, plan_id, [w.b1, w.b2], now=fp.local_dt(NIGHT, "07:00", days=1))
    assert refused.value.key == "patrol.plan_past"
    with pytest.raises(ServiceError) as refused:
        _edit(session, w, plan_id, [])
    assert refused.value.key == "patrol.need_buildings"


def test_cancel_before_it_starts_hides_the_plan_and_a_replay_does_not_revive_it(session):
    w = fp.world(session)
    uuid = f.new_uuid()
    made = patrol_create.create_plan(session, actor=w.admin, uuid=uuid, night=NIGHT,
                              window_start="19:30", window_end="21:00",
                              building_ids=[w.b1.id], member_ids=[w.volunteer.user_id])
    patrol_editing.cancel_plan(session, actor=w.admin, plan_id=made["id"], now=AFTERNOON)
    patrol_editing.cancel_plan(session, actor=w.admin, plan_id=made["id"], now=AFTERNOON)  # no-op
    assert patrol_walk.my_tonight(session, actor=w.volunteer, now=EVENING) == []
    with pytest.raises(ServiceError) as refused:
        patrol_walk.sign_in(session, actor=w.volunteer, plan_id=made["id"], now=EVENING)
    assert refused.value.key == "patrol.plan_cancelled"
    with pytest.raises(ServiceError):
        _edit(session, w, made["id"], [w.b1, w.b2])
    (listed,) = patrol_plans.list_plans(session, actor=w.admin, night=NIGHT)
    assert listed["cancelled"] is True and listed["started"] is False
    again = patrol_create.create_plan(session, actor=w.admin, uuid=uuid, night=NIGHT,
                               window_start="19:30", window_end="21:00",
                               building_ids=[w.b1.id], member_ids=[w.volunteer.user_id])
    assert again["id"] == made["id"] and again["cancelled"] is True
    assert len(session.exec(select(PatrolPlan)).all()) == 1
    assert len(session.exec(select(PatrolPlanBuilding)).all()) == 1


def test_a_count_landing_during_the_edit_still_wins(session):
    """The building's result is removed only while nothing is counted on it, checked in the
    DELETE itself: here a count is recorded on the result after the marks were looked at."""
    w = fp.world(session)
    plan_id = fp.plan(session, w, NIGHT, [w.b1, w.b2])
    result = session.exec(select(PatrolBuildingResult).where(
        PatrolBuildingResult.plan_id == plan_id,
        PatrolBuildingResult.building_id == w.b2.id)).one()
    result.marked_count = 1
    session.add(result)
    session.flush()
    with pytest.raises(ServiceError) as refused:
        _edit(session, w, plan_id, [w.b1])
    assert refused.value.key == "patrol.edit_counted_building"
