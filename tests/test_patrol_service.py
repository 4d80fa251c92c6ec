"""Patrol service on real SQLite and PostgreSQL: counting, follow-ups, escalation, trends, hours."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from community_app.models import Occupancy, PatrolFollowUp, Role
from community_app.services.errors import Denied, ServiceError
from community_app.services.patrol import facade as patrol_facade
from community_app.services.patrol import followups as patrol_followups
from community_app.services.patrol import hours as patrol_hours
from community_app.services.patrol import log as patrol_log
from community_app.services.patrol import marks as patrol_marks
from community_app.services.patrol import nights as patrol
from community_app.services.patrol import trends as patrol_trends
from community_app.services.patrol import walk as patrol_walk
from community_app.services.patrol import watched as patrol_watched
from community_app.settings import Settings
from tests import factories as f
from tests import factories_patrol as fp

NIGHT = date(2026, 11, 23)  # a Monday
EVENING = fp.local_dt(NIGHT, "19:40")


def _start(session, w, buildings=None, night=NIGHT):
    plan_id = fp.plan(session, w, night, buildings or [w.b1, w.b2])
    patrol_walk.sign_in(session, actor=w.volunteer, plan_id=plan_id,
                        now=fp.local_dt(night, "19:35"))
    return plan_id


def _follow_ups(session):
    return session.exec(select(PatrolFollowUp)).all()


def test_patrol_night_rolls_over_at_six_in_the_morning():
    assert patrol.patrol_night(fp.local_dt(NIGHT, "23:59")) == NIGHT
    assert patrol.patrol_night(fp.local_dt(NIGHT, "00:30", days=1)) == NIGHT
    assert patrol.patrol_night(fp.local_dt(NIGHT, "06:00", days=1)) == NIGHT + timedelta(days=1)


def test_percent_rounds_half_up_and_handles_no_windows():
    assert patrol_facade.percent(0, 0) == 0
    assert patrol_facade.percent(1, 3) == 33
    assert patrol_facade.percent(2, 3) == 67
    assert patrol_facade.percent(1, 8) == 13  # 12.5 -> 13
    assert patrol_facade.percent(6, 6) == 100


def test_counting_toggles_and_floor_buttons(session):
    w = fp.world(session)
    plan_id = _start(session, w)
    homes = fp.households(session, w.b1)  # 6 flats
    assert fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                                      household_id=homes[2].id, now=EVENING) is True
    assert fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                                      household_id=homes[3].id, now=EVENING) is True
    assert fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                                      household_id=homes[3].id, now=EVENING) is False
    view = patrol_facade.patrol_view(session, actor=w.volunteer, plan_id=plan_id)
    assert (view.facade.lit, view.facade.marked, view.facade.total) == (1, 2, 6)
    assert view.facade.percent == 17
    # Floor 3 (top) of unit 1 all lit, then floor 1 all dark.
    assert patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                                   unit=1, floor=3, lit=True, now=EVENING) == 2
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=1, lit=False, now=EVENING)
    view = patrol_facade.patrol_view(session, actor=w.volunteer, plan_id=plan_id)
    top = view.facade.units[0].floors[0]
    assert top.floor == 3 and [x.state for x in top.windows] == ["lit", "lit"]
    assert [x.state for x in view.facade.units[0].floors[2].windows] == ["dark", "dark"]
    assert view.facade.units[0].floors[2].windows[0].watched is True
    assert (view.facade.lit, view.facade.marked) == (3, 6)  # 2 top + homes[2]; homes[3] dark
    assert view.route[0].percent == 50 and view.route[1].lit == 0


def test_follow_up_only_for_watched_households_and_never_twice(session):
    w = fp.world(session)
    plan_id = _start(session, w)
    for _ in range(2):  # plain flat: lit, dark
        fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                                   household_id=w.plain.id, now=EVENING)
    assert _follow_ups(session) == []
    fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                               household_id=w.watched.id, now=EVENING)  # lit: nothing
    assert _follow_ups(session) == []
    fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                               household_id=w.watched.id, now=EVENING)  # dark: follow-up at once
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=w.watched.floor, lit=False, now=EVENING)  # dark again
    rows = _follow_ups(session)
    assert len(rows) == 1
    assert rows[0].worker_id == w.worker.user_id and rows[0].reason == "elderly_alone"
    listed = patrol_followups.open_follow_ups(session, actor=w.worker, now=EVENING)
    assert [r["id"] for r in listed] == [rows[0].id]
    assert listed[0]["phone"] == "13812345678" and listed[0]["resident"] == "张三丰"


def test_disabled_resident_is_watched_and_moved_away_is_not(session):
    w = fp.world(session)
    homes = fp.households(session, w.b1)
    fp.flag(session, homes[4], disabled=True)
    fp.flag(session, homes[5], elderly_alone=True)
    mover = fp.resident_of(session, homes[5])
    mover.moved_away = True
    session.add(mover)
    session.flush()
    reasons = patrol_watched.watched_reasons(session, [h.id for h in homes])
    assert reasons == {w.watched.id: ["elderly_alone"], homes[4].id: ["disabled"]}


def test_lit_again_before_anyone_acts_closes_as_lit_later_and_dark_reopens(session):
    w = fp.world(session)
    plan_id = _start(session, w)
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=w.watched.floor, lit=False, now=EVENING)
    fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                               household_id=w.watched.id, now=EVENING)  # lit after all
    (fu,) = _follow_ups(session)
    assert fu.status == "resolved" and fu.resolution == "lit_later"
    assert patrol_followups.open_follow_ups(session, actor=w.worker, now=EVENING) == []
    fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                               household_id=w.watched.id, now=EVENING)  # dark again
    (fu,) = _follow_ups(session)
    assert fu.status == "open" and fu.resolution is None
    # Once the worker has called, a lit window no longer closes it.
    patrol_followups.record_call(session, actor=w.worker, follow_up_id=fu.id, answered=False,
                                 now=EVENING)
    fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                               household_id=w.watched.id, now=EVENING)
    session.refresh(fu)
    assert fu.status == "called"


def test_outcome_journey_no_answer_then_visited_well(session):
    w = fp.world(session)
    plan_id = _start(session, w)
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=w.watched.floor, lit=False, now=EVENING)
    (fu,) = _follow_ups(session)
    assert patrol_followups.record_call(session, actor=w.worker, follow_up_id=fu.id, answered=False,
                                        now=EVENING) == "called"
    assert patrol_followups.record_visit(session, actor=w.worker, follow_up_id=fu.id,
                                         outcome="well",
                                         now=EVENING + timedelta(minutes=15)) == "resolved"
    session.refresh(fu)
    assert (fu.call_outcome, fu.visit_outcome, fu.resolution) == ("no_answer", "well", "visited")
    with pytest.raises(ServiceError):
        patrol_followups.record_call(session, actor=w.worker, follow_up_id=fu.id, answered=True)


def test_needs_help_stays_open_until_handled_and_answered_call_resolves(session):
    w = fp.world(session)
    homes = fp.households(session, w.b1)
    fp.flag(session, homes[1], disabled=True)
    plan_id = _start(session, w)
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=1, lit=False, now=EVENING)
    first, second = sorted(_follow_ups(session), key=lambda r: r.household_id)
    assert patrol_followups.record_visit(session, actor=w.worker, follow_up_id=first.id,
                                         outcome="needs_help", now=EVENING) == "visited"
    assert len(patrol_followups.open_follow_ups(session, actor=w.worker, now=EVENING)) == 2
    with pytest.raises(ServiceError):
        patrol_followups.resolve(session, actor=w.worker, follow_up_id=second.id)
    patrol_followups.resolve(session, actor=w.worker, follow_up_id=first.id, now=EVENING)
    assert patrol_followups.record_call(session, actor=w.worker, follow_up_id=second.id,
                                        answered=True, now=EVENING) == "resolved"
    assert patrol_followups.open_follow_ups(session, actor=w.worker, now=EVENING) == []
    with pytest.raises(ServiceError):
        patrol_followups.record_visit(session, actor=w.worker, follow_up_id=second.id,
                                      outcome="bogus")


def test_escalation_timing(session, monkeypatch):
    w = fp.world(session)
    plan_id = _start(session, w)
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=w.watched.floor, lit=False, now=EVENING)
    (fu,) = _follow_ups(session)
    assert not patrol_followups.is_escalated(fu, EVENING + timedelta(minutes=59, seconds=59))
    assert patrol_followups.is_escalated(fu, EVENING + timedelta(minutes=60))
    assert patrol_followups.escalated_follow_ups(session, actor=w.admin,
                                                 now=EVENING + timedelta(minutes=59)) == []
    late = patrol_followups.escalated_follow_ups(session, actor=w.admin,
                                                 now=EVENING + timedelta(hours=1))
    assert [r["id"] for r in late] == [fu.id] and late[0]["escalated"] is True
    assert patrol_followups.is_escalated(fu, EVENING + timedelta(minutes=30), minutes=30)
    monkeypatch.setenv("PATROL_ESCALATE_MINUTES", "30")
    assert Settings().patrol_escalate_minutes == 30  # configurable per deployment
    # A call with no answer does not stop the clock; a resolution does.
    patrol_followups.record_call(session, actor=w.worker, follow_up_id=fu.id, answered=False,
                                 now=EVENING + timedelta(minutes=5))
    assert patrol_followups.is_escalated(fu, EVENING + timedelta(minutes=61))
    patrol_followups.record_visit(session, actor=w.worker, follow_up_id=fu.id, outcome="away",
                                  now=EVENING + timedelta(minutes=70))
    assert not patrol_followups.is_escalated(fu, EVENING + timedelta(hours=5))
    log = patrol_log.patrol_log(session, actor=w.admin, night=NIGHT,
                                now=EVENING + timedelta(hours=5))
    assert log["follow_ups"][0]["late"] is True
    assert log["follow_ups"][0]["resident"] == ""  # the log carries no personal data


def test_scope_members_only_and_worker_only_their_buildings(session):
    w = fp.world(session)
    plan_id = _start(session, w)
    comm_id = w.admin.community_id
    other_vol = f.actor(f.user(session, _community(session, comm_id), Role.volunteer))
    with pytest.raises(Denied):
        fp.toggle(session, actor=other_vol, plan_id=plan_id,
                                   household_id=w.plain.id)
    with pytest.raises(Denied):
        patrol_walk.sign_in(session, actor=other_vol, plan_id=plan_id, now=EVENING)
    patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                            unit=1, floor=w.watched.floor, lit=False, now=EVENING)
    (fu,) = _follow_ups(session)
    other_worker = f.user(session, _community(session, comm_id), Role.grid_worker)
    f.assign(session, other_worker, w.b2)
    with pytest.raises(Denied):
        patrol_followups.record_call(session, actor=f.actor(other_worker), follow_up_id=fu.id,
                                     answered=True)
    assert patrol_followups.open_follow_ups(session, actor=f.actor(other_worker)) == []
    with pytest.raises(Denied):
        patrol_followups.record_call(session, actor=w.volunteer, follow_up_id=fu.id, answered=True)


def _community(session, community_id):
    from community_app.models import Community

    return session.get(Community, community_id)


def test_must_sign_in_and_finished_buildings_are_locked(session):
    w = fp.world(session)
    plan_id = fp.plan(session, w, NIGHT, [w.b1])
    with pytest.raises(ServiceError) as err:
        fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                                   household_id=w.plain.id)
    assert err.value.key == "patrol.sign_in_first"
    with pytest.raises(ServiceError) as err:
        patrol_walk.sign_in(session, actor=w.volunteer, plan_id=plan_id,
                            now=fp.local_dt(NIGHT, "19:00", days=2))
    assert err.value.key == "patrol.not_tonight"
    patrol_walk.sign_in(session, actor=w.volunteer, plan_id=plan_id, now=EVENING)
    patrol_marks.finish_building(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                                 now=EVENING)
    with pytest.raises(ServiceError) as err:
        fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                                   household_id=w.plain.id)
    assert err.value.key == "patrol.building_finished"
    with pytest.raises(Denied):  # a building not on the route
        fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                                   household_id=fp.households(session, w.b2)[0].id)


def test_tonight_assignment_and_log_with_missed_building(session):
    w = fp.world(session)
    comm = _community(session, w.admin.community_id)
    b3 = f.building(session, comm, "3号楼", floors=2, units=1, rooms=1)
    plan_id = fp.plan(session, w, NIGHT, [w.b1, w.b2, b3])
    cards = patrol_walk.my_tonight(session, actor=w.volunteer, now=EVENING)
    assert [c["id"] for c in cards] == [plan_id]
    assert cards[0]["window"] == "19:30-21:00" and cards[0]["progress"] == "0/3"
    assert patrol_walk.my_tonight(session, actor=w.worker, now=EVENING) == []
    assert patrol_walk.my_tonight(session, actor=w.volunteer,
                                  now=EVENING + timedelta(days=1)) == []
    patrol_walk.sign_in(session, actor=w.volunteer, plan_id=plan_id, now=EVENING)
    fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                               household_id=w.plain.id, now=EVENING)
    for b in (w.b1, w.b2):
        patrol_marks.finish_building(session, actor=w.volunteer, plan_id=plan_id, building_id=b.id,
                                     now=EVENING)
    log = patrol_log.patrol_log(session, actor=w.admin, night=NIGHT, now=EVENING)
    assert log["missed"] == 0  # the window is still open and the walker still out
    patrol_walk.sign_out(session, actor=w.volunteer, plan_id=plan_id,
                         now=EVENING + timedelta(minutes=50))
    log = patrol_log.patrol_log(session, actor=w.admin, night=NIGHT, now=EVENING)
    by_label = {b["label"].split()[-1]: b for b in log["buildings"]}
    assert by_label["3号楼"]["missed"] and not by_label["1号楼"]["missed"]
    assert (by_label["1号楼"]["lit"], by_label["1号楼"]["total"]) == (1, 6)
    assert log["missed"] == 1
    assert log["people"][0]["signed_in"] == "19:40" and log["people"][0]["minutes"] == 50
    with pytest.raises(Denied):
        patrol_log.patrol_log(session, actor=w.volunteer, night=NIGHT)


def test_two_nights_dark_detection_and_trend(session):
    w = fp.world(session)
    nights = [NIGHT - timedelta(days=2), NIGHT - timedelta(days=1), NIGHT]
    pattern = ["dark", "lit", "dark"]  # then also dark on NIGHT+1 below
    for night, state in zip(nights, pattern, strict=True):
        plan_id = _start(session, w, [w.b1], night=night)
        patrol_marks.mark_floor(session, actor=w.volunteer, plan_id=plan_id, building_id=w.b1.id,
                                unit=1, floor=w.watched.floor, lit=state == "lit",
                                now=fp.local_dt(night, "19:45"))
    runs = patrol_trends.watched_runs(session, actor=w.admin, until=NIGHT, nights=4)
    assert [r.nights for r in runs] == [["unchecked", "dark", "lit", "dark"]]
    assert runs[0].dark_two_in_a_row is False
    tomorrow = NIGHT + timedelta(days=1)
    plan_id = _start(session, w, [w.b1], night=tomorrow)
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
    plan_id = _start(session, w, [w.b1])
    for home in (homes[2], homes[3], homes[1]):
        fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                                   household_id=home.id, now=EVENING)
    for _ in range(2):  # vacant and dark: as registered
        fp.toggle(session, actor=w.volunteer, plan_id=plan_id,
                                   household_id=homes[4].id, now=EVENING)
    rows = patrol_trends.lit_but_registered_empty(session, actor=w.admin, night=NIGHT)
    assert sorted((r["household_id"], r["occupancy"]) for r in rows) == [
        (homes[2].id, "vacant"), (homes[3].id, "away")]
    assert patrol_trends.lit_but_registered_empty(session, actor=w.admin,
                                               night=NIGHT - timedelta(days=1)) == []


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
    assert [(r["week"], r["name"], r["minutes"], r["hours"]) for r in hours] == [
        ("2026-W49", volunteer, 30, "0:30"),
        ("2026-W48", worker, 0, "0:00"),
        ("2026-W48", volunteer, 145, "2:25"),  # 70 + 75: the Sunday walk stays in W48
    ]


def test_set_window_says_what_the_window_is_and_a_repeat_applies_once(session):
    w = fp.world(session)
    plan_id = _start(session, w)
    homes = fp.households(session, w.b1)

    def put(home, state):
        return patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id,
                                       household_id=home.id, state=state, now=EVENING)

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
    plan_id = _start(session, w)
    for _ in range(3):  # a dark tap replayed from the browser's store after each reload
        patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id,
                                household_id=w.watched.id, state="dark", now=EVENING)
    assert len(_follow_ups(session)) == 1
    patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id,
                            household_id=w.watched.id, state="lit", now=EVENING)
    assert [x.resolution for x in _follow_ups(session)] == ["lit_later"]


def test_set_window_is_scoped_like_the_other_marks(session):
    w = fp.world(session)
    plan_id = fp.plan(session, w, NIGHT, [w.b1])  # nobody signed in yet
    with pytest.raises(ServiceError, match="sign_in_first"):
        patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id,
                                household_id=w.plain.id, state="lit")
    with pytest.raises(Denied):  # not a member of the plan
        patrol_marks.set_window(session, actor=w.worker, plan_id=plan_id,
                                household_id=w.plain.id, state="lit")
    patrol_walk.sign_in(session, actor=w.volunteer, plan_id=plan_id,
                        now=fp.local_dt(NIGHT, "19:35"))
    with pytest.raises(Denied):  # 2号楼 is not on this route
        patrol_marks.set_window(session, actor=w.volunteer, plan_id=plan_id,
                                household_id=fp.households(session, w.b2)[0].id, state="lit")
