"""Accessibility on every page, for every role (issue 12 item 17, "Done means"): axe-core
reports no serious or critical violation, every form control has a label tied to it,
buttons are at least 44x44 px and nothing scrolls sideways at 360 px; the main dialogs
(temperature pad, /ask dropdowns, the staff building picker) too.

Findings of each walk are saved to test-artifacts/axe-<walk>.json.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import axe, live
from tests.e2e.conftest import PHONE
from tests.e2e.every_page import PUBLIC, ROLES, for_role
from tests.e2e.test_foundation import login_as


def _settle(page: Page, signed_in: bool) -> None:
    if signed_in:
        expect(page.locator("#bottom-nav")).to_be_visible()
    page.wait_for_load_state("networkidle")


def _finish(findings: axe.Findings, name: str) -> None:
    findings.save(name)
    if not axe.report_only():
        assert not findings.by_page, findings.summary()


def test_axe_finds_a_deliberately_broken_element(phone: Page, demo):
    """The injection works under the page's CSP: an unnamed input is reported."""
    phone.goto("/login")
    _settle(phone, signed_in=False)
    phone.evaluate("document.body.insertAdjacentHTML('beforeend',"
                   " '<input id=\"axe-probe\" type=\"text\">')")
    rules = {v["rule"]: v for v in axe.run_axe(phone)}
    # The version the Makefile installs is the one running.
    assert phone.evaluate("axe.version") == axe.AXE_VERSION
    assert f"AXE_VERSION := {axe.AXE_VERSION}" in (live.ROOT / "Makefile").read_text()
    assert "label" in rules, rules
    assert any("#axe-probe" in n["target"] for n in rules["label"]["nodes"])


def test_public_pages_signed_out(phone: Page, demo):
    findings = axe.Findings()
    for path in PUBLIC:
        phone.goto(path)
        _settle(phone, signed_in=False)
        axe.check(phone, findings, path)
    _finish(findings, "public")


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_each_role(phone: Page, demo, isolated_household: int, role: str):
    login_as(phone, demo, role)
    findings = axe.Findings()
    for path in for_role(demo, role, isolated_household):  # the case's page too
        phone.goto(path)
        _settle(phone, signed_in=True)
        axe.check(phone, findings, path)
    _finish(findings, role)


def test_the_main_dialogs(phone: Page, browser, demo, isolated_household):
    findings = axe.Findings()
    # The household's temperature pad (its home, while isolated).
    login_as(phone, demo, "household")
    phone.locator("[data-report]").first.click()
    expect(phone.locator("#household-pad")).to_be_visible()
    axe.check(phone, findings, "household pad")
    # /ask: each dropdown open.
    phone.goto("/ask")
    _settle(phone, signed_in=True)
    phone.click("#ask-more > summary")  # when, payment and note are folded (issue 12 item 14)
    for name in ("urgency", "window", "payment"):
        phone.click(f"#select-{name}")
        expect(phone.get_by_role("listbox")).to_be_visible()
        axe.check(phone, findings, f"/ask {name} open")
        phone.keyboard.press("Escape")
        expect(phone.get_by_role("listbox")).to_have_count(0)

    staff = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    # The worker's board pad, and the admin's building picker on /staff.
    login_as(staff, demo, "grid_worker")
    staff.goto("/isolation")
    _settle(staff, signed_in=True)
    staff.locator("[data-sw-open=pad-form]").first.click()
    expect(staff.locator("#pad-form")).to_be_visible()
    axe.check(staff, findings, "worker pad")
    staff.context.close()

    admin = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    login_as(admin, demo, "admin")
    admin.goto("/staff")
    _settle(admin, signed_in=True)
    admin.locator('[data-username="worker"]').get_by_role(
        "button", name=re.compile("栋")).click()
    expect(admin.locator("#assign-sheet")).to_be_visible()
    axe.check(admin, findings, "staff building picker")
    admin.context.close()
    _finish(findings, "dialogs")
