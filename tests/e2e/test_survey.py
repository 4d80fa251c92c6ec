"""Door-to-door survey end to end on a phone: open a round, walk a building, chase follow-ups."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlmodel import Session, func, select

from community_app.models import Building, Community, Compound, Household
from community_app.services.clock import local_day
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import login_as, no_horizontal_scroll

BUILDING = "1号楼所在小区 1号楼"


def open_round(page: Page, demo, name: str = "第二轮摸排") -> None:
    login_as(page, demo, "admin")
    page.goto("/survey")
    page.click("#open-round-toggle")  # folded near the top of /survey
    page.fill("#name", name)
    page.fill("#start_date", "2026-11-20")
    page.click("#open-round")
    expect(page.locator("#round-name")).to_have_text(name)


def save_visit(page: Page) -> None:
    place = page.locator("#visit-place").inner_text()
    page.click("#save-visit")
    expect(page.locator("#notice-message")).to_be_visible()
    expect(page.locator("#visit-place")).not_to_have_text(place)


def test_worker_walks_a_building_and_a_missed_household_escalates(phone: Page, browser, demo):
    admin = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    open_round(admin, demo)

    login_as(phone, demo, "grid_worker")
    phone.goto("/survey")
    phone.locator(f'[data-building="{BUILDING}"]').click()
    expect(phone.locator("#building-progress")).to_contain_text("0/24")
    phone.click("#next-household")
    expect(phone.locator("#visit-place")).to_contain_text("1-101")
    assert no_horizontal_scroll(phone)

    # 1: at the door, a returnee from Wuhan with a fever.
    phone.fill('input[name="r0_temperature"]', "38.2")
    phone.locator("#r0-more > summary").click()  # the return is in the folded details
    phone.fill('input[name="r0_returned_from"]', "武汉")
    # Back today: the daily report's 今日新增返乡 counts people whose return date is today.
    phone.fill('input[name="r0_return_date"]', local_day().isoformat())
    save_visit(phone)
    expect(phone.locator("#visit-place")).to_contain_text("1-102")

    # 2: nobody at home.
    phone.click("#outcome-not_home")
    save_visit(phone)
    expect(phone.locator("#visit-place")).to_contain_text("1-201")

    # 3: reached by phone.
    phone.click("#outcome-phone")
    phone.fill('input[name="r0_temperature"]', "36.5")
    phone.click("#save-visit")
    expect(phone.locator("#visit-place")).to_contain_text("1-202")

    phone.goto("/survey")
    phone.locator(f'[data-building="{BUILDING}"]').click()
    expect(phone.locator("#building-progress")).to_contain_text("2/24")
    expect(phone.locator('[data-room="102"][data-status="followup"]')).to_have_count(1)
    expect(phone.locator("#missing-list")).to_contain_text("1-102")

    phone.goto("/survey/followups")
    item = phone.locator('[data-followup$="1-102"]')
    expect(item).to_contain_text("1 次未见")
    for expected in ("2 次未见", "3 次未见"):
        item.get_by_role("button", name="登记这次结果").click()
        expect(phone.locator("#visit-place")).to_contain_text("1-102")
        phone.click("#outcome-not_home")
        save_visit(phone)  # waits for the redirect to land, so the flash has been shown once
        phone.goto("/survey/followups")
        expect(item).to_contain_text(expected)
        expect(phone.locator("#notice-message")).to_have_count(0)  # flashed once, then gone
    # The worker's home lists it under today's work and leads back to the follow-ups.
    phone.goto("/")
    expect(phone.locator("#worker-today")).to_be_visible()
    phone.locator("#today-followups").click()
    expect(phone).to_have_url(re.compile(r"/survey/followups"))
    expect(item).to_contain_text("3 次未见")

    admin.goto("/survey")
    expect(admin.locator("#survey-admin")).to_contain_text("1-102")
    expect(admin.locator('#survey-admin [data-followup$="1-102"]')).to_contain_text("3 次未见")

    # The daily report counts exactly what the worker recorded (cut-off at the end of today).
    admin.goto("/")
    admin.click("#report-link")
    expect(admin.locator("#report-when")).to_contain_text("第二轮摸排")
    admin.fill('input[name="cutoff"]', "23:59")
    admin.get_by_role("button", name="生成").click()
    expect(admin.locator("#report-when")).to_contain_text("23:59")
    with Session(demo.engine) as session:  # other tests may have added buildings
        total = session.exec(
            select(func.count()).select_from(Household)
            .join(Building, Building.id == Household.building_id)
            .join(Compound, Compound.id == Building.compound_id)
            .join(Community, Community.id == Compound.community_id)
            .where(Community.name == "幸福里社区")  # the demo admin's community
        ).one()
    expected = {"households": str(total), "reached": "2", "not_reached": str(total - 2),
                "returnees": "1", "returnees_new": "1", "fever": "1"}
    for metric, value in expected.items():
        expect(admin.locator(f'[data-metric="{metric}"]')).to_have_text(value)
    expect(admin.locator("#report-chart")).to_be_visible()
    # The legend in Chinese, and the returnee axis in whole people (no 0.25).
    expect(admin.locator("#report-legend")).to_contain_text("返乡人数")
    expect(admin.locator("#report-legend")).to_contain_text("摸排覆盖率")
    labels = admin.locator('#report-chart text.recharts-cartesian-axis-tick-value'
                           '[orientation="right"]')
    expect(labels.first).to_be_attached()
    ticks = labels.all_text_contents()
    assert ticks and all(re.fullmatch(r"\d+", tick) for tick in ticks), ticks
    assert no_horizontal_scroll(admin)
    with admin.expect_download() as download:
        admin.click("#report-download")
    name = download.value.suggested_filename
    assert name.startswith("日报-") and name.endswith(".xlsx"), name  # the reader's language
    admin.context.close()


def test_a_reached_household_needs_a_resident_and_bad_temperatures_are_refused(phone: Page, demo):
    login_as(phone, demo, "grid_worker")
    phone.goto("/survey")
    phone.locator(f'[data-building="{BUILDING}"]').click()
    phone.click("#next-household")
    expect(phone.locator("#visit-place")).to_contain_text("1-")
    place = phone.locator("#visit-place").inner_text()
    phone.fill('input[name="r0_temperature"]', "45")
    phone.click("#save-visit")
    expect(phone.locator("#error-message")).to_contain_text("#1 体温")
    expect(phone.locator("#error-message")).to_contain_text("超出允许范围")
    expect(phone.locator("#visit-place")).to_have_text(place)
    assert re.search(r"/survey/visit", phone.url)


def test_situation_map_layers(phone: Page, demo):
    from community_app.models import Resident

    with Session(demo.engine) as session:
        home = session.exec(select(Household).where(Household.building_id == demo.building_id,
                                                    Household.unit == 2,
                                                    Household.room == "301")).one()
        person = session.exec(select(Resident).where(Resident.household_id == home.id)).one()
        person.elderly_alone = True
        session.add(person)
        session.commit()

    login_as(phone, demo, "grid_worker")
    phone.click("#map-link")
    building = phone.locator('[data-map-building="1号楼"]')
    expect(building.locator('[data-key="home"]').first).to_be_visible()
    phone.locator("#map-layer").get_by_role("radio", name="重点人群").click()
    # Unit 2's flat 301 was flagged above (other tests may flag other flats).
    expect(building.locator('[data-room="301"][data-key="elderly_alone"]')).to_have_count(1)
    expect(building.locator('[data-room="301"]')).to_have_count(2)
    expect(phone.locator('[data-map-building="2号楼"]')).to_have_count(0)  # not their building
    assert no_horizontal_scroll(phone)


def test_home_isolation_starts_from_a_visit_record(phone: Page, browser, demo):
    admin = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    open_round(admin, demo, name="隔离入口测试轮")
    admin.context.close()
    login_as(phone, demo, "grid_worker")
    phone.goto("/survey")
    phone.locator(f'[data-building="{BUILDING}"]').click()
    phone.locator('[data-room="401"]').first.click()
    expect(phone.locator("#visit-place")).to_contain_text("1-401")
    phone.click("#visit-start-isolation")
    expect(phone.locator("#new-case-address")).to_contain_text("1号楼")
