"""Factories for the ledger and import tests: a survey round with findings, roster files."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import Session, select

from community_app.models import (
    Building,
    Compound,
    Household,
    HouseholdStatus,
    Resident,
    ResidentFinding,
    RoundCompound,
    RoundHousehold,
    SurveyRound,
    utcnow,
)
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
