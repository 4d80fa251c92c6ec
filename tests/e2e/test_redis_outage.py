"""Scale-out mode (REDIS_URL) when Redis goes away and comes back empty.

The app runs against a Redis server of its own (started here on a free port, nothing
persisted), so stopping it and wiping a tab's keys touches nobody else's data.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import redis
from playwright.sync_api import Page, expect
from sqlmodel import Session, func, select

from community_app.db import make_engine
from community_app.models import ErrandRequest
from tests.conftest import IN_CI
from tests.e2e import live
from tests.e2e.conftest import PHONE, _people
from tests.e2e.test_foundation import login_as


@dataclass
class RedisServer:
    port: int
    process: subprocess.Popen | None = None

    def start(self) -> None:
        """An empty server each time: no snapshot, no append-only file."""
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(port=self.port)
        for _ in range(200):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def drop_tab(self, token: str) -> int:
        """Everything stored for one tab token, gone (as after a restart with no data)."""
        client = redis.Redis(port=self.port)
        keys = list(client.scan_iter(f"*{token}*"))
        return client.delete(*keys) if keys else 0


@dataclass
class Outage:
    app: live.LiveApp
    logins: dict
    redis: RedisServer
    engine: object


@pytest.fixture(scope="module")
def outage(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[Outage]:
    if shutil.which("redis-server") is None:
        if IN_CI:
            pytest.fail("redis-server is required under CI=true")
        pytest.skip("redis-server not installed")
    server = RedisServer(port=live.free_port())
    server.start()
    live.stop_all()
    url = f"sqlite:///{tmp_path_factory.mktemp('outage') / 'outage.db'}"
    live.migrate(url)
    logins, _ = _people(url)
    app = live.start(url, name="e2e-redis-outage",
                     extra_env={"REDIS_URL": f"redis://127.0.0.1:{server.port}/0"})
    yield Outage(app=app, logins=logins, redis=server, engine=make_engine(url))
    app.stop()
    server.stop()


@pytest.fixture
def page(browser, outage: Outage) -> Iterator[Page]:
    context = browser.new_context(base_url=outage.app.base_url, **PHONE)
    context.set_default_timeout(20000)
    yield context.new_page()
    context.close()


def _open_ask(page: Page, outage: Outage) -> None:
    login_as(page, outage, "household")
    page.click("#ask-supplies")
    expect(page.locator('[data-item="rice"]')).to_be_visible()


def test_the_first_event_after_the_tab_state_is_lost_applies(page: Page, outage: Outage):
    _open_ask(page, outage)
    page.click('[data-item="rice"]')
    expect(page.locator("#picked")).to_contain_text("米")
    token = page.evaluate("sessionStorage.getItem('token')")
    assert outage.redis.drop_tab(token) > 0  # Redis lost this tab's state
    page.click('[data-item="eggs"]')  # the first event on the rebuilt state
    expect(page.locator("#picked")).to_contain_text("鸡蛋")
    page.click('[data-item="oil"]')
    expect(page.locator("#picked")).to_contain_text("鸡蛋")
    expect(page.locator("#picked")).to_contain_text("油")


def _requests(outage: Outage) -> int:
    with Session(outage.engine) as session:
        return session.exec(select(func.count()).select_from(ErrandRequest)).one()


def test_a_redis_outage_is_said_plainly_and_the_first_event_after_it_applies(
        page: Page, outage: Outage):
    _open_ask(page, outage)
    banner = page.locator("#sw-offline-banner")
    before = _requests(outage)
    outage.redis.stop()
    try:
        page.click('[data-item="rice"]')
        # Our words, in the phone's language; never "no signal", never Reflex's toast.
        expect(banner).to_be_visible()
        expect(banner).to_contain_text("服务器暂时不可用")
        expect(banner).to_have_attribute("data-sw-net", "unreachable")
        expect(banner).not_to_contain_text("没有信号")
        expect(page.get_by_text("An error occurred")).to_have_count(0)
        expect(page.get_by_text("Contact the website administrator")).to_have_count(0)
        # What is submitted meanwhile stays in the outbox.
        page.fill("#wish", "挂面三包")
        page.click("#ask-send")
        page.wait_for_function("Object.keys(JSON.parse(localStorage.getItem('sw-outbox')"
                               " || '{}')).length === 1")
        assert _requests(outage) == before
    finally:
        outage.redis.start()  # back, and empty
    expect(banner).to_be_hidden()  # the health check answers again
    page.click('[data-item="eggs"]')  # the first event after the outage applies
    expect(page.locator("#picked")).to_contain_text("鸡蛋")
    page.goto("/")  # the home screen sends what the outbox kept
    expect(page.locator("#notice-message")).to_contain_text("1 条代买请求已发送")
    page.wait_for_function("localStorage.getItem('sw-outbox') === '{}'")
    assert _requests(outage) == before + 1
