"""The ledger (台账): every resident of the actor's scope with what the survey round found.

- `search` pages in SQL (LIMIT/OFFSET over an indexed order, COUNT in SQL) and returns
  masked names and phones only.
- `resident_detail` shows full values only when the household is in the actor's scope.
- Exports live in `export.py`; both share `filtered_query`, so a download holds exactly
  the rows the page shows.
- Addresses come from services/places.py (`Place.address`): no UI words such as 单元.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import and_, false, func, or_
from sqlalchemy.sql import ColumnElement, Select
from sqlmodel import Session, select

from community_app.models import (
    Building,
    Compound,
    GridAssignment,
    Household,
    HouseholdStatus,
    Resident,
    ResidentFinding,
    Role,
    RoundHousehold,
    SurveyRound,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied
from community_app.services.masking import mask_name, mask_phone
from community_app.services.places import Place

GROUPS = ("elderly_alone", "disabled", "chronic_illness", "pregnant", "infant")
NOT_REACHED = (HouseholdStatus.pending, HouseholdStatus.followup, HouseholdStatus.escalated)
MAX_PAGE_SIZE = 100


class LedgerFilter(BaseModel):
    """What the ledger shows; the same model validates the page, the state and the URL."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    round_id: int | None = Field(default=None, ge=1)
    compound_id: int | None = Field(default=None, ge=1)
    building_id: int | None = Field(default=None, ge=1)
    status: HouseholdStatus | None = None
    not_reached: bool = False
    returnee: bool = False
    returned_within_days: int | None = Field(default=None, ge=0, le=365)
    fever: bool = False
    groups: tuple[str, ...] = Field(default=(), max_length=len(GROUPS))
    q: str = Field(default="", max_length=30)

    def model_post_init(self, _context: Any) -> None:
        if any(g not in GROUPS for g in self.groups):
            raise ValueError("unknown group")

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json", exclude_defaults=True),
                          ensure_ascii=False, sort_keys=True)


@dataclass
class LedgerRow:
    id: int
    household_id: int
    name: str
    phone: str
    place: str
    code: str
    status: str
    returnee: bool
    fever: bool
    temperature: str
    elderly_alone: bool
    disabled: bool
    chronic_illness: bool
    pregnant: bool
    infant: bool


@dataclass
class LedgerPage:
    rows: list[LedgerRow]
    total: int
    page: int
    pages: int
    page_size: int
    round_id: int
    round_name: str


# --- the query ---------------------------------------------------------------------------


def scope_clause(session: Session, actor: Actor) -> ColumnElement[bool]:
    scope.require_role(actor, Role.admin, Role.grid_worker)
    if actor.role == Role.admin:
        return Compound.community_id == actor.community_id
    return Building.id.in_(
        select(GridAssignment.building_id).where(GridAssignment.user_id == actor.user_id)
    )


def pick_round(session: Session, actor: Actor, round_id: int | None) -> SurveyRound | None:
    """The chosen round of the actor's community, or its latest; None when there is none."""
    if round_id is not None:
        chosen = session.get(SurveyRound, round_id)
        if chosen is None or chosen.community_id != actor.community_id:
            raise Denied()
        return chosen
    return session.exec(
        select(SurveyRound)
        .where(SurveyRound.community_id == actor.community_id)
        .order_by(SurveyRound.start_date.desc(), SurveyRound.id.desc())
        .limit(1)
    ).first()


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def filtered_query(query: Select, where_scope: ColumnElement[bool], f: LedgerFilter,
              round_ids: Sequence[int], today: date, *, full: bool = True) -> Select:
    """Joins and WHERE of every ledger query (count, page ids, rows, export).

    With `full=False` the round's tables are joined only when a filter needs them, so
    counting and cutting a page touch as little as possible.
    """
    rid = RoundHousehold.round_id.in_(round_ids) if round_ids else false()
    fid = ResidentFinding.round_id.in_(round_ids) if round_ids else false()
    query = (
        query.select_from(Resident)
        .join(Household, Household.id == Resident.household_id)
        .join(Building, Building.id == Household.building_id)
        .join(Compound, Compound.id == Building.compound_id)
        .where(where_scope, Resident.moved_away.is_(False))
    )
    if full or f.status or f.not_reached:
        query = query.outerjoin(
            RoundHousehold, and_(RoundHousehold.household_id == Household.id, rid))
    if full or f.returnee or f.fever or f.returned_within_days is not None:
        query = query.outerjoin(
            ResidentFinding, and_(ResidentFinding.resident_id == Resident.id, fid))
    if f.compound_id:
        query = query.where(Building.compound_id == f.compound_id)
    if f.building_id:
        query = query.where(Household.building_id == f.building_id)
    if f.status:
        query = query.where(RoundHousehold.status == f.status.value)
    if f.not_reached:
        query = query.where(RoundHousehold.status.in_([s.value for s in NOT_REACHED]))
    if f.returnee:
        query = query.where(ResidentFinding.returnee.is_(True))
    if f.returned_within_days is not None:
        since = today - timedelta(days=f.returned_within_days)
        query = query.where(ResidentFinding.returnee.is_(True),
                            ResidentFinding.return_date >= since)
    if f.fever:
        query = query.where(ResidentFinding.fever.is_(True))
    for group in f.groups:
        query = query.where(getattr(Resident, group).is_(True))
    q = f.q.strip()
    if q:
        # LIKE, not ILIKE (PostgreSQL's ILIKE is several times slower); household codes
        # are upper case, so the code is compared with the text upper-cased.
        query = query.where(or_(
            Resident.name.like(_like(q), escape="\\"),
            Household.room.like(_like(q), escape="\\"),
            Household.code.like(_like(q.upper()), escape="\\"),
        ))
    return query


