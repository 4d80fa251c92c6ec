"""民情地图 in Chromium at 360x640 (issue 12 item 5): the layer tabs fit, a search finds a
flat by its address, tapping a flat opens that household (only for those who may)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import Building, Compound, Household
from community_app.services import round_cover
from tests.e2e.test_foundation import login_as, no_horizontal_scroll


def _open_map(phone: Page, demo, role: str) -> None:
    login_as(phone, demo, role)
    if role == "grid_worker":
        phone.click("#map-link")
    else:
        phone.goto("/map")
    expect(phone.locator('[data-map-building="1号楼"]')).to_be_visible()


def test_every_layer_tab_fits_at_360px_and_the_last_one_works(phone: Page, demo):
    _open_map(phone, demo, "grid_worker")
    width = phone.evaluate("window.innerWidth")
    strip = phone.locator("#map-layer")
    tabs = strip.get_by_role("radio")
    expect(tabs).to_have_count(4)
    for i in range(4):
        box = tabs.nth(i).bounding_box()
        # Whole on screen: no tab cut at the right edge ("重点人群" was), none off-screen.
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (i, box)
        assert box["height"] >= 44
        # Its label whole: nothing inside the tab clipped or overflowing it.
        assert tabs.nth(i).evaluate("""el => [el, ...el.querySelectorAll('*')].every(
            e => e.scrollWidth <= e.clientWidth + 1 || e.clientWidth === 0)
            && [...el.querySelectorAll('*')].every(e => {
                const r = e.getBoundingClientRect(), t = el.getBoundingClientRect();
                return r.width === 0 || (r.left >= t.left - 1 && r.right <= t.right + 1); })
            """), i
        # And not clipped by the strip itself (an overflow-hidden strip would hide it).
        assert phone.evaluate(
            "([el, x, y]) => el.contains(document.elementFromPoint(x, y))",
            [tabs.nth(i).element_handle(), box["x"] + box["width"] - 4,
             box["y"] + box["height"] / 2])
    assert no_horizontal_scroll(phone)
    strip.get_by_role("radio", name="重点人群").click()
    expect(strip.get_by_role("radio", name="重点人群")).to_have_attribute("aria-checked", "true")
    expect(phone.locator('[data-map-building="1号楼"] [data-key="clear"]').first).to_be_visible()
    assert no_horizontal_scroll(phone)


def test_search_finds_a_flat_and_a_tap_opens_that_household(phone: Page, demo):
    with Session(demo.engine) as session:
        home = session.exec(select(Household).where(Household.building_id == demo.building_id,
                                                    Household.unit == 2,
                                                    Household.room == "502")).one()
        compound = session.get(Compound, session.get(Building, demo.building_id).compound_id)
    _open_map(phone, demo, "grid_worker")
    phone.fill("#map-q", "1号楼 2-502")
    phone.click("#map-search")
    expect(phone.locator("#map-found")).to_contain_text("1")
    found = phone.locator('[data-match="1"]')
    expect(found).to_have_count(1)
    expect(found).to_have_attribute("data-room", "502")
    assert no_horizontal_scroll(phone)
    # A room alone finds it in both units of the worker's building; 2号楼 is not theirs.
    phone.fill("#map-q", "502")
    phone.click("#map-search")
    expect(phone.locator('[data-match="1"]')).to_have_count(2)
    expect(phone.locator('[data-map-building="2号楼"]')).to_have_count(0)
    phone.fill("#map-q", "1号楼 2-502")
    phone.click("#map-search")
    expect(phone.locator('[data-match="1"]')).to_have_count(1)

    phone.locator(f'[data-flat="{home.id}"]').click()
    with Session(demo.engine) as session:  # other tests may have opened a round over it
        round_open = bool(round_cover.open_rounds_covering(
            session, community_id=compound.community_id, compound_id=compound.id))
    if round_open:  # the worker's record of the household: the visit form
        expect(phone).to_have_url(re.compile(rf"/survey/visit\?h={home.id}"))
        expect(phone.locator("#visit-place")).to_contain_text("2-502")
    else:  # no round open: the ledger on that household alone
        expect(phone).to_have_url(re.compile(rf"/ledger\?h={home.id}"))
        rows = phone.locator(".ledger-row")
        expect(rows.first).to_be_visible()
        assert all("2-502" in text for text in rows.all_inner_texts())


def test_an_admin_taps_a_flat_into_the_ledger_on_that_household(phone: Page, demo):
    with Session(demo.engine) as session:
        home = session.exec(select(Household).where(Household.building_id == demo.building_id,
                                                    Household.unit == 1,
                                                    Household.room == "301")).one()
    _open_map(phone, demo, "admin")
    phone.fill("#map-q", "1号楼 1-301")
    phone.click("#map-search")
    expect(phone.locator('[data-match="1"]')).to_have_count(1)
    phone.locator(f'[data-flat="{home.id}"]').click()
    expect(phone).to_have_url(re.compile(rf"/ledger\?h={home.id}"))
    expect(phone.locator('[data-chip="household"]')).to_be_visible()
    rows = phone.locator(".ledger-row")
    expect(rows.first).to_be_visible()
    assert all("1-301" in text for text in rows.all_inner_texts())
