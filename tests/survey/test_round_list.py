"""Several rounds open at once (issue 12 item 1): a re-visit of one compound beside the
community's round hides nothing, and every screen names the round it shows."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from community_app.models import (
    Building,
    Community,
    Compound,
    Household,
    Outcome,
    RoundHousehold,
)
from community_app.services import report, round_cover, worker_today
from community_app.services.errors import Denied
from community_app.services.ledger import roster_import, search
from community_app.services.ledger.filters import LedgerFilter
from community_app.services.survey import coverage, current, visits
from community_app.services.survey import rounds as survey
from community_app.services.survey.findings import ResidentIn
from tests import factories as f
from tests.factories_survey import households, visit
from tests.ledger import factories as fl

DAY = date(2026, 11, 21)


def _revisit(session, w, name: str = "琅山复查") -> int:
    """A second round over the worker's compound only (1号楼所在小区: 6 households)."""
    opened = current.open_round(session, actor=w.admin, uuid=f.new_uuid(), name=name,
                                start_date=DAY, compound_ids=[w.mine.compound_id])
    session.commit()
    return opened.round_id


def _reach(session, w, n: int) -> None:
    for home in households(session, w.mine)[:n]:
        visit(session, w, home, Outcome.door)


def test_a_revisit_keeps_the_community_round_as_the_report_and_ledger_default(session, w):
    _reach(session, w, 2)
    revisit = _revisit(session, w)
    daily = report.daily_report(session, actor=w.admin, day=DAY)
    # Today's main counted the newest round: 6 households, 0 reached.
    assert (daily.round_name, daily.total.households) == ("第二轮摸排", 10)
    assert daily.round_id == w.round.id
    assert {r.name for r in daily.rounds} == {"第二轮摸排", "琅山复查"}
    picked = report.daily_report(session, actor=w.admin, day=DAY, round_id=revisit)
    assert (picked.round_name, picked.total.households) == ("琅山复查", 6)
    page = search.search(session, actor=w.admin, filters=LedgerFilter(), page=1, page_size=50)
    assert page.round_name == "第二轮摸排"
    assert all(row.status for row in page.rows), "nobody is marked 不在本轮"
    screen = search.open_ledger(session, actor=w.admin, filters=LedgerFilter())
    assert [r.name for r in screen.rounds] == ["琅山复查", "第二轮摸排"]
    home = current.home(session, actor=w.admin)
    assert (home.round_id, home.round_name) == (w.round.id, "第二轮摸排")
    assert [r.id for r in home.rounds] == [w.round.id, revisit]


def test_the_building_shows_the_revisit_by_default_and_the_community_round_on_request(
        session, w):
    _reach(session, w, 2)
    revisit = _revisit(session, w)
    grid = current.building(session, actor=w.worker, building_id=w.mine.id)
    assert (grid.round_id, grid.round_name, grid.done, grid.total) == (revisit, "琅山复查", 0, 6)
    assert [r.name for r in grid.rounds] == ["琅山复查", "第二轮摸排"]
    # Today's main showed the newest round only: the community round's 2/6 was gone.
    community = current.building(session, actor=w.worker, building_id=w.mine.id,
                                 round_id=w.round.id)
    assert (community.round_name, community.done, community.total) == ("第二轮摸排", 2, 6)
    mine = current.home(session, actor=w.worker, round_id=w.round.id)
    assert [(p.reached, p.total) for p in mine.progress] == [(2, 6)]
    # The other worker's compound is not in the re-visit: only the community round shows.
    theirs = current.building(session, actor=w.other, building_id=w.theirs.id, round_id=revisit)
    assert (theirs.round_id, [r.id for r in theirs.rounds]) == (w.round.id, [w.round.id])
    assert [r.id for r in current.home(session, actor=w.other).rounds] == [w.round.id]


def test_a_visit_is_saved_in_the_round_its_form_names(session, w):
    revisit = _revisit(session, w)
    home = households(session, w.mine)[3]
    form = current.visit_form(session, actor=w.worker, household_id=home.id, round_id=w.round.id)
    assert (form.round_id, form.round_name) == (w.round.id, "第二轮摸排")
    saved = visits.save_visit(session, actor=w.worker, uuid=f.new_uuid(), household_id=home.id,
                              outcome=Outcome.door, round_id=w.round.id,
                              residents=[ResidentIn(name="张三丰", birth_year=1950)])
    session.commit()
    assert (saved.round_id, saved.done, saved.total) == (w.round.id, 1, 6)
    status = dict(session.exec(select(RoundHousehold.round_id, RoundHousehold.status)
                               .where(RoundHousehold.household_id == home.id)).all())
    assert status == {w.round.id: "reached", revisit: "pending"}
    # A form without a round (queued offline before): the household's default round.
    saved = visits.save_visit(session, actor=w.worker, uuid=f.new_uuid(), household_id=home.id,
                              outcome=Outcome.not_home)
    assert saved.round_id == revisit
    session.commit()
    names = [(i.round_name, i.household_id) for i in current.followups(session, actor=w.worker)]
    assert names == [("琅山复查", home.id)]
    assert worker_today.worker_today(session, actor=w.worker).followups == 1


