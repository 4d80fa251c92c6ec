"""Today's rounds, which are overdue, and recording one (from the one outbox).

Invariants
- A round at local time T on local day D (the community's clock) is overdue from
  T + DISINFECTION_GRACE_MINUTES (default 60) on D until it is recorded; a round of
  another day is never overdue on today's screens (history shows it as missed).
- A record is created once per client UUID (a replay finds the same record) and once per
  round and day (`round_key`): a second person recording a round already done gets the
  first record back, nothing changes.
- Only rounds the actor's reach covers can be recorded or seen.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from community_app.models import (
    AREAS_MAX,
    CHEMICAL_MAX,
    Building,
    Compound,
    DisinfectionRecord,
    Role,
)
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.disinfection.access import RECORDERS, checked, reach
from community_app.services.disinfection.plan import Round, planned
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing


def grace() -> timedelta:
    return timedelta(minutes=int(os.environ.get("DISINFECTION_GRACE_MINUTES", "") or 60))


def round_key(compound_id: int, building_id: int | None, day: date, at: time) -> str:
    return f"{compound_id}:{building_id or 0}:{day.isoformat()}:{at.strftime('%H:%M')}"


def is_overdue(day: date, at: time, *, now: datetime) -> bool:
    """Whether an unrecorded round of `day` at `at` is overdue at `now` (today only)."""
    return clock.local_day(now) == day and clock.utc(now) >= clock.at_local(day, at) + grace()


@dataclass
class RoundView:
    compound_id: int
    building_id: int  # 0: the whole compound
    place: str  # compound (and building) name
    at: str  # HH:MM
    done: bool
    overdue: bool
    done_at: str  # HH:MM, empty when not done
    key: str  # the round key the record form sends back
    record_id: int = 0  # the record when done (its photo is attached to it)
    has_photo: bool = False


@dataclass(frozen=True)
class PlaceNames:
    """The shown place of each round: the compound's name, and the building's when any."""

    names: dict[tuple[int, int | None], str]

    def of(self, r: Round) -> str:
        return self.names[(r.compound_id, r.building_id)]


def names_of(session: Session, rounds: list[Round]) -> PlaceNames:
    compounds = dict(session.exec(select(Compound.id, Compound.name).where(
        Compound.id.in_({r.compound_id for r in rounds} or {0}))).all())
    buildings = dict(session.exec(select(Building.id, Building.name).where(
        Building.id.in_({r.building_id for r in rounds if r.building_id} or {0}))).all())
    return PlaceNames({(r.compound_id, r.building_id): compounds.get(r.compound_id, "")
                       + (f" {buildings[r.building_id]}" if r.building_id in buildings else "")
                       for r in rounds})


def day_rounds(session: Session, *, actor: Actor, now: datetime | None = None,
               compound_id: int = 0) -> list[RoundView]:
    """Today's planned rounds within the actor's reach (one compound when given)."""
    now = clock.utc(now)
    day = clock.local_day(now)
    where = reach(session, actor=actor)
    ids = sorted(where.compound_ids if not compound_id
                 else where.compound_ids & {compound_id})
    rounds = [r for r in planned(session, ids) if where.covers(r.compound_id, r.building_id)]
    keys = [round_key(r.compound_id, r.building_id, day, r.at) for r in rounds]
    done = {rec.round_key: rec for rec in session.exec(select(DisinfectionRecord).where(
        DisinfectionRecord.round_key.in_(keys or [""]))).all()}
    names = names_of(session, rounds)
    return [RoundView(compound_id=r.compound_id, building_id=r.building_id or 0,
                      place=names.of(r), at=r.at.strftime("%H:%M"),
                      done=key in done,
                      overdue=key not in done and is_overdue(day, r.at, now=now),
                      done_at=clock.hhmm(done[key].done_at) if key in done else "", key=key,
                      record_id=done[key].id if key in done else 0,
                      has_photo=bool(key in done and done[key].photo))
            for r, key in zip(rounds, keys, strict=True)]


def overdue_rounds(session: Session, *, actor: Actor,
                   now: datetime | None = None) -> list[RoundView]:
    """The admin home's red list: today's rounds past their time and not recorded."""
    scope.require_role(actor, Role.admin)
    return [r for r in day_rounds(session, actor=actor, now=now) if r.overdue]


def _parse_key(key: object) -> tuple[int, int | None, date, time]:
    try:
        compound, building, day, at = str(key).split(":", 3)
        return (int(compound), int(building) or None, date.fromisoformat(day),
                clock.parse_hhmm(at))
    except (ValueError, TypeError):
        raise ServiceError("err.bad_request") from None


def record_round(session: Session, *, actor: Actor, uuid: str, key: str, areas: str,
                 chemical: str, photo: str | None = None,
                 now: datetime | None = None) -> int:
    """Record a planned round as done (today's or an earlier day's); returns the record id."""
    scope.require_role(actor, *RECORDERS)
    uuid = check_uuid(uuid)
    made = existing(session, DisinfectionRecord, uuid)
    if made is not None:
        if made.community_id != actor.community_id:
            raise Denied()
        return made.id
    compound_id, building_id, day, at = _parse_key(key)
    where = reach(session, actor=actor)
    if not where.covers(compound_id, building_id):
        raise Denied()
    if Round(compound_id, building_id, at) not in planned(session, [compound_id]):
        raise ServiceError("disinfection.no_such_round")
    now = clock.utc(now)
    if day > clock.local_day(now):
        raise ServiceError("disinfection.future_round")
    text_areas = checked(areas, limit=AREAS_MAX, required="disinfection.areas_required")
    text_chemical = checked(chemical, limit=CHEMICAL_MAX,
                            required="disinfection.chemical_required")
    normal = round_key(compound_id, building_id, day, at)
    first = session.exec(select(DisinfectionRecord).where(
        DisinfectionRecord.round_key == normal)).first()
    if first is not None:
        return first.id
    record = DisinfectionRecord(
        uuid=uuid, community_id=actor.community_id, compound_id=compound_id,
        building_id=building_id, day=day, at=at, round_key=normal, areas=text_areas,
        chemical=text_chemical, photo=photo, done_at=now, done_by_id=actor.user_id,
        updated_by_id=actor.user_id)
    try:
        with session.begin_nested():
            session.add(record)
            session.flush()
    except IntegrityError:  # the same round recorded at the same moment: theirs stands
        theirs = session.exec(select(DisinfectionRecord).where(
            (DisinfectionRecord.round_key == normal) | (DisinfectionRecord.uuid == uuid))).first()
        if theirs is None:
            raise
        return theirs.id
    return record.id
