"""Correcting a resident from the ledger in Chromium at 360x640 (issue 12 item 6): the change
is saved, the sheet says who corrected which fields when, the list stays masked, and bad
input is named and changes nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import Building, Household, Resident, ResidentCorrection
from tests.e2e.test_foundation import login_as, no_horizontal_scroll


@pytest.fixture
def person_id(demo) -> Iterator[int]:
    """A resident of 2号楼 (the admin's, not the worker's) with a name to search for; put
    back as it was afterwards (other tests count the special groups)."""
    with Session(demo.engine) as session:
        building = session.exec(select(Building).where(Building.name == "2号楼")).one()
        home = session.exec(select(Household).where(Household.building_id == building.id)
                            .order_by(Household.id.desc())).first()
        person = session.exec(select(Resident).where(Resident.household_id == home.id)).first()
        before = (person.name, person.phone, person.chronic_illness)
        person.name, person.phone, person.chronic_illness = "司马光明", "13700000077", False
        session.add(person)
        session.commit()
        resident_id = person.id
    yield resident_id
    with Session(demo.engine) as session:
        person = session.get(Resident, resident_id)
        person.name, person.phone, person.chronic_illness = before
        session.add(person)
        session.commit()


def test_admin_corrects_a_resident_and_sees_who_and_when(phone: Page, demo, person_id: int):
    login_as(phone, demo, "admin")
    phone.click('#bottom-nav [data-tab="ledger.nav"]')
    expect(phone.locator("#ledger-rows")).to_be_visible()
    phone.fill("#ledger-q", "司马")
    phone.click("#ledger-search")
    rows = phone.locator(".ledger-row")
    expect(rows).to_have_count(1)
    rows.first.click()
    expect(phone.locator("#detail-name")).to_have_text("司马光明")

    phone.click("#detail-correct")
    phone.fill("#correct-phone", "136-0000")
    phone.click("#correct-save")
    expect(phone.locator("#error-message")).to_contain_text("格式不正确")
    with Session(demo.engine) as session:
        assert session.get(Resident, person_id).phone == "13700000077"

    phone.fill("#correct-phone", "13600001234")
    phone.locator('#detail-correct-form input[name="chronic_illness"]').check()
    phone.click("#correct-save")
    expect(phone.locator("#notice-message")).to_contain_text("已保存更正")
    expect(phone.locator("#detail-phone")).to_have_text("13600001234")
    log = phone.locator("#detail-corrections [data-correction]")
    expect(log).to_have_count(1)
    expect(log.first).to_contain_text("admin 测试")
    expect(log.first).to_contain_text(re.compile(r"\d{2}-\d{2} \d{2}:\d{2}"))
    expect(log.first).to_contain_text("电话")
    expect(log.first).to_contain_text("慢性病")
    # The list stays masked, with the new number.
    expect(rows.first.locator(".ledger-phone")).to_have_text("136****1234")
    assert "13600001234" not in phone.locator("#ledger-rows").inner_text()
    assert no_horizontal_scroll(phone)
    with Session(demo.engine) as session:
        stored = session.get(Resident, person_id)
        assert (stored.phone, stored.chronic_illness) == ("13600001234", True)
        entry = session.exec(select(ResidentCorrection).where(
            ResidentCorrection.resident_id == person_id)).one()
        assert entry.fields == "phone,chronic_illness"
