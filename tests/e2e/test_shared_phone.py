"""A shared phone: after an admin signs out, nothing they opened reaches the next person.

The admin opens a resident's full ledger detail and issues a household's code and PIN, then
signs out. Neither the login page the phone lands on, nor a browser that kept the old tab
token, receives any of it: the tab's states were reset on the server and the tab token was
dropped, so the next page starts a new tab.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import Community, Household, Resident
from tests import factories as f
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import login_as

NAME, FULL_PHONE = "上官共用", "13755550077"


@pytest.fixture(scope="module")
def shared(demo) -> int:
    with Session(demo.engine) as session:
        comm = session.exec(select(Community)).first()
        building = f.building(session, comm, "共用楼", floors=1, units=1, rooms=1)
        home = session.exec(select(Household).where(Household.building_id == building.id)).one()
        resident = session.exec(select(Resident).where(Resident.household_id == home.id)).one()
        resident.name, resident.phone = NAME, FULL_PHONE
        session.add(resident)
        session.commit()
        return building.id


def _frames(page: Page) -> list[str]:
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda data: frames.append(data if isinstance(data, str) else "")))
    return frames


def _hydrated(page: Page, frames: list[str], drawn: str = "#login-submit") -> None:
    """The page is drawn and the whole state tree of its tab has arrived."""
    expect(page.locator(drawn)).to_be_visible()
    for _ in range(100):
        if any("is_hydrated" in frame for frame in frames):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"no hydrate seen: {frames[:3]}")


def test_signing_out_on_a_shared_phone_leaves_nothing_for_the_next_person(
        phone: Page, browser, demo, shared):
    login_as(phone, demo, "admin")
    phone.goto("/ledger")
    phone.fill("#ledger-q", NAME)
    phone.click("#ledger-search")
    expect(phone.locator(".ledger-row")).to_have_count(1)
    phone.locator(".ledger-row").first.click()
    expect(phone.locator("#detail-phone")).to_have_text(FULL_PHONE)
    phone.goto(f"/building?id={shared}")
    phone.locator('[data-room="101"]').click()
    phone.click("#open-account")
    pin = phone.locator("#issued-pin").inner_text()
    code = phone.locator("#issued-code").inner_text()
    assert re.fullmatch(r"\d{6}", pin) and code
    old_token = phone.evaluate("sessionStorage.getItem('token')")
    assert old_token

    frames = _frames(phone)
    phone.goto("/me")
    _hydrated(phone, frames, "#logout")  # still signed in: this hydrate holds it all
    frames.clear()
    phone.click("#logout")
    expect(phone).to_have_url(re.compile(r"/login/?(\?out=1)?$"))
    _hydrated(phone, frames)
    assert phone.evaluate("sessionStorage.getItem('token')") != old_token
    secrets = (NAME, FULL_PHONE, pin, code)
    assert not [s for s in secrets if any(s in frame for frame in frames)]

    # Someone who kept the old tab token (proxy logs, a copied URL) and has no cookie.
    thief = browser.new_context(base_url=demo.app.base_url, **PHONE)
    thief.add_init_script(f"sessionStorage.setItem('token', {old_token!r})")
    page = thief.new_page()
    stolen = _frames(page)
    page.goto("/login")
    _hydrated(page, stolen)
    assert page.evaluate("sessionStorage.getItem('token')") == old_token
    assert not [s for s in secrets if any(s in frame for frame in stolen)]
    thief.close()
