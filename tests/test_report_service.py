"""Daily report arithmetic against what was recorded, at a cut-off in Asia/Shanghai."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from community_app.models import Resident, ResidentFinding, RoundHousehold
from community_app.services import report
from community_app.services.errors import Denied
from community_app.services.survey import rounds as survey
from community_app.services.survey.findings import ResidentIn
from tests import factories as f
from tests.factories_survey import households, world

DAY = date(2026, 11, 21)


@pytest.fixture
def w(session):
    return world(session)


def _at(session, shanghai_hour: int, day: date = DAY) -> None:
    """Move every reach/finding timestamp written so far to this local hour."""
    when = report.cutoff_at(day, time(shanghai_hour, 0)).astimezone(UTC)
    for rh in session.exec(select(RoundHousehold).where(RoundHousehold.reached_at.is_not(None))):
        if rh.reached_at and _fresh(rh.reached_at):
            rh.reached_at = when
            session.add(rh)
    for finding in session.exec(select(ResidentFinding)):
        if _fresh(finding.first_recorded_at):
            finding.first_recorded_at = finding.recorded_at = when
            session.add(finding)
    session.commit()


def _fresh(value: datetime) -> bool:
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.now(UTC) - aware < timedelta(minutes=5)


def _visit(session, w, home, outcome="door", **resident):
    residents = [ResidentIn(name="张三丰", birth_year=1950, **resident)]
    survey.record_visit(session, actor=w.worker, uuid=f.new_uuid(), round_id=w.round.id,
                        household_id=home.id, outcome=outcome, residents=residents)
    session.commit()


def test_report_counts_what_was_recorded_before_the_cutoff(session, w):
    mine = households(session, w.mine)
    _visit(session, w, mine[0], returned_from="武汉", temperature=Decimal("37.9"))
    _visit(session, w, mine[1])
    _at(session, 10, DAY - timedelta(days=1))  # yesterday morning
    _visit(session, w, mine[2], returned_from="上海", return_date=DAY)
    _visit(session, w, mine[3], outcome="not_home")
    _at(session, 15)  # today before the 16:00 cut-off
    _visit(session, w, mine[4], returned_from="北京", return_date=DAY)
    _at(session, 17)  # after the cut-off: tomorrow's news

    rep = report.daily_report(session, actor=w.admin, day=DAY)
    t = rep.total
    assert (t.households, t.reached, t.not_reached) == (10, 3, 7)
    assert (t.residents, t.returnees, t.returnees_new, t.fever) == (3, 2, 1, 1)
    assert t.special == 0 and rep.cutoff == "16:00"
    assert (rep.change.reached, rep.change.returnees, rep.change.residents) == (1, 1, 1)
    assert sum(r.households for r in rep.compounds) == 10
    assert [p.coverage for p in rep.trend][-2:] == [20.0, 30.0]

    later = report.daily_report(session, actor=w.admin, day=DAY, cutoff=time(18, 0))
    assert (later.total.reached, later.total.returnees, later.total.returnees_new) == (4, 3, 2)


def test_new_returnees_are_people_whose_return_date_is_the_day(session, w):
    """今日新增返乡 counts who came back that day, not who was written down that day."""
    mine = households(session, w.mine)
    _visit(session, w, mine[0], returned_from="武汉", return_date=DAY - timedelta(days=1))
    _at(session, 10, DAY - timedelta(days=1))  # recorded yesterday, back yesterday
    _visit(session, w, mine[1], returned_from="上海", return_date=DAY - timedelta(days=7))
    _visit(session, w, mine[2], returned_from="北京", return_date=DAY)
    _visit(session, w, mine[3], returned_from="广州")  # return date unknown
    _at(session, 9)  # all three recorded this morning; only one came back today

    rep = report.daily_report(session, actor=w.admin, day=DAY)
    assert (rep.total.returnees, rep.total.returnees_new) == (4, 1)
    yesterday = report.daily_report(session, actor=w.admin, day=DAY - timedelta(days=1))
    assert (yesterday.total.returnees, yesterday.total.returnees_new) == (1, 1)
    assert rep.change.returnees_new == 0


def test_only_admins_get_the_report(session, w):
    with pytest.raises(Denied):
        report.daily_report(session, actor=w.worker, day=DAY)


def test_report_counts_people_under_home_isolation(session, w):
    from community_app.services.isolation import cases as isolation

    home = households(session, w.mine)[0]
    people = session.exec(select(Resident.id).where(Resident.household_id == home.id)).all()
    isolation.open_case(session, actor=w.worker, uuid=f.new_uuid(), household_id=home.id,
                        resident_ids=list(people), reason="returnee", start_date=DAY)
    session.commit()
    iso = report.daily_report(session, actor=w.admin, day=DAY).isolation
    assert (iso.households, iso.people, iso.new_today, iso.released_today) == (
        1, len(people), 1, 0)
    assert report.daily_report(session, actor=w.admin, day=DAY - timedelta(days=1)).isolation \
        .households == 0
