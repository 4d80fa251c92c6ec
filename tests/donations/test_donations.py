"""Donations on SQLite and PostgreSQL: money and goods, receipts, stock on hand, issues to
an errand run / checkpoint / household, the public thanks, scope, replay once, bad input;
and the stock race on PostgreSQL with real parallel sessions."""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal

import pytest
from sqlmodel import Session, func, select

from community_app.models import (
    Donation,
    DonationStock,
    ErrandRun,
    GoodsIssue,
    Household,
    Role,
)
from community_app.services import donation_issue
from community_app.services.donations import record, stock
from community_app.services.donations.record import GoodsLine
from community_app.services.errors import Denied, ServiceError
from tests import factories as f
from tests.race import at_once


@pytest.fixture
def office(session: Session):
    comm = f.community(session)
    building = f.building(session, comm)
    other = f.community(session, "别的社区")
    admin = f.actor(f.user(session, comm, Role.admin))
    volunteer = f.user(session, comm, Role.volunteer)
    run = ErrandRun(uuid=f.new_uuid(), community_id=comm.id, volunteer_id=volunteer.id)
    session.add(run)
    session.commit()
    home = session.exec(select(Household.id).where(Household.building_id == building.id)).first()
    return comm, admin, f.actor(f.user(session, other, Role.admin)), f.actor(volunteer), run.id, home


def _rice(session, admin, q="50", **kw):
    return record.record(session, actor=admin, uuid=f.new_uuid(), donor="王大爷",
                         goods=[GoodsLine(item="大米", quantity=q, unit="袋")], **kw)


def _on_hand(session, admin) -> dict[str, str]:
    return {s.item: s.on_hand for s in stock.stock(session, actor=admin)}


def test_money_and_goods_receipt_and_stock(session, office):
    comm, admin, _, _, run, _ = office
    gift = record.record(session, actor=admin, uuid=f.new_uuid(), donor="张老党员",
                         amount="10000", goods=[GoodsLine(item="口罩", quantity="200", unit="个")],
                         public_thanks=True)
    _rice(session, admin)
    _rice(session, admin, q="12.5")
    card = record.receipt(session, actor=admin, donation_id=gift)
    assert (card.amount, card.donor, card.community) == ("10000.00", "张老党员", comm.name)
    assert [asdict(g) for g in card.goods] == [{"item": "口罩", "quantity": "200", "unit": "个"}]
    assert _on_hand(session, admin) == {"口罩": "200", "大米": "62.5"}
    rice = next(s for s in stock.stock(session, actor=admin) if s.item == "大米")
    after = donation_issue.issue_to_run(session, actor=admin, uuid=f.new_uuid(),
                                        stock_id=rice.id, amount="10", errand_run_id=run)
    assert after.on_hand == "52.5"


def test_money_sums_in_decimal(session, office):
    _, admin, _, _, _, _ = office
    for amount in ("0.10", "0.20", "¥1,000.05"):
        record.record(session, actor=admin, uuid=f.new_uuid(), amount=amount)
    assert record.money_total(session, community_id=admin.community_id) == Decimal("1000.35")


def test_issue_to_checkpoint_and_household_and_never_below_zero(session, office):
    _, admin, _, _, _, home = office
    _rice(session, admin, q="5")
    rice = stock.stock(session, actor=admin)[0].id
    stock.issue(session, actor=admin, uuid=f.new_uuid(), stock_id=rice, amount="2",
                target="checkpoint", place="东门卡口")
    stock.issue(session, actor=admin, uuid=f.new_uuid(), stock_id=rice, amount="2",
                target="household", household_id=home)
    with pytest.raises(ServiceError) as err:
        stock.issue(session, actor=admin, uuid=f.new_uuid(), stock_id=rice, amount="2",
                    target="checkpoint", place="东门卡口")
    assert err.value.key == "donations.err.not_enough"
    assert _on_hand(session, admin) == {"大米": "1"}
    assert session.exec(select(func.count(GoodsIssue.id))).one() == 2


def test_an_issue_replayed_applies_once(session, office):
    _, admin, _, _, run, _ = office
    _rice(session, admin, q="5")
    rice, uuid = stock.stock(session, actor=admin)[0].id, f.new_uuid()
    for _ in range(2):
        donation_issue.issue_to_run(session, actor=admin, uuid=uuid, stock_id=rice, amount="3",
                                    errand_run_id=run)
    assert _on_hand(session, admin) == {"大米": "2"}


def test_a_donation_replayed_is_recorded_once(session, office):
    _, admin, _, _, _, _ = office
    uuid = f.new_uuid()
    for _ in range(2):
        record.record(session, actor=admin, uuid=uuid, amount="100",
                      goods=[GoodsLine(item="大米", quantity="1", unit="袋")])
    assert session.exec(select(func.count(Donation.id))).one() == 1
    assert _on_hand(session, admin) == {"大米": "1"}


