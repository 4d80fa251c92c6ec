"""A case's history and its CSV (services.isolation.history).

Run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date

import pytest

from community_app.models import ItemKind
from community_app.services.errors import Denied
from community_app.services.isolation import board as iso_board
from community_app.services.isolation import checklist as iso_checklist
from community_app.services.isolation import history as iso_history
from community_app.services.isolation import readings as iso_readings
from tests import factories as f
from tests.isolation import factories as fi
from tests.isolation.factories import (
    items,
    local,
)


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
