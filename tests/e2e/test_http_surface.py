"""The real app's HTTP surface: security headers on every page and route, a policy that
blocks nothing the app itself runs, and the upload gate in front of Reflex's /_upload."""

from __future__ import annotations

import http.client
import time
import urllib.parse

from playwright.sync_api import Page, expect

from tests.e2e.test_foundation import login_as

PAGES = {
    "admin": ["/", "/survey", "/ledger", "/staff", "/buildings", "/report", "/map", "/import",
              "/errands/admin", "/patrol/plan", "/me"],
    "grid_worker": ["/", "/survey", "/isolation", "/errands/needs", "/me"],
    "volunteer": ["/", "/patrol", "/errands", "/me"],
    "household": ["/", "/ask", "/me"],
}
ROUTES = ["/login", "/", "/buildings", "/f", "/ping", "/sw.js", "/js/pwa.js",
          "/manifest.webmanifest", "/auth/logout", "/export/ledger.csv", "/no-such-page"]


def _policy(headers: dict[str, str]) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:]
            for d in headers["content-security-policy"].split("; ")}


def test_every_page_and_route_sends_the_security_headers(phone: Page, demo):
    for path in ROUTES:
        response = phone.request.get(path, max_redirects=0)
        headers = response.headers
        policy = _policy(headers)
        assert policy["frame-ancestors"] == ["'none'"], path
        assert "'unsafe-inline'" not in policy["script-src"], path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] in ("same-origin", "no-referrer"), path
        assert "strict-transport-security" not in headers, path  # plain http here
    login = phone.request.get("/login")
    assert any(s.startswith("'sha256-") for s in _policy(login.headers)["script-src"])


def test_the_policy_blocks_nothing_the_app_runs(browser, demo):
    """Each role's pages load and work under the policy; the browser reports no violation."""
    from tests.e2e.conftest import PHONE

    for role, paths in PAGES.items():
        context = browser.new_context(base_url=demo.app.base_url, **PHONE)
        page = context.new_page()
        violations: list[str] = []

        def note(message, seen: list[str] = violations) -> None:
            if "Content Security Policy" in message.text:
                seen.append(message.text)

        page.on("console", note)
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => console.error("
            "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))")
        login_as(page, demo, role)  # sign-in runs server-sent scripts (a full page load)
        for path in paths:
            response = page.goto(path)
            assert response and response.ok, (role, path)
            expect(page.locator("#bottom-nav")).to_be_visible()
        assert page.evaluate("typeof window.swUuid") == "function"  # the head files ran
        assert page.evaluate("typeof window.swPatrolPending") == "function"
        page.goto("/me")
        page.click("#logout")  # another server-sent script
        expect(page.locator("#username, #code").first).to_be_visible()
        context.close()
        assert violations == [], (role, violations)


def _post_headers_only(base_url: str, length: int, cookie: str = "") -> tuple[int, float]:
    """Announce a big body, send 1 MB of it, and time how soon the server answers."""
    url = urllib.parse.urlsplit(base_url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    started = time.monotonic()
    conn.putrequest("POST", "/_upload")
    conn.putheader("Content-Type", "multipart/form-data; boundary=x")
    conn.putheader("Content-Length", str(length))
    conn.putheader("reflex-client-token", "00000000-0000-4000-8000-000000000000")
    conn.putheader("reflex-event-handler", "state.app_state.import_state.check_file")
    if cookie:
        conn.putheader("Cookie", cookie)
    conn.endheaders()
    try:
        conn.send(b"x" * (1024 * 1024))
    except OSError:
        pass  # the server may already have answered and closed
    status = conn.getresponse().status
    conn.close()
    return status, time.monotonic() - started


def test_an_anonymous_50_mb_upload_is_refused_at_once(demo):
    status, seconds = _post_headers_only(demo.app.base_url, 50 * 1024 * 1024)
    assert status == 413 and seconds < 3
    status, seconds = _post_headers_only(demo.app.base_url, 1024 * 1024 + 200)
    assert status == 401 and seconds < 3  # small but anonymous: refused unread too
