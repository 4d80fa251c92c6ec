"""The scale-out configuration for real: PostgreSQL + Redis, several backend workers.

With REDIS_URL set, Reflex runs 2*cores+1 backend processes sharing state in
Redis; a session that signs in on one worker must hold on every other. The session
is an HttpOnly cookie read from each websocket handshake by the worker that takes it.
"""

from __future__ import annotations

import os
import re
import signal
import time
import urllib.request

import pytest
import redis
from playwright.sync_api import expect
from sqlalchemy import text

from community_app.db import make_engine
from tests.conftest import IN_CI, PG_URL, pg_schema_url
from tests.e2e import live
from tests.e2e.conftest import PHONE, _people
from tests.e2e.test_foundation import HOMES, staff_login

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


def _reachable() -> str | None:
    try:
        with make_engine(PG_URL).connect() as conn:
            conn.execute(text("select 1"))
        redis.Redis.from_url(REDIS_URL).ping()
    except Exception as exc:  # noqa: BLE001
        return str(exc)
    return None


@pytest.fixture(scope="module")
def scaled_app():
    problem = _reachable()
    if problem:
        if IN_CI:
            pytest.fail(f"PostgreSQL and Redis are required under CI=true: {problem}")
        pytest.skip(f"PostgreSQL/Redis not reachable: {problem}")
    live.stop_all()
    redis.Redis.from_url(REDIS_URL).flushdb()
    url = pg_schema_url("shouwang_e2e")
    live.migrate(url)
    logins, _ = _people(url)
    app = live.start(url, name="e2e-postgres-redis", extra_env={"REDIS_URL": REDIS_URL})
    yield app, logins
    app.stop()


def _ping(base_url: str) -> bool:
    for attempt in range(2):
        try:
            with urllib.request.urlopen(base_url + "/ping", timeout=5) as ping:
                return ping.status == 200
        except ConnectionError:
            if attempt:
                raise
    return False


def test_a_killed_worker_is_respawned_while_the_others_keep_serving(scaled_app, browser):
    """kill -9 of one backend worker: sockets on the others work on, a new worker comes up."""
    app, logins = scaled_app
    page = browser.new_context(base_url=app.base_url, **PHONE).new_page()
    page.set_default_timeout(20000)
    staff_login(page, *logins["admin"])
    expect(page.locator(HOMES["admin"])).to_be_visible()
    before = live.worker_pids(app)
    assert len(before) >= 2, before
    os.kill(before[0], signal.SIGKILL)
    live.wait_dead(before[0])
    # Serving never stops: every ping meanwhile is answered by a surviving worker. A
    # connection the kernel had already queued on the dead worker's socket is reset; a
    # client retries it once, as the browser's socket does.
    answered = sum(_ping(app.base_url) for _ in range(20))
    assert answered == 20
    # The signed-in tab keeps working (its socket reconnects if it was on the dead worker).
    page.goto("/staff")
    expect(page.locator('[data-username="worker"]')).to_be_visible()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        now = live.worker_pids(app)
        if len(now) == len(before) and before[0] not in now:
            break
        time.sleep(0.2)
    assert len(now) == len(before) and before[0] not in now, (before, now)
    assert app.process.poll() is None  # the supervisor never stopped
    page.context.close()


def test_sessions_hold_across_workers_and_state_lives_in_redis(scaled_app, browser):
    app, logins = scaled_app
    page = browser.new_context(base_url=app.base_url, **PHONE).new_page()
    page.set_default_timeout(20000)
    staff_login(page, *logins["admin"])
    expect(page.locator(HOMES["admin"])).to_be_visible()
    # The HttpOnly cookie rides on each new websocket handshake, whichever worker takes it.
    assert "sw_session" not in page.evaluate("document.cookie")
    assert any(c["name"] == "sw_session" and c["httpOnly"] for c in page.context.cookies())
    for _ in range(3):  # several page loads: events spread over the workers
        page.goto("/staff")
        expect(page.locator('[data-username="worker"]')).to_be_visible()
        page.goto("/buildings")
        expect(page.get_by_text("1号楼所在小区 1号楼")).to_be_visible()
    assert redis.Redis.from_url(REDIS_URL).dbsize() > 0
    page.goto("/me")
    page.click("#logout")
    expect(page).to_have_url(re.compile(r"/login/?(\?out=1)?$"))
    assert not [c for c in page.context.cookies() if c["name"] == "sw_session"]
    page.goto("/staff")
    expect(page).to_have_url(re.compile(r"/login/?(\?out=1)?$"))
    page.context.close()


