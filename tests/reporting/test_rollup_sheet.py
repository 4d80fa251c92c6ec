"""The roll-up's Excel rows, its sorting and trend, and the reminder to a late community."""

from __future__ import annotations

import io
from datetime import UTC, time, timedelta

import pytest
from openpyxl import load_workbook

from community_app.services import report
from community_app.services.errors import Denied, ServiceError
from community_app.services.reporting import reminders, rollup, sheet, snapshots
from tests.reporting.conftest import DAY

BEFORE = report.cutoff_at(DAY, time(15, 0)).astimezone(UTC)
LATE = report.cutoff_at(DAY, time(18, 0)).astimezone(UTC)


def _send(session, actor, day, **numbers):
    return snapshots.store(session, actor=actor, day=day, numbers=snapshots.Numbers(**numbers),
                           cutoff="16:00", round_name="r", now=report.cutoff_at(
                               day, time(15, 0)).astimezone(UTC))


def test_excel_has_a_row_per_community_and_the_total(session, st):
    _send(session, st.w.admin, DAY, households=10, reached=4, returnees=2, fever=1)
    up = rollup.rollup(session, actor=st.officer, day=DAY, now=LATE)
    book = load_workbook(io.BytesIO(sheet.rollup_xlsx(up, "zh")))
    rows = [list(r) for r in book.active.iter_rows(values_only=True)]
    assert rows[0][0] == "社区" and "户数" in rows[0]
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name[st.mine.name][1] == "已报" and by_name[st.mine.name][4:7] == [10, 4, 40]
    assert by_name["乙社区"][1] == "逾期未报"
    assert by_name["合计"][4] == 10 and len(rows) == 4
    assert sheet.file_name(up, "en").endswith(".xlsx")


def test_sorting_and_the_trend_over_days(session, st):
    _send(session, st.w.admin, DAY - timedelta(days=1), returnees=1)
    _send(session, st.w.admin, DAY, returnees=3)
    _send(session, st.silent_admin, DAY, returnees=5)
    up = rollup.rollup(session, actor=st.officer, day=DAY, now=LATE)
    assert [r.returnees for r in rollup.sort_rows(up.rows, "returnees", True)] == [5, 3]
    assert [r.returnees for r in rollup.sort_rows(up.rows, "nonsense", False)][0] in (3, 5)
    assert [(p.submitted, p.returnees) for p in up.trend] == [(1, 1), (2, 8)]


def test_a_reminder_reaches_the_late_communitys_admin_until_it_submits(session, st):
    assert not reminders.reminder_card(session, actor=st.silent_admin, day=DAY).show
    reminders.remind(session, actor=st.officer, community_id=st.silent.id, day=DAY, now=LATE)
    card = reminders.reminder_card(session, actor=st.silent_admin, day=DAY)
    assert card.show and card.count == 1 and card.deadline == "17:00"
    assert not reminders.reminder_card(session, actor=st.w.admin, day=DAY).show
    up = rollup.rollup(session, actor=st.officer, day=DAY, now=LATE)
    assert {r.community: r.reminded for r in up.rows}["乙社区"] == 1
    _send(session, st.silent_admin, DAY)
    assert not reminders.reminder_card(session, actor=st.silent_admin, day=DAY).show
    with pytest.raises(ServiceError):  # nothing to chase once it is in
        reminders.remind(session, actor=st.officer, community_id=st.silent.id, day=DAY)
    for actor, cid in ((st.far_officer, st.mine.id), (st.w.admin, st.silent.id)):
        with pytest.raises(Denied):
            reminders.remind(session, actor=actor, community_id=cid, day=DAY)
