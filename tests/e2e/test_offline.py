"""Forms submitted with no network survive closing the tab and are saved once later."""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect
from sqlmodel import Session, func, select

from community_app.models import ErrandRequest, VisitAttempt
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import login_as
from tests.e2e.test_survey import BUILDING, open_round


def _visits(demo) -> int:
    with Session(demo.engine) as session:
        return session.exec(select(func.count()).select_from(VisitAttempt)).one()


def _goto(page: Page, url: str) -> None:
    """Navigate once the page is settled: a replay that saved something reloads the page
    itself, and a navigation it cuts short is made again after that reload has landed."""
    try:
        page.goto(url)
    except PlaywrightError as exc:
        if "ERR_ABORTED" not in str(exc):
            raise
        page.wait_for_load_state("load")
        page.goto(url)


def test_offline_visit_is_kept_in_the_outbox_and_replayed_once(phone: Page, browser, demo):
    admin = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    open_round(admin, demo, name="离线测试轮")
    admin.context.close()

    login_as(phone, demo, "grid_worker")
    phone.goto("/survey")
    phone.locator(f'[data-building="{BUILDING}"]').click()
    phone.locator('[data-room="502"]').first.click()
    expect(phone.locator("#visit-place")).to_contain_text("1-502")
    before = _visits(demo)

    phone.context.set_offline(True)
    phone.evaluate("window.dispatchEvent(new Event('offline'))")
    phone.fill('input[name="r0_temperature"]', "36.8")
    phone.click("#save-visit")
    phone.wait_for_timeout(1500)
    pending = phone.evaluate("Object.keys(JSON.parse(localStorage.getItem('sw-outbox')||'{}'))")
    assert len(pending) == 1
    assert _visits(demo) == before  # nothing reached the server
    phone.close()  # the tab is gone: Reflex's in-memory queue with it

    phone.context.set_offline(False)
    page = phone.context.new_page()
    page.wait_for_timeout(4500)  # the outbox leaves entries younger than 4 s to their own send
    _goto(page, "/survey")
    expect(page.locator("#notice-message")).to_contain_text("1 条走访记录已保存")
    assert _visits(demo) == before + 1
    _goto(page, "/survey")
    page.wait_for_timeout(1000)
    assert _visits(demo) == before + 1  # replaying again changes nothing
    assert page.evaluate("localStorage.getItem('sw-outbox')") == "{}"
    page.locator(f'[data-building="{BUILDING}"]').click()
    expect(page.locator('[data-room="502"][data-status="reached"]')).to_have_count(1)


def _requests(demo) -> int:
    with Session(demo.engine) as session:
        return session.exec(select(func.count()).select_from(ErrandRequest)).one()


def test_offline_errand_request_survives_the_tab_and_is_sent_once(phone: Page, demo):
    login_as(phone, demo, "household")
    phone.click("#ask-supplies")
    phone.click('[data-item="rice"]')
    expect(phone.locator("#picked")).to_contain_text("米")
    before = _requests(demo)

    # The signal drops just as the household taps send.
    phone.context.set_offline(True)
    phone.evaluate("window.dispatchEvent(new Event('offline'))")
    phone.fill("#wish", "挂面两包")
    phone.click("#ask-send")
    phone.wait_for_timeout(1500)
    pending = phone.evaluate("Object.values(JSON.parse(localStorage.getItem('sw-outbox')||'{}'))"
                             ".map(x => x.kind)")
    assert pending == ["errand"]
    assert _requests(demo) == before
    phone.close()

    phone.context.set_offline(False)
    page = phone.context.new_page()
    page.wait_for_timeout(4500)  # the outbox leaves entries younger than 4 s to their own send
    page.goto("/")
    expect(page.locator("#notice-message")).to_contain_text("1 条代买请求已发送")
    expect(page.locator("#household-requests")).to_contain_text("挂面两包")
    assert _requests(demo) == before + 1
    page.goto("/")
    page.wait_for_timeout(1000)
    assert _requests(demo) == before + 1  # replaying again changes nothing
    assert page.evaluate("localStorage.getItem('sw-outbox')") == "{}"


def test_an_errand_whose_reply_is_lost_is_confirmed_after_reconnecting(phone: Page, demo):
    """The request is stored, but the socket dies before its reply reaches the phone: once
    the tab reconnects, the page itself says it was sent and clears the form."""
    dropping = {"armed": False, "done": False}

    def relay(ws) -> None:
        server = ws.connect_to_server()

        def from_page(message) -> None:
            if not dropping["done"] and ".send" in str(message) and "挂面一包" in str(message):
                dropping["armed"] = True
            server.send(message)

        def from_server(message) -> None:
            if dropping["armed"] and not dropping["done"]:
                dropping["done"] = True  # the reply dies with this socket
                ws.close()
                return
            ws.send(message)

        ws.on_message(from_page)
        server.on_message(from_server)

    phone.route_web_socket(lambda url: "/_event" in url, relay)
    login_as(phone, demo, "household")
    phone.click("#ask-supplies")
    before = _requests(demo)
    phone.fill("#wish", "挂面一包")
    phone.click("#ask-send")
    expect(phone.locator("#notice-message")).to_contain_text("1 条代买请求已发送",
                                                             timeout=15000)
    assert dropping["done"]  # the send's own reply never arrived
    expect(phone.locator("#wish")).to_have_value("")
    assert phone.evaluate("localStorage.getItem('sw-outbox')") == "{}"
    assert _requests(demo) == before + 1


def test_reopening_the_visit_saved_offline_shows_what_was_recorded(phone: Page, browser, demo):
    """The tab closed with a visit still on the phone, then reopened on that same flat: the
    replay saves it once and the flat's form shows what was recorded, not a blank form."""
    admin = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    open_round(admin, demo, name="离线重开轮")
    admin.context.close()
    login_as(phone, demo, "grid_worker")
    phone.goto("/survey")
    phone.locator(f'[data-building="{BUILDING}"]').click()
    phone.locator('[data-room="501"]').first.click()
    expect(phone.locator("#visit-place")).to_contain_text("1-501")
    url, before = phone.url, _visits(demo)

    phone.context.set_offline(True)
    phone.evaluate("window.dispatchEvent(new Event('offline'))")
    phone.fill('input[name="r0_temperature"]', "36.6")
    phone.click("#save-visit")
    phone.wait_for_function(  # kept on the phone
        "Object.keys(JSON.parse(localStorage.getItem('sw-outbox') || '{}')).length === 1")
    phone.close()

    phone.context.set_offline(False)
    page = phone.context.new_page()
    page.wait_for_timeout(4500)  # the outbox leaves entries younger than 4 s to their own send
    _goto(page, url)
    expect(page.locator("#notice-message")).to_contain_text("1 条走访记录已保存")
    assert _visits(demo) == before + 1
    expect(page.locator("#visit-place")).to_contain_text("1-501")
    expect(page.locator('input[name="r0_temperature"]')).to_have_value("36.6")
