"""The household's page and its correction (services.isolation.household), SQLite and PG.

A reading is saved at the third tap with its client UUID (a replay records once); for a
while the household may void its own reading (never deleted), which unticks the slot,
drops out of the board and closes the fever alert it raised, recorded as `corrected`.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from community_app.i18n import tr
from community_app.models import ChecklistItem, FeverAlert, TemperatureReading
from community_app.services.errors import Denied, ServiceError
from community_app.services.isolation import board as iso_board
from community_app.services.isolation import cases as iso
from community_app.services.isolation import history as iso_history
from community_app.services.isolation import household as iso_household
from community_app.services.isolation import readings as iso_readings
from community_app.settings import Settings
from tests import factories as f
from tests.isolation import factories as fi
from tests.isolation.factories import local


@pytest.fixture
def case_id(session, w):
    return fi.open_case(session, w.worker, w.home, now=local(24, 7))


def report(session, w, case_id: int, value: str, at: datetime, *, uuid: str = "",
           person: int = 0) -> iso_readings.ReadingResult:
    return iso_readings.record_reading(
        session, actor=w.household_actor, uuid=uuid or f.new_uuid(), case_id=case_id,
        resident_id=person or w.people[0].id, value=value, now=at)


def void(session, w, reading_id: int, at: datetime, actor=None) -> iso_household.VoidResult:  # noqa: ANN001
    return iso_household.void_reading(session, actor=actor or w.household_actor,
                                      reading_id=reading_id, now=at)


def morning_item(session, case_id: int, resident_id: int) -> ChecklistItem:
    return session.exec(select(ChecklistItem).where(
        ChecklistItem.case_id == case_id,
        ChecklistItem.key == f"temp_morning:{resident_id}")).one()


def test_three_tap_save_is_recorded_once_and_offered_for_correction(session, w, case_id):
    uuid = f.new_uuid()
    first = report(session, w, case_id, "36.6", local(24, 9), uuid=uuid)
    again = report(session, w, case_id, "36.6", local(24, 9, 0), uuid=uuid)  # a double tap
    assert again.id == first.id and first.value == "36.6" and not first.fever
    assert len(session.exec(select(TemperatureReading)).all()) == 1
    assert morning_item(session, case_id, w.people[0].id).status == "done"
    view = iso_household.household_case(session, actor=w.household_actor, now=local(24, 9, 5))
    me = view.people[0]
    assert (me.recent_id, me.recent_value, me.recent_fever) == (first.id, "36.6", False)
    assert view.people[1].recent_id == 0
    # After the window the card no longer offers the correction.
    later = iso_household.household_case(session, actor=w.household_actor,
                                         now=local(24, 9, 11))
    assert later.people[0].recent_id == 0 and later.people[0].readings


def test_void_within_the_window_keeps_the_row_and_counts_nothing(session, w, case_id):
    person = w.people[0].id
    typo = report(session, w, case_id, "39.6", local(24, 9))
    result = void(session, w, typo.id, local(24, 9, 8))
    assert (result.resident_id, result.value, result.alert_closed) == (person, "39.6", True)
    row = session.get(TemperatureReading, typo.id)
    assert row.voided_at is not None and row.voided_by_id == w.household_actor.user_id
    stamp = row.voided_at
    again = void(session, w, typo.id, local(24, 9, 9))  # a replay changes nothing
    assert again.value == "39.6" and session.get(TemperatureReading, typo.id).voided_at == stamp
    # Not counted: the slot is due again (and overdue after 10:00), no last value, no alert.
    item = morning_item(session, case_id, person)
    assert item.status == "due" and item.note == "" and item.done_by_id is None
    board = iso_board.today_board(session, actor=w.worker, now=local(24, 10, 30))
    assert board.alerts == [] and board.cases[0].people[0].last == ""
    morning = [i for i in board.cases[0].due if i.kind == "temp_morning"]
    assert len(morning) == 2 and all(i.overdue for i in morning)
    view = iso_household.household_case(session, actor=w.household_actor, now=local(24, 9, 9))
    assert view.people[0].readings == [] and view.people[0].recent_id == 0
    # Still in the case history, struck through, with who corrected the alert.
    lines = [line for day in iso_history.case_detail(
        session, actor=w.worker, case_id=case_id, now=local(24, 10)).history
        for line in day.lines]
    assert [(x.value, x.status) for x in lines if x.what == "reading"] == [("39.6", "voided")]
    assert [(x.value, x.status) for x in lines if x.what == "alert"] == [("39.6", "corrected")]


def test_the_corrected_value_ticks_the_slot_and_a_fever_raises_its_own_alert(session, w,
                                                                              case_id):
    person = w.people[0].id
    typo = report(session, w, case_id, "36.6", local(24, 9))
    void(session, w, typo.id, local(24, 9, 1))
    fixed = report(session, w, case_id, "37.8", local(24, 9, 2))
    assert fixed.fever
    item = morning_item(session, case_id, person)
    assert item.status == "done" and item.note == "37.8 °C"
    alerts = iso_readings.open_alerts(session, actor=w.worker)
    assert [a.value for a in alerts] == ["37.8"]
    board = iso_board.today_board(session, actor=w.worker, now=local(24, 9, 3))
    assert board.cases[0].people[0].last == "37.8" and board.cases[0].people[0].fever


def test_voiding_one_of_two_readings_keeps_the_slot_ticked_by_the_other(session, w, case_id):
    person = w.people[0].id
    good = report(session, w, case_id, "36.5", local(24, 8))
    typo = report(session, w, case_id, "38.5", local(24, 9))
    void(session, w, typo.id, local(24, 9, 2))
    item = morning_item(session, case_id, person)
    assert item.status == "done" and item.note == "36.5 °C"
    board = iso_board.today_board(session, actor=w.worker, now=local(24, 9, 3))
    assert board.cases[0].people[0].last == "36.5" and board.alerts == []
    assert session.get(TemperatureReading, good.id).voided_at is None


def test_void_refused_after_the_window_and_the_window_is_configurable(session, w, case_id,
                                                                      monkeypatch):
    first = report(session, w, case_id, "36.6", local(24, 9))
    with pytest.raises(ServiceError) as caught:
        void(session, w, first.id, local(24, 9, 10).replace(second=1))
    assert caught.value.key == "isolation.correct_too_late"
    message = tr(caught.value.key, "en", **caught.value.params)
    assert "10 minutes" in message
    assert session.get(TemperatureReading, first.id).voided_at is None
    monkeypatch.setenv("ISOLATION_CORRECT_MINUTES", "30")
    monkeypatch.setattr(iso_household, "settings", Settings())
    void(session, w, first.id, local(24, 9, 25))
    assert session.get(TemperatureReading, first.id).voided_at is not None


def test_void_refused_for_another_household_staff_and_staff_readings(session, w, case_id):
    theirs = fi.open_case(session, w.worker, w.other_home, now=local(24, 7))
    their_person = fi.resident_ids(session, w.other_home)[0]
    their_reading = iso_readings.record_reading(
        session, actor=w.other_household_actor, uuid=f.new_uuid(), case_id=theirs,
        resident_id=their_person, value="38.0", now=local(24, 9))
    mine = report(session, w, case_id, "36.6", local(24, 9))
    by_phone = iso_readings.record_reading(
        session, actor=w.worker, uuid=f.new_uuid(), case_id=case_id,
        resident_id=w.people[1].id, value="36.4", now=local(24, 9))
    session.commit()
    crafted = [
        (w.household_actor, their_reading.id),  # another household's reading
        (w.household_actor, by_phone.id),  # what the worker recorded by phone
        (w.household_actor, 999999),
        (w.household_actor, "1"),
        (w.household_actor, True),
        (w.other_household_actor, mine.id),
        (w.worker, mine.id),  # staff do not void through the household's door
        (w.admin, mine.id),
    ]
    for actor, reading_id in crafted:
        with pytest.raises(Denied):
            void(session, w, reading_id, local(24, 9, 2), actor=actor)
    assert session.exec(select(TemperatureReading).where(
        TemperatureReading.voided_at.is_not(None))).all() == []
    alert = session.exec(select(FeverAlert)).one()
    assert alert.action is None


def test_an_alert_a_worker_already_acted_on_keeps_that_action(session, w, case_id):
    typo = report(session, w, case_id, "38.8", local(24, 9))
    alert = iso_readings.open_alerts(session, actor=w.worker)[0]
    iso_readings.act_on_alert(session, actor=w.worker, alert_id=alert.id,
                              action="doctor_called", now=local(24, 9, 3))
    result = void(session, w, typo.id, local(24, 9, 5))
    assert not result.alert_closed
    assert session.get(FeverAlert, alert.id).action == "doctor_called"


def test_staff_cannot_record_the_households_correction(session, w, case_id):
    report(session, w, case_id, "38.1", local(24, 9))
    alert = iso_readings.open_alerts(session, actor=w.worker)[0]
    with pytest.raises(ServiceError) as caught:
        iso_readings.act_on_alert(session, actor=w.worker, alert_id=alert.id,
                                  action="corrected")
    assert caught.value.key == "err.bad_request"
    assert session.get(FeverAlert, alert.id).action is None


def test_a_closed_case_accepts_no_correction(session, w, case_id):
    reading = report(session, w, case_id, "36.6", local(24, 9))
    iso.close_case(session, actor=w.worker, case_id=case_id, reason="hospital",
                   now=local(24, 9, 1))
    with pytest.raises(ServiceError) as caught:
        void(session, w, reading.id, local(24, 9, 2))
    assert caught.value.key == "isolation.case_closed"
