"""Submitting the daily report: a frozen snapshot, corrections as versions with a diff,
late after the deadline, and nobody reaching another community's or subdistrict's."""

from __future__ import annotations

from datetime import UTC, time, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import select

from community_app.models import ReportSnapshot
from community_app.services import report, report_submit
from community_app.services.clock import local_day
from community_app.services.errors import Denied, ServiceError
from community_app.services.reporting import rollup, snapshots
from tests.factories_survey import households, visit
from tests.reporting.conftest import DAY

BEFORE = report.cutoff_at(DAY, time(15, 0)).astimezone(UTC)  # 15:00 Shanghai
LATE = report.cutoff_at(DAY, time(18, 0)).astimezone(UTC)


def tomorrow():
    """Its 16:00 cut-off is still ahead, so everything recorded in the test counts."""
    return local_day() + timedelta(days=1)


def test_submit_freezes_the_numbers_and_later_data_does_not_change_them(session, st):
    homes = households(session, st.w.mine)
    visit(session, st.w, homes[0], "door")
    sent = report_submit.submit(session, actor=st.w.admin, day=tomorrow())
    session.commit()
    assert sent.version == 1 and sent.numbers.reached == 1 and sent.numbers.households == 10
    assert sent.numbers.compounds and sent.submitted_by and not sent.late
    visit(session, st.w, homes[1], "door")  # more work after the report went up
    visit(session, st.w, homes[2], "door")
    assert report.daily_report(session, actor=st.w.admin, day=tomorrow()).total.reached == 3
    views = snapshots.versions(session, actor=st.officer, community_id=st.mine.id,
                               day=tomorrow())
    assert [v.numbers.reached for v in views] == [1]
    assert views[0].numbers == sent.numbers
    up = rollup.rollup(session, actor=st.officer, day=tomorrow())
    assert next(r for r in up.rows if r.community_id == st.mine.id).reached == 1


def test_a_resubmit_is_a_correction_with_its_reason_and_diff(session, st):
    homes = households(session, st.w.mine)
    report_submit.submit(session, actor=st.w.admin, day=tomorrow())
    session.commit()
    visit(session, st.w, homes[0], "door")
    with pytest.raises(ServiceError):  # a correction needs its reason
        report_submit.submit(session, actor=st.w.admin, day=tomorrow())
    v2 = report_submit.submit(session, actor=st.w.admin, day=tomorrow(), reason="补录一户")
    session.commit()
    assert v2.version == 2 and v2.reason == "补录一户"
    assert ("reached", 0, 1) in {(d.key, d.before, d.after) for d in v2.diff}
    view = report_submit.preview(session, actor=st.w.admin, day=tomorrow())
    assert [v.version for v in view.versions] == [1, 2] and view.numbers.reached == 1


def test_correction_diff_from_to(session, st):
    numbers = snapshots.Numbers(households=10, reached=3, returnees=1,
                                compounds=[snapshots.CompoundLine(name="A区", reached=3)])
    snapshots.store(session, actor=st.w.admin, day=DAY, numbers=numbers, cutoff="16:00",
                    round_name="r", now=BEFORE)
    fixed = snapshots.Numbers(households=10, reached=4, returnees=2,
                              compounds=[snapshots.CompoundLine(name="A区", reached=4)])
    with pytest.raises(ServiceError):
        snapshots.store(session, actor=st.w.admin, day=DAY, numbers=fixed, cutoff="16:00",
                        round_name="r", now=LATE)
    v2 = snapshots.store(session, actor=st.w.admin, day=DAY, numbers=fixed, cutoff="16:00",
                         round_name="r", reason="漏报一户", now=LATE)
    session.commit()
    assert v2.version == 2 and v2.reason == "漏报一户" and not v2.late  # v1 was on time
    changed = {(d.key, d.before, d.after) for d in v2.diff}
    assert changed == {("reached", 3, 4), ("returnees", 1, 2), ("A区:reached", 3, 4)}
    views = snapshots.versions(session, actor=st.officer, community_id=st.mine.id, day=DAY)
    assert [v.version for v in views] == [1, 2] and views[0].numbers.reached == 3
    up = rollup.rollup(session, actor=st.officer, day=DAY, now=LATE)
    row = next(r for r in up.rows if r.community_id == st.mine.id)
    assert (row.status, row.version, row.reached, row.returnees) == ("submitted", 2, 4, 2)


