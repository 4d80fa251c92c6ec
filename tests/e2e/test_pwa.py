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


# Reflex's showNewVersionBanner (reflex_base/.templates/web/utils/state.js), as it draws it
# when a page built before a deploy meets the new server within its reload cooldown.
REFLEX_BANNER = """() => { const e = document.createElement('div');
  e.id = 'reflex-new-version-banner'; e.setAttribute('role', 'alert');
  e.append('A new version of this app is available.');
  const b = document.createElement('button'); b.textContent = 'Reload';
  b.onclick = () => { window.__reloaded = true; }; e.append(b); document.body.append(e); }"""


def test_the_new_version_banner_speaks_the_readers_language(phone: Page, demo):
    phone.goto("/login")
    expect(phone.locator("#login-submit")).to_be_visible()
    phone.evaluate(REFLEX_BANNER)
    banner = phone.locator("#reflex-new-version-banner")
    expect(banner).to_contain_text("守望已更新")
    expect(banner).not_to_contain_text("new version")
    button = banner.get_by_role("button", name="刷新")
    assert button.bounding_box()["height"] >= 44
    button.click()
    assert phone.evaluate("window.__reloaded === true")  # Reflex's own reload still runs
    phone.evaluate("document.getElementById('reflex-new-version-banner').remove()")
    phone.get_by_role("radio", name="EN").click()
    expect(phone.locator("#login-submit")).to_contain_text("Sign in")
    phone.evaluate(REFLEX_BANNER)
    expect(banner).to_contain_text("Shouwang has been updated")
    expect(banner.get_by_role("button", name="Reload")).to_be_visible()
