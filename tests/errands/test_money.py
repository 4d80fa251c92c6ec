"""Errands: money is Decimal yuan, owed to the volunteer who advanced it, and settled."""

from __future__ import annotations

from decimal import Decimal

import pytest

from community_app.models import ErrandStatus
from community_app.services.errands import money as errand_money
from community_app.services.errands import overview as errand_overview
from community_app.services.errands.overview import OwedRow
from community_app.services.errors import Denied, ServiceError
from tests.errands import factories as fe
from tests.errands.factories import ask, world

S = ErrandStatus


@pytest.fixture
def w(session):
    return world(session)


def test_money_is_decimal_owed_to_the_volunteer_and_settled(session, w):
    assert errand_money.parse_amount("12.3") == Decimal("12.30")
    for bad in (12.3, "-1", "abc", "1.005", "100000", "NaN", True, None):
        with pytest.raises(ServiceError, match="errands.bad_amount"):
            errand_money.parse_amount(bad)
    one = ask(session, w.household, w.home.id)
    two = ask(session, w.other_household, w.other_home.id)
    cash = ask(session, w.household, w.home.id, payment="cash_on_delivery")
    fe.deliver(session, w, one, "0.10")
    fe.deliver(session, w, two, "0.20")
    fe.deliver(session, w, cash, "99.00")
    # 0.1 + 0.2 is exactly 0.30 in yuan; the cash-paid errand is owed to nobody.
    assert errand_money.owed_to(session, volunteer_id=w.volunteer.user_id) == Decimal("0.30")
    ov = errand_overview.overview(session, actor=w.admin)
    assert ov.owed == [OwedRow(id=w.volunteer.user_id, name="volunteer 测试", amount="0.30",
                              count=2)]
    assert ov.week_total == "99.30" and ov.days[-1].amount == "99.30"
    assert ov.delivered_today == 3 and ov.open == 0 and ov.in_progress == 0
    with pytest.raises(Denied):
        errand_money.settle(session, actor=w.volunteer, volunteer_id=w.volunteer.user_id)
    assert errand_money.settle(session, actor=w.admin, volunteer_id=w.volunteer.user_id) == Decimal(
        "0.30")
    assert errand_money.owed_to(session, volunteer_id=w.volunteer.user_id) == Decimal("0.00")
    assert errand_overview.overview(session, actor=w.admin).owed == []
    with pytest.raises(ServiceError, match="errands.nothing_owed"):
        errand_money.settle(session, actor=w.admin, volunteer_id=w.volunteer.user_id)
    session.refresh(one)
    assert one.settled_by_id == w.admin.user_id and isinstance(one.amount_spent, Decimal)
    # A settled amount can no longer be changed by the volunteer.
    with pytest.raises(ServiceError, match="errands.wrong_step"):
        errand_money.record_amount(session, actor=w.volunteer, request_id=one.id, amount="1.00")