def test_rounds_are_listed_with_progress_and_closing_one_keeps_the_other(session, w):
    _reach(session, w, 3)
    for _ in range(3):
        visit(session, w, households(session, w.mine)[5], Outcome.not_home)
    revisit = _revisit(session, w)
    listed = current.home(session, actor=w.admin).history
    assert [(r.name, r.open, r.total, r.reached, r.escalated, r.community) for r in listed] == [
        ("琅山复查", True, 6, 0, 0, False), ("第二轮摸排", True, 10, 3, 1, True)]
    assert (listed[0].compounds, listed[1].covers_all) == (["1号楼所在小区"], True)
    survey.close_round(session, actor=w.admin, round_id=revisit)
    session.commit()
    home = current.home(session, actor=w.admin, round_id=revisit)
    assert home.round_id == w.round.id, "a closed round is not shown as open"
    assert [(r.name, r.open) for r in home.history] == [("第二轮摸排", True), ("琅山复查", False)]
    grid = current.building(session, actor=w.worker, building_id=w.mine.id)
    assert (grid.round_id, grid.done) == (w.round.id, 3)


def test_the_community_round_is_the_one_over_the_whole_community(session, w):
    assert round_cover.community_round_id(session, community_id=w.admin.community_id) == w.round.id
    revisit = _revisit(session, w)
    survey.close_round(session, actor=w.admin, round_id=w.round.id)
    session.commit()
    # With only the re-visit open, it is the community's round (the most covering one).
    assert round_cover.community_round_id(session, community_id=w.admin.community_id) == revisit
    assert report.daily_report(session, actor=w.admin, day=DAY).round_name == "琅山复查"


def test_opening_a_round_over_buildings_without_a_worker_names_them(session, w):
    f.building(session, session.get(Community, w.admin.community_id), "9号楼", floors=1,
               units=1, rooms=1)
    session.commit()
    opened = current.open_round(session, actor=w.admin, uuid=f.new_uuid(), name="全面复查",
                                start_date=DAY)
    assert opened.unassigned == ["9号楼所在小区 9号楼"]
    assert current.open_round(session, actor=w.admin, uuid=f.new_uuid(), name="一栋",
                              start_date=DAY, compound_ids=[w.mine.compound_id]).unassigned == []


def _rounds_of(session, compound_name: str, room: str) -> set[int]:
    return set(session.exec(
        select(RoundHousehold.round_id)
        .join(Household, Household.id == RoundHousehold.household_id)
        .join(Building, Building.id == Household.building_id)
        .join(Compound, Compound.id == Building.compound_id)
        .where(Compound.name == compound_name, Household.room == room)
    ).all())


def test_households_imported_while_rounds_are_open_join_them_in_the_same_apply(session, w):
    revisit = _revisit(session, w)
    mine = session.get(Compound, w.mine.compound_id)
    content = fl.csv_bytes([
        fl.roster_row("401", "新住户", "13700000009", compound=mine.name, building="1号楼",
                      floor="4"),
        fl.roster_row("101", "新小区", "13700000008", compound="新建小区", building="1号楼"),
    ])
    batch = roster_import.dry_run(session, actor=w.admin, filename="r.csv", content=content)
    roster_import.apply(session, actor=w.admin, batch_uuid=batch.batch_uuid, content=content)
    session.commit()
    # A new flat in the re-visited compound joins both rounds; a new compound joins the
    # round over the whole community only.
    assert _rounds_of(session, mine.name, "401") == {w.round.id, revisit}
    assert _rounds_of(session, "新建小区", "101") == {w.round.id}
    assert report.daily_report(session, actor=w.admin, day=DAY).total.households == 12


def test_the_admin_home_coverage_counts_the_community_round_per_worker(session, w):
    _reach(session, w, 2)
    for _ in range(3):
        visit(session, w, households(session, w.theirs)[0], Outcome.not_home, actor=w.other)
    _revisit(session, w)
    cov = coverage.coverage(session, actor=w.admin)
    assert (cov.round_name, cov.total, cov.reached, cov.not_reached, cov.escalated) == (
        "第二轮摸排", 10, 2, 8, 1)
    assert [(p.name, p.reached, p.total) for p in cov.workers] == [
        ("grid_worker 测试", 0, 4), ("grid_worker 测试", 2, 6)]
    with pytest.raises(Denied):  # a worker never sees the community's numbers
        coverage.coverage(session, actor=w.worker)
