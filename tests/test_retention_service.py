"""End of the campaign: what is erased, what stays, what blocks it, and that it runs once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, func, select

from community_app.models import (
    AppliedSubmission,
    AuthSession,
    CampaignPurge,
    ErrandRequest,
    ErrandStatus,
    FeverAlert,
    Household,
    IsolationCase,
    PatrolMark,
    Resident,
    ResidentFinding,
    Role,
    RoundHousehold,
    RoundStatus,
    SurveyRound,
    TemperatureReading,
    User,
)
from community_app.services import retention
from community_app.services.errands import photos as errand_photos
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import first_application
from community_app.services.isolation import cases as isolation
from community_app.services.isolation import readings as isolation_readings
from community_app.services.patrol import create as patrol_create
from tests import factories as f
from tests.errands import factories as fe
from tests.isolation import factories as fi
from tests.ledger import factories as fl

COMMUNITY = "测试社区"


def _count(session: Session, model: type) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def _campaign(session: Session, w: fe.World) -> None:
    """A finished campaign: a closed round with findings, a released case with a fever
    reading, a confirmed errand with a delivery photo, a night's patrol marks."""
    rnd = fl.survey_round(session, w.users["admin"].community_id)
    fl.reach(session, rnd, w.home.id, returnee=True, fever=True)
    rh = session.exec(select(RoundHousehold).where(RoundHousehold.household_id == w.home.id)).one()
    rh.needs = "降压药"
    rnd.status = RoundStatus.closed
    session.add_all([rh, rnd])
    session.commit()
    case_id = fi.open_case(session, w.admin, w.home)
    person = fi.resident_ids(session, w.home)[0]
    isolation_readings.record_reading(session, actor=w.admin, uuid=f.new_uuid(), case_id=case_id,
                                      resident_id=person, value="38.1")
    isolation.close_case(session, actor=w.admin, case_id=case_id, reason="hospital")
    request = fe.ask(session, w.household, w.home.id)
    request.status = ErrandStatus.confirmed
    request.delivery_photo = "goods.jpg"
    session.add(request)
    plan = _plan(session, w)
    session.add(PatrolMark(uuid=f.new_uuid(), plan_id=plan, building_id=w.b1.id,
                           household_id=w.home.id, night=date.today(), lit=False))
    session.commit()


def _plan(session: Session, w: fe.World) -> int:
    made = patrol_create.create_plan(session, actor=w.admin, uuid=f.new_uuid(),
                                     night=date.today(), window_start="19:30",
                                     window_end="21:00", building_ids=[w.b1.id],
                                     member_ids=[w.volunteer.user_id])
    return made.id


@pytest.fixture
def photos(tmp_path, monkeypatch):
    monkeypatch.setattr(errand_photos, "settings", replace(errand_photos.settings,
                                                           private_data_dir=tmp_path))
    (tmp_path / "errands").mkdir()
    (tmp_path / "errands" / "goods.jpg").write_bytes(b"\xff\xd8\xff photo")
    return tmp_path / "errands"


def test_the_campaign_ends_and_residents_personal_data_is_gone(session: Session, photos):
    w = fe.world(session)
    _campaign(session, w)
    f.session_token(session, w.users["household"])
    assert first_application(session, uuid=f.new_uuid(), kind="tick",
                             user_id=w.users["volunteer"].id)
    before = retention.preview(session, actor=w.admin)
    assert before.blockers == {}
    assert before.counts["applied_submissions"] == 1
    assert before.counts["findings"] >= 1 and before.counts["isolation_cases"] == 1
    assert before.counts["errand_requests"] == 1 and before.counts["patrol_marks"] == 1

    counts = retention.end_campaign(session, actor=w.admin, uuid=f.new_uuid(), confirm=COMMUNITY).counts

    assert counts["photos"] == 1 and not (photos / "goods.jpg").exists()
    for model in (ResidentFinding, IsolationCase, TemperatureReading, FeverAlert, ErrandRequest,
                  PatrolMark, AppliedSubmission):
        assert _count(session, model) == 0, model
    ours = session.exec(select(Resident).join(Household).where(
        Household.building_id == w.b1.id)).all()
    assert ours and all(r.phone == "" and not r.elderly_alone for r in ours)
    assert all(r.name for r in ours)  # the register itself stays
    assert session.exec(select(RoundHousehold.needs).where(
        RoundHousehold.household_id == w.home.id)).one() == ""
    assert _count(session, SurveyRound) == 1  # coverage history stays
    household = session.get(User, w.users["household"].id)
    session.refresh(household)
    assert household.is_active is False
    assert session.exec(select(AuthSession).where(
        AuthSession.user_id == household.id, AuthSession.ended_at.is_(None))).first() is None
    assert session.get(User, w.users["volunteer"].id).is_active  # staff keep their accounts


