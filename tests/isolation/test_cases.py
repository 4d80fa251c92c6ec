"""Isolation cases (services.isolation.cases): days in Asia/Shanghai, opening, extending, closing.

Run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from community_app.models import (
    CaseExtension,
    IsolationCase,
)
from community_app.services import clock
from community_app.services.errors import Denied, ServiceError
from community_app.services.isolation import board as iso_board
from community_app.services.isolation import cases as iso
from community_app.services.isolation import household as iso_household
from community_app.services.isolation import readings as iso_readings
from tests import factories as f
from tests.isolation import factories as fi
from tests.isolation.factories import (
    JUST_AFTER_MIDNIGHT,
    JUST_BEFORE_MIDNIGHT,
    items,
    local,
    utc,
)


def test_days_are_counted_in_shanghai_around_midnight_utc(session, w):
    assert clock.local_day(JUST_AFTER_MIDNIGHT) == date(2026, 11, 24)
    assert clock.local_day(JUST_BEFORE_MIDNIGHT) == date(2026, 11, 23)
    case_id = fi.open_case(session, w.worker, w.home, now=JUST_AFTER_MIDNIGHT)
    case = session.get(IsolationCase, case_id)
    assert case.start_date == date(2026, 11, 24)
    assert iso.end_date(case) == date(2026, 12, 7)
    assert iso.day_number(case, clock.local_day(JUST_AFTER_MIDNIGHT)) == 1
    board = iso_board.today_board(session, actor=w.worker, now=JUST_AFTER_MIDNIGHT)
    assert board.today == "2026-11-24" and board.cases[0].day_no == 1
    assert board.cases[0].end_date == "2026-12-07" and board.cases[0].period == 14


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
