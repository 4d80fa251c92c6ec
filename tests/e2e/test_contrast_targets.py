"""Contrast and targets (issue 12 item 17): white on the main red and the night screen's
green buttons at least 4.5:1, and the language switch, staff inputs, admin buttons and the
patrol plan's checkbox rows at least 44 px tall, at 360x640."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.test_foundation import login_as


def _luminance(rgb: tuple[float, ...]) -> float:
    def lin(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(x) for x in re.findall(r"[\d.]+", css)[:3])


def _contrast(page: Page, selector: str) -> float:
    fg, bg = page.locator(selector).first.evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]")
    a, b = sorted((_luminance(_rgb(fg)), _luminance(_rgb(bg))))
    return (b + 0.05) / (a + 0.05)


def _min_height(page: Page, selector: str) -> float:
    heights = page.locator(selector).evaluate_all(
        "els => els.filter(e => e.offsetParent !== null)"
        ".map(e => e.getBoundingClientRect().height)")
    assert heights, selector
    return min(heights)


def test_main_buttons_read_at_4_5_to_1_and_targets_are_44_px(phone: Page, demo):
    phone.goto("/login")
    expect(phone.locator("#login-submit")).to_be_visible()
    assert _contrast(phone, "#login-submit") >= 4.5
    assert _min_height(phone, "#login-form .rt-TextFieldRoot") >= 44
    assert _min_height(phone, "#lang-switch button, #lang-switch [role=radio]") >= 44
    login_as(phone, demo, "admin")
    phone.goto("/staff")
    expect(phone.locator("[data-username]").first).to_be_visible()
    assert _min_height(phone, "[data-username] button") >= 44
    phone.goto("/patrol/plan")
    expect(phone.locator("label:has(.rt-CheckboxRoot)").first).to_be_visible()
    assert _min_height(phone, "label:has(.rt-CheckboxRoot)") >= 44


def test_the_night_screens_green_button_reads_at_4_5_to_1(phone: Page, demo):
    login_as(phone, demo, "volunteer")
    phone.goto("/patrol")
    expect(phone.locator("#night-shell")).to_be_visible()
    green = phone.locator("#night-shell .radix-themes").first.evaluate(
        "el => { const b = document.createElement('button');"
        " b.className = 'rt-reset rt-BaseButton rt-r-size-4 rt-variant-solid rt-Button';"
        " b.setAttribute('data-accent-color', 'green'); b.textContent = 'x';"
        " el.appendChild(b); const s = getComputedStyle(b);"
        " const out = [s.color, s.backgroundColor]; b.remove(); return out; }")
    a, b = sorted((_luminance(_rgb(green[0])), _luminance(_rgb(green[1]))))
    assert (b + 0.05) / (a + 0.05) >= 4.5, green