def test_disabling_on_one_worker_refuses_the_next_event_on_every_other(scaled_app, browser):
    """Workers keep validated sessions in memory (services/session_cache.py); a disable
    committed by whichever worker took the admin's event bumps the shared epoch, so the
    worker's next tap is refused whichever worker its socket is on."""
    app, logins = scaled_app
    worker = browser.new_context(base_url=app.base_url, **PHONE).new_page()
    worker.set_default_timeout(20000)
    staff_login(worker, *logins["grid_worker"])
    expect(worker.locator(HOMES["grid_worker"])).to_be_visible()
    for _ in range(3):  # new sockets each load: the session is cached on several workers
        worker.goto("/buildings")
        expect(worker.get_by_text("1号楼所在小区 1号楼")).to_be_visible()
    admin = browser.new_context(base_url=app.base_url, **PHONE).new_page()
    admin.set_default_timeout(20000)
    staff_login(admin, *logins["admin"])
    expect(admin.locator(HOMES["admin"])).to_be_visible()
    admin.goto("/staff")
    card = admin.locator('[data-username="worker"]')
    card.get_by_role("button", name="停用").click()
    expect(card.get_by_role("button", name="启用")).to_be_visible()
    # The worker's open tab: following a link is one event on its existing socket.
    worker.get_by_text("1号楼所在小区 1号楼").click()
    expect(worker).to_have_url(re.compile(r"/login"))
    card.get_by_role("button", name="启用").click()  # the module's other tests sign in as admin
    expect(card.get_by_role("button", name="停用")).to_be_visible()
    admin.context.close()
    worker.context.close()


def _answers(base_url: str, timeout: float = 60) -> bool:
    """Until /ping is answered (a respawned worker imports the app before it listens)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base_url + "/ping", timeout=5) as ping:
                if ping.status == 200:
                    return True
        except OSError:  # refused or reset while no worker listens yet
            time.sleep(0.3)
    return False


def _replace_every_worker(app) -> list[int]:  # noqa: ANN001 - live.LiveApp
    """kill -9 each worker in turn, waiting for its replacement to serve: none is left."""
    before = live.worker_pids(app)
    for pid in before:
        os.kill(pid, signal.SIGKILL)
        live.wait_dead(pid)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            now = live.worker_pids(app)
            if len(now) == len(before) and pid not in now:
                break
            time.sleep(0.2)
        assert _answers(app.base_url)
    now = live.worker_pids(app)
    assert len(now) == len(before) and not set(now) & set(before), (before, now)
    return now


def test_a_subdistrict_officer_signed_in_on_one_worker_is_served_by_the_others(
        scaled_app, browser):
    """The 街道 officer (issue 16) signs in; then every worker that existed at sign-in is
    replaced, so the officer's next pages and events are served by workers that never saw
    the sign-in: the session is the cookie + database, the tab's state is in Redis."""
    app, logins = scaled_app
    page = browser.new_context(base_url=app.base_url, **PHONE).new_page()
    page.set_default_timeout(20000)
    staff_login(page, *logins["subdistrict"])
    expect(page).to_have_url(re.compile(r"/subdistrict/?$"), timeout=20000)
    expect(page.locator('[data-community="幸福里社区"]')).to_be_visible(timeout=20000)
    _replace_every_worker(app)
    assert app.process.poll() is None
    assert _answers(app.base_url)
    for _ in range(3):  # new sockets each load, spread over the new workers
        page.goto("/subdistrict")
        # The first events on a freshly spawned (cold) worker may take a few seconds here.
        expect(page.locator('[data-community="幸福里社区"]')).to_be_visible(timeout=30000)
    # Its scope holds on them: a community page is still refused to the officer.
    page.goto("/staff")
    expect(page.locator("#error-message")).to_contain_text("您没有权限")
    expect(page.locator('[data-username="worker"]')).to_have_count(0)
    page.goto("/subdistrict")
    page.locator("#logout").click()  # an event on whichever worker holds the socket now
    expect(page).to_have_url(re.compile(r"/login/?(\?out=1)?$"))
    page.goto("/subdistrict")
    expect(page).to_have_url(re.compile(r"/login"))
    page.context.close()
