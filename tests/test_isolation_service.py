"""Isolation services on SQLite and PostgreSQL: days in Asia/Shanghai, checklist, fever, scope."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from community_app.i18n import tr
from community_app.models import (
    CaseExtension,
    ChecklistItem,
    FeverAlert,
    Household,
    IsolationCase,
    ItemKind,
    ItemStatus,
    TemperatureReading,
)
from community_app.services.errors import Denied, ServiceError
from community_app.services.isolation import access as iso_access
from community_app.services.isolation import board as iso_board
from community_app.services.isolation import cases as iso
from community_app.services.isolation import checklist as iso_checklist
from community_app.services.isolation import history as iso_history
from community_app.services.isolation import household as iso_household
from community_app.services.isolation import readings as iso_readings
from tests import factories as f
from tests import factories_isolation as fi


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# 2026-11-23T17:00Z is 24 November 01:00 in Shanghai; 15:59Z is still 23 November 23:59.
JUST_AFTER_MIDNIGHT = utc(2026, 11, 23, 17, 0)
JUST_BEFORE_MIDNIGHT = utc(2026, 11, 23, 15, 59)


def local(day: int, hour: int, minute: int = 0) -> datetime:
    """A Shanghai wall-clock time in November 2026, as a UTC instant."""
    return datetime(2026, 11, day, hour, minute, tzinfo=iso.zone()).astimezone(UTC)


@pytest.fixture
def w(session):
    return fi.world(session)


def items(session, case_id: int, day: date | None = None) -> list[ChecklistItem]:
    query = select(ChecklistItem).where(ChecklistItem.case_id == case_id)
    if day is not None:
        query = query.where(ChecklistItem.day == day)
    return list(session.exec(query.order_by(ChecklistItem.id)).all())


def test_days_are_counted_in_shanghai_around_midnight_utc(session, w):
    assert iso.local_day(JUST_AFTER_MIDNIGHT) == date(2026, 11, 24)
    assert iso.local_day(JUST_BEFORE_MIDNIGHT) == date(2026, 11, 23)
    case_id = fi.open_case(session, w.worker, w.home, now=JUST_AFTER_MIDNIGHT)
    case = session.get(IsolationCase, case_id)
    assert case.start_date == date(2026, 11, 24)
    assert iso.end_date(case) == date(2026, 12, 7)
    assert iso.day_number(case, iso.local_day(JUST_AFTER_MIDNIGHT)) == 1
    board = iso_board.today_board(session, actor=w.worker, now=JUST_AFTER_MIDNIGHT)
    assert board.today == "2026-11-24" and board.cases[0].day_no == 1
    assert board.cases[0].end_date == "2026-12-07" and board.cases[0].period == 14


def test_checklist_is_generated_per_day_idempotently_across_days(session, w):
    case_id = fi.open_case(session, w.worker, w.home, now=local(24, 7))
    case = session.get(IsolationCase, case_id)
    iso_checklist.ensure_checklist(session, case=case, day=date(2026, 11, 24))
    iso_checklist.ensure_checklist(session, case=case, day=date(2026, 11, 24))
    first = items(session, case_id, date(2026, 11, 24))
    kinds = sorted(i.kind for i in first)
    # Two people: 4 temperatures; 2 garbage slots; check-in; 4 supplies; door notice.
    assert len(first) == 4 + 2 + 1 + 4 + 1
    assert kinds.count(ItemKind.temp_morning) == 2 and kinds.count(ItemKind.door_notice) == 1
    # The board read on the next local day (just after 16:00Z) makes the next day's items,
    # without repeating the once-per-case supplies.
    iso_board.today_board(session, actor=w.worker, now=utc(2026, 11, 24, 16, 1))
    second = items(session, case_id, date(2026, 11, 25))
    assert len(second) == 4 + 2 + 1
    assert not any(i.kind.startswith("supply") for i in second)
    assert len(items(session, case_id)) == len(first) + len(second)


def test_supplies_stay_due_until_delivered_and_can_be_requested_again(session, w):
    case_id = fi.open_case(session, w.worker, w.home, now=local(24, 7))
    board = iso_board.today_board(session, actor=w.worker, now=local(24, 7))
    masks = next(i for i in board.cases[0].due if i.kind == "supply_masks")
    assert not masks.overdue
    # Not delivered the day it was requested: on the next day it is still there, overdue.
    board = iso_board.today_board(session, actor=w.worker, now=local(25, 7))
    masks = next(i for i in board.cases[0].due if i.kind == "supply_masks")
    assert masks.overdue
    iso_checklist.mark_item(session, actor=w.worker, item_id=masks.id, done=True, now=local(25, 8))
    iso_checklist.request_supply(session, actor=w.worker, case_id=case_id, kind="supply_masks",
                       now=local(25, 9))
    iso_checklist.request_supply(session, actor=w.worker, case_id=case_id, kind="supply_masks",
                       now=local(25, 9))  # still due: no second one
    board = iso_board.today_board(session, actor=w.worker, now=local(25, 10))
    assert [i.kind for i in board.cases[0].due].count("supply_masks") == 1
    masks_rows = [i for i in items(session, case_id) if i.kind == ItemKind.supply_masks]
    assert [i.status for i in masks_rows] == [ItemStatus.done, ItemStatus.due]


@pytest.mark.parametrize(("kind", "before", "at"), [
    ("temp_morning", (9, 59), (10, 0)),
    ("temp_afternoon", (17, 59), (18, 0)),
    ("garbage_morning", (7, 59), (8, 0)),
    ("garbage_afternoon", (12, 59), (13, 0)),
    ("supply_thermometer", (17, 59), (18, 0)),
])
def test_overdue_rules_follow_local_deadlines(session, w, kind, before, at):
    fi.open_case(session, w.worker, w.home, now=local(24, 7))

    def due(hour_minute: tuple[int, int]) -> list[bool]:
        board = iso_board.today_board(session, actor=w.worker, now=local(24, *hour_minute))
        return [i.overdue for i in board.cases[0].due if i.kind == kind]

    assert due(before) and not any(due(before))
    assert all(due(at))


def test_deadlines_are_configurable(monkeypatch):
    monkeypatch.setenv("ISOLATION_MORNING_TEMP_BY", "09:30")
    times = iso_checklist.CareTimes()
    assert times.deadline(ItemKind.temp_morning).strftime("%H:%M") == "09:30"
    assert times.deadline(ItemKind.temp_afternoon).strftime("%H:%M") == "18:00"


def test_a_reading_ticks_its_slot_and_clears_the_overdue_item(session, w):
    case_id = fi.open_case(session, w.worker, w.home, now=local(24, 7))
    person = w.people[0]
    iso_readings.record_reading(session, actor=w.household_actor, uuid=f.new_uuid(), case_id=case_id,
                       resident_id=person.id, value="36.6", now=local(24, 9))
    reading = session.exec(select(TemperatureReading)).one()
    assert reading.slot == "morning" and reading.source == "self_report"
    assert reading.day == date(2026, 11, 24) and Decimal(reading.value) == Decimal("36.6")
    board = iso_board.today_board(session, actor=w.worker, now=local(24, 10, 30))
    due = board.cases[0].due
    morning = [i for i in due if i.kind == "temp_morning"]
    assert [i.person for i in morning] == [w.people[1].name] and morning[0].overdue
    assert board.cases[0].people[0].last == "36.6"


@pytest.mark.parametrize(("value", "fever"), [
    ("37.3", True), ("37.2", False), ("37.24", False), ("37.25", True), ("40.1", True),
    ("36.6", False), ("34.0", False), ("43.0", True),
])
def test_fever_threshold_is_37_3_inclusive(session, w, value, fever):
    case_id = fi.open_case(session, w.worker, w.home, now=local(24, 7))
    result = iso_readings.record_reading(session, actor=w.worker, uuid=f.new_uuid(), case_id=case_id,
                                resident_id=w.people[0].id, value=value, now=local(24, 9))
    assert result.fever is fever
    assert len(session.exec(select(FeverAlert)).all()) == (1 if fever else 0)


@pytest.mark.parametrize("value", ["33.9", "43.1", "abc", "", "NaN", "1e3", {"$ne": 1}])
def test_impossible_readings_are_refused_with_a_translated_message(session, w, value):
    case_id = fi.open_case(session, w.worker, w.home, now=local(24, 7))
    with pytest.raises(ServiceError) as caught:
        iso_readings.record_reading(session, actor=w.worker, uuid=f.new_uuid(), case_id=case_id,
                           resident_id=w.people[0].id, value=value, now=local(24, 9))
    assert caught.value.key in ("isolation.temp_out_of_range", "isolation.temp_invalid")
    message = tr(caught.value.key, "en", **caught.value.params)
    assert message != caught.value.key and "{" not in message
    assert session.exec(select(TemperatureReading)).all() == []


def test_fever_alert_stays_until_an_action_is_recorded(session, w):
    case_id = fi.open_case(session, w.worker, w.home, now=local(24, 7))
    iso_readings.record_reading(session, actor=w.household_actor, uuid=f.new_uuid(), case_id=case_id,
                       resident_id=w.people[0].id, value="37.8", now=local(24, 9))
    for later in (local(24, 15), local(25, 9)):
        assert len(iso_board.today_board(session, actor=w.worker, now=later).alerts) == 1
    alert = iso_readings.open_alerts(session, actor=w.admin)[0]
    assert alert.value == "37.8" and alert.person == w.people[0].name
    assert iso_readings.open_alerts(session, actor=w.other_worker) == []
    with pytest.raises(Denied):
        iso_readings.act_on_alert(session, actor=w.other_worker, alert_id=alert.id,
                         action="doctor_called")
    iso_readings.act_on_alert(session, actor=w.worker, alert_id=alert.id, action="doctor_called",
                     now=local(24, 9, 20))
    assert iso_readings.open_alerts(session, actor=w.admin) == []
    row = session.get(FeverAlert, alert.id)
    assert row.action == "doctor_called" and row.actioned_by_id == w.worker.user_id
    iso_readings.act_on_alert(session, actor=w.admin, alert_id=alert.id, action="transferred")
    assert session.get(FeverAlert, alert.id).action == "doctor_called"  # first action stands


def test_extension_moves_the_end_and_release_waits_for_the_last_day(session, w):
    case_id = fi.open_case(session, w.worker, w.home, start=date(2026, 11, 11),
                           now=local(24, 7))
    case = session.get(IsolationCase, case_id)
    assert iso.end_date(case) == date(2026, 11, 24)
    with pytest.raises(ServiceError) as caught:
        iso.release_case(session, actor=w.worker, case_id=case_id, now=local(23, 23, 59))
    assert caught.value.key == "isolation.not_last_day"
    iso.extend_case(session, actor=w.worker, case_id=case_id, days=3, note="家属返京")
    assert iso.end_date(case) == date(2026, 11, 27)
    ext = session.exec(select(CaseExtension)).one()
    assert (ext.old_period, ext.new_period) == (14, 17)
    assert not iso.release_offered(case, date(2026, 11, 26))
    assert iso.release_offered(case, date(2026, 11, 27))
    with pytest.raises(ServiceError):
        iso.release_case(session, actor=w.worker, case_id=case_id, now=local(26, 12))
    # 2026-11-26T16:30Z is already the 27th, the last day, in Shanghai.
    iso.release_case(session, actor=w.worker, case_id=case_id, now=utc(2026, 11, 26, 16, 30))
    assert case.status == "closed" and case.close_reason == "completed"
    assert case.closed_day == date(2026, 11, 27)
    # Released: no more work, no more readings.
    before = len(items(session, case_id))
    assert iso_board.today_board(session, actor=w.worker, now=local(28, 9)).cases == []
    assert len(items(session, case_id)) == before
    with pytest.raises(ServiceError):
        iso_readings.record_reading(session, actor=w.worker, uuid=f.new_uuid(), case_id=case_id,
                           resident_id=w.people[0].id, value="36.5", now=local(28, 9))
    home = iso_household.household_case(session, actor=w.household_actor, now=local(28, 9))
    assert home.state == "ended" and home.closed_day == "2026-11-27"


def test_no_items_after_the_last_day(session, w):
    case_id = fi.open_case(session, w.worker, w.home, start=date(2026, 11, 20), period=2,
                           now=local(21, 7))
    case = session.get(IsolationCase, case_id)
    iso_checklist.ensure_checklist(session, case=case, day=date(2026, 11, 22))
    assert items(session, case_id, date(2026, 11, 22)) == []
    board = iso_board.today_board(session, actor=w.worker, now=local(22, 9))
    assert board.cases[0].release_offered


def test_close_for_other_reasons_any_day_other_needs_a_note(session, w):
    case_id = fi.open_case(session, w.worker, w.home, now=local(24, 7))
    with pytest.raises(ServiceError) as caught:
        iso.close_case(session, actor=w.worker, case_id=case_id, reason="other", note=" ")
    assert caught.value.key == "isolation.note_required"
    iso.close_case(session, actor=w.worker, case_id=case_id, reason="hospital",
                   now=local(25, 9))
    with pytest.raises(ServiceError) as caught:
        iso.extend_case(session, actor=w.worker, case_id=case_id, days=2)
    assert caught.value.key == "isolation.case_closed"


def test_opening_checks_scope_people_reason_and_replays(session, w):
    with pytest.raises(Denied):
        fi.open_case(session, w.worker, w.far_home)
    with pytest.raises(Denied):
        fi.open_case(session, w.household_actor, w.home)
    with pytest.raises(ServiceError) as caught:
        fi.open_case(session, w.worker, w.home, people=[w.people[0].id, 999999])
    assert caught.value.key == "isolation.no_people"
    with pytest.raises(ServiceError) as caught:
        iso.open_case(session, actor=w.worker, uuid=f.new_uuid(), household_id=w.home.id,
                      resident_ids=[w.people[0].id], reason="other")
    assert caught.value.key == "isolation.note_required"
    with pytest.raises(ServiceError) as caught:
        iso.open_case(session, actor=w.worker, uuid=f.new_uuid(), household_id=w.home.id,
                      resident_ids=[w.people[0].id], reason="returnee",
                      start_date=date(2099, 1, 1))
    assert caught.value.key == "isolation.bad_start"
    uuid = f.new_uuid()
    first = iso.open_case(session, actor=w.admin, uuid=uuid, household_id=w.far_home.id,
                          resident_ids=fi.resident_ids(session, w.far_home), reason="returnee")
    again = iso.open_case(session, actor=w.admin, uuid=uuid, household_id=w.far_home.id,
                          resident_ids=fi.resident_ids(session, w.far_home), reason="returnee")
    assert first == again
    case = session.get(IsolationCase, first)
    assert case.worker_id == w.other_worker.user_id  # the building's worker is responsible
    with pytest.raises(ServiceError) as caught:
        fi.open_case(session, w.other_worker, w.far_home)
    assert caught.value.key == "isolation.already_open"


def test_a_household_sees_and_writes_only_its_own_case(session, w):
    mine = fi.open_case(session, w.worker, w.home, now=local(24, 7))
    theirs = fi.open_case(session, w.worker, w.other_home, now=local(24, 7))
    their_person = fi.resident_ids(session, w.other_home)[0]
    view = iso_household.household_case(session, actor=w.household_actor, now=local(24, 9))
    assert view.case_id == mine and [p.id for p in view.people] == [p.id for p in w.people]
    before = len(session.exec(select(TemperatureReading)).all())
    for case_id, resident_id in ((theirs, their_person), (mine, their_person),
                                 (theirs, w.people[0].id)):
        with pytest.raises(Denied):
            iso_readings.record_reading(session, actor=w.household_actor, uuid=f.new_uuid(),
                               case_id=case_id, resident_id=resident_id, value="36.5")
    assert len(session.exec(select(TemperatureReading)).all()) == before
    for call in (
        lambda: iso_access.get_case(session, actor=w.household_actor, case_id=theirs),
        lambda: iso_history.case_detail(session, actor=w.household_actor, case_id=mine),
        lambda: iso_board.today_board(session, actor=w.household_actor),
        lambda: iso_checklist.mark_item(session, actor=w.household_actor,
                              item_id=items(session, mine)[0].id, done=True),
        lambda: iso.release_case(session, actor=w.household_actor, case_id=mine),
        lambda: iso_readings.open_alerts(session, actor=w.household_actor),
    ):
        with pytest.raises(Denied):
            call()
    assert iso_access.get_case(session, actor=w.other_household_actor, case_id=theirs).id == theirs


def test_another_worker_cannot_see_or_touch_the_case(session, w):
    case_id = fi.open_case(session, w.worker, w.home, now=local(24, 7))
    assert iso_board.today_board(session, actor=w.other_worker, now=local(24, 9)).cases == []
    with pytest.raises(Denied):
        iso_history.case_detail(session, actor=w.other_worker, case_id=case_id)
    with pytest.raises(Denied):
        iso_readings.record_reading(session, actor=w.other_worker, uuid=f.new_uuid(), case_id=case_id,
                           resident_id=w.people[0].id, value="36.5")
    assert len(iso_board.today_board(session, actor=w.admin, now=local(24, 9)).cases) == 1


def test_a_replayed_reading_is_stored_once(session, w):
    case_id = fi.open_case(session, w.worker, w.home, now=local(24, 7))
    uuid = f.new_uuid()
    for _ in range(2):
        iso_readings.record_reading(session, actor=w.household_actor, uuid=uuid, case_id=case_id,
                           resident_id=w.people[0].id, value="38.0", now=local(24, 9))
    assert len(session.exec(select(TemperatureReading)).all()) == 1
    assert len(session.exec(select(FeverAlert)).all()) == 1


def test_history_day_by_day_and_csv_export_is_formula_safe(session, w):
    case_id = fi.open_case(session, w.worker, w.home, start=date(2026, 11, 23),
                           now=local(24, 7))
    iso_board.today_board(session, actor=w.worker, now=local(23, 8))
    iso_readings.record_reading(session, actor=w.worker, uuid=f.new_uuid(), case_id=case_id,
                       resident_id=w.people[0].id, value="36.4", source="door",
                       now=local(23, 8, 30))
    garbage = next(i for i in items(session, case_id) if i.kind == ItemKind.garbage_morning)
    iso_checklist.mark_item(session, actor=w.worker, item_id=garbage.id, done=False,
                  reason="=HYPERLINK(\"http://x\")", now=local(23, 8, 40))
    iso_readings.record_reading(session, actor=w.household_actor, uuid=f.new_uuid(), case_id=case_id,
                       resident_id=w.people[1].id, value="37.5", now=local(24, 15))
    detail = iso_history.case_detail(session, actor=w.worker, case_id=case_id, now=local(26, 16))
    assert [d.day for d in detail.history] == [f"2026-11-{d}" for d in (23, 24, 25, 26)]
    assert [d.day_no for d in detail.history] == [1, 2, 3, 4]
    # Nobody opened anything on the 25th: the day is there, empty.
    assert detail.history[2].lines == [] and detail.history[3].lines
    first_day = detail.history[0].lines
    assert first_day[0].what == "reading" and first_day[0].value == "36.4"
    assert any(x.what == "garbage_morning" and x.status == "could_not" for x in first_day)
    with pytest.raises(Denied):
        iso_history.history_csv(session, actor=w.worker, case_id=case_id)
    text = iso_history.history_csv(session, actor=w.admin, case_id=case_id)
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    assert "37.5" in text and "2026-11-24" in text
    assert iso_history.csv_safe("-1+1") == "'-1+1" and iso_history.csv_safe("36.6") == "36.6"


def test_isolation_counts_for_the_daily_report(session, w):
    a = fi.open_case(session, w.worker, w.home, start=date(2026, 11, 10), now=local(24, 9))
    fi.open_case(session, w.worker, w.other_home, start=date(2026, 11, 24), now=local(24, 9))
    iso.release_case(session, actor=w.worker, case_id=a, now=local(24, 10))
    community_id = w.worker.community_id
    today = iso_history.isolation_counts(session, community_id=community_id, day=date(2026, 11, 24))
    assert today == {"under_isolation": 1, "people_under_isolation": 1, "new_today": 1,
                     "released_today": 1, "closed_other_today": 0}
    yesterday = iso_history.isolation_counts(session, community_id=community_id,
                                     day=date(2026, 11, 23))
    assert yesterday["under_isolation"] == 1 and yesterday["people_under_isolation"] == 2
    assert yesterday["new_today"] == 0 and yesterday["released_today"] == 0
    assert iso_history.isolation_counts(session, community_id=community_id + 1,
                                day=date(2026, 11, 24))["under_isolation"] == 0


def test_the_form_finds_a_household_by_its_door_code_in_scope_only(session, w):
    form = iso.new_case_form(session, actor=w.worker, code=w.home.code, now=local(24, 9))
    assert form.household_id == w.home.id and form.open_case_id == 0
    assert [r.name for r in form.residents] == [p.name for p in w.people]
    assert form.today == "2026-11-24"
    with pytest.raises(Denied):
        iso.new_case_form(session, actor=w.worker, code=w.far_home.code)
    with pytest.raises(ServiceError) as caught:
        iso.new_case_form(session, actor=w.worker, code="NOPE")
    assert caught.value.key == "isolation.no_such_code"
    case_id = fi.open_case(session, w.worker, w.home)
    assert iso.new_case_form(session, actor=w.admin, household_id=w.home.id).open_case_id == case_id


def test_the_board_reads_in_a_fixed_number_of_queries(session, w, engine):
    from sqlalchemy import event

    def queries_for_board() -> int:
        seen = []

        def count(*_args) -> None:
            seen.append(1)

        event.listen(engine, "before_cursor_execute", count)
        try:
            iso_board.today_board(session, actor=w.admin, now=local(24, 9))
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(seen)

    homes = session.exec(select(Household).order_by(Household.id)).all()
    fi.open_case(session, w.worker, homes[0], now=local(24, 7))
    iso_board.today_board(session, actor=w.admin, now=local(24, 9))  # today's items exist now
    one = queries_for_board()
    for home in homes[1:6]:
        fi.open_case(session, w.admin, home, now=local(24, 7))
    iso_board.today_board(session, actor=w.admin, now=local(24, 9))
    six = queries_for_board()
    assert len(iso_board.today_board(session, actor=w.admin, now=local(24, 9)).cases) == 6
    assert six == one
