"""Self-fill through the door-notice code: public side limits, review before the ledger."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from community_app.models import (
    HouseholdStatus,
    Resident,
    ResidentFinding,
    RoundHousehold,
    SelfFill,
    SelfFillStatus,
)
from community_app.services.errors import Denied, ServiceError
from community_app.services.survey import rounds as survey
from community_app.services.survey import self_fill
from community_app.services.survey.findings import ResidentIn
from community_app.services.survey.self_fill import SelfFillIn
from tests import factories as f
from tests.factories_survey import households, world


@pytest.fixture
def w(session):
    return world(session)


def _code(session, household):
    return session.exec(select(RoundHousehold.notice_code)
                        .where(RoundHousehold.household_id == household.id)).one()


FORM = SelfFillIn(residents=[ResidentIn(name="张三丰", birth_year=1950, temperature="37.6",
                                        returned_from="上海"),
                             ResidentIn(name="张小明", birth_year=2015)], needs="口罩")


def test_the_code_shows_only_the_flat_and_refuses_after_the_round(session, w):
    home = households(session, w.mine)[0]
    ctx = self_fill.context(session, code=_code(session, home).lower(), client="1.2.3.4")
    assert ctx.place == "1号楼 1-101" and "张" not in ctx.place
    survey.close_round(session, actor=w.admin, round_id=w.round.id)
    session.commit()
    with pytest.raises(ServiceError) as err:
        self_fill.context(session, code=_code(session, home), client="1.2.3.4")
    assert err.value.key == "selffill.bad_code"


def test_guessing_codes_is_rate_limited_per_client(session, w):
    for i in range(10):
        with pytest.raises(ServiceError) as err:
            self_fill.context(session, code=f"ZZZZ{i:04d}", client="6.6.6.6")
        assert err.value.key == "selffill.bad_code"
    with pytest.raises(ServiceError) as err:
        self_fill.context(session, code="ZZZZ9999", client="6.6.6.6")
    assert err.value.key == "selffill.too_many"


def test_a_submission_waits_for_review_and_applies_once_when_accepted(session, w):
    home = households(session, w.mine)[0]
    uid = f.new_uuid()
    for _ in range(2):  # a double tap
        self_fill.submit(session, code=_code(session, home), client="c", uuid=uid, data=FORM)
        session.commit()
    assert session.exec(select(func.count()).select_from(SelfFill)).one() == 1
    assert session.exec(select(func.count()).select_from(ResidentFinding)).one() == 0
    queue = self_fill.review_queue(session, actor=w.worker, round_id=w.round.id)
    assert [q.place for q in queue] == ["1号楼 1-101"]
    assert "37.6°C" in queue[0].residents[0]
    with pytest.raises(Denied):
        self_fill.review(session, actor=w.other, fill_id=queue[0].id, accept=True)
    for _ in range(2):
        self_fill.review(session, actor=w.worker, fill_id=queue[0].id, accept=True)
        session.commit()
    rh = session.exec(select(RoundHousehold).where(RoundHousehold.household_id == home.id)).one()
    assert rh.status == HouseholdStatus.reached and rh.needs == "口罩"
    names = session.exec(select(Resident.name).where(Resident.household_id == home.id)).all()
    assert sorted(names) == sorted(["张三丰", "张小明"])  # the existing resident was matched by name
    fever = session.exec(select(ResidentFinding).where(ResidentFinding.fever.is_(True))).one()
    assert fever.returned_from == "上海"
    assert self_fill.review_queue(session, actor=w.worker, round_id=w.round.id) == []


def test_one_code_takes_few_submissions_and_rejects_change_nothing(session, w):
    home = households(session, w.mine)[1]
    for _ in range(3):
        self_fill.submit(session, code=_code(session, home), client=f.new_uuid(),
                         uuid=f.new_uuid(), data=FORM)
        session.commit()
    with pytest.raises(ServiceError) as err:
        self_fill.submit(session, code=_code(session, home), client="x", uuid=f.new_uuid(),
                         data=FORM)
    assert err.value.key == "selffill.too_many"
    first = session.exec(select(SelfFill)).first()
    self_fill.review(session, actor=w.worker, fill_id=first.id, accept=False)
    session.commit()
    assert session.get(SelfFill, first.id).status == SelfFillStatus.rejected
    assert session.exec(select(func.count()).select_from(ResidentFinding)).one() == 0
