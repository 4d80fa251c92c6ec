"""services/patrol/marks.py on real SQLite and PostgreSQL: counting windows, floors and
finished buildings."""

from __future__ import annotations

import pytest

from community_app.services.errors import Denied, ServiceError
from community_app.services.patrol import facade as patrol_facade
from community_app.services.patrol import marks as patrol_marks
from community_app.services.patrol import walk as patrol_walk
from tests.patrol import factories as fp


def test_counting_toggles_and_floor_buttons(session):
    w = fp.world(session)
    plan_id = fp.start(session, w)
    homes = fp.households(session, w.b1)  # 6 flats
    assert fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                     household_id=homes[2].id, now=fp.EVENING) is True
    assert fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                     household_id=homes[3].id, now=fp.EVENING) is True
    assert fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                     household_id=homes[3].id, now=fp.EVENING) is False
    view = patrol_facade.patrol_view(session, actor=w.volunteer, plan_id=plan_id)
    assert (view.facade.lit, view.facade.marked, view.facade.total) == (1, 2, 6)
    assert view.facade.percent == 17
    # Floor 3 (top) of unit 1 all lit, then floor 1 all dark.
    top_floor = patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id,
                                        building_id=w.b1.id, unit=1, floor=3, lit=True,
                                        now=fp.EVENING)
    assert len(top_floor.windows) == 2
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=1, lit=False, now=fp.EVENING)
    view = patrol_facade.patrol_view(session, actor=w.volunteer, plan_id=plan_id)
    top = view.facade.units[0].floors[0]
    assert top.floor == 3 and [x.state for x in top.windows] == ["lit", "lit"]
    assert [x.state for x in view.facade.units[0].floors[2].windows] == ["dark", "dark"]
    assert view.facade.units[0].floors[2].windows[0].call_if_dark is True
    assert (view.facade.lit, view.facade.marked) == (3, 6)  # 2 top + homes[2]; homes[3] dark
    assert view.route[0].percent == 50 and view.route[1].lit == 0


def test_must_sign_in_and_finished_buildings_are_locked(session):
    w = fp.world(session)
    plan_id = fp.plan(session, w, fp.NIGHT, [w.b1])
    with pytest.raises(ServiceError) as err:
        fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                  household_id=w.plain.id)
    assert err.value.key == "patrol.sign_in_first"
    with pytest.raises(ServiceError) as err:
        patrol_walk.sign_in(session, actor=w.volunteer, plan_id=plan_id,
                            now=fp.local_dt(fp.NIGHT, "19:00", days=2))
    assert err.value.key == "patrol.not_tonight"
    patrol_walk.sign_in(session, actor=w.volunteer, plan_id=plan_id, now=fp.EVENING)
    patrol_marks.finish_building(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                                 now=fp.EVENING)
    with pytest.raises(ServiceError) as err:
        fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                  household_id=w.plain.id)
    assert err.value.key == "patrol.building_finished"
    with pytest.raises(Denied):  # a building not on the route
        fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                  household_id=fp.households(session, w.b2)[0].id)


def test_set_window_says_what_the_window_is_and_a_repeat_applies_once(session):
    w = fp.world(session)
    plan_id = fp.start(session, w)
    homes = fp.households(session, w.b1)

    def put(home, state):
        return patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id,
                                       household_id=home.id, state=state,
                                       now=fp.EVENING).changed

    def counts():
        facade = patrol_facade.patrol_view(session, actor=w.volunteer, plan_id=plan_id).facade
        return facade.lit, facade.marked

    assert put(homes[2], "lit") is True
    assert put(homes[2], "lit") is False  # delivered twice: still one lit window
    assert counts() == (1, 1)
    assert put(homes[3], "dark") is True
    assert put(homes[3], "dark") is False
    assert counts() == (1, 2)
    assert put(homes[3], "lit") is True  # the walker looked again
    assert counts() == (2, 2)
    assert put(homes[3], "clear") is True
    assert put(homes[3], "clear") is False
    assert counts() == (1, 1)
    with pytest.raises(ServiceError):
        put(homes[2], "flip")
    with pytest.raises(Denied):
        patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id, household_id="1",
                                state="lit")


def test_set_window_repeated_dark_raises_one_follow_up_and_lit_closes_it(session):
    w = fp.world(session)
    plan_id = fp.start(session, w)
    for _ in range(3):  # a dark tap replayed from the browser's store after each reload
        patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id,
                                household_id=w.watched.id, state="dark", now=fp.EVENING)
    assert len(fp.follow_ups(session)) == 1
    patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id,
                            household_id=w.watched.id, state="lit", now=fp.EVENING)
    assert [x.resolution for x in fp.follow_ups(session)] == ["lit_later"]


def test_set_window_is_scoped_like_the_other_marks(session):
    w = fp.world(session)
    plan_id = fp.plan(session, w, fp.NIGHT, [w.b1])  # nobody signed in yet
    with pytest.raises(ServiceError, match="sign_in_first"):
        patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id,
                                household_id=w.plain.id, state="lit")
    with pytest.raises(Denied):  # not a member of the plan
        patrol_marks.set_window(session, actor=w.worker, plan_id=plan_id,
                                household_id=w.plain.id, state="lit")
    patrol_walk.sign_in(session, actor=w.volunteer, plan_id=plan_id,
                        now=fp.local_dt(fp.NIGHT, "19:35"))
    with pytest.raises(Denied):  # 2号楼 is not on this route
        patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id,
                                household_id=fp.households(session, w.b2)[0].id, state="lit")


