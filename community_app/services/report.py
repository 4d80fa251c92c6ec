"""The daily report (日报) as of a cut-off time, per compound and for the community.

Nobody retypes anything at night: every number is counted from what was recorded during
the day. "As of" means: households done by the cut-off, findings first recorded by it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, and_, case, func, or_
from sqlmodel import Session, select

from community_app.models import (
    DONE_STATUSES,
    Building,
    Community,
    Compound,
    Household,
    Resident,
    ResidentFinding,
    Role,
    RoundCompound,
    RoundHousehold,
    SurveyRound,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import at_local, aware
from community_app.services.errors import ServiceError
from community_app.services.isolation.counts import isolation_counts
from community_app.services.survey import rounds as survey

DEFAULT_CUTOFF = time(16, 0)
SPECIAL = (Resident.elderly_alone, Resident.disabled, Resident.chronic_illness,
           Resident.pregnant, Resident.infant)


@dataclass
class ReportRow:
    name: str
    households: int = 0
    reached: int = 0
    not_reached: int = 0
    residents: int = 0
    returnees: int = 0
    returnees_new: int = 0
    fever: int = 0
    elderly_alone: int = 0
    special: int = 0

    def add(self, other: ReportRow) -> None:
        for f in fields(self):
            if f.name != "name":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


@dataclass
class TrendPoint:
    day: str
    coverage: float
    returnees: int


@dataclass
class IsolationLine:
    households: int = 0
    people: int = 0
    new_today: int = 0
    released_today: int = 0


@dataclass
class RoundOption:
    id: int
    name: str


@dataclass
class DailyReport:
    community: str
    round_name: str
    day: str
    cutoff: str
    total: ReportRow
    change: ReportRow  # today minus yesterday, same cut-off
    compounds: list[ReportRow] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)
    # Home isolation, community-wide: households and people under it, new and released today.
    isolation: IsolationLine = field(default_factory=lambda: IsolationLine())
    round_id: int = 0  # the round counted (asked for, else the community round)
    rounds: list[RoundOption] = field(default_factory=list)  # the picker: every round


def _round_options(session: Session, community_id: int) -> list[RoundOption]:
    return [RoundOption(id=i, name=n) for i, n in session.exec(
        select(SurveyRound.id, SurveyRound.name).where(SurveyRound.community_id == community_id)
        .order_by(SurveyRound.start_date.desc(), SurveyRound.id.desc())).all()]


def cutoff_at(day: date, cutoff: time) -> datetime:
    """The cut-off as a UTC instant: stored times are UTC, and SQLite compares them as text."""
    return at_local(day, cutoff).astimezone(UTC)


def _rows(session: Session, round_id: int, until: datetime, day: date,
          compound_id: int | None) -> dict[int, ReportRow]:
    done = [s.value for s in DONE_STATUSES]
    # session.execute, not exec: exec would reduce these multi-column rows to scalars.
    base = (select(Compound.id).join(Building, Building.compound_id == Compound.id)
            .join(Household, Household.building_id == Building.id)
            .join(RoundHousehold, and_(RoundHousehold.household_id == Household.id,
                                       RoundHousehold.round_id == round_id)))
    if compound_id:
        base = base.where(Compound.id == compound_id)
    rows: dict[int, ReportRow] = {}
    reached = case((and_(RoundHousehold.status.in_(done), RoundHousehold.reached_at <= until),
                    1), else_=0)
    for cid, name, total, hit in session.execute(
        base.add_columns(Compound.name, func.count(RoundHousehold.id), func.sum(reached))
        .group_by(Compound.id, Compound.name)
    ).all():
        rows[cid] = ReportRow(name=name, households=total, reached=int(hit or 0),
                              not_reached=total - int(hit or 0))
    recorded = ResidentFinding.first_recorded_at <= until
    for cid, people, back, new, fever in session.execute(
        base.join(Resident, Resident.household_id == Household.id)
        .join(ResidentFinding, and_(ResidentFinding.round_id == round_id,
                                    ResidentFinding.resident_id == Resident.id))
        .add_columns(
            func.sum(case((recorded, 1), else_=0)),
            func.sum(case((and_(recorded, ResidentFinding.returnee), 1), else_=0)),
            # 今日新增返乡: people whose return date is the report's day (recorded by the
            # cut-off), not people whose return was merely recorded today.
            func.sum(case((and_(ResidentFinding.returnee,
                                ResidentFinding.return_date == day, recorded), 1),
                          else_=0)),
            func.sum(case((and_(ResidentFinding.fever, ResidentFinding.recorded_at <= until),
                           1), else_=0)),
        ).group_by(Compound.id)
    ).all():
        row = rows[cid]
        row.residents, row.returnees = int(people or 0), int(back or 0)
        row.returnees_new, row.fever = int(new or 0), int(fever or 0)
    for cid, alone, special in session.execute(
        base.join(Resident, and_(Resident.household_id == Household.id,
                                 Resident.moved_away.is_(False)))
        .add_columns(func.sum(case((Resident.elderly_alone, 1), else_=0)),
                     func.sum(case((or_(*SPECIAL), 1), else_=0)))
        .group_by(Compound.id)
    ).all():
        rows[cid].elderly_alone, rows[cid].special = int(alone or 0), int(special or 0)
    return rows


def _total(rows: dict[int, ReportRow], name: str) -> ReportRow:
    total = ReportRow(name=name)
    for row in rows.values():
        total.add(row)
    return total


def _scoped(query: Select, round_id: int, compound_id: int | None) -> Select:
    """The round's households; the household and building are joined only to narrow to one
    compound (at city scale the joins cost more than the count itself)."""
    query = query.select_from(RoundHousehold).where(RoundHousehold.round_id == round_id)
    if not compound_id:
        return query
    return (query.join(Household, Household.id == RoundHousehold.household_id)
            .join(Building, Building.id == Household.building_id)
            .where(Building.compound_id == compound_id))


def _trend(session: Session, round_: SurveyRound, day: date, cutoff: time,
           compound_id: int | None) -> list[TrendPoint]:
    """Coverage and returnees at each day's cut-off: two reads, then counting in memory."""
    done = [s.value for s in DONE_STATUSES]
    households = session.exec(_scoped(select(func.count(RoundHousehold.id)), round_.id,
                                      compound_id)).one()
    reached = sorted(aware(t) for t in session.exec(_scoped(
        select(RoundHousehold.reached_at), round_.id, compound_id)
        .where(RoundHousehold.status.in_(done), RoundHousehold.reached_at.is_not(None))))
    returned = sorted(aware(t) for t in session.exec(_scoped(
        select(ResidentFinding.first_recorded_at), round_.id, compound_id)
        .join(Resident, Resident.household_id == RoundHousehold.household_id)
        .join(ResidentFinding, and_(ResidentFinding.round_id == round_.id,
                                    ResidentFinding.resident_id == Resident.id))
        .where(ResidentFinding.returnee)))
    points = []
    current = round_.start_date
    while current <= day and len(points) < 60:
        until = cutoff_at(current, cutoff)
        done_by = bisect_right(reached, until)
        coverage = round(100 * done_by / households, 1) if households else 0
        points.append(TrendPoint(day=current.strftime("%m-%d"), coverage=coverage,
                                 returnees=bisect_right(returned, until)))
        current += timedelta(days=1)
    return points


