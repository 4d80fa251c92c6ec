"""The rounds on screen (state/survey/index.py, state/report.py, state/home.py): opening
warns about buildings nobody covers, closing asks first, the report picks a round, and the
admin's home shows the community round's coverage (issue 12 items 1 and 2)."""

from __future__ import annotations

from datetime import date

import pytest

from community_app import db
from community_app.models import Community, Outcome, RoundStatus, SurveyRound
from community_app.services.survey import rounds as survey
from community_app.state.base import AppState
from community_app.state.home import HomeState
from community_app.state.report import ReportState
from community_app.state.survey.index import SurveyState
from tests import factories as f
from tests.factories_survey import households, visit, world
from tests.state_harness import call, new_state


@pytest.fixture
def w(engine, session):
    db.use_engine(engine)
    data = world(session)
    admin = session.get(type(data.worker_user), data.admin.user_id)
    token = f.session_token(session, admin)
    session.commit()
    yield data, token
    db.use_engine(None)


def _form(name: str, *compound_ids: int) -> dict:
    return {"uuid": f.new_uuid(), "name": name, "start_date": "2026-11-25",
            "max_attempts": "3", **{f"compound_{c}": "on" for c in compound_ids}}


async def test_opening_a_round_names_the_buildings_without_a_worker(w, session):
    data, token = w
    lonely = f.building(session, session.get(Community, data.admin.community_id), "9号楼",
                        floors=1, units=1, rooms=1)
    session.commit()
    state = await new_state(SurveyState, token=token)
    await call(state, "open_round", _form("九号楼复查", lonely.compound_id))
    base = await state.get_state(AppState)
    assert base.notice.startswith("已开启。有 1 栋楼还没有网格员：9号楼所在小区 9号楼")
    assert "已分给对应网格员" not in base.notice
    await call(state, "open_round", _form("一号楼复查", data.mine.compound_id))
    assert (await state.get_state(AppState)).notice == "已开启，各楼栋住户已分给对应网格员。"
    # The new round is shown; the community round is still open and listed first.
    assert state.round_name == "一号楼复查"
    assert [(r.name, r.open) for r in state.history][-1] == ("第二轮摸排", True)
    assert {r.name for r in state.rounds} == {"第二轮摸排", "九号楼复查", "一号楼复查"}


async def test_closing_a_round_asks_first_and_leaves_the_other_open(w, session):
    data, token = w
    revisit = survey.open_round(session, actor=data.admin, uuid=f.new_uuid(), name="复查",
                                start_date=date(2026, 11, 25),
                                compound_ids=[data.mine.compound_id])
    session.commit()
    state = await new_state(SurveyState, token=token)
    await call(state, "load")
    assert state.round_name == "第二轮摸排"  # the community round, not the newest
    await call(state, "ask_close", revisit.id)
    assert (state.closing_id, state.closing_name) == (revisit.id, "复查")
    session.expire_all()
    assert session.get(SurveyRound, revisit.id).status == RoundStatus.open  # only asked
    await call(state, "cancel_close")
    assert state.closing_id == 0
    await call(state, "ask_close", revisit.id)
    await call(state, "close_round")
    session.expire_all()
    assert session.get(SurveyRound, revisit.id).status == RoundStatus.closed
    assert session.get(SurveyRound, data.round.id).status == RoundStatus.open
    assert [(r.name, r.open) for r in state.history] == [("第二轮摸排", True), ("复查", False)]
    await call(state, "ask_close", revisit.id)  # a closed round has no close button
    assert (await state.get_state(AppState)).error != "" and state.closing_id == 0


async def test_the_report_opens_on_the_community_round_and_picks_another(w, session):
    data, token = w
    visit(session, data, households(session, data.mine)[0], Outcome.door)
    revisit = survey.open_round(session, actor=data.admin, uuid=f.new_uuid(), name="复查",
                                start_date=date(2026, 11, 25),
                                compound_ids=[data.mine.compound_id])
    session.commit()
    state = await new_state(ReportState, token=token)
    await call(state, "load")
    assert (state.round_name, state.total.households) == ("第二轮摸排", 10)
    assert [r.name for r in state.rounds] == ["复查", "第二轮摸排"]
    await call(state, "choose_round", str(revisit.id))
    assert (state.round_name, state.total.households) == ("复查", 6)


async def test_the_admin_home_shows_the_community_rounds_coverage(w, session):
    data, token = w
    for home in households(session, data.mine)[:3]:
        visit(session, data, home, Outcome.door)
    survey.open_round(session, actor=data.admin, uuid=f.new_uuid(), name="复查",
                      start_date=date(2026, 11, 25), compound_ids=[data.mine.compound_id])
    session.commit()
    state = await new_state(HomeState, token=token)
    await call(state, "load")
    cov = state.coverage
    assert (cov.round_name, cov.reached, cov.total, cov.not_reached) == ("第二轮摸排", 3, 10, 7)
    assert sorted((p.reached, p.total) for p in cov.workers) == [(0, 4), (3, 6)]


async def test_the_ledger_opens_on_the_community_round_and_picks_the_revisit(w, session):
    from community_app.state.ledger.ledger import LedgerState

    data, token = w
    revisit = survey.open_round(session, actor=data.admin, uuid=f.new_uuid(), name="复查",
                                start_date=date(2026, 11, 25),
                                compound_ids=[data.mine.compound_id])
    session.commit()
    state = await new_state(LedgerState, token=token)
    await call(state, "load")
    assert (state.round_id, state.round_name) == (data.round.id, "第二轮摸排")
    assert all(r.status for r in state.rows), "nobody is 不在本轮 in the community round"
    await call(state, "choose_round", str(revisit.id))
    assert state.round_name == "复查"
    assert sum(1 for r in state.rows if not r.status) == 4  # 2号楼 is not in the re-visit
    assert f"round_id={revisit.id}" in state.export_query  # the download follows the pick
    await call(state, "choose_round", "999999")
    assert (await state.get_state(AppState)).error != "" and state.round_name == "复查"
