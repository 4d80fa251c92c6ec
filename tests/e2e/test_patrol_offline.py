"""The night patrol with no signal: window taps made offline reach the server exactly once."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import Household, PatrolBuildingResult, PatrolMark, Role
from community_app.services.patrol import create as patrol_create
from community_app.services.patrol import nights as patrol
from tests import factories as f
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import staff_login


def _walk(demo, name: str) -> tuple[int, str]:
    """A community of its own (the shared demo's plans and logs stay as other tests expect):
    one building of 3 floors x 2 flats, tonight's plan for one volunteer."""
    with Session(demo.engine) as session:
        comm = f.community(session, f"{name}社区")
        building = f.building(session, comm, f"{name}楼", floors=3, units=1, rooms=2)
        admin = f.user(session, comm, Role.admin)
        volunteer = f.user(session, comm, Role.volunteer, f"walker-{f.new_uuid()[:6]}")
        made = patrol_create.create_plan(session, actor=f.actor(admin), uuid=f.new_uuid(),
                                         night=patrol.patrol_night(), window_start="00:00",
                                         window_end="23:59", building_ids=[building.id],
                                         member_ids=[volunteer.id])
        session.commit()
        return made.id, volunteer.username


def _marks(demo, plan_id: int) -> dict[str, bool]:
    with Session(demo.engine) as session:
        rows = session.exec(select(Household.room, PatrolMark.lit)
                            .join(Household, Household.id == PatrolMark.household_id)
                            .where(PatrolMark.plan_id == plan_id)).all()
        return dict(rows)


def _offline(page: Page) -> None:
    page.context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")


def _online(page: Page) -> None:
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")


def _kept(page: Page) -> dict:
    return page.evaluate("JSON.parse(localStorage.getItem('sw-patrol') || '{}')")


def _counts(demo, plan_id: int) -> tuple[int, int]:
    with Session(demo.engine) as session:
        result = session.exec(select(PatrolBuildingResult)
                              .where(PatrolBuildingResult.plan_id == plan_id)).one()
        return result.lit_count, result.marked_count


def test_window_taps_made_without_signal_reach_the_server_exactly_once(browser, demo):
    plan_id, username = _walk(demo, "夜巡")
    page = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    page.set_default_timeout(20000)
    staff_login(page, username, f.PASSWORD)
    expect(page.locator("#volunteer-home")).to_be_visible()
    page.goto(f"/patrol?id={plan_id}")
    page.click("#patrol-sign-in")
    expect(page.locator("#patrol-sign-out")).to_be_visible()
    window = lambda room: page.locator(f'[data-room="{room}"]').first  # noqa: E731
    window("101").click()
    window("102").click()
    expect(page.locator("#patrol-lit-count")).to_have_text("2/6")
    expect(page.locator("#patrol-waiting")).to_be_hidden()
    assert _kept(page) == {}  # confirmed taps leave the phone

    # The signal drops with the page open: the tap shows at once, and goes when it returns.
    _offline(page)
    page.wait_for_timeout(1500)
    window("302").click()
    expect(window("302")).to_have_attribute("data-sw-pending", "lit")
    expect(page.locator("#patrol-live-count")).to_have_text("3/6")
    expect(page.locator("#patrol-live-percent")).to_have_text("50%")
    expect(page.locator("#patrol-waiting")).to_contain_text("1 个窗户标记保存在本机")
    page.wait_for_timeout(1000)
    assert _marks(demo, plan_id) == {"101": True, "102": True}
    _online(page)
    # Reflex retries the socket (backoff up to 2 s) and sends its in-memory queue.
    expect(page.locator("#patrol-waiting")).to_be_hidden(timeout=20000)
    expect(page.locator("#patrol-lit-count")).to_have_text("3/6")
    assert _marks(demo, plan_id) == {"101": True, "102": True, "302": True}
    assert _kept(page) == {}

    # Gone again; two more windows (202 tapped twice: lit, then dark), floor 1 all dark,
    # then the page closes.
    _offline(page)
    page.wait_for_timeout(1500)
    window("201").click()
    window("202").click()
    expect(window("202")).to_have_attribute("data-sw-pending", "lit")
    window("202").click()
    expect(window("202")).to_have_attribute("data-sw-pending", "dark")
    expect(page.locator("#patrol-live-count")).to_have_text("4/6")
    expect(page.locator("#patrol-live-percent")).to_have_text("67%")
    page.locator('[data-floor-dark="1"]').first.click()
    expect(window("101")).to_have_attribute("data-sw-pending", "dark")
    expect(page.locator("#patrol-live-count")).to_have_text("2/6")
    expect(page.locator("#patrol-live-percent")).to_have_text("33%")
    expect(page.locator("#patrol-waiting")).to_contain_text("4 个窗户标记保存在本机")
    page.wait_for_timeout(1000)
    assert _marks(demo, plan_id) == {"101": True, "102": True, "302": True}
    assert sorted(x["state"] for x in _kept(page).values()) == ["dark", "dark", "dark", "lit"]
    page.close()  # the tab is gone, and Reflex's in-memory queue with it

    context = page.context
    context.set_offline(False)
    again = context.new_page()
    again.goto(f"/patrol?id={plan_id}")
    expect(again.locator("#notice-message")).to_contain_text("4 个窗户已补发")
    expect(again.locator("#patrol-lit-count")).to_have_text("2/6")
    expect(again.locator("#patrol-percent")).to_have_text("33%")
    expect(again.locator('[data-room="202"]').first).to_have_attribute("data-state", "dark")
    expect(again.locator("#patrol-waiting")).to_be_hidden()
    assert _marks(demo, plan_id) == {"101": False, "102": False, "302": True, "201": True,
                                     "202": False}
    assert _counts(demo, plan_id) == (2, 5)
    assert _kept(again) == {}
    again.reload()  # opening the patrol again sends nothing twice
    expect(again.locator("#patrol-lit-count")).to_have_text("2/6")
    assert _counts(demo, plan_id) == (2, 5)

    # A kept tap whose reply alone was lost: the server already shows it, so it is
    # confirmed without claiming anything was sent.
    hh = int(again.locator('[data-room="202"]').first.get_attribute("data-sw-mark"))
    again.evaluate("([p, h]) => localStorage.setItem('sw-patrol', JSON.stringify({[p + ':' + h]:"
                   " {plan_id: p, household_id: h, state: 'dark', at: Date.now()}}))",
                   [plan_id, hh])
    again.reload()
    again.wait_for_function("localStorage.getItem('sw-patrol') === '{}'")
    expect(again.locator("#notice-message", has_text="已补发")).to_have_count(0)
    assert _counts(demo, plan_id) == (2, 5)
    context.close()


def test_with_signal_but_no_server_the_walker_is_not_told_there_is_no_signal(browser, demo):
    """The phone is online, but the app's websocket cannot connect: the banners say the
    server is unreachable, and the taps made meanwhile still reach it once it is back."""
    plan_id, username = _walk(demo, "断服")
    page = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    page.set_default_timeout(20000)
    cut = {"on": False}

    def relay(ws) -> None:
        if cut["on"]:
            return  # a socket nobody answers (the server down behind a proxy): it times out
        server = ws.connect_to_server()
        ws.on_message(lambda m: server.send(m) if not cut["on"] else ws.close())
        server.on_message(lambda m: ws.send(m) if not cut["on"] else ws.close())

    page.route_web_socket(lambda url: "/_event" in url, relay)
    staff_login(page, username, f.PASSWORD)
    expect(page.locator("#volunteer-home")).to_be_visible()
    page.goto(f"/patrol?id={plan_id}")
    page.click("#patrol-sign-in")
    expect(page.locator("#patrol-sign-out")).to_be_visible()
    cut["on"] = True
    page.locator('[data-room="101"]').first.click()
    banner = page.locator("#sw-offline-banner")
    # socket.io gives up on an unanswered connection after 20 s: then Reflex counts an error.
    expect(banner).to_contain_text("服务器暂时连不上", timeout=40000)
    expect(banner).not_to_contain_text("没有信号")
    expect(page.locator("#patrol-waiting")).to_contain_text(
        "服务器暂时连不上：1 个窗户标记保存在本机")
    assert page.evaluate("navigator.onLine") is True
    cut["on"] = False  # the attempt under way still times out first
    expect(banner).to_be_hidden(timeout=40000)
    expect(page.locator("#patrol-waiting")).to_be_hidden()
    assert _marks(demo, plan_id) == {"101": True}
