"""Who reaches which case (services.isolation.access): a household its own, a worker the cases of their buildings.

Run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from community_app.models import TemperatureReading
from community_app.services.errors import Denied
from community_app.services.isolation import access as iso_access
from community_app.services.isolation import board as iso_board
from community_app.services.isolation import cases as iso
from community_app.services.isolation import checklist as iso_checklist
from community_app.services.isolation import history as iso_history
from community_app.services.isolation import household as iso_household
from community_app.services.isolation import readings as iso_readings
from tests import factories as f
from tests.isolation import factories as fi
from tests.isolation.factories import (
    items,
    local,
)


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
