"""Browser tests: the real app, Debian's Chromium through Playwright, a 360x640 phone.

Under CI=true a missing Chromium is a failure, never a silent skip.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlmodel import Session, select

from community_app.db import make_engine
from community_app.models import Household, Resident, Role, User
from community_app.services.isolation import cases as isolation
from tests import factories as f
from tests.e2e import live

PHONE = {"viewport": {"width": 360, "height": 640}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]


def pytest_collection_modifyitems(items: list) -> None:
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@dataclass
class Demo:
    app: live.LiveApp
    logins: dict[str, tuple[str, str]]
    engine: object
    building_id: int


def _people(database_url: str) -> tuple[dict[str, tuple[str, str]], int]:
    """A small community with one known login per role."""
    with Session(make_engine(database_url)) as session:
        comm = f.community(session, "幸福里社区")
        b1 = f.building(session, comm, "1号楼", floors=6, units=2, rooms=2)
        f.building(session, comm, "2号楼", floors=4, units=1, rooms=2)
        logins = {}
        for role, username in ((Role.admin, "admin"), (Role.grid_worker, "worker"),
                               (Role.volunteer, "volunteer")):
            person = f.user(session, comm, role, username)
            logins[role.value] = (username, f.PASSWORD)
            if role == Role.grid_worker:
                f.assign(session, person, b1)
        home = session.exec(select(Household).where(Household.building_id == b1.id)).first()
        f.user(session, comm, Role.household, home.code, password="246810",
               household_id=home.id)
        logins["household"] = (home.code, "246810")
        f.user(session, comm, Role.subdistrict, "street")  # the officer of comm's 街道
        logins["subdistrict"] = ("street", f.PASSWORD)
        session.commit()
        return logins, b1.id


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is required for browser tests under CI=true")
        pytest.skip("chromium not installed: browser tests skipped (make test installs it)")
    return path


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[Demo]:
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'e2e.db'}"
    live.migrate(url)
    logins, building_id = _people(url)
    app = live.start(url, name="e2e-sqlite")
    yield Demo(app=app, logins=logins, engine=make_engine(url), building_id=building_id)
    app.stop()


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def isolated_household(demo: Demo) -> Iterator[int]:
    """The demo household under isolation for this test only (its case id); the case is
    closed afterwards."""
    code = demo.logins["household"][0]
    with Session(demo.engine) as session:
        home = session.exec(select(Household).where(Household.code == code)).one()
        worker = f.actor(session.exec(select(User).where(User.username == "worker")).one())
        people = session.exec(select(Resident.id).where(Resident.household_id == home.id)).all()
        case_id = isolation.open_case(session, actor=worker, uuid=f.new_uuid(),
                                      household_id=home.id, resident_ids=list(people),
                                      reason="returnee")
        session.commit()
    yield case_id
    with Session(demo.engine) as session:
        isolation.close_case(session, actor=worker, case_id=case_id, reason="other",
                             note="test over")
        session.commit()


@pytest.fixture
def phone(browser, demo: Demo, request: pytest.FixtureRequest):
    context = browser.new_context(base_url=demo.app.base_url, **PHONE)
    context.set_default_timeout(15000)
    page = context.new_page()
    yield page
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        live.ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(live.ARTIFACTS / f"{request.node.name}.png"))
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
