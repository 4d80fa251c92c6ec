"""The installable shell: manifest, service worker, and an offline reload that still renders."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_manifest_and_service_worker_are_served(phone: Page, demo):
    phone.goto("/login")
    href = phone.locator('link[rel="manifest"]').get_attribute("href")
    manifest = phone.request.get(href).json()
    assert manifest["short_name"] == "守望" and manifest["display"] == "standalone"
    assert {i["sizes"] for i in manifest["icons"]} >= {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert phone.request.get(icon["src"]).ok
    scope = phone.evaluate(
        "navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope.endswith("/")


def test_offline_reload_renders_the_shell_with_an_offline_banner(phone: Page, demo):
    phone.goto("/login")
    phone.evaluate("navigator.serviceWorker.ready")
    phone.reload()  # now controlled by the worker, which caches what it serves
    expect(phone.locator("#login-submit")).to_be_visible()
    phone.context.set_offline(True)
    phone.reload()
    expect(phone.locator("#sw-offline-banner")).to_be_visible()
    expect(phone.locator("#sw-offline-banner")).to_contain_text("没有信号")
    expect(phone.get_by_text("守望").first).to_be_visible()
    phone.context.set_offline(False)
    phone.reload()
    expect(phone.locator("#sw-offline-banner")).to_be_hidden()
