"""A few days of field work in the demo community, so every role's first screen has something.

Written through the services (with the demo accounts as actors), so the rows are exactly
what the app itself would have recorded: a survey round under way in the grid worker's
buildings (reached households, one not at home, one with needs), the demo household in
home isolation, two errand requests waiting for a volunteer, and tonight's lit-window
patrol over the worker's buildings, a notice and the daily broadcast schedule.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import Session, select

from community_app import seed_community_ops
from community_app.models import (
    GridAssignment,
    Household,
    Occupancy,
    Outcome,
    Resident,
    Role,
    User,
)
from community_app.seed import new_uuid
from community_app.seed_care import seed_care
from community_app.seed_gate import seed_gate
from community_app.seed_roster import seed_roster
from community_app.seed_shops import seed_shops
from community_app.services.auth import Actor
from community_app.services.errands import requests as errands
from community_app.services.isolation import cases as isolation
from community_app.services.notices import broadcast as notices_broadcast
from community_app.services.notices import compose as notices_compose
from community_app.services.patrol import create as patrol_create
from community_app.services.patrol import nights as patrol
from community_app.services.survey import rounds as survey
from community_app.services.survey.findings import ResidentIn

VISITED = 6  # households of the worker's first building reached at the door


def _staff(session: Session, community_id: int) -> dict[Role, User]:
    users = session.exec(select(User).where(User.community_id == community_id)).all()
    return {Role(u.role): u for u in users}


def _as_found(resident: Resident, temperature: str) -> ResidentIn:
    return ResidentIn(
        resident_id=resident.id, name=resident.name, sex=resident.sex,
        birth_year=resident.birth_year, phone=resident.phone, relation=resident.relation,
        temperature=Decimal(temperature), elderly_alone=resident.elderly_alone,
        disabled=resident.disabled, chronic_illness=resident.chronic_illness,
        pregnant=resident.pregnant, infant=resident.infant,
    )


def _worker_households(session: Session, worker: User, skip: int | None) -> list[Household]:
    buildings = select(GridAssignment.building_id).where(GridAssignment.user_id == worker.id)
    return list(session.exec(
        select(Household)
        .where(Household.building_id.in_(buildings), Household.occupancy != Occupancy.vacant,
               Household.id != (skip or 0))
        .order_by(Household.building_id, Household.unit, Household.floor, Household.room)
        .limit(VISITED + 2)
    ))


def _survey(session: Session, admin: Actor, worker: Actor, homes: list[Household]) -> None:
    rnd = survey.open_round(session, actor=admin, uuid=new_uuid(), name="第一轮摸排",
                            start_date=date.today() - timedelta(days=1))
    for index, home in enumerate(homes):
        people = session.exec(select(Resident).where(Resident.household_id == home.id)).all()
        if index == VISITED:
            survey.record_visit(session, actor=worker, uuid=new_uuid(), round_id=rnd.id,
                                household_id=home.id, outcome=Outcome.not_home)
            continue
        survey.record_visit(
            session, actor=worker, uuid=new_uuid(), round_id=rnd.id, household_id=home.id,
            outcome=Outcome.door,
            residents=[_as_found(p, "36.4" if i else "36.6") for i, p in enumerate(people)],
            needs="大米一袋, 降压药" if index == VISITED + 1 else "",
        )


def _isolation(session: Session, worker: Actor, home: Household) -> None:
    people = list(session.exec(select(Resident.id).where(Resident.household_id == home.id)))
    isolation.open_case(session, actor=worker, uuid=new_uuid(), household_id=home.id,
                        resident_ids=people[:1], reason="returnee",
                        start_date=date.today() - timedelta(days=3))


def _errands(session: Session, household: Actor, worker: Actor, home: Household,
             elderly: Household) -> None:
    errands.create_request(
        session, actor=household, uuid=new_uuid(), household_id=home.id,
        items=[{"kind": "vegetables", "quantity": 1}, {"kind": "eggs", "quantity": 1}],
        window="下午", payment="cash_on_delivery")
    errands.create_request(
        session, actor=worker, uuid=new_uuid(), household_id=elderly.id,
        items=[{"kind": "medicine", "text": "", "quantity": 1, "note": "降压药"}],
        payment="volunteer_advance", note="独居老人，请送到门口后打电话")


def _patrol(session: Session, admin: Actor, volunteer: Actor, worker: User) -> None:
    buildings = list(session.exec(
        select(GridAssignment.building_id).where(GridAssignment.user_id == worker.id)
        .order_by(GridAssignment.building_id)))
    patrol_create.create_plan(session, actor=admin, uuid=new_uuid(),
                              night=patrol.patrol_night(), window_start="19:30",
                              window_end="21:00", building_ids=buildings,
                              member_ids=[volunteer.user_id], note="点灯护院")


def _notices(session: Session, admin: Actor) -> None:
    """A notice for the whole community and the daily broadcast schedule (小喇叭)."""
    notices_compose.create_notice(
        session, actor=admin, uuid=new_uuid(),
        text="明天上午8点至11点在社区广场做核酸检测，请带好身份证，排队保持1米距离。")
    for at, text in (("08:00", "早上好！出门请戴好口罩，不聚集。"),
                     ("11:00", "代买代办：需要买菜买药的居民，请在手机上点“我要代买”。"),
                     ("15:00", "请居家隔离的居民下午按时测体温并上报。"),
                     ("19:00", "点灯护院：今晚请开灯，志愿者会在楼下巡查。")):
        notices_broadcast.add_slot(session, actor=admin, uuid=new_uuid(), at=at, text=text)


def seed_activity(session: Session, *, community_id: int) -> None:
    """Field work for the demo accounts; the caller commits."""
    staff = _staff(session, community_id)
    admin, worker = Actor.of(staff[Role.admin]), Actor.of(staff[Role.grid_worker])
    household = Actor.of(staff[Role.household])
    home = session.get(Household, household.household_id)
    homes = _worker_households(session, staff[Role.grid_worker], skip=home.id)
    _survey(session, admin, worker, homes)
    _isolation(session, worker, home)
    _errands(session, household, worker, home, homes[0])
    _patrol(session, admin, Actor.of(staff[Role.volunteer]), staff[Role.grid_worker])
    _notices(session, admin)
    seed_roster(session, community_id=community_id)  # 招募令 and the shift roster
    seed_community_ops.seed_tipoffs(session, admin)
    seed_community_ops.seed_donations(session, admin)
    seed_care(session, community_id=community_id)
    seed_shops(session, admin=admin, worker=worker)  # 复工门店巡查 (issue 15 item 2)
    seed_gate(session, community_id=community_id)
    session.flush()
