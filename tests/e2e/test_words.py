"""Every page each role may open, in Chinese and then in English, reads in that language:
no enum value, no catalog key, no word of the other language in the visible text or in an
accessible name (aria-label, title, placeholder, alt). Rules: tests/language_check.py."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect
from sqlmodel import Session, SQLModel, select

from community_app.i18n import CATALOG
from community_app.models import (
    Household,
    User,
)
from community_app.services.clock import local_day
from community_app.services.errands import requests as errand_requests
from community_app.services.errands import runs as errand_runs
from community_app.services.survey import rounds as survey
from community_app.services.survey.findings import ResidentIn
from tests import factories as f
from tests.e2e import every_page
from tests.e2e.test_foundation import login_as
from tests.language_check import EN_TEXTS, ENUM_VALUES, KEYS, all_problems, data_strings

# Every text node and accessible name on the page (hidden ones too: a sheet not yet open
# must read right when it opens); the language switch's own labels are each in their
# language on purpose, the offline banner speaks both before the language is known. The text is read once it stopped changing (the page's
# data arrives over the socket after the first paint).
TEXTS = """
() => {
  const skip = el => el.closest('#lang-switch, #sw-offline-banner, script, style, noscript');
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (n.parentElement && !skip(n.parentElement) && n.textContent.trim())
      out.push(n.textContent);
  }
  for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    if (skip(el)) continue;
    for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
      const v = el.getAttribute(a);
      if (v && v.trim()) out.push(v);
    }
  }
  return out;
}
"""
LABELS = {"zh": "中文", "en": "EN"}
HOME = {"zh": "首页", "en": "Home"}
SETTLED = """
() => new Promise(done => {
  let last = document.body.innerText, still = 0;
  const tick = () => {
    const now = document.body.innerText;
    still = now === last ? still + 1 : 0;
    last = now;
    if (still >= 3) done(true); else setTimeout(tick, 150);
  };
  setTimeout(tick, 150);
})
"""


def _leaves(value: str) -> list[str]:
    """A stored text, and the texts inside it when it is JSON (a self-fill's payload)."""
    if value[:1] not in "[{":
        return [value]
    try:
        todo, out = [json.loads(value)], [value]
    except ValueError:
        return [value]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return out


def _data(demo) -> list[str]:
    """What the records say (names, addresses, codes, whatever someone typed, in every text
    column of every table): data, not words. A stored value that is an enum value or a
    catalog text is not data: showing it as is would be the very defect this test looks for."""
    words = ENUM_VALUES | KEYS | EN_TEXTS | {zh for zh, _en in CATALOG.values()}
    values: list[str] = []
    with demo.engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            columns = [c for c in table.columns if _is_text(c)]
            if columns:
                for row in conn.execute(sa.select(*columns)):
                    values += [leaf for v in row if isinstance(v, str) for leaf in _leaves(v)]
        # Names people chose are data even when they spell a role ("admin", "volunteer").
        values = [v for v in values if v.strip() not in words] + list(conn.execute(
            sa.select(User.username)).scalars()) + list(conn.execute(
            sa.select(User.display_name)).scalars())
    return data_strings(values)


def _is_text(column: sa.Column) -> bool:
    # SQLModel's AutoString is a TypeDecorator over String: look at what it stores as.
    kind = getattr(column.type, "impl", column.type)
    return isinstance(kind, sa.String) or isinstance(column.type, sa.String)


@pytest.fixture(scope="module")
def walk_data(demo) -> None:
    """Something on every list: a round under way in the worker's building with a household
    not at home (the follow-up list, its next action) and a returnee with a fever. Kept when
    an earlier test made its own round; this walk runs after the other shared-app tests."""
    with Session(demo.engine) as session:
        admin = f.actor(session.exec(select(User).where(User.username == "admin")).one())
        worker = f.actor(session.exec(select(User).where(User.username == "worker")).one())
        round_id = survey.community_round_id(session, actor=admin) or survey.open_round(
            session, actor=admin, uuid=f.new_uuid(), name="第一轮摸排",
            start_date=local_day()).id
        homes = session.exec(select(Household).where(Household.building_id == demo.building_id)
                             .order_by(Household.id.desc())).all()
        for home, outcome, people in (
                (homes[0], "not_home", []),
                (homes[1], "door", [ResidentIn(name="王五", birth_year=1948, returned_from="武汉",
                                               return_date=local_day(),
                                               temperature=Decimal("38.2"))])):
            survey.record_visit(session, actor=worker, uuid=f.new_uuid(), round_id=round_id,
                                household_id=home.id, outcome=outcome, residents=people)
        # Two errands of the demo household: one waiting in the queue, one being shopped.
        code = demo.logins["household"][0]
        household = session.exec(select(Household).where(Household.code == code)).one()
        volunteer = f.actor(session.exec(select(User).where(User.username == "volunteer")).one())
        made = [errand_requests.create_request(
            session, actor=worker, uuid=f.new_uuid(), household_id=household.id,
            items=[{"kind": "vegetables", "quantity": 2}, {"kind": "other", "text": "挂面"}],
            urgency="today", window="afternoon", payment="volunteer_advance", note="")
            for _ in range(2)]
        errand_runs.claim(session, actor=volunteer, request_id=made[1].id)
        errand_runs.start_run(session, actor=volunteer, uuid=f.new_uuid())
        session.commit()


def _switch(page: Page, lang: str, signed_in: bool = True) -> None:
    """The header's switch, as a person does it; the choice is kept for every later page."""
    radio = page.locator("#lang-switch").get_by_role("radio", name=LABELS[lang])
    radio.click()
    expect(radio).to_have_attribute("aria-checked", "true")
    if signed_in:
        expect(page.locator("#bottom-nav [data-tab='nav.home']")).to_contain_text(HOME[lang])


def _read(page: Page, lang: str, path: str, data: list[str]) -> list[str]:
    page.wait_for_load_state("networkidle")
    page.evaluate(SETTLED)
    return [f"{lang} {path}: {p}" for p in all_problems(page.evaluate(TEXTS), lang, data)]


@pytest.mark.parametrize("role", every_page.ROLES)
def test_every_page_reads_in_the_chosen_language(phone: Page, demo, walk_data: None,
                                                  isolated_household: int, role: str):
    login_as(phone, demo, role)
    data = _data(demo)
    failures: list[str] = []
    for lang in ("zh", "en"):
        _switch(phone, lang)
        for path in every_page.for_role(demo, role, isolated_household):
            phone.goto(path)
            expect(phone.locator("#bottom-nav")).to_be_visible()
            failures += _read(phone, lang, path, data)
    assert not failures, "\n".join(failures)


def test_the_pages_before_signing_in_read_in_the_chosen_language(phone: Page, demo):
    """Sign-in pages and the door notice's self-fill form (a code that is not valid)."""
    data = _data(demo)
    failures: list[str] = []
    for lang in ("zh", "en"):
        phone.goto(every_page.PUBLIC[0])
        _switch(phone, lang, signed_in=False)
        for path in every_page.PUBLIC:
            phone.goto(path)
            expect(phone.locator("body")).not_to_be_empty()
            failures += _read(phone, lang, path, data)
    assert not failures, "\n".join(failures)
