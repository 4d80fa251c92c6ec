"""The care list, daily generation, ticks once, scope, and missed check-ins on the patrol."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from community_app.models import CareTask, Role
from community_app.services.care import daily, enrol
from community_app.services.errors import Denied, ServiceError
from community_app.services.patrol import facade, watched
from tests import factories as f
from tests.care.conftest import CareWorld
from tests.patrol import factories as pf

NIGHT = pf.NIGHT


def at(hhmm: str, days: int = 0):
    return pf.local_dt(NIGHT, hhmm, days=days)


def tasks(session: Session) -> list[CareTask]:
    return list(session.exec(select(CareTask).order_by(CareTask.id)).all())


def test_daily_generation_is_idempotent(session: Session, cw: CareWorld):
    first = daily.today(session, actor=cw.w.worker, now=at("07:00"))
    again = daily.today(session, actor=cw.w.worker, now=at("09:00"))
    assert [t.kind for t in first] == ["garbage_morning", "checkin"]
    assert [t.task_id for t in first] == [t.task_id for t in again]
    assert len(tasks(session)) == 2
    daily.today(session, actor=cw.w.admin, now=at("09:00", days=1))
    assert len(tasks(session)) == 4  # the next day's own pair


def test_overdue_at_the_due_time_in_the_community_zone(session: Session, cw: CareWorld):
    def overdue(now):
        return {t.kind for t in daily.today(session, actor=cw.w.worker, now=now) if t.overdue}
    assert overdue(at("09:59")) == set()
    assert overdue(at("10:00")) == {"garbage_morning"}
    assert overdue(at("18:00")) == {"garbage_morning", "checkin"}
    assert overdue(at("00:00", days=1)) == set()  # a new local day


def test_tick_is_applied_once(session: Session, cw: CareWorld):
    task = next(t for t in daily.today(session, actor=cw.w.worker, now=at("07:00"))
                if t.kind == "garbage_morning")
    uuid = f.new_uuid()
    assert daily.tick(session, actor=cw.w.worker, uuid=uuid, task_id=task.task_id,
                      now=at("08:10")) is True
    assert daily.tick(session, actor=cw.w.worker, uuid=uuid, task_id=task.task_id,
                      now=at("09:30")) is False
    daily.tick(session, actor=cw.w.admin, uuid=f.new_uuid(), task_id=task.task_id,
               now=at("09:40"))
    view = next(t for t in daily.today(session, actor=cw.w.worker, now=at("11:00"))
                if t.task_id == task.task_id)
    assert view.done and view.done_at == "08:10" and not view.overdue


def test_scope(session: Session, cw: CareWorld):
    comm = pf.community_of(session, cw.w)
    other_worker = f.actor(f.user(session, comm, Role.grid_worker))
    assert daily.today(session, actor=other_worker, now=at("07:00")) == []
    task = daily.today(session, actor=cw.w.worker, now=at("07:00"))[0]
    for actor in (other_worker, cw.w.volunteer):
        with pytest.raises(Denied):
            daily.tick(session, actor=actor, uuid=f.new_uuid(), task_id=task.task_id)
    b2_home = pf.households(session, cw.w.b2)[0]
    with pytest.raises(Denied):
        enrol.enrol(session, actor=cw.w.worker, uuid=f.new_uuid(), household_id=b2_home.id,
                    reason="disabled", garbage_morning=True, garbage_afternoon=False,
                    checkin="none")
    with pytest.raises(Denied):
        enrol.end_care(session, actor=other_worker, enrolment_id=cw.enrolment_id)


def test_enrol_rules(session: Session, cw: CareWorld):
    def add(**kw):
        args = dict(actor=cw.w.admin, uuid=f.new_uuid(), household_id=cw.home.id,
                    reason="chronic", garbage_morning=True, garbage_afternoon=False,
                    checkin="call", now=at("08:00"))
        return enrol.enrol(session, **{**args, **kw})
    with pytest.raises(ServiceError, match="already_listed"):
        add()
    other = pf.households(session, cw.w.b1)[2]
    with pytest.raises(ServiceError, match="need_service"):
        add(household_id=other.id, garbage_morning=False, checkin="none")
    for bad in (dict(reason="rich"), dict(checkin="sms"), dict(garbage_morning="yes")):
        with pytest.raises(ServiceError):
            add(household_id=other.id, **bad)
    uuid = f.new_uuid()
    assert add(household_id=other.id, uuid=uuid) == add(household_id=other.id, uuid=uuid)
    enrol.end_care(session, actor=cw.w.worker, enrolment_id=cw.enrolment_id, now=at("12:00"))
    assert {t.household_id for t in daily.today(session, actor=cw.w.worker,
                                                now=at("07:00", days=1))} == {other.id}


def test_missed_checkin_is_watched_that_night_only(session: Session, cw: CareWorld):
    ids = [cw.home.id, cw.w.watched.id]
    # before the cut-off nobody is missed; after it, the care household is
    assert daily.missed_checkins(session, ids, NIGHT, now=at("17:59")) == set()
    assert daily.missed_checkins(session, ids, NIGHT, now=at("18:00")) == {cw.home.id}
    reasons = watched.watched_reasons(session, ids, NIGHT)
    assert reasons[cw.home.id] == ["care_checkin_missed"]
    assert reasons[cw.w.watched.id] == ["elderly_alone"]
    # the next day's check-in done in time: not watched on the next night
    checkin = next(t for t in daily.today(session, actor=cw.w.worker, now=at("09:00", days=1))
                   if t.kind == "checkin")
    daily.tick(session, actor=cw.w.worker, uuid=f.new_uuid(), task_id=checkin.task_id,
               now=at("17:00", days=1))
    nxt = NIGHT.fromordinal(NIGHT.toordinal() + 1)
    assert cw.home.id not in watched.watched_reasons(session, ids, nxt)
    # a check-in ticked after the cut-off stays a miss for that night
    late_night = NIGHT.fromordinal(NIGHT.toordinal() + 2)
    late = next(t for t in daily.today(session, actor=cw.w.worker, now=at("09:00", days=2))
                if t.kind == "checkin")
    daily.tick(session, actor=cw.w.worker, uuid=f.new_uuid(), task_id=late.task_id,
               now=at("18:30", days=2))
    assert cw.home.id in watched.watched_reasons(session, ids, late_night)
    # without a night (trends, older callers) care adds nothing
    assert cw.home.id not in watched.watched_reasons(session, ids)


def test_walker_sees_call_if_dark_and_the_worker_gets_the_follow_up(session: Session,
                                                                    cw: CareWorld):
    from community_app.services.patrol import marks

    plan_id = pf.start(session, cw.w, [cw.w.b1])
    view = facade.patrol_view(session, actor=cw.w.volunteer, plan_id=plan_id,
                              building_id=cw.w.b1.id)
    windows = {w.household_id: w for u in view.facade.units for fl in u.floors
               for w in fl.windows}
    assert windows[cw.home.id].call_if_dark is True
    assert windows[cw.w.watched.id].call_if_dark is True
    assert not any(w.call_if_dark for hid, w in windows.items()
                   if hid not in (cw.home.id, cw.w.watched.id))
    marks.set_window(session, actor=cw.w.volunteer, plan_id=plan_id, household_id=cw.home.id,
                     state="dark", now=pf.EVENING)
    ups = pf.follow_ups(session)
    assert [(u.household_id, u.reason) for u in ups] == [(cw.home.id, "care_checkin_missed")]
