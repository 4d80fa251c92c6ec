"""Temperatures and fever alerts (services.isolation.readings).

Run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import select

from community_app.i18n import tr
from community_app.models import (
    FeverAlert,
    TemperatureReading,
)
from community_app.services.errors import Denied, ServiceError
from community_app.services.isolation import board as iso_board
from community_app.services.isolation import readings as iso_readings
from tests import factories as f
from tests.isolation import factories as fi
from tests.isolation.factories import local


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


def test_a_replayed_reading_is_stored_once(session, w):
    case_id = fi.open_case(session, w.worker, w.home, now=local(24, 7))
    uuid = f.new_uuid()
    for _ in range(2):
        iso_readings.record_reading(session, actor=w.household_actor, uuid=uuid, case_id=case_id,
                           resident_id=w.people[0].id, value="38.0", now=local(24, 9))
    assert len(session.exec(select(TemperatureReading)).all()) == 1
    assert len(session.exec(select(FeverAlert)).all()) == 1
