"""The door notice (issue 12 item 4): the community's phone, which the admin keeps on /me,
is on it; on paper it is the notice alone, no app header, language switch or navigation."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import Household
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import login_as
from tests.e2e.test_survey import open_round


def test_the_admin_sets_the_phone_and_the_printed_notice_shows_it_alone(phone: Page, browser,
                                                                         demo):
    admin = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    open_round(admin, demo, name="通知单测试轮")
    admin.goto("/me")
    admin.fill("#community-phone", "12x")
    admin.click("#save-community-phone")
    expect(admin.locator("#error-message")).to_contain_text("社区电话只能是数字")
    admin.fill("#community-phone", "010-6288 1234")
    admin.click("#save-community-phone")
    expect(admin.locator("#notice-message")).to_contain_text("社区电话已保存")
    admin.context.close()

    with Session(demo.engine) as session:
        home = session.exec(select(Household).where(
            Household.building_id == demo.building_id).order_by(Household.id)).first()
    login_as(phone, demo, "grid_worker")
    phone.goto(f"/survey/notice?h={home.id}")
    expect(phone.locator("#notice-phone")).to_contain_text("010-6288 1234")
    expect(phone.locator("#app-header")).to_be_visible()
    phone.emulate_media(media="print")
    for chrome in ("#app-header", "#bottom-nav", "#lang-switch"):
        expect(phone.locator(chrome)).to_be_hidden()
    expect(phone.locator("#notice-code")).to_be_visible()
    expect(phone.locator("#notice-phone")).to_be_visible()
