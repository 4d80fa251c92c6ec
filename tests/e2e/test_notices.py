"""小喇叭 on a 360x640 zh-CN phone: the admin's notice reaches a household's home, is read
aloud (the browser's speech synthesis), copied, marked read, and the admin sees the count."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import Community, Household, NoticeRead, Role, User
from community_app.services.notices import broadcast, compose
from tests import factories as f
from tests.e2e.conftest import PHONE
from tests.e2e.offline import KEPT, go_offline, reopen
from tests.e2e.test_foundation import household_login, staff_login

PIN = "246810"
TEXT = "明天上午8点在3号楼下做核酸，请带好身份证。"
# The browser's speech synthesis, recorded instead of spoken (headless Chromium has no voice).
SPEECH_STUB = """
window.__spoken = [];
Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {
  speak: function (u) { window.__spoken.push({text: u.text, lang: u.lang}); },
  cancel: function () {}}});
"""
# A browser with neither the clipboard API nor execCommand('copy').
NO_CLIPBOARD = """
Object.defineProperty(navigator, 'clipboard', {configurable: true, value: undefined});
document.execCommand = function () { return false; };
"""


def _community(demo) -> tuple[str, str, str, str]:
    """A community of its own (the shared demo's homes stay as other tests expect): two
    compounds of 4 households each, an admin, one household login in each compound."""
    with Session(demo.engine) as session:
        comm = f.community(session, "小喇叭社区")
        a = f.building(session, comm, "东院1号楼", floors=2, units=1, rooms=2)
        b = f.building(session, comm, "西院1号楼", floors=2, units=1, rooms=2)
        admin = f.user(session, comm, Role.admin, f"notices-{f.new_uuid()[:6]}")
        codes = []
        for building in (a, b):
            home = session.exec(select(Household).where(Household.building_id == building.id)
                                .order_by(Household.id)).first()
            f.user(session, comm, Role.household, home.code, password=PIN,
                   household_id=home.id)
            codes.append(home.code)
        session.commit()
        return admin.username, codes[0], codes[1], "东院1号楼所在小区"


def _phone(browser, demo) -> Page:
    context = browser.new_context(base_url=demo.app.base_url, **PHONE)
    context.set_default_timeout(20000)
    return context.new_page()


def test_a_notice_reaches_a_household_is_read_and_the_admin_sees_the_count(browser, demo):
    admin_name, code_east, code_west, east = _community(demo)
    admin = _phone(browser, demo)
    staff_login(admin, admin_name, f.PASSWORD)
    expect(admin.locator("#admin-home")).to_be_visible()
    admin.click("#notices-admin-card")
    expect(admin.locator("#notice-text")).to_be_visible()
    admin.fill("#notice-text", TEXT)
    admin.locator('input[name="whole"]').uncheck()
    admin.locator(f'[data-compound="{east}"] input').check()
    admin.click("#notice-publish")
    listed = admin.locator("[data-admin-notice]").first
    expect(listed).to_contain_text(TEXT)
    expect(listed.locator(f'[data-read-count="{east}"]')).to_contain_text("0 / 4")
    expect(listed.locator("[data-read-count]")).to_have_count(1)  # the east compound only

    home = _phone(browser, demo)
    home.context.add_init_script(SPEECH_STUB)
    home.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                   origin=demo.app.base_url)
    household_login(home, code_east, PIN)
    notice = home.locator("#household-notices [data-notice]").first
    expect(notice.locator("[data-notice-text]")).to_have_text(TEXT)
    box = notice.locator("[data-notice-text]").bounding_box()
    assert box is not None and box["width"] <= 360

    notice.get_by_role("button", name="朗读").click()
    home.wait_for_function("window.__spoken.length > 0")
    assert home.evaluate("window.__spoken") == [{"text": TEXT, "lang": "zh-CN"}]

    notice.get_by_role("button", name="复制").click()
    expect(notice.locator("[data-sw-notice-status]")).to_contain_text("已复制")
    assert home.evaluate("navigator.clipboard.readText()") == TEXT

    read = notice.get_by_role("button", name="我已阅读")
    assert read.bounding_box()["height"] >= 44
    read.click()
    expect(notice.locator("[data-notice-read]")).to_have_text("已阅读 ✓")
    home.reload()  # still read after a reload: it is the server's record
    expect(home.locator("#household-notices [data-notice-read]")).to_be_visible()

    admin.reload()
    expect(admin.locator("[data-admin-notice]").first.locator(
        f'[data-read-count="{east}"]')).to_contain_text("1 / 4")

    # A household of the other compound does not get it.
    west = _phone(browser, demo)
    household_login(west, code_west, PIN)
    expect(west.locator("#household-home")).to_be_visible()
    expect(west.locator("#household-notices")).to_have_count(0)
    for page in (admin, home, west):
        page.context.close()


def _reads(demo, notice_id: int) -> int:
    with Session(demo.engine) as session:
        return len(session.exec(select(NoticeRead).where(NoticeRead.notice_id == notice_id))
                   .all())


def test_i_have_read_it_tapped_with_no_signal_counts_once_when_it_returns(browser, demo):
    admin_name, code_east, _, _ = _community(demo)
    with Session(demo.engine) as session:
        admin = session.exec(select(User).where(User.username == admin_name)).one()
        notice_id = compose.create_notice(session, actor=f.actor(admin), uuid=f.new_uuid(),
                                          text="今晚停水，请提前储水。", priority="urgent")
        session.commit()
    home = _phone(browser, demo)
    household_login(home, code_east, PIN)
    notice = home.locator("#household-notices [data-notice]").first
    expect(notice).to_contain_text("紧急")
    go_offline(home)
    read = notice.get_by_role("button", name="我已阅读")
    read.click()
    read.click()  # a second tap: the same form, the same client UUID
    assert home.evaluate(KEPT) == ["notice_read"]
    assert _reads(demo, notice_id) == 0  # nothing reached the server
    home.close()

    page = reopen(home.context, "/")
    expect(page.locator("#notice-message")).to_contain_text("1 个“我已阅读”已发送")
    expect(page.locator("#household-notices [data-notice-read]")).to_be_visible()
    assert _reads(demo, notice_id) == 1
    page.context.close()


def test_a_volunteer_sees_the_notice_and_plays_the_next_broadcast(browser, demo):
    admin_name, _, _, _ = _community(demo)
    with Session(demo.engine) as session:
        admin = session.exec(select(User).where(User.username == admin_name)).one()
        volunteer = f.user(session, session.get(Community, admin.community_id),
                           Role.volunteer, f"loud-{f.new_uuid()[:6]}")
        compose.create_notice(session, actor=f.actor(admin), uuid=f.new_uuid(),
                              text="请大家下楼做核酸。")
        for at, text in (("00:00", "零点广播"), ("23:59", "今晚请开灯。")):
            broadcast.add_slot(session, actor=f.actor(admin), uuid=f.new_uuid(), at=at,
                               text=text)
        session.commit()
        username = volunteer.username
    page = _phone(browser, demo)
    page.context.add_init_script(SPEECH_STUB + NO_CLIPBOARD)
    staff_login(page, username, f.PASSWORD)
    staff = page.locator("#staff-notices")
    expect(staff).to_contain_text("请大家下楼做核酸。")
    upcoming = staff.locator('[data-next-broadcast="23:59"]')
    expect(upcoming).to_contain_text("今晚请开灯。")
    upcoming.get_by_role("button", name="朗读").click()
    page.wait_for_function("window.__spoken.length > 0")
    assert page.evaluate("window.__spoken") == [{"text": "今晚请开灯。", "lang": "zh-CN"}]
    # An old phone that cannot copy: the text is shown selected for a long press.
    upcoming.get_by_role("button", name="复制").click()
    expect(upcoming.locator("[data-sw-notice-status]")).to_contain_text("请长按")
    expect(upcoming.locator("[data-sw-copy-box]")).to_have_value("今晚请开灯。")
    page.context.close()
