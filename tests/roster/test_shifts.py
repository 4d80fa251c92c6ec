"""Shifts: min/max places, sign-up once per UUID, leave, assign, attendance, no-show, scope."""

from __future__ import annotations

from datetime import timedelta

import pydantic
import pytest
from sqlmodel import select

from community_app.models import Shift, ShiftSignup
from community_app.services import clock
from community_app.services.errors import Denied, ServiceError
from community_app.services.roster import shifts, views
from community_app.services.roster.shifts import ShiftIn
from tests import factories as f
from tests.roster.conftest import make_shift


def _filled(session, shift_id):
    session.expire_all()
    return session.get(Shift, shift_id).filled


def test_places_stop_at_the_maximum_and_a_resend_applies_once(session, world):
    shift_id = make_shift(session, world.admin, most=2)
    form = f.new_uuid()
    assert shifts.sign_up(session, actor=world.v1, uuid=form, shift_id=shift_id) is True
    assert shifts.sign_up(session, actor=world.v1, uuid=form, shift_id=shift_id) is False
    assert shifts.sign_up(session, actor=world.v1, uuid=f.new_uuid(), shift_id=shift_id) is False
    assert shifts.sign_up(session, actor=world.v2, uuid=f.new_uuid(), shift_id=shift_id)
    session.commit()
    with pytest.raises(ServiceError, match="roster.err.full"):
        shifts.sign_up(session, actor=world.v3, uuid=f.new_uuid(), shift_id=shift_id)
    session.rollback()
    assert _filled(session, shift_id) == 2
    assert len(session.exec(select(ShiftSignup)).all()) == 2
    open_to_v3 = views.volunteer_shifts(session, actor=world.v3)
    assert shift_id not in [s.id for s in open_to_v3]  # full: not offered
    mine = views.volunteer_shifts(session, actor=world.v1)
    assert [(s.id, s.mine, s.free) for s in mine] == [(shift_id, True, 0)]


def test_below_the_minimum_a_day_ahead_is_short_and_red(session, world):
    soon = make_shift(session, world.admin, least=2, most=3,
                      start=clock.utc() + timedelta(hours=20))
    later = make_shift(session, world.admin, least=2, most=3,
                       start=clock.utc() + timedelta(days=3))
    board = {s.id: s for s in views.board(session, actor=world.admin)}
    assert board[soon].short and not board[later].short
    assert views.short_count(session, actor=world.admin) == 1
    shifts.sign_up(session, actor=world.v1, uuid=f.new_uuid(), shift_id=soon)
    shifts.assign(session, actor=world.admin, uuid=f.new_uuid(), shift_id=soon,
                  user_id=world.v2.user_id)
    session.commit()
    assert views.short_count(session, actor=world.admin) == 0
    people = {s.id: s for s in views.board(session, actor=world.admin)}[soon].people
    assert [p.status for p in people] == ["signed", "signed"]
    assert all("*" in p.name for p in people)  # masked


def test_a_no_show_frees_the_place_for_a_backfill_and_attendance_counts(session, world):
    start = clock.utc() - timedelta(hours=1)  # under way
    shift_id = make_shift(session, world.admin, start=start, most=1)
    shifts.assign(session, actor=world.admin, uuid=f.new_uuid(), shift_id=shift_id,
                  user_id=world.v1.user_id)
    session.commit()
    with pytest.raises(ServiceError, match="roster.err.closed"):  # started: only assigned
        shifts.sign_up(session, actor=world.v2, uuid=f.new_uuid(), shift_id=shift_id)
    session.rollback()
    shifts.mark_no_show(session, actor=world.admin, shift_id=shift_id, user_id=world.v1.user_id)
    assert _filled(session, shift_id) == 0
    shifts.assign(session, actor=world.admin, uuid=f.new_uuid(), shift_id=shift_id,
                  user_id=world.v2.user_id)
    shifts.mark_worked(session, actor=world.v2, shift_id=shift_id, user_id=world.v2.user_id)
    shifts.mark_worked(session, actor=world.v2, shift_id=shift_id, user_id=world.v2.user_id)
    session.commit()
    assert _filled(session, shift_id) == 1
    statuses = {r.user_id: r.status for r in session.exec(select(ShiftSignup))}
    assert statuses == {world.v1.user_id: "no_show", world.v2.user_id: "worked"}
    with pytest.raises(Denied):  # a volunteer marks only themself
        shifts.mark_worked(session, actor=world.v2, shift_id=shift_id, user_id=world.v1.user_id)