# --- search and detail -------------------------------------------------------------------


def search(session: Session, *, actor: Actor, filters: LedgerFilter, page: int = 1,
           page_size: int = 20, today: date | None = None) -> LedgerPage:
    """One page of the ledger in the actor's scope, names and phones masked."""
    where_scope = scope_clause(session, actor)
    chosen = pick_round(session, actor, filters.round_id)
    round_ids = [chosen.id] if chosen else []
    today = today or date.today()
    page_size = max(1, min(MAX_PAGE_SIZE, int(page_size)))
    # One pass finds the matching ids (materialised, so PostgreSQL cannot choose a
    # "presorted" plan walking every household of the 街道), counts them with a window
    # and cuts the page; only a page past the end needs a second query.
    matches = (
        filtered_query(select(Resident.id.label("id"), Resident.household_id.label("hid")),
                  where_scope, filters, round_ids, today, full=False)
        .cte("matches").prefix_with("MATERIALIZED")
    )

    def cut(number: int) -> list:
        return list(session.exec(
            select(matches.c.id, func.count().over())
            .order_by(matches.c.hid, matches.c.id)
            .offset((number - 1) * page_size).limit(page_size)
        ).all())

    page = max(1, int(page))
    found = cut(page)
    if found:
        total = found[0][1]
    else:
        total = session.exec(select(func.count()).select_from(matches)).one()
    pages = max(1, -(-total // page_size))
    if page > pages:
        page = pages
        found = cut(page) if total else []
    ids = [row[0] for row in found]
    query = filtered_query(
        select(Resident.id, Resident.household_id, Resident.name, Resident.phone,
               Compound.name, Building.name, Household.unit, Household.room, Household.code,
               Building.units, RoundHousehold.status, ResidentFinding.returnee,
               ResidentFinding.fever, ResidentFinding.temperature,
               *(getattr(Resident, g) for g in GROUPS)),
        where_scope, filters, round_ids, today,
    ).where(Resident.id.in_(ids or [-1])).order_by(Resident.household_id, Resident.id)
    rows = [
        LedgerRow(
            id=r[0], household_id=r[1], name=mask_name(r[2]), phone=mask_phone(r[3]),
            place=Place(compound=r[4], building=r[5], unit=r[6], room=r[7], units=r[9]).address,
            code=r[8], status=r[10] or "", returnee=bool(r[11]), fever=bool(r[12]),
            temperature="" if r[13] is None else f"{r[13]:.1f}",
            elderly_alone=bool(r[14]), disabled=bool(r[15]), chronic_illness=bool(r[16]),
            pregnant=bool(r[17]), infant=bool(r[18]),
        )
        for r in session.exec(query).all()
    ]
    return LedgerPage(rows=rows, total=total, page=page, pages=pages, page_size=page_size,
                      round_id=chosen.id if chosen else 0,
                      round_name=chosen.name if chosen else "")


def resident_detail(session: Session, *, actor: Actor, resident_id: int,
                    round_id: int | None = None) -> dict[str, str | int | bool]:
    """Full name and phone: only for a household in the actor's scope (Denied otherwise)."""
    scope.require_role(actor, Role.admin, Role.grid_worker)
    resident = session.get(Resident, resident_id) if isinstance(resident_id, int) else None
    if resident is None:
        raise Denied()
    household = scope.get_household(session, actor=actor, household_id=resident.household_id)
    building = session.get(Building, household.building_id)
    compound = session.get(Compound, building.compound_id)
    chosen = pick_round(session, actor, round_id)
    finding = status = None
    if chosen is not None:
        finding = session.exec(select(ResidentFinding).where(
            ResidentFinding.round_id == chosen.id, ResidentFinding.resident_id == resident.id
        )).first()
        status = session.exec(select(RoundHousehold.status).where(
            RoundHousehold.round_id == chosen.id, RoundHousehold.household_id == household.id
        )).first()
    return {
        "id": resident.id,
        "name": resident.name,
        "phone": resident.phone,
        "sex": str(resident.sex),
        "birth_year": resident.birth_year,
        "relation": str(resident.relation),
        "place": Place(compound=compound.name, building=building.name, unit=household.unit,
                       room=household.room, units=building.units).address,
        "floor": household.floor,
        "code": household.code,
        "occupancy": str(household.occupancy),
        "status": status or "",
        **{g: bool(getattr(resident, g)) for g in GROUPS},
        "present": bool(finding.present) if finding else False,
        "returnee": bool(finding.returnee) if finding else False,
        "returned_from": finding.returned_from if finding else "",
        "return_date": finding.return_date.isoformat() if finding and finding.return_date else "",
        "contact_case": bool(finding.contact_case) if finding else False,
        "temperature": f"{finding.temperature:.1f}" if finding and finding.temperature else "",
        "fever": bool(finding.fever) if finding else False,
        "symptoms": finding.symptoms if finding else "",
        "recorded": finding is not None,
    }
