"""One total per volunteer: shifts worked, patrols walked, errands run, each minute once;
the weekly cap warning; the hours Excel."""

from __future__ import annotations

import io
from datetime import date, time, timedelta

import pytest
from openpyxl import load_workbook

from community_app.models import PatrolPlan, PatrolWalk, Shift
from community_app.services import clock, hours_sheet, volunteer_hours
from community_app.services.errors import Denied
from community_app.services.roster import shifts
from tests import factories as f
from tests.roster.conftest import make_shift


def _walk(session, actor, start, minutes):
    plan = PatrolPlan(uuid=f.new_uuid(), community_id=actor.community_id,
                      night=date(2026, 11, 30), window_start=time(20), window_end=time(22))
    session.add(plan)
    session.flush()
    session.add(PatrolWalk(uuid=f.new_uuid(), plan_id=plan.id, user_id=actor.user_id,
                           signed_in_at=start, signed_out_at=start + timedelta(minutes=minutes)))
    session.commit()


def _moved(session, shift_id, start, hours):
    """The shift was assigned while it lay ahead; now it lies at `start`."""
    shift = session.get(Shift, shift_id)
    shift.starts_at, shift.ends_at = start, start + timedelta(hours=hours)
    session.add(shift)
    session.commit()


def _worked(session, world, actor, start, hours, kind="gate"):
    shift_id = make_shift(session, world.admin, hours=hours, kind=kind)
    shifts.assign(session, actor=world.admin, uuid=f.new_uuid(), shift_id=shift_id,
                  user_id=actor.user_id)
    shifts.mark_worked(session, actor=world.admin, shift_id=shift_id, user_id=actor.user_id)
    session.commit()
    _moved(session, shift_id, start, hours)
    return shift_id


def test_a_patrol_shift_and_its_walk_count_once_and_a_gate_shift_adds(session, world):
    start = clock.utc() - timedelta(hours=10)
    _worked(session, world, world.v1, start, 3, kind="patrol")
    _walk(session, world.v1, start + timedelta(hours=1), 150)  # 1h inside, 30 min after
    _worked(session, world, world.v1, start + timedelta(hours=5), 2)
    mine = volunteer_hours.my_hours(session, actor=world.v1)
    assert (mine.total, mine.shifts, mine.patrol, mine.shifts_worked, mine.walks) == \
        ("5:30", "5:00", "2:30", 2, 1)
    assert not mine.over_cap
    rows = {r.user_id: r for r in volunteer_hours.community_hours(session, actor=world.admin)}
    assert rows[world.v1.user_id].minutes == 330 and rows[world.v2.user_id].minutes == 0
    assert "*" in rows[world.v1.user_id].name
    others = volunteer_hours.community_hours(session, actor=world.other_admin)
    assert [(r.user_id, r.minutes) for r in others] == [(world.other_volunteer.user_id, 0)]


def test_signed_up_or_no_show_counts_nothing(session, world):
    shift_id = make_shift(session, world.admin, hours=4, most=2)
    for v in (world.v1, world.v2):
        shifts.assign(session, actor=world.admin, uuid=f.new_uuid(), shift_id=shift_id,
                      user_id=v.user_id)
    shifts.mark_no_show(session, actor=world.admin, shift_id=shift_id, user_id=world.v2.user_id)
    session.commit()
    _moved(session, shift_id, clock.utc() - timedelta(hours=6), 4)
    assert volunteer_hours.my_hours(session, actor=world.v1).total == "0:00"
    assert volunteer_hours.my_hours(session, actor=world.v2).total == "0:00"


def test_a_week_over_the_cap_is_flagged(session, world):
    monday = clock.at_local(date(2026, 11, 23), time(6))
    for day in range(4):  # 4 x 11 h = 44 h in one ISO week
        _worked(session, world, world.v1, monday + timedelta(days=day), 11)
    _worked(session, world, world.v2, monday, 11)
    rows = {r.user_id: r for r in volunteer_hours.community_hours(session, actor=world.admin)}
    assert rows[world.v1.user_id].over_cap_weeks == ["2026-W48"]
    assert rows[world.v2.user_id].over_cap_weeks == []
    assert volunteer_hours.my_hours(session, actor=world.v1).over_cap


def test_the_hours_sheet_has_one_row_per_volunteer_with_full_names(session, world):
    _worked(session, world, world.v1, clock.utc() - timedelta(hours=8), 4)
    rows = volunteer_hours.community_hours(session, actor=world.admin, masked=False)
    book = load_workbook(io.BytesIO(hours_sheet.hours_xlsx(rows, "zh")))
    lines = list(book.active.iter_rows(values_only=True))
    assert lines[0][:2] == ("志愿者", "时长（小时）")
    assert lines[1][:3] == ("volunteer 测试", 4, 1)
    assert len(lines) == 4  # header + three volunteers


def test_hours_are_read_by_their_owner_and_the_admin_only(session, world):
    with pytest.raises(Denied):
        volunteer_hours.community_hours(session, actor=world.v1)
    with pytest.raises(Denied):
        volunteer_hours.my_hours(session, actor=world.admin)
