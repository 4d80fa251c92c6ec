"""Self-fill through the door-notice code: public side limits, review before the ledger."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from community_app.models import (
    HouseholdStatus,
    Relation,
    Resident,
    ResidentFinding,
    RoundHousehold,
    SelfFill,
    SelfFillStatus,
)
from community_app.services.errors import Denied, ServiceError
from community_app.services.survey import rounds as survey
from community_app.services.survey import self_fill
from community_app.services.survey import self_fill_review as review
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
    queue = review.review_queue(session, actor=w.worker, round_id=w.round.id)
    assert [q.place for q in queue] == ["1号楼 1-101"]
    known, new = queue[0].members
    assert "37.6°C" in known.summary and not known.new and known.changes == []
    assert new.new and new.key == "r1.new"
    with pytest.raises(Denied):
        review.review(session, actor=w.other, fill_id=queue[0].id, accept=True)
    for _ in range(2):
        review.review(session, actor=w.worker, fill_id=queue[0].id, accept=True,
                      changes=["r1.new"])
        session.commit()
    rh = session.exec(select(RoundHousehold).where(RoundHousehold.household_id == home.id)).one()
    assert rh.status == HouseholdStatus.reached and rh.needs == "口罩"
    names = session.exec(select(Resident.name).where(Resident.household_id == home.id)).all()
    assert sorted(names) == sorted(["张三丰", "张小明"])  # the existing resident was matched by name
    fever = session.exec(select(ResidentFinding).where(ResidentFinding.fever.is_(True))).one()
    assert fever.returned_from == "上海"
    assert review.review_queue(session, actor=w.worker, round_id=w.round.id) == []


def test_a_new_member_joins_the_register_only_when_ticked(session, w):
    home = households(session, w.mine)[0]
    self_fill.submit(session, code=_code(session, home), client="c", uuid=f.new_uuid(),
                     data=FORM)
    session.commit()
    fill = review.review_queue(session, actor=w.worker, round_id=w.round.id)[0]
    review.review(session, actor=w.worker, fill_id=fill.id, accept=True)
    session.commit()
    names = session.exec(select(Resident.name).where(Resident.household_id == home.id)).all()
    assert names == ["张三丰"]
    assert session.exec(select(func.count()).select_from(ResidentFinding)).one() == 1


def test_rejecting_changes_nothing(session, w):
    home = households(session, w.mine)[1]
    self_fill.submit(session, code=_code(session, home), client="x", uuid=f.new_uuid(),
                     data=FORM)
    session.commit()
    first = session.exec(select(SelfFill)).first()
    review.review(session, actor=w.worker, fill_id=first.id, accept=False)
    session.commit()
    assert session.get(SelfFill, first.id).status == SelfFillStatus.rejected
    assert session.exec(select(func.count()).select_from(ResidentFinding)).one() == 0


# ---- issue 10, item 4: an anonymous self-fill silently rewrote register fields ----


def _watched_resident(session, home) -> Resident:
    resident = session.exec(select(Resident).where(Resident.household_id == home.id)).one()
    resident.elderly_alone = True
    resident.relation = Relation.head
    session.add(resident)
    session.commit()
    return resident


# What a passer-by who read the door notice sends: the register's name and birth year, a new
# phone, no "elderly living alone" flag; the public form's hidden relation says "other".
FORGED = SelfFillIn(residents=[ResidentIn(name="张三丰", birth_year=1950, phone="13999999999",
                                          relation=Relation.other, temperature="36.5")])


def _forged_fill(session, w, home) -> int:
    self_fill.submit(session, code=_code(session, home), client="6.6.6.6", uuid=f.new_uuid(),
                     data=FORGED)
    session.commit()
    return review.review_queue(session, actor=w.worker, round_id=w.round.id)[0].id


def test_the_review_shows_each_register_field_a_self_fill_would_change(session, w):
    home = households(session, w.mine)[0]
    _watched_resident(session, home)
    _forged_fill(session, w, home)
    member = review.review_queue(session, actor=w.worker, round_id=w.round.id)[0].members[0]
    assert not member.new
    shown = {(c.key, c.register, c.proposed, c.watch) for c in member.changes}
    assert shown == {("r0.phone", "13812345678", "13999999999", False),
                     ("r0.elderly_alone", "1", "0", True)}  # relation: not asked, not changed


def test_accepting_without_a_tick_records_the_round_and_keeps_the_register(session, w):
    home = households(session, w.mine)[0]
    resident = _watched_resident(session, home)
    review.review(session, actor=w.worker, fill_id=_forged_fill(session, w, home), accept=True)
    session.commit()
    session.refresh(resident)
    assert (resident.phone, resident.elderly_alone, resident.relation) == (
        "13812345678", True, Relation.head)
    finding = session.exec(select(ResidentFinding)).one()
    assert finding.resident_id == resident.id and str(finding.temperature) == "36.5"


def test_only_the_ticked_changes_reach_the_register(session, w):
    home = households(session, w.mine)[0]
    resident = _watched_resident(session, home)
    review.review(session, actor=w.worker, fill_id=_forged_fill(session, w, home), accept=True,
                  changes=["r0.phone", "r9.phone", "r0.relation", "r0.name"])
    session.commit()
    session.refresh(resident)
    assert (resident.phone, resident.elderly_alone, resident.relation, resident.name) == (
        "13999999999", True, Relation.head, "张三丰")


def test_a_watch_flag_is_cleared_only_by_its_own_tick(session, w):
    home = households(session, w.mine)[0]
    resident = _watched_resident(session, home)
    review.review(session, actor=w.worker, fill_id=_forged_fill(session, w, home), accept=True,
                  changes=["r0.elderly_alone"])
    session.commit()
    session.refresh(resident)
    assert resident.elderly_alone is False and resident.phone == "13812345678"


@pytest.mark.parametrize("changes", [None, "r0.phone", {"r0.phone": 1}, ["x"] * 201])
def test_malformed_change_lists_are_refused(session, w, changes):
    home = households(session, w.mine)[0]
    fill_id = _forged_fill(session, w, home)
    with pytest.raises(ServiceError) as err:
        review.review(session, actor=w.worker, fill_id=fill_id, accept=True, changes=changes)
    assert err.value.key == "err.bad_request"


def test_a_passer_by_cannot_crowd_the_household_out(session, w):
    home = households(session, w.mine)[1]
    code = _code(session, home)
    for _ in range(5):  # the passer-by's whole budget for 15 minutes
        self_fill.submit(session, code=code, client="6.6.6.6", uuid=f.new_uuid(), data=FORGED)
        session.commit()
    with pytest.raises(ServiceError) as err:
        self_fill.submit(session, code=code, client="6.6.6.6", uuid=f.new_uuid(), data=FORGED)
    assert err.value.key == "selffill.too_many"
    self_fill.submit(session, code=code, client="10.0.0.5", uuid=f.new_uuid(), data=FORM)
    session.commit()
    queue = review.review_queue(session, actor=w.worker, round_id=w.round.id)
    assert len(queue) == 2  # one per client: the passer-by's newest, and the household's
    assert [q.same_household for q in queue] == [1, 1]
    assert [m.name for m in queue[1].members] == ["张三丰", "张小明"]


def test_a_full_queue_keeps_what_is_in_it(session, w):
    home = households(session, w.mine)[1]
    code = _code(session, home)
    self_fill.submit(session, code=code, client="10.0.0.5", uuid=f.new_uuid(), data=FORM)
    for i in range(self_fill.PENDING_CAP - 1):
        self_fill.submit(session, code=code, client=f"198.51.100.{i}", uuid=f.new_uuid(),
                         data=FORGED)
    session.commit()
    with pytest.raises(ServiceError) as err:
        self_fill.submit(session, code=code, client="198.51.100.200", uuid=f.new_uuid(),
                         data=FORGED)
    assert err.value.key == "selffill.queue_full"
    self_fill.submit(session, code=code, client="10.0.0.5", uuid=f.new_uuid(), data=FORM)
    session.commit()  # the household may still correct its own
    queue = review.review_queue(session, actor=w.worker, round_id=w.round.id)
    assert len(queue) == self_fill.PENDING_CAP
    assert sum(len(q.members) == 2 for q in queue) == 1


def test_the_stored_submission_holds_no_client_address(session, w):
    home = households(session, w.mine)[0]
    self_fill.submit(session, code=_code(session, home), client="203.0.113.77",
                     uuid=f.new_uuid(), data=FORM)
    session.commit()
    assert "203.0.113.77" not in session.exec(select(SelfFill.payload)).one()