def daily_report(session: Session, *, actor: Actor, day: date, cutoff: time | None = None,
                 compound_id: int | None = None, round_id: int | None = None) -> DailyReport:
    """The report of one round: the one asked for (open or closed), else the community round
    (the open one over the whole community), never merely the newest one opened."""
    scope.require_role(actor, Role.admin)
    round_id = round_id or survey.community_round_id(session, actor=actor)
    if not round_id:
        raise ServiceError("report.no_round")
    round_ = survey.get_round(session, actor=actor, round_id=round_id)
    if compound_id and session.get(RoundCompound, (round_id, compound_id)) is None:
        raise ServiceError("err.bad_request")
    cutoff = cutoff or DEFAULT_CUTOFF
    until = cutoff_at(day, cutoff)
    today = _rows(session, round_id, until, day, compound_id)
    before = cutoff_at(day - timedelta(days=1), cutoff)
    yesterday = _total(_rows(session, round_id, before, day - timedelta(days=1), compound_id),
                       "")
    total = _total(today, "")  # named in the reader's language where shown
    change = ReportRow(name="")
    for f in fields(ReportRow):
        if f.name != "name":
            setattr(change, f.name, getattr(total, f.name) - getattr(yesterday, f.name))
    community = session.get(Community, actor.community_id)
    counts = isolation_counts(session, community_id=actor.community_id, day=day)
    return DailyReport(
        community=community.name, round_name=round_.name, day=day.isoformat(),
        cutoff=cutoff.strftime("%H:%M"), total=total, change=change,
        compounds=sorted(today.values(), key=lambda r: r.name),
        trend=_trend(session, round_, day, cutoff, compound_id),
        isolation=IsolationLine(households=counts.under_isolation,
                                people=counts.people_under_isolation,
                                new_today=counts.new_today,
                                released_today=counts.released_today),
        round_id=round_id, rounds=_round_options(session, actor.community_id),
    )


REPORT_COLUMNS = ("households", "reached", "not_reached", "residents", "returnees",
                  "returnees_new", "fever", "elderly_alone", "special")
