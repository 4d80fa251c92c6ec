"""A resident's self-fill with no signal: the form is kept on the phone, survives a closed
tab, and is sent once when the signal returns (no account, no session)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from community_app.models import Household, RoundHousehold, SelfFill, SurveyRound, User
from community_app.services.survey import rounds as survey
from tests import factories as f
from tests.e2e.offline import KEPT, close_framework_toast, go_offline, reopen


@pytest.fixture
def notice(demo) -> Iterator[tuple[int, str]]:
    """Flat 1-502's round record and door-notice code in the open round (one is opened, and
    closed afterwards, when no other test left one open)."""
    with Session(demo.engine) as session:
        admin = f.actor(session.exec(select(User).where(User.username == "admin")).one())
        opened = session.exec(select(SurveyRound).where(SurveyRound.status == "open")).first()
        made = None
        if opened is None:
            made = opened = survey.open_round(session, actor=admin, uuid=f.new_uuid(),
                                              name="离线自填轮", start_date=date(2026, 11, 20))
            session.commit()
        flat = session.exec(select(Household).where(
            Household.building_id == demo.building_id, Household.unit == 1,
            Household.room == "502")).one()
        record = session.exec(select(RoundHousehold).where(
            RoundHousehold.round_id == opened.id, RoundHousehold.household_id == flat.id)).one()
        found, made_id = (record.id, record.notice_code), made and made.id
    yield found
    if made_id:
        with Session(demo.engine) as session:
            survey.close_round(session, actor=admin, round_id=made_id)
            session.commit()


def _fills(demo, record_id: int) -> list[str]:
    with Session(demo.engine) as session:
        return [row.payload for row in session.exec(
            select(SelfFill).where(SelfFill.round_household_id == record_id))]


def test_a_resident_fills_the_form_with_no_signal(browser, demo, notice):
    from tests.e2e.conftest import PHONE

    record_id, code = notice
    resident = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    resident.set_default_timeout(15000)
    resident.goto(f"/f?c={code}")  # no account, no session
    expect(resident.locator("#self-fill-place")).to_contain_text("1-502")
    resident.fill('input[name="r0_name"]', "钱阿姨")
    resident.fill('input[name="r0_birth_year"]', "1952")
    resident.fill('input[name="needs"]', "需要降压药")
    go_offline(resident)
    close_framework_toast(resident)
    resident.click("#self-fill-submit")
    assert resident.evaluate(KEPT) == ["self_fill"]
    assert _fills(demo, record_id) == []  # nothing reached the server
    context = resident.context
    resident.close()  # the tab is gone, and Reflex's queue with it

    page = reopen(context, f"/f?c={code}")
    expect(page.locator("#self-fill-done")).to_be_visible()
    expect(page.locator("#notice-message")).to_contain_text("1 份自填信息已提交")
    (stored,) = _fills(demo, record_id)
    assert "钱阿姨" in stored and "需要降压药" in stored
    page.goto("/manifest.webmanifest")
    assert page.evaluate(KEPT) == []
    page.goto(f"/f?c={code}")
    expect(page.locator("#self-fill-place")).to_contain_text("1-502")
    assert len(_fills(demo, record_id)) == 1  # once
    context.close()
