"""The walker's screen on a 360x640 phone (issue 12 item 16) and the patrol log's one row per
building (item 13): one tap marks a window dark, a dark watched window says "call now"
with the grid worker one tap away (never why), 本栋查完 asks while windows are unmarked,
ignores a second tap and says which building opened; a building is walked only with every
window marked; after offline taps are replayed the screen keeps its size."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import Household, PatrolBuildingResult, Resident, Role
from community_app.services.patrol import create as patrol_create
from community_app.services.patrol import nights as patrol
from tests import factories as f
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import staff_login
from tests.e2e.test_patrol_offline import _kept, _offline

WORKER_PHONE = "13911112222"


def _route(demo, name: str, buildings: int = 3) -> dict:
    """A community of its own: `buildings` buildings of 2 floors x 2 flats (a watched flat,
    201 of the first, whose grid worker has a phone), tonight's plan for one volunteer."""
    with Session(demo.engine) as session:
        comm = f.community(session, f"{name}社区")
        rows = [f.building(session, comm, f"{name}{i}号楼", floors=2, units=1, rooms=2)
                for i in range(1, buildings + 1)]
        admin = f.user(session, comm, Role.admin, f"adm-{f.new_uuid()[:6]}")
        volunteer = f.user(session, comm, Role.volunteer, f"walker-{f.new_uuid()[:6]}")
        worker = f.user(session, comm, Role.grid_worker)
        worker.phone, worker.display_name = WORKER_PHONE, "李网格"
        session.add(worker)
        f.assign(session, worker, rows[0])
        flat = session.exec(select(Household).where(Household.building_id == rows[0].id,
                                                    Household.room == "201")).one()
        resident = session.exec(select(Resident).where(Resident.household_id == flat.id)).first()
        resident.elderly_alone = True
        session.add(resident)
        made = patrol_create.create_plan(session, actor=f.actor(admin), uuid=f.new_uuid(),
                                         night=patrol.patrol_night(), window_start="00:00",
                                         window_end="23:59",
                                         building_ids=[b.id for b in rows],
                                         member_ids=[volunteer.id])
        session.commit()
        return {"plan": made.id, "walker": volunteer.username, "admin": admin.username,
                "buildings": [b.id for b in rows], "labels": [b.name for b in rows]}


def _finished(demo, plan_id: int) -> dict[int, bool]:
    with Session(demo.engine) as session:
        rows = session.exec(select(PatrolBuildingResult)
                            .where(PatrolBuildingResult.plan_id == plan_id)).all()
        return {r.building_id: r.finished_at is not None for r in rows}


def _open_walk(page: Page, route: dict) -> None:
    page.set_default_timeout(20000)
    staff_login(page, route["walker"], f.PASSWORD)
    expect(page.locator("#volunteer-home")).to_be_visible()
    page.goto(f"/patrol?id={route['plan']}")
    page.click("#patrol-sign-in")
    expect(page.locator("#patrol-sign-out")).to_be_visible()


