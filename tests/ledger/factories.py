"""Factories for the ledger and import tests: a survey round with findings, roster files,
and the two worlds the ledger tests share (one for the services, one signed in for states)."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from community_app import db
from community_app.models import (
    Building,
    Compound,
    Household,
    HouseholdStatus,
    Resident,
    ResidentFinding,
    Role,
    RoundCompound,
    RoundHousehold,
    SurveyRound,
    utcnow,
)
from community_app.services import auth
from tests import factories as f
from tests.factories import new_uuid

HEADER_ZH = ["小区", "楼栋", "单元", "楼层", "房号", "姓名", "性别", "出生年份", "电话",
             "与户主关系", "独居老人"]


def survey_round(session: Session, community_id: int, name: str = "第一轮摸排",
                 start: date | None = None) -> SurveyRound:
    """A round over every compound of the community, every household pending."""
    row = SurveyRound(uuid=new_uuid(), community_id=community_id, name=name,
                      start_date=start or date.today())
    session.add(row)
    session.flush()
    compounds = session.exec(select(Compound.id).where(Compound.community_id == community_id))
    for cid in compounds.all():
        session.add(RoundCompound(round_id=row.id, compound_id=cid))
        households = session.exec(
            select(Household.id).join(Building).where(Building.compound_id == cid)
        ).all()
        for hid in households:
            session.add(RoundHousehold(round_id=row.id, household_id=hid,
                                       notice_code=new_uuid()[:10]))
    session.flush()
    return row


def reach(session: Session, round_row: SurveyRound, household_id: int, *,
          returnee: bool = False, days_ago: int = 3, fever: bool = False,
          returned_from: str = "武汉", status: HouseholdStatus = HouseholdStatus.reached) -> None:
    """Mark a household reached and record a finding for each of its residents."""
    rh = session.exec(select(RoundHousehold).where(
        RoundHousehold.round_id == round_row.id, RoundHousehold.household_id == household_id
    )).one()
    rh.status = status
    session.add(rh)
    now = utcnow()
    for resident in session.exec(select(Resident).where(Resident.household_id == household_id)):
        session.add(ResidentFinding(
            round_id=round_row.id, resident_id=resident.id, returnee=returnee,
            returned_from=returned_from if returnee else "",
            return_date=date.today() - timedelta(days=days_ago) if returnee else None,
            temperature=Decimal("38.2") if fever else Decimal("36.5"), fever=fever,
            first_recorded_at=now, recorded_at=now,
        ))
    session.flush()


def csv_bytes(rows: list[list[str]], header: list[str] | None = None,
              encoding: str = "utf-8-sig") -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header or HEADER_ZH)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[object]], header: list[str] | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header or HEADER_ZH)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def roster_row(room: str = "101", name: str = "李四", phone: str = "13700000001",
               compound: str = "阳光小区", building: str = "5号楼", unit: str = "1",
               floor: str = "1", sex: str = "男", year: str = "1960",
               relation: str = "户主", alone: str = "否") -> list[str]:
    return [compound, building, unit, floor, room, name, sex, year, phone, relation, alone]


def random_name(rng: random.Random) -> str:
    return rng.choice("赵钱孙李周吴郑王") + rng.choice("伟芳娜敏静丽强磊军洋") + rng.choice("一二三")


def service_world(session: Session) -> dict:
    """Two buildings of one community (6 + 4 households), a worker on the first, a round.

    One elderly resident living alone is called 欧阳春花 (a name to search for); two
    households of the first building hold returnees (3 and 30 days ago, the first with
    fever); another community has a building the admin must never see.
    """
    comm = f.community(session)
    b1 = f.building(session, comm, "1号楼", floors=3, units=1, rooms=2)  # 6 households
    b2 = f.building(session, comm, "2号楼", floors=2, units=1, rooms=2)  # 4 households
    admin = f.user(session, comm, Role.admin, "admin")
    worker = f.user(session, comm, Role.grid_worker, "worker")
    f.assign(session, worker, b1)
    homes1 = session.exec(select(Household).where(Household.building_id == b1.id)
                          .order_by(Household.id)).all()
    homes2 = session.exec(select(Household).where(Household.building_id == b2.id)
                          .order_by(Household.id)).all()
    lonely = session.exec(select(Resident).where(Resident.household_id == homes1[0].id)).one()
    lonely.elderly_alone, lonely.name = True, "欧阳春花"
    session.add(lonely)
    rnd = survey_round(session, comm.id)
    reach(session, rnd, homes1[0].id, returnee=True, days_ago=3, fever=True)
    reach(session, rnd, homes1[1].id, returnee=True, days_ago=30)
    reach(session, rnd, homes2[0].id)
    other_comm = f.community(session, "别的社区")
    f.building(session, other_comm, "9号楼", floors=1, units=1, rooms=1)
    session.commit()
    return {"admin": f.actor(admin), "worker": f.actor(worker), "b1": b1, "b2": b2,
            "homes1": homes1, "homes2": homes2, "round": rnd, "lonely": lonely, "comm": comm}


def signed_in_world(engine: Engine, session: Session) -> Iterator[dict]:
    """Two buildings, an admin and a worker on the first, each with a session token."""
    db.use_engine(engine)
    comm = f.community(session)
    b1, b2 = f.building(session, comm, "1号楼"), f.building(session, comm, "2号楼")
    admin = f.user(session, comm, Role.admin, "admin")
    worker = f.user(session, comm, Role.grid_worker, "worker")
    f.assign(session, worker, b1)
    session.commit()
    tokens = {}
    for role, person in ((Role.admin, admin), (Role.grid_worker, worker)):
        tokens[role] = auth.login(session, username=person.username, password=f.PASSWORD,
                                  client="test")
        session.commit()
    yield {"tokens": tokens, "b1": b1, "b2": b2, "session": session}
    db.use_engine(None)