def test_each_mark_returns_the_windows_it_set_and_the_buildings_counts(session):
    w = fp.world(session)
    plan_id = fp.start(session, w)
    homes = fp.households(session, w.b1)
    tap = patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id,
                                  household_id=homes[2].id, state="lit", now=fp.EVENING)
    assert (tap.window.household_id, tap.window.label, tap.window.state) == (
        homes[2].id, homes[2].room, "lit")
    assert (tap.counts.building_id, tap.counts.lit, tap.counts.marked, tap.counts.total,
            tap.counts.percent, tap.counts.finished) == (w.b1.id, 1, 1, 6, 17, False)
    cleared = patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id,
                                      household_id=homes[2].id, state="clear", now=fp.EVENING)
    assert cleared.window.state == "unchecked" and cleared.counts.marked == 0
    floor = patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id,
                                    building_id=w.b1.id, unit=1, floor=w.watched.floor,
                                    lit=False, now=fp.EVENING)
    assert {x.household_id: x.state for x in floor.windows} == {
        w.watched.id: "dark", w.plain.id: "dark"}
    assert (floor.counts.lit, floor.counts.marked) == (0, 2)
    # What the façade draws after the write is what the write said.
    view = patrol_facade.patrol_view(session, actor=w.volunteer, plan_id=plan_id)
    bottom = view.facade.units[0].floors[-1]
    assert {x.household_id: x.state for x in bottom.windows} == {
        x.household_id: x.state for x in floor.windows}


def test_finishing_a_building_answers_with_the_next_unfinished_one(session):
    w = fp.world(session)
    plan_id = fp.start(session, w)
    done = patrol_marks.finish_building(session, actor=w.volunteer, plan_id=plan_id,
                                        building_id=w.b1.id, now=fp.EVENING)
    view = done.view
    assert done.changed and view.facade.building_id == w.b2.id
    assert [(s.building_id, s.finished) for s in view.route] == [(w.b1.id, True),
                                                                 (w.b2.id, False)]
    # A second tap on 本栋查完 carries the building it was tapped on: it finishes nothing
    # more (not the building that has opened meanwhile) and says it changed nothing.
    again = patrol_marks.finish_building(session, actor=w.volunteer, plan_id=plan_id,
                                         building_id=w.b1.id, now=fp.EVENING)
    assert not again.changed and again.view.facade.building_id == w.b2.id
    assert [s.finished for s in again.view.route] == [True, False]


def test_kept_taps_replay_each_in_its_own_savepoint(session):
    w = fp.world(session)
    plan_id = fp.start(session, w, [w.b1])
    homes = fp.households(session, w.b1)
    other = fp.households(session, w.b2)[0]  # not on this route: refused
    taps = [patrol_marks.KeptTap(plan_id=plan_id, household_id=homes[0].id, state="dark"),
            patrol_marks.KeptTap(plan_id=plan_id, household_id=other.id, state="lit"),
            patrol_marks.KeptTap(plan_id=plan_id, household_id=homes[1].id, state="lit")]
    replayed = patrol_marks.replay_windows(session, actor=w.volunteer, taps=taps,
                                           now=fp.EVENING)
    assert (replayed.applied, replayed.changed, replayed.refused) == (2, 2, 1)
    assert replayed.settled == taps
    view = patrol_facade.patrol_view(session, actor=w.volunteer, plan_id=plan_id)
    assert (view.facade.lit, view.facade.marked) == (1, 2)
    assert len(fp.follow_ups(session)) == 1  # the watched flat, dark
    # Delivered again (their confirmation was lost): accepted, but none changed anything.
    again = patrol_marks.replay_windows(session, actor=w.volunteer, taps=taps, now=fp.EVENING)
    assert (again.applied, again.changed, again.refused) == (2, 0, 1)
    assert len(fp.follow_ups(session)) == 1


def test_a_replay_counts_only_the_windows_it_changed(session):
    w = fp.world(session)
    plan_id = fp.start(session, w, [w.b1])
    homes = fp.households(session, w.b1)
    patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id,
                            household_id=homes[0].id, state="lit", now=fp.EVENING)
    taps = [patrol_marks.KeptTap(plan_id=plan_id, household_id=homes[0].id, state="lit"),
            patrol_marks.KeptTap(plan_id=plan_id, household_id=homes[1].id, state="clear"),
            patrol_marks.KeptTap(plan_id=plan_id, household_id=homes[2].id, state="dark")]
    replayed = patrol_marks.replay_windows(session, actor=w.volunteer, taps=taps,
                                           now=fp.EVENING)
    # Already lit, never marked: two taps the server already showed; one new dark window.
    assert (replayed.applied, replayed.changed, replayed.refused) == (3, 1, 0)


def test_the_facade_names_the_buildings_grid_worker_to_call(session):
    """A dark "call if dark" window: the walker calls the building's grid worker at once.
    The façade of a building with an assigned worker carries that worker's phone; one
    without (2号楼 here) carries none."""
    w = fp.world(session)
    plan_id = fp.start(session, w)
    view = patrol_facade.patrol_view(session, actor=w.volunteer, plan_id=plan_id,
                                     building_id=w.b1.id)
    assert view.facade.worker_phone == "13900001111" and view.facade.worker_name
    other = patrol_facade.patrol_view(session, actor=w.volunteer, plan_id=plan_id,
                                      building_id=w.b2.id)
    assert (other.facade.worker_phone, other.facade.worker_name) == ("", "")