def test_scope(session, office):
    _, admin, other_admin, volunteer, run, _ = office
    gift = _rice(session, admin)
    rice = stock.stock(session, actor=admin)[0].id
    with pytest.raises(Denied):
        record.receipt(session, actor=other_admin, donation_id=gift)
    with pytest.raises(Denied):
        stock.issue(session, actor=other_admin, uuid=f.new_uuid(), stock_id=rice, amount="1",
                    target="checkpoint", place="东门")
    with pytest.raises(ServiceError):  # another community's run
        donation_issue.issue_to_run(session, actor=other_admin, uuid=f.new_uuid(),
                                    stock_id=rice, amount="1", errand_run_id=run)
    with pytest.raises(Denied):
        record.record(session, actor=volunteer, uuid=f.new_uuid(), amount="1")
    with pytest.raises(Denied):
        stock.stock(session, actor=volunteer)
    assert _on_hand(session, admin) == {"大米": "50"}


@pytest.mark.parametrize("kw,key", [
    ({}, "donations.err.empty"),
    ({"amount": "abc"}, "donations.err.bad_amount"),
    ({"amount": "-1"}, "donations.err.bad_amount"),
    ({"amount": "1.001"}, "donations.err.bad_amount"),
    ({"amount": "NaN"}, "donations.err.bad_amount"),
    ({"goods": [GoodsLine(item="大米", quantity="0", unit="袋")]}, "donations.err.bad_quantity"),
    ({"goods": [GoodsLine(item="大米", quantity="2", unit="")]}, "donations.err.unit_required"),
    ({"goods": [GoodsLine(item="", quantity="2", unit="袋")]}, "donations.err.item_required"),
    ({"amount": "5", "donor": "x" * 61}, "donations.err.too_long"),
    ({"amount": "5", "donor": "王\x07"}, "err.control_chars"),
])
def test_bad_input_is_refused_with_nothing_changed(session, office, kw, key):
    _, admin, _, _, _, _ = office
    with pytest.raises(ServiceError) as err:
        record.record(session, actor=admin, uuid=f.new_uuid(), **kw)
    assert err.value.key == key
    assert session.exec(select(func.count(Donation.id))).one() == 0
    assert session.exec(select(func.count(DonationStock.id))).one() == 0


@pytest.mark.parametrize("kw", [
    {"amount": "-1", "target": "checkpoint", "place": "东门"},
    {"amount": "1", "target": "checkpoint", "place": ""},
    {"amount": "1", "target": "moon"},
    {"amount": "1", "target": "household", "household_id": 999999},
])
def test_bad_issue_changes_nothing(session, office, kw):
    _, admin, _, _, _, _ = office
    _rice(session, admin, q="5")
    rice = stock.stock(session, actor=admin)[0].id
    with pytest.raises(ServiceError):
        stock.issue(session, actor=admin, uuid=f.new_uuid(), stock_id=rice, **kw)
    assert _on_hand(session, admin) == {"大米": "5"}


def test_public_thanks_lists_only_who_agreed_and_amounts_they_chose(session, office):
    comm, admin, _, _, _, _ = office
    record.record(session, actor=admin, uuid=f.new_uuid(), donor="张老党员", amount="10000",
                  public_thanks=True, show_amount=True)
    record.record(session, actor=admin, uuid=f.new_uuid(), donor="李阿姨", amount="500",
                  goods=[GoodsLine(item="口罩", quantity="100", unit="个")], public_thanks=True)
    record.record(session, actor=admin, uuid=f.new_uuid(), donor="不愿公开", amount="800")
    record.record(session, actor=admin, uuid=f.new_uuid(), donor="", amount="300",
                  public_thanks=True)
    page = record.thanks(session, link=comm.uuid)
    assert [(r.donor, r.amount, r.goods) for r in page.rows] == [
        ("李阿姨", "", "口罩 100 个"), ("张老党员", "10000.00", "")]
    with pytest.raises(ServiceError):
        record.thanks(session, link=f.new_uuid())


def test_stock_race_two_issues_for_the_last_units(pg):
    with Session(pg, expire_on_commit=False) as session:
        comm = f.community(session)
        admin = f.actor(f.user(session, comm, Role.admin))
        _rice(session, admin, q="10")
        session.commit()
        rice = stock.stock(session, actor=admin)[0].id

    def take(s: Session):
        return stock.issue(s, actor=admin, uuid=f.new_uuid(), stock_id=rice, amount="3",
                           target="checkpoint", place="东门卡口")

    outcomes = at_once(pg, [take] * 6)
    ok = [o for o in outcomes if not isinstance(o, Exception)]
    refused = [o for o in outcomes if isinstance(o, ServiceError)]
    assert len(ok) == 3 and len(refused) == 3, outcomes
    with Session(pg) as session:
        left = session.exec(select(DonationStock.on_hand)).one()
        issued = session.exec(select(func.sum(GoodsIssue.quantity))).one()
    assert left == Decimal("1.00") and issued == Decimal("9.00")


def test_stock_race_donations_of_one_item_all_count(pg):
    with Session(pg, expire_on_commit=False) as session:
        comm = f.community(session)
        admin = f.actor(f.user(session, comm, Role.admin))
        session.commit()
    outcomes = at_once(pg, [lambda s: _rice(s, admin, q="2")] * 5)
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    with Session(pg) as session:
        assert session.exec(select(DonationStock.on_hand)).one() == Decimal("10.00")