def test_another_community_is_untouched(session: Session, photos):
    w = fe.world(session)
    other = f.community(session, "别的社区")
    f.building(session, other, "9号楼")
    other_admin = f.actor(f.user(session, other, Role.admin, "admin2"))
    _campaign(session, w)
    phones = session.exec(select(func.count()).select_from(Resident).where(
        Resident.phone != "")).one()
    ours = retention.preview(session, actor=w.admin).counts["resident_contacts"]

    retention.end_campaign(session, actor=other_admin, uuid=f.new_uuid(), confirm="别的社区")

    assert _count(session, ResidentFinding) > 0 and _count(session, ErrandRequest) == 1
    after = session.exec(select(func.count()).select_from(Resident).where(
        Resident.phone != "")).one()
    assert after == ours and phones > after  # only the other community's phones went


def test_unfinished_work_blocks_the_purge_and_nothing_changes(session: Session, photos):
    w = fe.world(session)
    fl.survey_round(session, w.users["admin"].community_id)  # still open
    fi.open_case(session, w.admin, w.home)
    request = fe.ask(session, w.household, w.home.id)
    request.advanced_by_id = w.volunteer.user_id
    request.amount_spent = Decimal("36.50")
    request.status = ErrandStatus.confirmed
    fe.ask(session, w.worker, w.other_home.id)  # still requested
    session.add(request)
    session.commit()
    preview = retention.preview(session, actor=w.admin)
    assert preview.blockers == {"open_rounds": 1, "open_cases": 1, "open_errands": 1,
                                "unsettled": 1}
    with pytest.raises(ServiceError) as refused:
        retention.end_campaign(session, actor=w.admin, uuid=f.new_uuid(), confirm=COMMUNITY)
    assert refused.value.key == "campaign.err.blocked"
    session.rollback()
    assert _count(session, IsolationCase) == 1 and _count(session, ErrandRequest) == 2
    assert _count(session, CampaignPurge) == 0


def test_the_community_name_must_be_typed(session: Session, photos):
    w = fe.world(session)
    _campaign(session, w)
    for wrong in ("", "测试", None, 5, ["测试社区"]):
        with pytest.raises(ServiceError) as refused:
            retention.end_campaign(session, actor=w.admin, uuid=f.new_uuid(), confirm=wrong)
        assert refused.value.key == "campaign.err.confirm"
    assert _count(session, ResidentFinding) > 0


def test_only_an_admin_may_end_the_campaign(session: Session, photos):
    w = fe.world(session)
    _campaign(session, w)
    for actor in (w.worker, w.volunteer, w.household, None):
        with pytest.raises(Denied):
            retention.end_campaign(session, actor=actor, uuid=f.new_uuid(), confirm=COMMUNITY)
        with pytest.raises(Denied):
            retention.preview(session, actor=actor)
    assert _count(session, ResidentFinding) > 0 and _count(session, CampaignPurge) == 0


def test_a_replayed_request_returns_the_first_counts_and_writes_nothing(session: Session, photos):
    w = fe.world(session)
    _campaign(session, w)
    uuid = f.new_uuid()
    first = retention.end_campaign(session, actor=w.admin, uuid=uuid, confirm=COMMUNITY)
    again = retention.end_campaign(session, actor=w.admin, uuid=uuid, confirm=COMMUNITY)
    assert again == first and _count(session, CampaignPurge) == 1
    assert retention.preview(session, actor=w.admin).last_purged_at is not None
