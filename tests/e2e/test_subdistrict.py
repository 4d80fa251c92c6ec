"""The subdistrict (街道) on a 360x640 phone in Chinese (issue 16 items 1 and 4): the officer
signs in, creates a community with its first admin (who then signs in with the password
handed over), and lends a cadre who works in a community for the lent period and is
refused on the first tap after it, with no commit: the period simply ran out."""

from __future__ import annotations

import re
import time
from datetime import timedelta

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import CadreLoan, User, utcnow
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import HOMES, login_as, no_horizontal_scroll, staff_login


def _sign_out(page: Page) -> None:
    page.goto("/subdistrict")
    page.locator("#logout").click()
    expect(page).to_have_url(re.compile(r"/login"))


def test_the_officer_creates_a_community_and_its_first_admin_signs_in(phone: Page, demo):
    login_as(phone, demo, "subdistrict")
    expect(phone).to_have_url(re.compile(r"/subdistrict/?$"))
    expect(phone.locator('[data-community="幸福里社区"]')).to_be_visible()
    assert no_horizontal_scroll(phone)
    phone.locator("#new-community-link").click()
    expect(phone.get_by_label("社区名称")).to_be_visible()
    phone.get_by_label("社区名称").fill("鲁谷新村社区")
    phone.get_by_label("管理员账号").fill("lugu-admin")
    phone.get_by_label("管理员姓名").fill("孙书记")
    phone.get_by_label("管理员手机（可不填）").fill("13911112222")
    phone.locator("#create-community").click()
    expect(phone.locator("#issued-password")).to_be_visible()
    expect(phone.get_by_text("只显示这一次")).to_be_visible()
    password = phone.locator("#issued-password").inner_text().strip()
    assert len(password) >= 10
    phone.locator("#password-written-down").click()
    expect(phone.locator("#issued-password")).to_have_count(0)
    phone.goto("/subdistrict")
    expect(phone.locator('[data-community="鲁谷新村社区"]')).to_be_visible()
    _sign_out(phone)
    staff_login(phone, "lugu-admin", password)
    expect(phone.locator(HOMES["admin"])).to_be_visible()
    expect(phone.locator(HOMES["admin"])).to_contain_text("鲁谷新村社区")


def test_a_lent_cadre_works_for_the_period_and_is_refused_after_it(phone: Page, demo, browser):
    login_as(phone, demo, "subdistrict")
    phone.goto("/subdistrict/loans")
    expect(phone.get_by_label("下沉到的社区")).to_be_visible()
    phone.get_by_label("下沉到的社区").select_option(label="幸福里社区")
    phone.get_by_label("在社区担任").select_option(value="grid_worker")
    phone.get_by_label("登录账号").fill("cadre-e2e")
    phone.get_by_label("姓名").fill("周下沉")
    phone.get_by_label("下沉天数（1–90）").fill("7")
    phone.locator("#lend-submit").click()
    expect(phone.locator("#lent-password")).to_be_visible()
    password = phone.locator("#lent-password").inner_text().strip()
    expect(phone.locator('[data-loan="cadre-e2e"]')).to_contain_text("进行中")

    # The test makes the lent period short: it ends a little from now.
    ends = utcnow() + timedelta(seconds=40)
    with Session(demo.engine) as session:
        user = session.exec(select(User).where(User.username == "cadre-e2e")).one()
        loan = session.exec(select(CadreLoan).where(CadreLoan.user_id == user.id)).one()
        loan.ends_at = ends
        session.add(loan)
        worker = session.exec(select(User).where(User.username == "worker")).one()
        assert worker.community_id == user.community_id  # the demo worker's community
        session.commit()

    cadre = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    try:
        staff_login(cadre, "cadre-e2e", password)
        expect(cadre.locator(HOMES["grid_worker"])).to_be_visible()  # that community's home
        cadre.locator('#bottom-nav [data-tab="nav.survey"]').click()
        expect(cadre).to_have_url(re.compile(r"/survey"))
        expect(cadre.locator("#error-message")).to_have_count(0)
        left = (ends - utcnow()).total_seconds()
        assert left > 0, "the lent period ended before the cadre's first screens were seen"
        time.sleep(left + 1)  # the period's end is now in the past; nothing was committed
        cadre.locator('#bottom-nav [data-tab="nav.home"]').click()
        expect(cadre).to_have_url(re.compile(r"/login"))
        expect(cadre.locator("#error-message")).to_contain_text("登录已过期")
        staff_login(cadre, "cadre-e2e", password)  # and signing in again is refused
        expect(cadre.locator("#error-message")).to_contain_text("下沉工作期")
    finally:
        cadre.context.close()
    phone.goto("/subdistrict/loans")
    expect(phone.locator('[data-loan="cadre-e2e"]')).to_contain_text("已结束")
