"""Planned rounds, overdue at clock boundaries, recording once, scope, history, export."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from community_app.models import DisinfectionRecord
from community_app.services.disinfection import history, plan, rounds
from community_app.services.errors import Denied, ServiceError
from tests import factories as f
from tests.disinfection.conftest import DAY, World, local


def key_of(session: Session, w: World, at: str, building=None) -> str:
    views = rounds.day_rounds(session, actor=w.admin, now=local("08:00"))
    compound = (building or w.a).compound_id
    return next(v.key for v in views if v.compound_id == compound and v.at == at)


def test_default_plan_is_twice_a_day_for_every_compound(session: Session, world: World):
    views = rounds.day_rounds(session, actor=world.admin, now=local("08:00"))
    assert sorted((v.compound_id, v.at) for v in views) == sorted(
        (c, t) for c in (world.a.compound_id, world.b.compound_id) for t in ("09:00", "15:00"))
    assert not any(v.overdue or v.done for v in views)


def test_overdue_from_the_round_plus_grace_in_the_community_zone(session: Session, world: World):
    def overdue(now):
        return [(v.compound_id, v.at) for v in rounds.overdue_rounds(
            session, actor=world.admin, now=now)]
    assert overdue(local("09:59")) == []
    assert sorted(overdue(local("10:00"))) == sorted(
        [(world.a.compound_id, "09:00"), (world.b.compound_id, "09:00")])
    # 23:59 local is still the same day; one minute later is the next day, nothing overdue
    assert len(overdue(local("23:59"))) == 4
    assert overdue(local("00:00", DAY.replace(day=24))) == []


def test_admin_configures_the_rounds_and_another_admin_cannot(session: Session, world: World):
    plan.set_rounds(session, actor=world.admin, compound_id=world.a.compound_id,
                    times=["08:30", "12:00", "17:30"])
    plan.set_rounds(session, actor=world.admin, compound_id=world.a.compound_id,
                    building_id=world.a.id, times=["20:00"])
    ats = [(r.building_id, r.at.strftime("%H:%M"))
           for r in plan.planned(session, [world.a.compound_id])]
    assert ats == [(None, "08:30"), (None, "12:00"), (None, "17:30"), (world.a.id, "20:00")]
    with pytest.raises(Denied):
        plan.set_rounds(session, actor=world.other_admin, compound_id=world.a.compound_id,
                        times=["09:00"])
    with pytest.raises(Denied):
        plan.set_rounds(session, actor=world.worker, compound_id=world.a.compound_id,
                        times=["09:00"])
    for bad in (["25:00"], ["x"], [], "09:00", ["09:00"] * 3 + [f"1{i}:00" for i in range(9)]):
        with pytest.raises(ServiceError):
            plan.set_rounds(session, actor=world.admin, compound_id=world.a.compound_id,
                            times=bad)


def test_recording_clears_overdue_and_a_replay_is_applied_once(session: Session, world: World):
    key = key_of(session, world, "09:00")
    uuid = f.new_uuid()
    first = rounds.record_round(session, actor=world.worker, uuid=uuid, key=key,
                                areas="楼道、电梯", chemical="84消毒液", now=local("10:30"))
    again = rounds.record_round(session, actor=world.worker, uuid=uuid, key=key,
                                areas="楼道、电梯", chemical="84消毒液", now=local("10:31"))
    other = rounds.record_round(session, actor=world.volunteer, uuid=f.new_uuid(), key=key,
                                areas="门口", chemical="酒精", now=local("10:40"))
    assert first == again == other
    assert len(session.exec(select(DisinfectionRecord)).all()) == 1
    late = rounds.overdue_rounds(session, actor=world.admin, now=local("11:00"))
    assert [(v.compound_id, v.at) for v in late] == [(world.b.compound_id, "09:00")]
    done = [v for v in rounds.day_rounds(session, actor=world.admin, now=local("11:00"))
            if v.key == key]
    assert done[0].done and done[0].done_at == "10:30"


def test_scope_worker_only_their_compound_household_nothing(session: Session, world: World):
    views = rounds.day_rounds(session, actor=world.worker, now=local("08:00"))
    assert {v.compound_id for v in views} == {world.a.compound_id}
    key_b = key_of(session, world, "09:00", world.b)
    with pytest.raises(Denied):
        rounds.record_round(session, actor=world.worker, uuid=f.new_uuid(), key=key_b,
                            areas="楼道", chemical="84", now=local("10:00"))
    with pytest.raises(Denied):
        rounds.day_rounds(session, actor=world.household, now=local("08:00"))
    with pytest.raises(Denied):
        rounds.record_round(session, actor=world.other_admin, uuid=f.new_uuid(), key=key_b,
                            areas="楼道", chemical="84", now=local("10:00"))
    with pytest.raises(Denied):
        rounds.overdue_rounds(session, actor=world.worker, now=local("10:00"))


def test_bad_input_changes_nothing(session: Session, world: World):
    key = key_of(session, world, "09:00")
    cases = [dict(areas="", chemical="84"), dict(areas="楼道", chemical=""),
             dict(areas="楼\x00道", chemical="84"), dict(areas="楼" * 201, chemical="84"),
             dict(areas=["x"], chemical="84")]
    for case in cases:
        with pytest.raises(ServiceError):
            rounds.record_round(session, actor=world.admin, uuid=f.new_uuid(), key=key,
                                now=local("10:00"), **case)
    for bad_key in ("nonsense", f"{world.a.compound_id}:0:2026-11-23:10:10",
                    f"{world.a.compound_id}:0:2026-11-24:09:00"):
        with pytest.raises(ServiceError):
            rounds.record_round(session, actor=world.admin, uuid=f.new_uuid(), key=bad_key,
                                areas="楼道", chemical="84", now=local("10:00"))
    with pytest.raises(ServiceError):
        rounds.record_round(session, actor=world.admin, uuid="not-a-uuid", key=key,
                            areas="楼道", chemical="84", now=local("10:00"))
    assert session.exec(select(DisinfectionRecord)).all() == []


def test_history_marks_missed_and_exports(session: Session, world: World):
    key = key_of(session, world, "09:00")
    rounds.record_round(session, actor=world.worker, uuid=f.new_uuid(), key=key,
                        areas="楼道", chemical="84消毒液", now=local("09:20"))
    rows = history.history(session, actor=world.admin, days=2, now=local("12:00"))
    today = [r for r in rows if r.day == DAY.isoformat()]
    assert {(r.at, r.status) for r in today} == {("09:00", "done"), ("09:00", "missed"),
                                                  ("15:00", "open")}
    assert all(r.status == "missed" for r in rows if r.day != DAY.isoformat())
    done = next(r for r in today if r.status == "done")
    assert done.by != "grid_worker 测试" and done.chemical == "84消毒液"
    data = history.history_xlsx(rows, "zh")
    sheet = load_workbook(io.BytesIO(data)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "日期" and any("已完成" in row for row in values)
    with pytest.raises(ServiceError):
        history.history(session, actor=world.admin, days=40, now=local("12:00"))
