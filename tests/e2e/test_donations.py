"""捐款捐物 on a 360x640 zh-CN phone: the admin records a donation of money and goods,
prints its receipt, issues goods to an errand run and sees the stock on hand go down; the
donor, who agreed, is on the public thank-you list."""

from __future__ import annotations

from decimal import Decimal

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import ErrandRun, GoodsIssue, Role
from tests import factories as f
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import no_horizontal_scroll, staff_login

PRINT_STUB = "window.__printed = 0; window.print = function () { window.__printed += 1; };"


def _community(demo) -> tuple[str, str, int]:
    with Session(demo.engine) as session:
        comm = f.community(session, "捐赠社区")
        admin = f.user(session, comm, Role.admin, f"gifts-{f.new_uuid()[:6]}")
        volunteer = f.user(session, comm, Role.volunteer, f"runner-{f.new_uuid()[:6]}")
        run = ErrandRun(uuid=f.new_uuid(), community_id=comm.id, volunteer_id=volunteer.id)
        session.add(run)
        session.commit()
        return admin.username, comm.uuid, run.id


def test_donation_recorded_receipt_printed_and_goods_issued_to_an_errand_run(browser, demo):
    admin_name, key, run_id = _community(demo)
    context = browser.new_context(base_url=demo.app.base_url, **PHONE)
    context.set_default_timeout(20000)
    context.add_init_script(PRINT_STUB)
    admin: Page = context.new_page()
    staff_login(admin, admin_name, f.PASSWORD)
    expect(admin.locator("#admin-home")).to_be_visible()
    admin.click("#donations-admin-card")
    expect(admin.locator("#donation-donor")).to_be_visible()
    admin.get_by_label("捐赠人（不填＝匿名）").fill("张老党员")
    admin.get_by_label("捐款金额（元，可不填）").fill("10000")
    admin.get_by_label("物资名称").fill("大米")
    admin.locator("#donation-quantity").fill("50")
    admin.get_by_label("单位").fill("袋")
    admin.get_by_text("同意在感谢名单上公开姓名").click()
    admin.click("#donation-save")
    expect(admin.locator("#notice-message")).to_contain_text("已登记")
    expect(admin.locator("#donation-total")).to_contain_text("10000.00")
    rice = admin.locator('[data-stock-row="大米"]')
    expect(rice.locator('[data-stock="大米"]')).to_have_text("50 袋")
    assert no_horizontal_scroll(admin)

    admin.locator("[data-receipt]").first.click()
    receipt = admin.locator("#receipt")
    expect(receipt).to_contain_text("张老党员")
    expect(receipt).to_contain_text("¥10000.00")
    expect(receipt).to_contain_text("大米 50 袋")
    expect(receipt).to_contain_text("衷心感谢")
    admin.click("#receipt-print")
    admin.wait_for_function("window.__printed === 1")

    admin.goto("/donations")
    rice = admin.locator('[data-stock-row="大米"]')
    expect(rice.locator('[data-stock="大米"]')).to_have_text("50 袋")
    rice.get_by_label("数量").fill("12")
    rice.get_by_label("发给").select_option("errand_run")
    rice.get_by_label("跑腿或住户编号").fill(str(run_id))
    rice.locator('[data-action="issue"]').click()
    expect(admin.locator("#notice-message")).to_contain_text("已发放")
    expect(rice.locator('[data-stock="大米"]')).to_have_text("38 袋")
    rice.get_by_label("数量").fill("100")
    rice.get_by_label("发给").select_option("errand_run")
    rice.get_by_label("跑腿或住户编号").fill(str(run_id))
    rice.locator('[data-action="issue"]').click()
    expect(admin.locator("#error-message")).to_contain_text("库存不够")
    expect(rice.locator('[data-stock="大米"]')).to_have_text("38 袋")
    with Session(demo.engine) as session:
        issued = session.exec(select(GoodsIssue).where(GoodsIssue.errand_run_id == run_id)).all()
    assert [i.quantity for i in issued] == [Decimal("12.00")]

    public = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    public.goto(f"/thanks?c={key}")
    expect(public.get_by_text("张老党员")).to_be_visible()
    expect(public.get_by_text("大米 50 袋")).to_be_visible()
    assert "10000" not in public.locator("body").inner_text()  # the amount was not agreed
    public.context.close()
    context.close()
