"""services/patrol/facade.py on real SQLite and PostgreSQL: counts and the side facing the path
(mirrored façade)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from community_app.services.community import views as community
from community_app.services.errors import Denied, ServiceError
from community_app.services.grid import seen_from
from community_app.services.patrol import facade as patrol_facade
from community_app.services.patrol import followups as patrol_followups
from community_app.services.patrol import marks as patrol_marks
from community_app.services.patrol import walk as patrol_walk
from tests import factories as f
from tests.patrol import factories as fp


def test_percent_rounds_half_up_and_handles_no_windows():
    assert patrol_facade.percent(0, 0) == 0
    assert patrol_facade.percent(1, 3) == 33
    assert patrol_facade.percent(2, 3) == 67
    assert patrol_facade.percent(1, 8) == 13  # 12.5 -> 13
    assert patrol_facade.percent(6, 6) == 100


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
    wide = f.building(session, fp.community_of(session, w), "5号楼", floors=2, units=2, rooms=2)
    plan_id = fp.plan(session, w, fp.NIGHT, [wide, w.b1])
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


def test_without_a_plan_id_the_walker_gets_tonights_first_plan_or_none(session):
    w = fp.world(session)
    late = fp.plan(session, w, fp.NIGHT, [w.b2], start="21:00", end="22:00")
    early = fp.plan(session, w, fp.NIGHT, [w.b1])
    view = patrol_facade.patrol_view(session, actor=w.volunteer, now=fp.EVENING)
    assert view.plan_id == early and view.window == "19:30-21:00"
    assert view.facade.building_id == w.b1.id
    assert patrol_facade.patrol_view(session, actor=w.volunteer,
                                     now=fp.EVENING + timedelta(days=1)) is None
    assert patrol_facade.patrol_view(session, actor=w.worker, now=fp.EVENING) is None
    shown = patrol_facade.patrol_view(session, actor=w.volunteer, plan_id=late)
    assert shown.plan_id == late and shown.signed_in is False


REASONS = ("elderly_alone", "disabled", "独居", "残疾", "elderly", "Disabled")


def test_the_walker_learns_call_if_dark_but_never_why(session):
    """Issue 10 item 9: the façade marks a watched window "call if dark" and carries no
    reason (living alone, disabled); the reason stays on the worker's follow-up."""
    w = fp.world(session)
    homes = fp.households(session, w.b1)
    fp.flag(session, homes[3], disabled=True)
    plan_id = fp.start(session, w, [w.b1])
    tap = patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id,
                                  household_id=w.watched.id, state="dark", now=fp.EVENING)
    floor = patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id,
                                    building_id=w.b1.id, unit=1, floor=homes[3].floor,
                                    lit=False, now=fp.EVENING)
    view = patrol_facade.patrol_view(session, actor=w.volunteer, plan_id=plan_id)
    flagged = {x.household_id for u in view.facade.units for fl in u.floors for x in fl.windows
               if x.call_if_dark}
    assert flagged == {w.watched.id, homes[3].id}
    assert tap.window.call_if_dark and [x.call_if_dark for x in floor.windows] == [False, True]
    for shown in (view, tap, floor, patrol_walk.my_tonight(session, actor=w.volunteer,
                                                           now=fp.EVENING)):
        text = repr(shown)
        assert not [r for r in REASONS if r in text], text
    # The grid worker who calls does see why.
    reasons = {r.reason for r in patrol_followups.open_follow_ups(session, actor=w.worker,
                                                                  now=fp.EVENING)}
    assert reasons == {"elderly_alone", "disabled"}
