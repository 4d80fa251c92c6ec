"""The isolation checklist (services.isolation.checklist): generated per day, supplies, overdue rules.

Run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date

import pytest

from community_app.models import (
    IsolationCase,
    ItemKind,
    ItemStatus,
)
from community_app.services.isolation import board as iso_board
from community_app.services.isolation import checklist as iso_checklist
from tests.isolation import factories as fi
from tests.isolation.factories import (
    items,
    local,
    utc,
)


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


def test_no_items_after_the_last_day(session, w):
    case_id = fi.open_case(session, w.worker, w.home, start=date(2026, 11, 20), period=2,
                           now=local(21, 7))
    case = session.get(IsolationCase, case_id)
    iso_checklist.ensure_checklist(session, case=case, day=date(2026, 11, 22))
    assert items(session, case_id, date(2026, 11, 22)) == []
    board = iso_board.today_board(session, actor=w.worker, now=local(22, 9))
    assert board.cases[0].release_offered
