"""The ledger (台账): every resident of the actor's scope with what the survey round found.

Invariants
- Scope comes from `scope_clause` (an admin's community, a worker's assigned buildings),
  never from the filter; every ledger query (count, page, rows, export) goes through
  `filtered_query`, so a download holds exactly the rows the page shows.
- `search` pages in SQL (LIMIT/OFFSET over an indexed order, COUNT in SQL) and returns
  masked names and phones only; full values are in `detail.resident_detail`, in scope only.
- Addresses come from services/places.py (`Place.address`): no UI words such as 单元.
- The filter model and its URL form live in `filters.py`; exports in `export.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, false, func, or_
from sqlalchemy.sql import ColumnElement, Select
from sqlmodel import Session, select

from community_app.models import (
    Building,
    Compound,
    GridAssignment,
    Household,
    Resident,
    ResidentFinding,
    Role,
    RoundHousehold,
    SurveyRound,
)
from community_app.services import round_cover, scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied
from community_app.services.ledger.filters import GROUPS, NOT_REACHED, LedgerFilter
from community_app.services.masking import mask_name, mask_phone
from community_app.services.places import Place, building_label

MAX_PAGE_SIZE = 100


@dataclass
class LedgerRow:
    """One resident in a list: name and phone masked, always."""

    id: int = 0
    household_id: int = 0
    name: str = ""
    phone: str = ""
    place: str = ""
    code: str = ""
    status: str = ""
    returnee: bool = False
    fever: bool = False
    temperature: str = ""
    elderly_alone: bool = False
    disabled: bool = False
    chronic_illness: bool = False
    pregnant: bool = False
    infant: bool = False


@dataclass
class LedgerPage:
    rows: list[LedgerRow]
    total: int
    page: int
    pages: int
    page_size: int
    round_id: int
    round_name: str


@dataclass(frozen=True)
class BuildingChoice:
    """A building the actor may filter on: its id and 'compound building'."""

    id: int
    label: str


@dataclass(frozen=True)
class RoundOption:
    id: int
    name: str


@dataclass
class LedgerScreen:
    """What the ledger page opens with: the first page and the buildings to filter on."""

    page: LedgerPage
    buildings: list[BuildingChoice] = field(default_factory=list)
    rounds: list[RoundOption] = field(default_factory=list)  # the round picker, newest first


# --- the query ---------------------------------------------------------------------------


def scope_clause(session: Session, actor: Actor) -> ColumnElement[bool]:
    scope.require_role(actor, Role.admin, Role.grid_worker)
    if actor.role == Role.admin:
        return Compound.community_id == actor.community_id
    return Building.id.in_(
        select(GridAssignment.building_id).where(GridAssignment.user_id == actor.user_id)
    )


def pick_round(session: Session, actor: Actor, round_id: int | None) -> SurveyRound | None:
    """The chosen round of the actor's community; else the community round (round_cover.py:
    a re-visit of one compound never marks the rest "不在本轮"); else the latest closed one;
    None when there is none."""
    if round_id:
        chosen = session.get(SurveyRound, round_id)
        if chosen is None or chosen.community_id != actor.community_id:
            raise Denied()
        return chosen
    if community := round_cover.community_round_id(session, community_id=actor.community_id):
        return session.get(SurveyRound, community)
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
    if f.household_id:
        query = query.where(Household.id == f.household_id)
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


def building_choices(session: Session, *, actor: Actor) -> list[BuildingChoice]:
    """The buildings of the actor's scope, by compound then building, for the filter."""
    scope.require_role(actor, Role.admin, Role.grid_worker)
    ids = scope.building_ids_in_scope(session, actor=actor)
    if not ids:
        return []
    rows = session.exec(
        select(Building.id, Building.name, Compound.name)
        .join(Compound, Compound.id == Building.compound_id)
        .where(Building.id.in_(ids))
        .order_by(Compound.name, Building.id)
    ).all()
    return [BuildingChoice(id=bid, label=building_label(c, b)) for bid, b, c in rows]


def open_ledger(session: Session, *, actor: Actor, filters: LedgerFilter,
                page_size: int = 20, today: date | None = None) -> LedgerScreen:
    """The page's one read on load: its first page and the buildings it may filter on."""
    return LedgerScreen(
        page=search(session, actor=actor, filters=filters, page=1, page_size=page_size,
                    today=today),
        buildings=building_choices(session, actor=actor),
        rounds=[RoundOption(id=i, name=n) for i, n in session.exec(
            select(SurveyRound.id, SurveyRound.name)
            .where(SurveyRound.community_id == actor.community_id)
            .order_by(SurveyRound.start_date.desc(), SurveyRound.id.desc())).all()],
    )
