"""台账 and roster import in Chromium at 360x640: search, filter, page, detail, CSV download,
masked lists, a grid worker's narrower scope, and an import with one bad row."""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import Community, ExportLog, Household, Resident
from community_app.state.ledger.import_ import ImportState
from tests import factories as f
from tests.e2e.test_foundation import login_as, no_horizontal_scroll
from tests.ledger import factories as fl

EVIL = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture(scope="module")
def ledger_data(demo):
    """A small extra building: two elderly residents living alone, one with a hostile name."""
    with Session(demo.engine) as session:
        comm = session.exec(select(Community)).first()
        building = f.building(session, comm, "9号楼", floors=1, units=1, rooms=2)
        homes = session.exec(select(Household).where(Household.building_id == building.id)
                             .order_by(Household.id)).all()
        for home, (name, phone) in zip(homes, (("欧阳春花", "13700000009"),
                                               (EVIL, "13700000010")), strict=True):
            resident = session.exec(select(Resident).where(
                Resident.household_id == home.id)).one()
            resident.name, resident.phone, resident.elderly_alone = name, phone, True
            session.add(resident)
        session.commit()
    return building


def _open_ledger(phone: Page, demo, role: str) -> None:
    login_as(phone, demo, role)
    if role == "admin":
        phone.click('#bottom-nav [data-tab="ledger.nav"]')
    else:
        phone.click("#worker-ledger-link")
    expect(phone.locator("#ledger-rows")).to_be_visible()


def test_admin_searches_filters_pages_opens_a_detail_and_downloads(phone: Page, demo,
                                                                   ledger_data):
    _open_ledger(phone, demo, "admin")
    rows = phone.locator(".ledger-row")
    expect(rows).to_have_count(20)
    # Lists are masked: the pattern of a masked phone, never a full number.
    expect(phone.locator(".ledger-phone").first).to_have_text(re.compile(r"^\d{3}\*{4}\d{4}$"))
    assert "13812345678" not in phone.locator("#ledger-rows").inner_text()
    assert no_horizontal_scroll(phone)

    phone.click("#ledger-next")
    expect(phone.locator("#ledger-page")).to_have_text(re.compile(r"^2 / \d+$"))
    # The new page from its first row (issue 12 item 6): the list's heading is on screen.
    phone.wait_for_function("() => { const r = document.getElementById('ledger-total')"
                            ".getBoundingClientRect(); return r.top >= 0 && r.bottom <= 640; }")
    expect(phone.locator("#ledger-prev")).to_be_enabled()

    phone.fill("#ledger-q", "欧阳")
    phone.click("#ledger-search")
    expect(rows).to_have_count(1)
    expect(rows.first.locator(".ledger-name")).to_have_text("欧**花")
    rows.first.click()
    expect(phone.locator("#detail-name")).to_have_text("欧阳春花")
    expect(phone.locator("#detail-phone")).to_have_text("13700000009")
    phone.click("#detail-close")
    expect(phone.locator("#ledger-detail")).to_have_count(0)

    phone.fill("#ledger-q", "")
    phone.click("#ledger-search")
    phone.click('[data-chip="elderly_alone"]')
    expect(rows).to_have_count(2)
    expect(phone.locator("#ledger-total")).to_contain_text("2")

    with phone.expect_download() as download:
        phone.click("#export-csv")
    content = open(download.value.path(), encoding="utf-8-sig").read()
    table = list(csv.reader(io.StringIO(content)))
    assert table[0][:5] == ["小区", "楼栋", "单元", "楼层", "房号"]
    assert len(table) == 3  # the header and the two filtered residents, unmasked
    cells = [c for r in table[1:] for c in r]
    assert "欧阳春花" in cells and "13700000009" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'" + EVIL in cells
    with Session(demo.engine) as session:
        log = session.exec(select(ExportLog).order_by(ExportLog.id.desc())).first()
    assert log.kind == "ledger_csv" and log.rows == 2 and "elderly_alone" in log.filters
    # The admin sees it in the export log on the page (issue 12 item 6).
    phone.click("#export-log-open")
    expect(phone.locator("#export-log [data-export]").first).to_contain_text("台账 CSV · 2 行")