def test_frozen_rows_cannot_be_updated_by_the_orm_or_by_sql(session, st):
    snapshots.store(session, actor=st.w.admin, day=DAY, numbers=snapshots.Numbers(reached=3),
                    cutoff="16:00", round_name="r", now=BEFORE)
    session.commit()
    row = session.exec(select(ReportSnapshot)).one()
    row.reached = 99
    session.add(row)
    with pytest.raises(Exception, match="frozen"):
        session.flush()
    session.rollback()
    with pytest.raises(Exception, match="frozen"):
        session.execute(text("UPDATE report_snapshot SET reached = 99"))
    session.rollback()
    assert session.exec(select(ReportSnapshot.reached)).all() == [3]


def test_late_and_pending_in_the_rollup(session, st):
    snapshots.store(session, actor=st.w.admin, day=DAY, numbers=snapshots.Numbers(reached=3),
                    cutoff="16:00", round_name="r", now=BEFORE)
    session.commit()
    early = rollup.rollup(session, actor=st.officer, day=DAY, now=BEFORE)
    assert {r.community: r.status for r in early.rows} == {st.mine.name: "submitted",
                                                            "乙社区": "pending"}
    late = rollup.rollup(session, actor=st.officer, day=DAY, now=LATE)
    assert {r.community: r.status for r in late.rows}["乙社区"] == "late"
    assert (late.submitted, late.late, late.total.reached) == (1, 1, 3)
    assert "远方社区" not in {r.community for r in late.rows}
    sent_late = snapshots.store(session, actor=st.silent_admin, day=DAY,
                                numbers=snapshots.Numbers(), cutoff="16:00", round_name="r",
                                now=LATE)
    assert sent_late.late
    after = rollup.rollup(session, actor=st.officer, day=DAY, now=LATE).rows
    assert {r.community: r.submitted_late for r in after} == {st.mine.name: False,
                                                              "乙社区": True}


def test_nobody_reads_or_submits_outside_their_scope(session, st):
    snapshots.store(session, actor=st.w.admin, day=DAY, numbers=snapshots.Numbers(reached=3),
                    cutoff="16:00", round_name="r", now=BEFORE)
    session.commit()
    for actor, community_id in ((st.far_officer, st.mine.id), (st.silent_admin, st.mine.id),
                                (st.far_admin, st.mine.id), (st.w.worker, st.mine.id)):
        with pytest.raises(Denied):
            snapshots.versions(session, actor=actor, community_id=community_id, day=DAY)
    assert rollup.rollup(session, actor=st.far_officer, day=DAY).rows[0].status != "submitted"
    for actor in (st.w.admin, st.w.worker):
        with pytest.raises(Denied):
            rollup.rollup(session, actor=actor, day=DAY)
    for actor in (st.officer, st.w.worker):  # only a community's admin sends its report
        with pytest.raises(Denied):
            report_submit.submit(session, actor=actor, day=DAY)
        with pytest.raises(Denied):
            snapshots.store(session, actor=actor, day=DAY, numbers=snapshots.Numbers(),
                            cutoff="16:00", round_name="r")
    # an admin's submit always lands on its own community, whatever it asks
    mine = snapshots.store(session, actor=st.far_admin, day=DAY, numbers=snapshots.Numbers(),
                           cutoff="16:00", round_name="r")
    assert mine.community_id == st.far.id


def test_bad_reason_is_refused_and_nothing_stored(session, st):
    snapshots.store(session, actor=st.w.admin, day=DAY, numbers=snapshots.Numbers(),
                    cutoff="16:00", round_name="r", now=BEFORE)
    for bad in ("x" * 201, "a\x00b"):
        with pytest.raises(ServiceError):
            snapshots.store(session, actor=st.w.admin, day=DAY, numbers=snapshots.Numbers(),
                            cutoff="16:00", round_name="r", reason=bad)
    assert len(session.exec(select(ReportSnapshot)).all()) == 1
