"""A volunteer's run with no signal: bought, substitute, unavailable, the amount paid and the
delivery are kept on the phone, survive a closed tab, and are saved once when the signal
returns."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import ErrandItem, ErrandRequest, Household, User
from community_app.services.errands import requests as errands
from community_app.services.errands import runs
from tests import factories as f
from tests.e2e.offline import KEPT, close_framework_toast, go_offline, reopen
from tests.e2e.test_foundation import login_as


def _actor(session: Session, username: str):
    return f.actor(session.exec(select(User).where(User.username == username)).one())


@pytest.fixture
def shopping(demo) -> Iterator[int]:
    """The demo household's request (greens, rice, eggs; prepaid), claimed by the volunteer
    and on their run; confirmed by the household afterwards so it leaves the run, and its
    amount taken off again so the shared demo's admin desk totals only its own tests."""
    code = demo.logins["household"][0]
    with Session(demo.engine) as session:
        home = session.exec(select(Household).where(Household.code == code)).one()
        household = _actor(session, code)
        volunteer = _actor(session, "volunteer")
        row = errands.create_request(
            session, actor=household, uuid=f.new_uuid(), household_id=home.id,
            items=[{"kind": "vegetables", "quantity": 1}, {"kind": "rice", "quantity": 1},
                   {"kind": "eggs", "quantity": 1}],
            urgency="today", window="下午", payment="prepaid", note="")
        runs.claim(session, actor=volunteer, request_id=row.id)
        runs.start_run(session, actor=volunteer, uuid=f.new_uuid())
        session.commit()
        request_id = row.id
    yield request_id
    with Session(demo.engine) as session:
        if session.get(ErrandRequest, request_id).status == "delivered":
            errands.confirm(session, actor=_actor(session, code), request_id=request_id)
        row = session.get(ErrandRequest, request_id)
        row.amount_spent = None
        session.add(row)
        session.commit()


def _stored(demo, request_id: int) -> tuple:
    with Session(demo.engine) as session:
        items = session.exec(select(ErrandItem).where(ErrandItem.request_id == request_id)
                             .order_by(ErrandItem.id)).all()
        row = session.get(ErrandRequest, request_id)
        return ([(str(i.kind), str(i.outcome), i.substitute) for i in items],
                row.amount_spent, str(row.status))


def test_a_volunteer_shops_and_delivers_with_no_signal(phone: Page, demo, shopping: int):
    before = _stored(demo, shopping)
    login_as(phone, demo, "volunteer")
    phone.goto("/errands/run")
    expect(phone.locator("#shopping-list")).to_be_visible()
    go_offline(phone)
    phone.locator('[data-shopping="蔬菜"] [data-action="substitute"]').click()
    phone.fill("#substitute-input", "小白菜")  # the sheet opens with no round trip
    phone.click("#substitute-save")
    expect(phone.locator("#substitute-form")).to_be_hidden()
    phone.locator('[data-shopping="米"] [data-action="bought"]').click()
    phone.locator('[data-shopping="鸡蛋"] [data-action="unavailable"]').click()
    phone.fill(f"#amount-{shopping}", "48.20")
    phone.click(f"#amount-save-{shopping}")
    close_framework_toast(phone)
    phone.click(f"#deliver-{shopping}")
    assert phone.evaluate(KEPT) == ["run_step"] * 5
    assert _stored(demo, shopping) == before  # nothing reached the server
    phone.close()  # the tab is gone, and Reflex's queue with it

    page = reopen(phone.context, "/errands/run")
    expect(page.locator("#notice-message")).to_contain_text("5 个跑腿步骤已保存")
    after = ([("vegetables", "substituted", "小白菜"), ("rice", "bought", ""),
              ("eggs", "unavailable", "")], Decimal("48.20"), "delivered")
    assert _stored(demo, shopping) == after
    card = page.locator(f'[data-request="{shopping}"]')
    expect(card).to_contain_text("已送到门口")
    expect(page.locator(f"#deliver-{shopping}")).to_have_count(0)
    page.goto("/manifest.webmanifest")
    assert page.evaluate(KEPT) == []
    page.goto("/errands/run")
    expect(card).to_contain_text("已送到门口")
    assert _stored(demo, shopping) == after  # once