def test_a_volunteer_signs_on_only_near_the_shift(session, world):
    shift_id = make_shift(session, world.admin, start=clock.utc() + timedelta(hours=5))
    shifts.sign_up(session, actor=world.v1, uuid=f.new_uuid(), shift_id=shift_id)
    session.commit()
    with pytest.raises(ServiceError, match="roster.err.not_now"):
        shifts.mark_worked(session, actor=world.v1, shift_id=shift_id, user_id=world.v1.user_id)


def test_leave_before_the_start_gives_the_place_back(session, world):
    shift_id = make_shift(session, world.admin, most=1)
    shifts.sign_up(session, actor=world.v1, uuid=f.new_uuid(), shift_id=shift_id)
    shifts.leave(session, actor=world.v1, shift_id=shift_id)
    assert shifts.sign_up(session, actor=world.v2, uuid=f.new_uuid(), shift_id=shift_id)
    session.commit()
    assert _filled(session, shift_id) == 1
    with pytest.raises(ServiceError, match="roster.err.full"):  # v1 back: no place left
        shifts.sign_up(session, actor=world.v1, uuid=f.new_uuid(), shift_id=shift_id)


def test_another_community_is_refused(session, world):
    shift_id = make_shift(session, world.admin)
    with pytest.raises(Denied):
        shifts.sign_up(session, actor=world.other_volunteer, uuid=f.new_uuid(),
                       shift_id=shift_id)
    with pytest.raises(Denied):
        shifts.assign(session, actor=world.admin, uuid=f.new_uuid(), shift_id=shift_id,
                      user_id=world.other_volunteer.user_id)
    with pytest.raises(Denied):
        shifts.mark_no_show(session, actor=world.other_admin, shift_id=shift_id,
                            user_id=world.v1.user_id)
    with pytest.raises(Denied):
        shifts.sign_up(session, actor=world.worker, uuid=f.new_uuid(), shift_id=shift_id)
    assert views.board(session, actor=world.other_admin) == []
    session.rollback()
    assert _filled(session, shift_id) == 0 and session.exec(select(ShiftSignup)).all() == []


@pytest.mark.parametrize("change", [
    {"min_people": 3, "max_people": 2}, {"min_people": 0}, {"max_people": 51},
    {"place": ""}, {"place": "x" * 101}, {"kind": "party"}, {"hours": -1}, {"hours": 25},
])
def test_bad_shifts_are_refused_and_nothing_is_stored(session, world, change):
    start = clock.utc() + timedelta(hours=3)
    change = dict(change)
    hours = change.pop("hours", 4)
    fields = {"starts_at": start, "ends_at": start + timedelta(hours=hours), "place": "东门",
              "kind": "gate", "min_people": 1, "max_people": 2, **change}
    with pytest.raises(pydantic.ValidationError):
        ShiftIn(**fields)
    assert session.exec(select(Shift)).all() == []


def test_control_characters_in_the_place_are_refused(session, world):
    start = clock.utc() + timedelta(hours=3)
    data = ShiftIn(starts_at=start, ends_at=start + timedelta(hours=2), place="东门\x00",
                   kind="gate", min_people=1, max_people=1)
    with pytest.raises(ServiceError):
        shifts.create_shift(session, actor=world.admin, uuid=f.new_uuid(), data=data)
    with pytest.raises(ServiceError):
        shifts.create_shift(session, actor=world.v1, uuid=f.new_uuid(), data=data)
    session.rollback()
    assert session.exec(select(Shift)).all() == []
