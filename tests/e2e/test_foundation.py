"""Foundation flows in Chromium on a 360x640 phone: sign-in per role, errors, logout, language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import AuthSession
from tests.e2e.conftest import PHONE

TABS = {
    "admin": ["nav.home", "nav.survey", "ledger.nav", "nav.staff", "nav.me"],
    "grid_worker": ["nav.home", "nav.survey", "nav.isolation", "nav.me"],
    "volunteer": ["nav.home", "patrol.nav", "errands.nav", "nav.me"],
    "household": ["nav.home", "nav.me"],
    "subdistrict": ["nav.home", "subdistrict.nav_loans"],
}
HOMES = {"admin": "#admin-home", "grid_worker": "#worker-home",
         "volunteer": "#volunteer-home", "household": "#household-home",
         "subdistrict": "#subdistrict-home"}


def staff_login(page: Page, username: str, password: str) -> None:
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#login-submit")


def household_login(page: Page, code: str, pin: str) -> None:
    page.goto("/login/household")
    page.fill("#code", code)
    page.fill("#pin", pin)
    page.click("#household-login-submit")


def login_as(page: Page, demo, role: str) -> None:
    username, secret = demo.logins[role]
    if role == "household":
        household_login(page, username, secret)
    else:
        staff_login(page, username, secret)
    expect(page.locator(HOMES[role])).to_be_visible()


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("role", list(TABS))
def test_each_role_sees_its_own_home_and_tabs(phone: Page, demo, role: str):
    login_as(phone, demo, role)
    tabs = phone.locator("#bottom-nav [data-tab]")
    expect(tabs).to_have_count(len(TABS[role]))
    assert [tabs.nth(i).get_attribute("data-tab") for i in range(tabs.count())] == TABS[role]
    for tab in TABS[role]:
        box = phone.locator(f'#bottom-nav [data-tab="{tab}"]').bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48  # one-thumb targets
    assert no_horizontal_scroll(phone)
    for other, selector in HOMES.items():
        if other != role:
            expect(phone.locator(selector)).to_have_count(0)


def test_household_home_uses_large_text(phone: Page, demo):
    login_as(phone, demo, "household")
    sizes = phone.locator("#household-home .rt-Text").evaluate_all(
        "els => els.map(el => parseFloat(getComputedStyle(el).fontSize))")
    texts = phone.locator("#household-home .rt-Text").all_inner_texts()
    assert sizes and min(sizes) >= 20, list(zip(texts, sizes, strict=False))


def test_wrong_password_shows_an_error_and_stays_signed_out(phone: Page, demo):
    staff_login(phone, "worker", "definitely-wrong")
    expect(phone.locator("#error-message")).to_contain_text("账号或密码不正确")
    expect(phone).to_have_url(re.compile(r"/login/?(\?out=1)?$"))


def test_logout_ends_the_session_on_the_server(phone: Page, browser, demo):
    login_as(phone, demo, "grid_worker")
    token = next(c["value"] for c in phone.context.cookies() if c["name"] == "sw_session")
    phone.goto("/me")
    phone.click("#logout")
    expect(phone).to_have_url(re.compile(r"/login/?(\?out=1)?$"))
    # A deliberate sign-out is not an expired session (issue 12 item 8).
    expect(phone.locator("#notice-message")).to_contain_text("已退出登录")
    expect(phone.locator("#error-message")).to_have_count(0)
    with Session(demo.engine) as session:
        ended = [r.ended_at for r in session.exec(select(AuthSession)).all()]
    assert ended and all(e is not None for e in ended[-1:])
    # Someone who kept the old token can no longer act with it.
    thief = browser.new_context(base_url=demo.app.base_url, **PHONE)
    thief.add_cookies([{"name": "sw_session", "value": token, "url": demo.app.base_url}])
    page = thief.new_page()
    page.goto("/buildings")
    expect(page).to_have_url(re.compile(r"/login/?(\?out=1)?$"))
    expect(page.locator("#error-message")).to_contain_text("登录已过期")
    thief.close()


def test_signed_out_visitor_is_sent_to_login(phone: Page, demo):
    phone.goto("/staff")
    expect(phone).to_have_url(re.compile(r"/login/?(\?out=1)?$"))


def test_language_switch_works_and_persists(phone: Page, demo):
    phone.goto("/login")
    expect(phone.locator("#login-submit")).to_have_text("登录")
    phone.locator("#lang-switch").get_by_role("radio", name="EN").click()
    expect(phone.locator("#login-submit")).to_have_text("Sign in")
    phone.reload()
    expect(phone.locator("#login-submit")).to_have_text("Sign in")
    staff_login(phone, "volunteer", "wrong-password")
    expect(phone.locator("#error-message")).to_contain_text("Wrong username or password")
    phone.locator("#lang-switch").get_by_role("radio", name="中文").click()
    expect(phone.locator("#login-submit")).to_have_text("登录")


def test_session_cookie_is_httponly_and_never_reaches_page_javascript(phone: Page, demo):
    frames: list[str] = []
    phone.on("websocket", lambda ws: ws.on(
        "framereceived", lambda data: frames.append(data if isinstance(data, str) else "")))
    login_as(phone, demo, "grid_worker")
    cookie = next(c for c in phone.context.cookies() if c["name"] == "sw_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    token = cookie["value"]
    assert len(token) >= 40
    assert token not in phone.evaluate("document.cookie")
    assert "sw_session" not in phone.evaluate("document.cookie")
    storage = phone.evaluate(
        "JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")
    assert token not in storage
    assert token not in phone.url
    # Signed in for real: guarded pages load, also after a client-side navigation.
    phone.goto("/buildings")
    expect(phone.get_by_text("1号楼所在小区 1号楼")).to_be_visible()
    phone.locator('#bottom-nav [data-tab="nav.home"]').click()
    expect(phone.locator(HOMES["grid_worker"])).to_be_visible()
    phone.goto("/me")
    phone.click("#logout")
    expect(phone).to_have_url(re.compile(r"/login/?(\?out=1)?$"))
    assert not [c for c in phone.context.cookies() if c["name"] == "sw_session"]
    assert frames and not [f for f in frames if token in f]
    phone.goto("/buildings")
    expect(phone).to_have_url(re.compile(r"/login/?(\?out=1)?$"))


def test_household_sign_in_and_out_through_the_cookie(phone: Page, demo):
    login_as(phone, demo, "household")
    assert "sw_session" not in phone.evaluate("document.cookie")
    assert any(c["name"] == "sw_session" and c["httpOnly"] for c in phone.context.cookies())
    phone.goto("/me")
    phone.click("#logout")
    expect(phone).to_have_url(re.compile(r"/login/household/?(\?out=1)?$"))
    assert not [c for c in phone.context.cookies() if c["name"] == "sw_session"]
