"""The gate-roster link (services/gate_roster.py): signing on at a checkpoint marks the
signer's covering gate shift there worked, once; other shifts are untouched; no shift
means the sign-on alone. A gate shift's place must be a checkpoint."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from community_app.models import Community, GateDuty, Role, ShiftSignup, SignupStatus
from community_app.services import clock, gate_roster, volunteer_hours
from community_app.services.errors import ServiceError
from community_app.services.gate import checkpoints
from community_app.services.roster import shifts
from community_app.services.roster.shifts import ShiftIn
from tests import factories as f


def _shift(session: Session, w, *, place: str = "东门", in_minutes: int = 10,
           hours: int = 4, kind: str = "gate") -> int:
    start = clock.utc() + timedelta(minutes=in_minutes)
    shift_id = gate_roster.create_shift(session, actor=w.admin, uuid=f.new_uuid(), data=ShiftIn(
        starts_at=start, ends_at=start + timedelta(hours=hours), place=place, kind=kind,
        min_people=1, max_people=3))
    session.commit()
    return shift_id


def _status(session: Session, shift_id: int, user_id: int) -> SignupStatus:
    return session.exec(select(ShiftSignup.status).where(
        ShiftSignup.shift_id == shift_id, ShiftSignup.user_id == user_id)).one()


def _sign_up(session: Session, actor, shift_id: int) -> None:
    assert shifts.sign_up(session, actor=actor, uuid=f.new_uuid(), shift_id=shift_id)
    session.commit()


def test_sign_on_marks_the_covering_shift_worked_once(session: Session, world) -> None:
    w = world
    comm = session.get(Community, w.admin.community_id)
    other = f.actor(f.user(session, comm, Role.volunteer))
    west = checkpoints.create_checkpoint(session, actor=w.admin, uuid=f.new_uuid(), name="西门",
                                         compound_ids=[_compound(session, w)])
    mine, later = _shift(session, w), _shift(session, w, in_minutes=60 * 5)
    at_west, theirs = _shift(session, w, place="西门"), _shift(session, w)
    for sid in (mine, later, at_west):
        _sign_up(session, w.volunteer, sid)
    _sign_up(session, other, theirs)

    done = gate_roster.sign_on(session, actor=w.volunteer, checkpoint_id=w.gate)
    session.commit()
    assert done.duty.on_duty and done.shift_id == mine
    assert _status(session, mine, w.volunteer.user_id) == SignupStatus.worked
    assert _status(session, later, w.volunteer.user_id) == SignupStatus.signed  # not yet
    assert _status(session, at_west, w.volunteer.user_id) == SignupStatus.signed
    assert _status(session, theirs, other.user_id) == SignupStatus.signed

    again = gate_roster.sign_on(session, actor=w.volunteer, checkpoint_id=w.gate)
    session.commit()
    assert again.shift_id == 0  # already worked: nothing marked twice
    hours = {h.user_id: h for h in volunteer_hours.community_hours(session, actor=w.admin)}
    assert hours[w.volunteer.user_id].shifts == 1 and hours[w.volunteer.user_id].minutes == 240
    assert hours[other.user_id].shifts == 0
    assert gate_roster.gate_places(session, actor=w.admin) == ["东门", "西门"] and west


def _compound(session: Session, w) -> int:
    return checkpoints.compound_ids_of(session, w.gate)[0]


def test_sign_on_without_a_shift_is_the_sign_on_alone(session: Session, world) -> None:
    w = world
    far = _shift(session, w, in_minutes=60)  # starts in an hour: not yet
    _sign_up(session, w.volunteer, far)
    done = gate_roster.sign_on(session, actor=w.volunteer, checkpoint_id=w.gate)
    session.commit()
    assert done.duty.on_duty and done.shift_id == 0
    assert _status(session, far, w.volunteer.user_id) == SignupStatus.signed
    assert session.exec(select(GateDuty).where(GateDuty.user_id == w.volunteer.user_id)).one()
    staff = gate_roster.sign_on(session, actor=w.admin, checkpoint_id=w.gate)
    assert staff.duty.on_duty and staff.shift_id == 0  # the admin staffs the gate directly


def test_a_gate_shift_needs_a_checkpoint_as_its_place(session: Session, world) -> None:
    w = world
    with pytest.raises(ServiceError) as err:
        _shift(session, w, place="北门")
    assert err.value.key == "roster.err.not_a_checkpoint"
    assert _shift(session, w, place="3号楼", kind="patrol")  # other kinds keep free text
    assert gate_roster.gate_places(session, actor=w.admin) == ["东门"]
