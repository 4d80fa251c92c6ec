"""The gate: checkpoints, duty, passes, entries and their warnings, scope, replay.
Each test runs on SQLite and PostgreSQL (the `session` fixture)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from community_app.models import GateEntry, ResidentPass
from community_app.services.errors import Denied, ServiceError
from community_app.services.gate import checkpoints, duty, entries, passes, views
from tests.factories import new_uuid
from tests.gate.conftest import NOW, World, isolate, release


def _card(session: Session, w: World, home=None, **kw) -> ResidentPass:
    ids = passes.issue_passes(session, actor=w.admin, uuid=new_uuid(),
                              household_id=(home or w.home_a).id, **kw)
    return session.get(ResidentPass, ids[0])


def _out(session: Session, w: World, card: ResidentPass, at=NOW, way="out", **kw):
    return entries.record_entry(session, actor=w.volunteer, uuid=new_uuid(),
                                checkpoint_id=w.gate, kind="resident", direction=way,
                                code=card.code.lower(), now=at, **kw)


@pytest.fixture
def on(session: Session, world: World) -> World:
    duty.sign_on(session, actor=world.volunteer, checkpoint_id=world.gate,
                 now=NOW - timedelta(days=5))
    return world


def test_checkpoint_lists_its_slot_and_who_is_on(session: Session, on: World):
    [row] = checkpoints.checkpoint_slots(session, actor=on.admin, now=NOW)
    assert (row.id, row.name, row.slot_start, row.slot_end) == (on.gate, "东门", "08:00", "16:00")
    assert row.on_duty and not row.staffed and row.compounds == ["1号楼所在小区"]
    duty.sign_on(session, actor=on.worker, checkpoint_id=on.gate, now=NOW)
    assert checkpoints.checkpoint_slots(session, actor=on.admin, now=NOW)[0].staffed
    duty.sign_off(session, actor=on.worker, now=NOW)
    assert not checkpoints.checkpoint_slots(session, actor=on.admin, now=NOW)[0].staffed


def test_checkpoint_hours_and_bad_input(session: Session, world: World):
    compound = _compound_of(session, world.building_a)
    night = checkpoints.create_checkpoint(
        session, actor=world.admin, uuid=new_uuid(), name="北门", all_day=False,
        opens_at="22:00", closes_at="06:00", slot_hours=4, compound_ids=[compound])
    row = next(r for r in checkpoints.checkpoint_slots(session, actor=world.volunteer, now=NOW)
               if r.id == night)
    assert (row.hours, row.open_now, row.slot_start, row.slot_end) == (
        "22:00-06:00", False, "08:00", "12:00")
    late = NOW + timedelta(hours=13)  # 23:00 local
    assert next(r for r in checkpoints.checkpoint_slots(session, actor=world.admin, now=late)
                if r.id == night).open_now
    for bad, key in ((dict(name="南门", compound_ids=[]), "need_compounds"),
                     (dict(name=" ", compound_ids=[compound]), "name_required"),
                     (dict(name="门\x00", compound_ids=[compound]), "control_chars"),
                     (dict(name="门", compound_ids=[compound], slot_hours=0), "bad_slot"),
                     (dict(name="门", compound_ids=[compound], all_day=False,
                           opens_at="25:00", closes_at="06:00"), "bad_hours")):
        with pytest.raises(ServiceError, match=key):
            checkpoints.create_checkpoint(session, actor=world.admin, uuid=new_uuid(), **bad)
    with pytest.raises(Denied):
        checkpoints.create_checkpoint(session, actor=world.worker, uuid=new_uuid(), name="门",
                                      compound_ids=[compound])


def test_allowance_counts_outs_per_household_in_the_window(session: Session, on: World):
    card = _card(session, on, count=2, outs=1, per_days=2)
    second = session.exec(select(ResidentPass).where(
        ResidentPass.household_id == on.home_a.id, ResidentPass.id != card.id)).one()
    assert _out(session, on, card).warnings == []
    assert _out(session, on, card, way="in").warnings == []  # coming back is no out
    # the household's other card shares the allowance: a second out that day is over
    assert _out(session, on, second).warnings == ["over_allowance"]
    # the day after is still in the two-day window; the day after that is not
    assert _out(session, on, card, at=NOW + timedelta(days=1)).warnings == ["over_allowance"]
    assert _out(session, on, card, at=NOW + timedelta(days=2)).warnings == []
    unlimited = _card(session, on, home=on.home_a2, outs=0)
    assert [_out(session, on, unlimited).warnings for _ in range(3)] == [[], [], []]


def test_isolation_suspends_passes_until_release(session: Session, on: World):
    card = _card(session, on)
    case = isolate(session, on, on.home_a)
    assert passes.household_passes(session, actor=on.admin)[0].status == "suspended"
    assert _out(session, on, card).warnings == ["isolated_out"]
    assert _out(session, on, card, temp="37.5").warnings == ["isolated_out", "fever"]
    visitor = entries.record_entry(
        session, actor=on.volunteer, uuid=new_uuid(), checkpoint_id=on.gate, kind="visitor",
        direction="in", visitor_name="李四", visitor_phone="13900001111",
        building_id=on.building_a, flat="101", reason="送菜", now=NOW)
    assert visitor.warnings == ["visitor_isolated"]
    # the grid worker of the building sees all three; a blocked attempt is not an out
    assert len(views.todays_alerts(session, actor=on.worker, now=NOW)) == 3
    release(session, case)
    assert passes.household_passes(session, actor=on.admin)[0].status == "active"
    assert _out(session, on, card).warnings == []


def test_revoke_and_reissue(session: Session, on: World):
    card = _card(session, on, holders=["王芳"])
    new_id = passes.reissue_pass(session, actor=on.admin, pass_id=card.id, now=NOW)
    again = passes.reissue_pass(session, actor=on.admin, pass_id=card.id, now=NOW)
    fresh = session.get(ResidentPass, new_id)
    assert again == new_id and fresh.code != card.code
    assert (fresh.card_no, fresh.holder, fresh.revoked_at) == (card.card_no, "王芳", None)
    assert _out(session, on, card).warnings == ["pass_revoked"]
    assert _out(session, on, fresh).warnings == []
    sheet = passes.print_sheet(session, actor=on.admin, household_id=on.home_a.id)
    assert [c.code for c in sheet.cards] == [fresh.code]
    assert sheet.cards[0].qr.startswith("data:image/svg+xml")


def test_scope_another_communitys_checkpoint_and_pass(session: Session, on: World):
    card = _card(session, on)
    with pytest.raises(Denied):
        duty.sign_on(session, actor=on.other_volunteer, checkpoint_id=on.gate, now=NOW)
    with pytest.raises(Denied):
        passes.revoke_pass(session, actor=on.other_admin, pass_id=card.id)
    with pytest.raises(Denied):
        passes.issue_passes(session, actor=on.other_admin, uuid=new_uuid(),
                            household_id=on.home_a.id)
    with pytest.raises(Denied):
        passes.issue_passes(session, actor=on.volunteer, uuid=new_uuid(),
                            household_id=on.home_a.id)
    other_gate = checkpoints.create_checkpoint(
        session, actor=on.other_admin, uuid=new_uuid(), name="西门",
        compound_ids=[_other_compound(session, on)])
    duty.sign_on(session, actor=on.other_volunteer, checkpoint_id=other_gate, now=NOW)
    with pytest.raises(ServiceError, match="unknown_pass"):  # our pass at their gate
        entries.record_entry(session, actor=on.other_volunteer, uuid=new_uuid(),
                             checkpoint_id=other_gate, kind="resident", direction="out",
                             code=card.code, now=NOW)
    with pytest.raises(Denied):
        checkpoints.create_checkpoint(session, actor=on.other_admin, uuid=new_uuid(),
                                      name="x",
                                      compound_ids=[_compound_of(session, on.building_a)])


def _other_compound(session: Session, w: World) -> int:
    from community_app.models import Community
    from tests import factories as f
    comm = session.get(Community, w.other_admin.community_id)
    return f.building(session, comm, "9号楼").compound_id


def test_only_on_duty_at_that_checkpoint(session: Session, world: World):
    card = _card(session, world)
    second = checkpoints.create_checkpoint(session, actor=world.admin, uuid=new_uuid(),
                                           name="西门",
                                           compound_ids=[_compound_of(session, world.building_a)])
    with pytest.raises(Denied):  # not signed on anywhere
        _out(session, world, card)
    duty.sign_on(session, actor=world.volunteer, checkpoint_id=second, now=NOW)
    with pytest.raises(Denied):  # signed on at another checkpoint
        _out(session, world, card)
    duty.sign_on(session, actor=world.volunteer, checkpoint_id=world.gate, now=NOW)
    assert _out(session, world, card).created
    duty.sign_off(session, actor=world.volunteer, now=NOW + timedelta(hours=1))
    with pytest.raises(Denied):
        _out(session, world, card, at=NOW + timedelta(hours=2))


def _compound_of(session: Session, building_id: int) -> int:
    from community_app.models import Building
    return session.get(Building, building_id).compound_id


def test_replay_is_applied_once_with_the_first_warnings(session: Session, on: World):
    card = _card(session, on)
    isolate(session, on, on.home_a)
    uuid = new_uuid()
    kw = dict(actor=on.volunteer, uuid=uuid, checkpoint_id=on.gate, kind="resident",
              direction="out", code=card.code, temp="36.5", now=NOW,
              at=NOW - timedelta(minutes=30))
    first, again = entries.record_entry(session, **kw), entries.record_entry(session, **kw)
    assert first.created and not again.created
    assert again.warnings == first.warnings == ["isolated_out"]
    assert session.exec(select(func.count()).select_from(GateEntry)).one() == 1
    stored = session.exec(select(GateEntry)).one()
    assert stored.at.replace(tzinfo=NOW.tzinfo) == NOW - timedelta(minutes=30)
    with pytest.raises(Denied):  # someone else's UUID
        entries.record_entry(session, **{**kw, "actor": on.worker})


def test_visitor_and_vehicle_and_bad_input(session: Session, on: World):
    vehicle = entries.record_entry(session, actor=on.volunteer, uuid=new_uuid(),
                                   checkpoint_id=on.gate, kind="vehicle", direction="in",
                                   plate="京a12345", temp="37.3", now=NOW)
    assert vehicle.warnings == ["fever"]
    base = dict(actor=on.volunteer, checkpoint_id=on.gate, direction="in", now=NOW)
    for bad, key in ((dict(kind="vehicle", plate=""), "plate_required"),
                     (dict(kind="vehicle", plate="x", temp="abc"), "bad_temperature"),
                     (dict(kind="vehicle", plate="x", temp="45"), "bad_temperature"),
                     (dict(kind="visitor", visitor_name="李四", building_id=on.building_b,
                           flat="101"), "need_household"),  # a building the gate does not serve
                     (dict(kind="visitor", visitor_name="", building_id=on.building_a,
                           flat="101"), "name_required"),
                     (dict(kind="resident", code="nope!"), "unknown_pass"),
                     (dict(kind="elephant"), "bad_request")):
        with pytest.raises(ServiceError, match=key):
            entries.record_entry(session, uuid=new_uuid(), **base, **bad)
    rows = views.gate_screen(session, actor=on.volunteer, checkpoint_id=on.gate).recent
    assert [r.label for r in rows] == ["京A12345"]


def test_warnings_before_dawn_are_todays(session: Session, on: World):
    """At 03:00 local (19:00 UTC the day before) a warning of 02:30 is today's, one of
    23:00 local last night is not: the day starts at local midnight on both databases."""
    card = _card(session, on)
    isolate(session, on, on.home_a)
    dawn = NOW.replace(hour=19) - timedelta(days=1)  # 03:00 local on NOW's local day
    _out(session, on, card, at=dawn - timedelta(hours=4))  # 23:00 local, the day before
    _out(session, on, card, at=dawn - timedelta(minutes=30))
    [alert] = views.todays_alerts(session, actor=on.worker, now=dawn)
    assert alert.at == "12-02 02:30"
