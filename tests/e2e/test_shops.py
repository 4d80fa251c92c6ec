"""复工门店巡查 on a 360x640 zh-CN phone: an inspection fails an item, the rectification
notice is printed, the re-inspection on the deadline passes (shown on the worker's home);
an inspection made with no signal is saved once when the network returns."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlmodel import Session, func, select

from community_app.models import Rectification, Role, ShopInspection
from community_app.services import clock
from community_app.services.shops import register
from tests import factories as f
from tests.e2e.conftest import PHONE
from tests.e2e.offline import KEPT, go_offline, reopen
from tests.e2e.test_foundation import staff_login


def _community(demo) -> tuple[str, int]:
    """A community of its own: one compound, a grid worker assigned to it, one shop."""
    with Session(demo.engine) as session:
        comm = f.community(session, "巡查社区")
        building = f.building(session, comm, "南院1号楼", floors=1, units=1, rooms=1)
        admin = f.actor(f.user(session, comm, Role.admin, f"shops-a-{f.new_uuid()[:6]}"))
        worker = f.user(session, comm, Role.grid_worker, f"shops-w-{f.new_uuid()[:6]}")
        f.assign(session, worker, building)
        shop = register.add_shop(session, actor=admin, uuid=f.new_uuid(),
                                 compound_id=building.compound_id, name="便民超市",
                                 kind="超市", contact_name="赵大海", contact_phone="13912345678")
        session.commit()
        return worker.username, shop


def _phone(browser, demo) -> Page:
    context = browser.new_context(base_url=demo.app.base_url, **PHONE)
    context.set_default_timeout(20000)
    return context.new_page()


def _inspections(demo, shop: int) -> int:
    with Session(demo.engine) as session:
        return session.exec(select(func.count()).select_from(ShopInspection).where(
            ShopInspection.shop_id == shop)).one()


def test_a_failed_item_serves_a_notice_printed_then_reinspected_on_the_deadline(browser, demo):
    username, shop = _community(demo)
    page = _phone(browser, demo)
    staff_login(page, username, f.PASSWORD)
    page.click("#shops-card")
    listed = page.locator('[data-shop="便民超市"]')
    expect(listed).to_contain_text("营业中")
    expect(listed).not_to_contain_text("13912345678")  # the contact is masked
    listed.click()
    expect(page.locator("#shop-inspect-name")).to_have_text("便民超市")
    masks = page.locator('[data-item="佩戴口罩"]')
    assert masks.bounding_box()["height"] >= 44
    masks.locator("input").check()
    page.select_option("#shop-deadline", "3")
    page.click("#shop-inspect-save")
    expect(page.locator("#shop-inspect-result")).to_have_text("巡查已保存，已下达整改通知书。")

    page.click("#shop-notice-link")
    expect(page.locator("#rect-shop")).to_have_text("便民超市")
    expect(page.locator("#rect-items")).to_have_text("佩戴口罩")
    with Session(demo.engine) as session:
        notice = session.exec(select(Rectification).where(Rectification.shop_id == shop)).one()
        expect(page.locator("#rect-deadline")).to_have_text(notice.deadline.isoformat())
        # The deadline comes: today (the clock of the test is the real one).
        notice.deadline = clock.local_day()
        session.add(notice)
        session.commit()
        notice_id = notice.id
    page.emulate_media(media="print")  # what the printer gets: the notice, no app chrome
    expect(page.locator("#rect-sheet")).to_be_visible()
    expect(page.locator("#bottom-nav")).to_be_hidden()
    expect(page.locator("#rect-print")).to_be_hidden()
    page.emulate_media(media="screen")

    page.goto("/")
    due = page.locator('#shops-due-card [data-due-shop="便民超市"]')
    expect(due).to_contain_text("复查")
    due.click()
    expect(page.locator("#shop-inspect-name")).to_have_text("便民超市")
    page.click("#shop-inspect-save")  # everything passes
    expect(page.locator("#shop-inspect-result")).to_have_text("复查合格，整改完成。")
    with Session(demo.engine) as session:
        assert session.get(Rectification, notice_id).status == "fixed"
    page.goto("/")
    expect(page.locator("#shops-card")).to_be_visible()
    expect(page.locator("#shops-due-card")).to_have_count(0)
    page.goto("/shops/ledger")
    expect(page.locator('[data-ledger-row="便民超市"]')).to_have_count(2)
    expect(page.locator('[data-ledger-row="便民超市"]').last).to_contain_text("已整改")
    page.context.close()


def test_an_inspection_made_with_no_signal_is_saved_once_when_it_returns(browser, demo):
    username, shop = _community(demo)
    page = _phone(browser, demo)
    staff_login(page, username, f.PASSWORD)
    expect(page.locator("#shops-card")).to_be_visible()
    page.goto(f"/shops/inspect?s={shop}")
    expect(page.locator("#shop-inspect-name")).to_have_text("便民超市")
    go_offline(page)
    page.locator('[data-item="通风换气"] input').check()
    page.click("#shop-inspect-save")
    page.click("#shop-inspect-save")  # a second tap: the same form, the same client UUID
    assert page.evaluate(KEPT) == ["shop_inspection"]
    assert _inspections(demo, shop) == 0  # nothing reached the server
    page.close()

    again = reopen(page.context, f"/shops/inspect?s={shop}")
    expect(again.locator("#notice-message")).to_contain_text("1 次离线巡查已保存")
    assert _inspections(demo, shop) == 1
    expect(again.locator("#shop-inspect-name")).to_contain_text("便民超市")
    again.goto("/shops")
    expect(again.locator('[data-shop="便民超市"]')).to_contain_text("整改中")
    again.reload()
    assert again.evaluate(KEPT) == []
    assert _inspections(demo, shop) == 1
    again.context.close()
