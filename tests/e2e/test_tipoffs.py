"""线索举报 on a 360x640 zh-CN phone: an anonymous tip-off through the public page (no
account), triaged by the admin with a reward, its status checked by receipt code (status
and reply only); and a tip-off sent with no signal is saved once when the page returns."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import Role, TipOff
from tests import factories as f
from tests.e2e.conftest import PHONE
from tests.e2e.offline import KEPT, go_offline, reopen
from tests.e2e.test_foundation import no_horizontal_scroll, staff_login

WHAT = "7号楼2单元有外地返回人员未报备，每天下楼遛狗。"
REPLY = "已核实并上门登记，感谢您的举报。"


def _community(demo) -> tuple[str, str]:
    with Session(demo.engine) as session:
        comm = f.community(session, "举报社区")
        admin = f.user(session, comm, Role.admin, f"tips-{f.new_uuid()[:6]}")
        session.commit()
        return admin.username, comm.uuid


def _phone(browser, demo) -> Page:
    context = browser.new_context(base_url=demo.app.base_url, **PHONE)
    context.set_default_timeout(20000)
    return context.new_page()


def test_anonymous_tip_off_is_triaged_and_its_status_checked_by_receipt(browser, demo):
    admin_name, key = _community(demo)
    reporter = _phone(browser, demo)  # no account, no session
    reporter.goto(f"/tip?c={key}")
    expect(reporter.locator("#tip-what")).to_be_visible()
    expect(reporter.get_by_text("举报社区")).to_be_visible()
    reporter.get_by_label("发生了什么（必填）").fill(WHAT)
    reporter.get_by_label("在哪里").fill("7号楼2单元")
    reporter.get_by_label("什么时候").fill("每天早上7点")
    assert reporter.locator("#tip-send").bounding_box()["height"] >= 44
    reporter.click("#tip-send")
    expect(reporter.locator("#tip-receipt")).to_have_text(re.compile(r"^[A-Z0-9]{8}$"))
    receipt = reporter.locator("#tip-receipt").inner_text()
    assert no_horizontal_scroll(reporter)

    admin = _phone(browser, demo)
    staff_login(admin, admin_name, f.PASSWORD)
    expect(admin.locator("#admin-home")).to_be_visible()
    admin.click("#tipoffs-admin-card")
    tip = admin.locator(f'[data-tip="{receipt}"]')
    expect(tip).to_contain_text(WHAT)
    expect(tip).to_contain_text("待处理")
    expect(tip).to_contain_text("匿名")
    expect(admin.locator("#tip-poster img")).to_be_visible()
    expect(admin.locator("#tip-link")).to_contain_text(f"/tip?c={key}")
    tip.get_by_label("改为").select_option("checking")
    tip.get_by_label("处理记录（内部）").fill("已派网格员去7号楼核实")
    tip.locator('[data-action="triage"]').click()
    expect(tip).to_contain_text("核实中")
    expect(tip).to_contain_text("已派网格员去7号楼核实")
    tip.get_by_label("改为").select_option("confirmed")
    tip.get_by_label("给举报人的回复（公开）").fill(REPLY)
    tip.locator('[data-action="triage"]').click()
    expect(tip).to_contain_text("属实，已处理")
    tip.get_by_label("奖励金额（元）").fill("200")
    tip.get_by_text("已发放", exact=True).click()
    tip.locator('[data-action="reward"]').click()
    expect(tip).to_contain_text("¥200.00")
    expect(admin.locator("#tip-rewards-paid")).to_contain_text("200.00")

    reporter.click("#tip-check")
    reporter.get_by_label("查询码").fill("ZZZZ2222")
    reporter.click("#tip-check-send")
    expect(reporter.locator("#error-message")).to_contain_text("没有找到这个查询码")
    reporter.get_by_label("查询码").fill(receipt.lower())
    reporter.click("#tip-check-send")
    card = reporter.locator("#tip-status-card")
    expect(card).to_contain_text("属实，已处理")
    expect(card).to_contain_text(REPLY)
    page_text = reporter.locator("body").inner_text()
    for private in ("遛狗", "7号楼", "网格员", "200"):
        assert private not in page_text
    for page in (admin, reporter):
        page.context.close()


def _tips(demo, what: str) -> int:
    with Session(demo.engine) as session:
        return len(session.exec(select(TipOff).where(TipOff.what == what)).all())


def test_tip_off_sent_in_a_stairwell_with_no_signal_is_saved_once(browser, demo):
    _, key = _community(demo)
    what = "楼道里有人聚集打牌，没戴口罩。"
    reporter = _phone(browser, demo)
    reporter.goto(f"/tip?c={key}")
    expect(reporter.locator("#tip-what")).to_be_visible()
    go_offline(reporter)
    reporter.get_by_label("发生了什么（必填）").fill(what)
    reporter.click("#tip-send")
    reporter.click("#tip-send")  # a second tap: the same form, the same client UUID
    assert reporter.evaluate(KEPT) == ["tipoff"]
    assert _tips(demo, what) == 0
    reporter.close()

    page = reopen(reporter.context, f"/tip?c={key}")
    expect(page.locator("#notice-message")).to_contain_text("1 条举报已发送")
    expect(page.locator("#tip-receipt")).to_have_text(re.compile(r"^[A-Z0-9]{8}$"))
    assert _tips(demo, what) == 1
    assert page.evaluate(KEPT) == []
    page.context.close()


def test_the_public_pages_pass_axe_with_their_content(phone: Page, demo):
    """The walks open public pages without a key; here the form, a status card and the
    thank-you list are drawn before axe looks."""
    from tests.e2e import axe

    _, key = _community(demo)
    findings = axe.Findings()
    phone.goto(f"/tip?c={key}")
    expect(phone.locator("#tip-what")).to_be_visible()
    phone.get_by_label("发生了什么（必填）").fill("有人聚集")
    phone.click("#tip-send")
    expect(phone.locator("#tip-receipt")).to_be_visible()
    receipt = phone.locator("#tip-receipt").inner_text()
    axe.check(phone, findings, "/tip")
    phone.goto("/tip/status")
    phone.get_by_label("查询码").fill(receipt)
    phone.click("#tip-check-send")
    expect(phone.locator("#tip-status-card")).to_contain_text("待处理")
    axe.check(phone, findings, "/tip/status")
    phone.goto(f"/thanks?c={key}")
    expect(phone.get_by_text("暂无公开的捐赠。")).to_be_visible()
    axe.check(phone, findings, "/thanks")
    findings.save("tipoffs-public")
    assert not findings.by_page, findings.summary()