def test_grid_worker_sees_only_their_buildings(phone: Page, demo, ledger_data):
    _open_ledger(phone, demo, "grid_worker")
    places = phone.locator(".ledger-row").all_inner_texts()
    assert places and all("1号楼" in p and "2号楼" not in p and "9号楼" not in p
                          for p in places)
    expect(phone.locator("#export-csv")).to_have_count(0)
    phone.fill("#ledger-q", "欧阳")
    phone.click("#ledger-search")
    expect(phone.locator(".ledger-row")).to_have_count(0)
    # The download route refuses a worker even when asked directly.
    assert phone.request.get("/export/ledger.csv").status == 403


def test_import_with_one_bad_row(phone: Page, demo):
    login_as(phone, demo, "admin")
    phone.goto("/import")
    rows = [fl.roster_row("101", "导入甲", "13600000001", compound="导入小区", building="E1"),
            fl.roster_row("102", "导入乙", "13600000002", compound="导入小区", building="E1",
                          year="abc"),
            fl.roster_row("201", "导入丙", "", compound="导入小区", building="E1", floor="2")]
    phone.set_input_files("#roster-upload input[type=file]", files=[{
        "name": "roster.csv", "mimeType": "text/csv", "buffer": fl.csv_bytes(rows)}])
    expect(phone.get_by_text("roster.csv")).to_be_visible()
    phone.click("#import-check")
    expect(phone.locator("#import-summary")).to_contain_text("可导入 2 行")
    expect(phone.locator("#import-errors")).to_contain_text("第 3 行")
    with Session(demo.engine) as session:
        assert session.exec(select(Resident).where(Resident.name == "导入甲")).first() is None
    phone.click("#import-apply")
    expect(phone.locator("#notice-message")).to_contain_text("新增居民 2 人")
    with Session(demo.engine) as session:
        names = set(session.exec(select(Resident.name).where(
            Resident.name.in_(["导入甲", "导入乙", "导入丙"]))).all())
    assert names == {"导入甲", "导入丙"}
    assert no_horizontal_scroll(phone)


def test_an_upload_replaying_the_admins_tab_token_imports_nothing(phone: Page, demo):
    """Issue 10: /_upload naming the admin's tab token, no cookie, another site's Origin."""
    login_as(phone, demo, "admin")
    phone.goto("/import")
    expect(phone.locator("#import-check")).to_be_visible()
    tab_token = phone.evaluate("window.sessionStorage.getItem('token')")
    assert tab_token
    roster = fl.csv_bytes([fl.roster_row("909", "冒名者", "13600000909", compound="冒名小区")])
    outsider = phone.context.browser.new_context(base_url=demo.app.base_url)
    try:
        for handler in ("check_file", "apply_file"):
            outsider.request.post("/_upload", multipart={"files": {
                "name": "roster.csv", "mimeType": "text/csv", "buffer": roster}}, headers={
                "reflex-client-token": tab_token, "origin": "http://evil.example",
                "reflex-event-handler": f"{ImportState.get_full_name()}.{handler}"})
        no_cookie = outsider.request.post("/upload/roster/check?name=r.csv", data=roster,
                                          headers={"origin": demo.app.base_url})
        assert no_cookie.status == 403
    finally:
        outsider.close()
    # The admin's own browser, but the request made for another site: refused as well.
    cross = phone.request.post("/upload/roster/check?name=r.csv", data=roster,
                               headers={"origin": "http://evil.example"})
    assert cross.status == 403
    with Session(demo.engine) as session:
        assert session.exec(select(Resident).where(Resident.name == "冒名者")).first() is None
