"""The campaign ends: an admin erases their community's personal data, on a phone.

The test runs in a community of its own inside the shared demo database, so the other
browser tests' data (and the purge's community scope) are checked at the same time.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import Household, Resident, Role
from community_app.services.isolation import cases as isolation
from tests import factories as f
from tests.e2e.test_foundation import household_login, no_horizontal_scroll, staff_login
from tests.isolation import factories as fi
from tests.ledger import factories as fl

NAME = "落日社区"


def _ending_community(engine) -> tuple[int, str, int]:  # noqa: ANN001
    """A finished round with a fever finding and an isolation case still open."""
    with Session(engine) as session:
        comm = f.community(session, NAME)
        b = f.building(session, comm, "7号楼", floors=2, units=1, rooms=2)
        admin = f.user(session, comm, Role.admin, "end-admin")
        home = session.exec(select(Household).where(Household.building_id == b.id)).first()
        f.user(session, comm, Role.household, home.code, password="135790",
               household_id=home.id)
        rnd = fl.survey_round(session, comm.id, name="末轮摸排")
        fl.reach(session, rnd, home.id, fever=True)
        rnd.status = "closed"
        session.add(rnd)
        session.commit()
        case_id = fi.open_case(session, f.actor(admin), home)
        return case_id, home.code, admin.id


def _close(engine, case_id: int, admin_id: int) -> None:  # noqa: ANN001
    with Session(engine) as session:
        from community_app.models import User

        admin = f.actor(session.get(User, admin_id))
        isolation.close_case(session, actor=admin, case_id=case_id, reason="hospital")
        session.commit()


def test_admin_ends_the_campaign_and_only_their_residents_data_is_erased(phone: Page, browser,
                                                                           demo):
    case_id, code, admin_id = _ending_community(demo.engine)
    staff_login(phone, "end-admin", f.PASSWORD)
    expect(phone.locator("#admin-home")).to_be_visible()
    phone.goto("/me")
    phone.click("#campaign-link")
    # An isolation case is still open: the page says so and the button cannot be used.
    expect(phone.locator("#campaign-blockers")).to_contain_text("未结束的隔离")
    expect(phone.locator("#campaign-go")).to_be_disabled()
    expect(phone.locator('#campaign-erasable [data-kind="findings"]')).to_contain_text("1")
    assert no_horizontal_scroll(phone)

    _close(demo.engine, case_id, admin_id)
    phone.reload()
    expect(phone.locator("#campaign-blockers")).to_have_count(0)
    expect(phone.locator("#campaign-go")).to_be_enabled()

    phone.fill("#campaign-confirm", "幸福里社区")  # another community's name
    phone.click("#campaign-go")
    expect(phone.locator("#error-message")).to_contain_text("社区名称不一致")
    expect(phone.locator('#campaign-erasable [data-kind="findings"]')).to_be_visible()

    phone.fill("#campaign-confirm", NAME)
    phone.click("#campaign-go")
    expect(phone.locator("#notice-message")).to_contain_text("已清除")
    expect(phone.locator("#campaign-nothing")).to_be_visible()
    expect(phone.locator("#campaign-last")).to_be_visible()

    with Session(demo.engine) as session:
        ours = session.exec(select(Resident).join(Household).where(Household.code == code)).one()
        assert ours.phone == "" and ours.name == "张三丰"
        others = session.exec(select(Resident).where(Resident.phone != "")).all()
        assert others, "the demo community's residents keep their phone numbers"

    # The household's login of the ended campaign no longer opens anything.
    household = browser.new_context(base_url=demo.app.base_url).new_page()
    household_login(household, code, "135790")
    expect(household.locator("#error-message")).to_be_visible()
    expect(household.locator("#household-home")).to_have_count(0)