def test_the_walker_marks_dark_in_one_tap_calls_at_once_and_finishes_once(browser, demo):
    route = _route(demo, "夜行")
    page = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    _open_walk(page, route)
    window = lambda room: page.locator(f'[data-room="{room}"]').first  # noqa: E731

    # The switch: "dark" chosen once, then each dark window is one tap.
    dark = page.locator('[data-sw-mode-set="dark"]')
    box = dark.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    dark.click()
    expect(dark).to_have_attribute("aria-pressed", "true")
    window("101").click()
    expect(window("101")).to_have_attribute("data-state", "dark")
    expect(page.locator("#patrol-call")).to_be_hidden()  # 101 is not watched

    # The watched flat dark: call now, the worker's number one tap away, no reason given.
    window("201").click()
    expect(window("201")).to_have_attribute("data-state", "dark")
    call = page.locator("#patrol-call")
    expect(call).to_be_visible()
    expect(page.locator("#patrol-call-now")).to_have_attribute("href", f"tel:{WORKER_PHONE}")
    expect(page.locator("#patrol-call-now")).to_contain_text("李网格")
    link = page.locator("#patrol-call-now").bounding_box()
    assert link["height"] >= 44
    for reason in ("独居", "老人", "残", "隔离", "elderly", "disabled"):
        expect(call).not_to_contain_text(reason)
    expect(page.locator("#patrol-screen")).not_to_contain_text("独居")
    # Lit after all (a second tap flips it): the call panel goes.
    window("201").click()
    expect(window("201")).to_have_attribute("data-state", "lit")
    expect(call).to_be_hidden()

    # 本栋查完 with 102 and 202 unmarked: asked first; "keep marking" changes nothing.
    page.click("#patrol-finish")
    dialog = page.locator("#patrol-finish-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("2")
    page.click("#patrol-finish-cancel")
    expect(dialog).to_be_hidden()
    assert not _finished(demo, route["plan"])[route["buildings"][0]]
    page.click("#patrol-finish")
    page.click("#patrol-finish-confirm")
    notice = page.locator("#notice-message")
    expect(notice).to_contain_text(f"{route['labels'][0]} 已查完")
    expect(notice).to_contain_text(f"下一栋：{route['labels'][1]}")
    expect(page.locator("#patrol-lit-count")).to_have_text("0/4")

    # The second building all marked (two floors, all lit), then 本栋查完 tapped twice fast:
    # the second tap finishes nothing more (not the third building that has opened).
    page.locator('[data-floor-lit="2"]').first.click()
    page.locator('[data-floor-lit="1"]').first.click()
    expect(page.locator("#patrol-lit-count")).to_have_text("4/4")
    page.locator("#patrol-finish").dblclick()
    expect(notice).to_contain_text(f"下一栋：{route['labels'][2]}")
    page.wait_for_timeout(1500)  # a second event, were one sent, would have landed by now
    done = _finished(demo, route["plan"])
    assert [done[b] for b in route["buildings"]] == [True, True, False]
    page.context.close()

    # The log: walked only with every window marked; the first building says the share.
    admin = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    staff_login(admin, route["admin"], f.PASSWORD)
    expect(admin.locator("#admin-home")).to_be_visible()
    admin.goto("/patrol/log")
    first = admin.locator("[data-log-building]").filter(has_text=route["labels"][0])
    second = admin.locator("[data-log-building]").filter(has_text=route["labels"][1])
    expect(first).to_have_attribute("data-covered", "0")
    expect(first).to_contain_text("未查全")
    expect(first).to_contain_text("已标记 50%")
    expect(second).to_have_attribute("data-covered", "1")
    expect(second).to_contain_text("已查")
    admin.context.close()


def test_the_log_shows_one_summary_row_per_building_with_the_details_folded(browser, demo):
    route = _route(demo, "签到", buildings=3)
    page = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    _open_walk(page, route)
    watched = page.locator('[data-room="201"]').first
    watched.click()  # lit, then dark: the watched flat raises a follow-up
    expect(watched).to_have_attribute("data-state", "lit")
    watched.click()
    expect(watched).to_have_attribute("data-state", "dark")
    page.context.close()

    admin = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    staff_login(admin, route["admin"], f.PASSWORD)
    expect(admin.locator("#admin-home")).to_be_visible()
    admin.goto("/patrol/log")
    rows = admin.locator("[data-log-building]")
    expect(rows).to_have_count(3)
    for i in range(3):
        box = rows.nth(i).bounding_box()
        assert box["height"] >= 44 and box["height"] < 120  # one line each, thumb-sized
    # Every detail is folded: the follow-up and the trend chart are not drawn until opened.
    details = admin.locator("[data-log-details]")
    assert admin.evaluate("[...document.querySelectorAll('details')].every(d => !d.open)")
    first = details.filter(has_text=route["labels"][0])
    follow_up = first.locator("[data-log-follow-up]")
    expect(follow_up).to_be_hidden()
    rows.filter(has_text=route["labels"][0]).click()
    expect(follow_up).to_be_visible()
    expect(follow_up).to_contain_text("201")
    expect(first.locator("[data-trend] .recharts-surface")).to_be_visible()
    rows.filter(has_text=route["labels"][0]).click()
    expect(follow_up).to_be_hidden()
    # The whole log, folded, is about two screens at 360x640 (main: every chart and list
    # drawn open).
    height = admin.evaluate("document.documentElement.scrollHeight")
    assert height <= 2 * 640, height
    admin.context.close()


SIZES = """() => {
  const box = (sel) => { const el = document.querySelector(sel);
    if (!el) return null; const r = el.getBoundingClientRect();
    return [Math.round(r.width), Math.round(r.height)]; };
  return {links: document.querySelectorAll('link[rel=stylesheet]').length,
          window: box('[data-room]'), row: box('[data-sw-row]'), nav: box('#bottom-nav'),
          tab: box('#bottom-nav [data-tab]')};
}"""


def test_after_offline_taps_are_replayed_the_screen_keeps_its_size(browser, demo):
    route = _route(demo, "补发", buildings=1)
    context = browser.new_context(base_url=demo.app.base_url, **PHONE)
    page = context.new_page()
    _open_walk(page, route)
    before = page.evaluate(SIZES)
    assert before["window"][1] >= 44 and before["nav"][1] >= 48
    _offline(page)
    page.wait_for_timeout(1500)
    page.locator('[data-room="101"]').first.click()
    page.locator('[data-room="202"]').first.click()
    expect(page.locator("#patrol-waiting")).to_contain_text("2 个窗户标记保存在本机")
    page.close()  # the kept taps go out when the patrol opens again

    context.set_offline(False)
    again = context.new_page()
    again.goto(f"/patrol?id={route['plan']}")
    expect(again.locator("#notice-message")).to_contain_text("2 个窗户已补发")
    expect(again.locator('[data-room="202"]').first).to_have_attribute("data-state", "lit")
    expect(again.locator("#patrol-waiting")).to_be_hidden()
    assert _kept(again) == {}
    after = again.evaluate(SIZES)
    # Main inserted every stylesheet a second time here (a hydration mismatch made React
    # render the document again): the windows shrank to 32 px, the nav to 45 px.
    assert after == before, (before, after)
    context.close()
