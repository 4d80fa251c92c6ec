"""The daily report sent up, on a 360x640 zh-CN phone: a secretary sends today's report;
the subdistrict sees it in the roll-up with its numbers and a silent community as late,
opens the drill-down, downloads the Excel (read back with openpyxl), sees a correction as
version 2 with its diff, and its reminder reaches the late community's secretary's home."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import UTC, time

from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import (
    Household,
    ReportDeadline,
    ResidentFinding,
    Role,
    RoundHousehold,
    User,
)
from community_app.services.clock import at_local, local_day
from community_app.services.survey import rounds as survey
from community_app.services.survey.findings import ResidentIn
from tests import factories as f
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import staff_login

T = 30000  # ms: a busy shared machine; every wait is for what the user sees


@dataclass
class Street:
    sender: str  # the admin of 上报甲社区
    silent: str  # the admin of 上报乙社区, who sends nothing
    officer: str
    mine_id: int
    silent_id: int
    round_id: int
    worker_id: int
    homes: list[int]
    subdistrict_id: int


def _early_today(session: Session) -> None:
    """Everything recorded so far happened at 00:05 today, before the 16:00 cut-off."""
    when = at_local(local_day(), time(0, 5)).astimezone(UTC)
    for rh in session.exec(select(RoundHousehold).where(RoundHousehold.reached_at.is_not(None))):
        rh.reached_at = when
        session.add(rh)
    for finding in session.exec(select(ResidentFinding)):
        finding.first_recorded_at = finding.recorded_at = when
        session.add(finding)
    session.commit()


def _visit(demo, street: Street, index: int) -> None:
    with Session(demo.engine) as session:
        worker = f.actor(session.get(User, street.worker_id))
        survey.record_visit(session, actor=worker, uuid=f.new_uuid(), round_id=street.round_id,
                            household_id=street.homes[index], outcome="door",
                            residents=[ResidentIn(name="王建国", birth_year=1960,
                                                  returned_from="武汉", return_date=local_day())])
        session.commit()
        _early_today(session)


def _street(demo) -> Street:
    tag = f.new_uuid()[:6]
    with Session(demo.engine) as session:
        sub = f.subdistrict(session, f"上报街道{tag}")
        mine = f.community(session, "上报甲社区", under=sub)
        silent = f.community(session, "上报乙社区", under=sub)
        building = f.building(session, mine, "甲1号楼", floors=2, units=1, rooms=2)
        admin = f.user(session, mine, Role.admin, f"send-{tag}")
        worker = f.user(session, mine, Role.grid_worker, f"sendw-{tag}")
        f.assign(session, worker, building)
        officer = f.user(session, mine, Role.subdistrict, f"street-{tag}")
        quiet = f.user(session, silent, Role.admin, f"quiet-{tag}")
        # Due at midnight: a community that has sent nothing today is already late.
        session.add(ReportDeadline(subdistrict_id=sub.id, deadline="00:00",
                                   updated_by_id=officer.id))
        session.commit()
        round_ = survey.open_round(session, actor=f.actor(admin), uuid=f.new_uuid(),
                                   name="上报摸排", start_date=local_day())
        homes = session.exec(select(Household.id).where(Household.building_id == building.id)
                             .order_by(Household.id)).all()
        session.commit()
        return Street(sender=admin.username, silent=quiet.username,
                      officer=officer.username, mine_id=mine.id, silent_id=silent.id,
                      round_id=round_.id, worker_id=worker.id, homes=list(homes),
                      subdistrict_id=sub.id)


def _phone(browser, demo) -> Page:
    context = browser.new_context(base_url=demo.app.base_url, **PHONE)
    context.set_default_timeout(30000)
    return context.new_page()


def _signed_in(page: Page, username: str) -> None:
    staff_login(page, username, f.PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/login"), timeout=T)


def _send(page: Page, reason: str = "") -> None:
    page.goto("/report/submit")
    households = page.locator("#report-now [data-metric='households']")
    expect(households).to_have_text("4", timeout=T)
    if reason:
        page.fill("#report-reason", reason)
    page.click("#report-send")
    expect(page.locator("#notice-message")).to_contain_text("已上报", timeout=T)


def test_a_report_goes_up_is_rolled_up_corrected_and_a_late_one_reminded(browser, demo):
    street = _street(demo)
    _visit(demo, street, 0)

    secretary = _phone(browser, demo)
    _signed_in(secretary, street.sender)
    secretary.goto("/")
    expect(secretary.locator("#report-submit-link")).to_be_visible(timeout=T)
    _send(secretary)
    first = secretary.locator("[data-version='1']")
    expect(first).to_contain_text("版本 1", timeout=T)
    expect(first.locator("[data-metric='reached']")).to_have_text("1", timeout=T)
    expect(first.locator("[data-metric='returnees']")).to_have_text("1", timeout=T)
    expect(secretary.locator("#report-reason")).to_be_visible(timeout=T)  # now a correction form

    officer = _phone(browser, demo)
    _signed_in(officer, street.officer)
    officer.goto("/reporting")
    mine = officer.locator("tr[data-community='上报甲社区']")
    expect(mine).to_have_attribute("data-status", "submitted", timeout=T)
    cells = mine.locator("td")
    # status, households, coverage %, returnees, new today, isolated, fever, errands, patrol
    expect(cells.nth(1)).to_have_text("4", timeout=T)
    expect(cells.nth(2)).to_have_text("25", timeout=T)
    expect(cells.nth(3)).to_have_text("1", timeout=T)
    late = officer.locator("tr[data-community='上报乙社区']")
    expect(late).to_have_attribute("data-status", "late", timeout=T)
    expect(late).to_contain_text("逾期未报", timeout=T)
    expect(officer.locator("#rollup-total")).to_contain_text("合计", timeout=T)
    expect(officer.locator("#rollup-chart svg").first).to_be_visible(timeout=T)

    with officer.expect_download() as download:
        officer.click("#rollup-download")
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as sheet:
        book = load_workbook(io.BytesIO(sheet.read()))
    rows = [list(r) for r in book.active.iter_rows(values_only=True)]
    assert rows[0][:5] == ["社区", "状态", "版本", "上报时间", "户数"]
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["上报甲社区"][1] == "迟报" and by_name["上报甲社区"][4:8] == [4, 1, 25, 1]
    assert by_name["上报乙社区"][1] == "逾期未报" and by_name["合计"][4] == 4
    assert len(rows) == 4

    officer.click(f"button[data-remind='{street.silent_id}']")
    expect(officer.locator("#notice-message")).to_contain_text("提醒已发送", timeout=T)

    officer.click(f"a[data-open='{street.mine_id}']")
    expect(officer).to_have_url(re.compile(r"/reporting/community\?c="), timeout=T)
    expect(officer.locator("#detail-when")).to_contain_text("上报甲社区", timeout=T)
    v1_reached = officer.locator("[data-version='1'] [data-metric='reached']")
    expect(v1_reached).to_have_text("1", timeout=T)

    _visit(demo, street, 1)  # a household found after the report went up
    _send(secretary, "补录一户返乡人员")
    expect(secretary.locator("[data-version='2']")).to_contain_text("版本 2", timeout=T)

    officer.reload()
    second = officer.locator("[data-version='2']")
    expect(second).to_contain_text("补录一户返乡人员", timeout=T)
    expect(second.locator("[data-diff='reached']")).to_contain_text("1 → 2", timeout=T)
    expect(second.locator("[data-diff='returnees']")).to_contain_text("1 → 2", timeout=T)
    v1_reached = officer.locator("[data-version='1'] [data-metric='reached']")
    expect(v1_reached).to_have_text("1", timeout=T)

    quiet = _phone(browser, demo)
    _signed_in(quiet, street.silent)
    quiet.goto("/")
    card = quiet.locator("#report-reminder")
    expect(card).to_contain_text("街道提醒", timeout=T)
    expect(card).to_contain_text("已提醒1次", timeout=T)
    card.click()
    expect(quiet).to_have_url(re.compile(r"/report/submit"), timeout=T)

    # The subdistrict moves its deadline to the end of the day: the silent community is
    # no longer late, only not yet sent.
    officer.goto("/reporting")
    officer.get_by_label("各社区日报截止时间").fill("23:59")
    officer.click("#rollup-deadline-save")
    expect(officer.locator("#notice-message")).to_contain_text("已改为 23:59", timeout=T)
    expect(officer.locator("#rollup-when")).to_contain_text("23:59", timeout=T)
    expect(officer.locator("tr[data-community='上报乙社区']")).to_have_attribute(
        "data-status", "pending", timeout=T)
    with Session(demo.engine) as session:
        assert session.get(ReportDeadline, street.subdistrict_id).deadline == "23:59"
