"""What workers and admins see of a round: the building grid, the follow-up list, the gaps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from sqlmodel import Session, select

from community_app.models import (
    DONE_STATUSES,
    Building,
    Community,
    Compound,
    Household,
    HouseholdStatus,
    Resident,
    ResidentFinding,
    Role,
    RoundHousehold,
    User,
    VisitAttempt,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import stamp
from community_app.services.grid import facade, room_label
from community_app.services.places import Place, building_label, flat_label, household_place
from community_app.services.survey.round_list import RoundChoice
from community_app.services.survey.rounds import get_round, round_household


@dataclass
class StatusCell:
    household_id: int
    label: str
    status: str  # a HouseholdStatus value, or "none" for a flat not registered


@dataclass
class StatusUnit:
    unit: int
    columns: int
    cells: list[StatusCell]


@dataclass
class RoundBuilding:
    building_id: int
    label: str
    total: int
    done: int
    next_household_id: int
    next_label: str
    missing: list[str] = field(default_factory=list)
    units: list[StatusUnit] = field(default_factory=list)
    round_id: int = 0  # the round shown, named on the screen
    round_name: str = ""
    rounds: list[RoundChoice] = field(default_factory=list)  # every open round covering it


def _place(building: Building, household: Household) -> str:
    # Still imported by services/needs.py until it moves to services/places.py; the survey
    # itself writes flats only through places.flat_label.
    return flat_label(household.unit, household.room, building.units)


def _flat(building: Building, household: Household) -> str:
    return flat_label(household.unit, household.room, building.units)


def round_building(session: Session, *, actor: Actor, round_id: int,
                   building_id: int) -> RoundBuilding:
    """A building as floors (top first) by flats, each cell coloured by its status."""
    survey_round = get_round(session, actor=actor, round_id=round_id)
    building = scope.get_building(session, actor=actor, building_id=building_id)
    compound = session.get(Compound, building.compound_id)
    rows = session.exec(
        select(Household, RoundHousehold.status)
        .join(RoundHousehold, RoundHousehold.household_id == Household.id)
        .where(Household.building_id == building.id, RoundHousehold.round_id == round_id)
    ).all()
    by_place = {(h.unit, h.room): (h, s) for h, s in rows}
    result = RoundBuilding(building_id=building.id, total=len(rows), done=0,
                           label=building_label(compound.name, building.name), next_household_id=0,
                           next_label="", round_id=round_id, round_name=survey_round.name)
    # Walking order: unit by unit, from the ground floor up, the way a worker climbs.
    for unit in range(1, building.units + 1):
        for floor in range(1, building.floors + 1):
            for index in range(1, building.rooms_per_floor + 1):
                found = by_place.get((unit, room_label(floor, index)))
                if found is None:
                    continue
                household, status = found
                if status in DONE_STATUSES:
                    result.done += 1
                    continue
                result.missing.append(_flat(building, household))
                if not result.next_household_id and status == HouseholdStatus.pending:
                    result.next_household_id = household.id
                    result.next_label = _flat(building, household)
    for unit, rooms in facade(building):
        cells = []
        for room in rooms:
            found = by_place.get((unit, room))
            cells.append(StatusCell(household_id=found[0].id if found else 0, label=room,
                                    status=str(found[1]) if found else "none"))
        result.units.append(StatusUnit(unit=unit, columns=building.rooms_per_floor, cells=cells))
    return result


@dataclass
class Attempt:
    """One try at a household: when, how (an Outcome code the page names), by whom."""

    when: str
    outcome: str
    by: str


@dataclass
class FollowUp:
    household_id: int
    building_id: int
    place: str
    status: str
    failed_attempts: int
    next_action: str
    attempts: list[Attempt]
    round_id: int = 0  # the round the household is chased in (links carry it)
    round_name: str = ""


def followups(session: Session, *, actor: Actor, round_id: int,
              escalated_only: bool = False) -> list[FollowUp]:
    """Households tried and not reached, in scope, with every attempt (when, who, how)."""
    survey_round = get_round(session, actor=actor, round_id=round_id)
    wanted = [HouseholdStatus.escalated] if escalated_only else [
        HouseholdStatus.followup, HouseholdStatus.escalated]
    ids = scope.building_ids_in_scope(session, actor=actor)
    rows = session.exec(
        select(RoundHousehold, Household, Building, Compound.name)
        .join(Household, Household.id == RoundHousehold.household_id)
        .join(Building, Building.id == Household.building_id)
        .join(Compound, Compound.id == Building.compound_id)
        .where(RoundHousehold.round_id == round_id, RoundHousehold.status.in_(wanted),
               Building.id.in_(ids))
        .order_by(RoundHousehold.status.desc(), RoundHousehold.last_attempt_at)
    ).all()
    attempts: dict[int, list[Attempt]] = {}
    if rows:
        for attempt, name in session.exec(
            select(VisitAttempt, User.display_name)
            .join(User, User.id == VisitAttempt.by_user_id)
            .where(VisitAttempt.round_household_id.in_([rh.id for rh, *_ in rows]))
            .order_by(VisitAttempt.created_at)
        ).all():
            attempts.setdefault(attempt.round_household_id, []).append(
                Attempt(when=stamp(attempt.created_at), outcome=str(attempt.outcome), by=name))
    return [
        FollowUp(household_id=h.id, building_id=b.id,
                 place=Place(compound=compound, building=b.name, unit=h.unit, room=h.room,
                             units=b.units).address,
                 status=str(rh.status),
                 failed_attempts=rh.failed_attempts, next_action=str(rh.next_action or ""),
                 attempts=attempts.get(rh.id, []),
                 round_id=round_id, round_name=survey_round.name)
        for rh, h, b, compound in rows
    ]


@dataclass
class ResidentRow:
    resident_id: int
    name: str
    sex: str
    birth_year: int
    phone: str
    relation: str
    present: bool
    returned_from: str
    return_date: str
    contact_case: bool
    temperature: str
    symptoms: str
    elderly_alone: bool
    disabled: bool
    chronic_illness: bool
    pregnant: bool
    infant: bool
    moved_away: bool = False


@dataclass
class VisitForm:
    household_id: int
    place: str
    status: str
    notice_code: str
    needs: str
    notes: str
    residents: list[ResidentRow]
    round_household_id: int = 0  # the round record: its needs can become an errand request
    building_id: int = 0  # "back to the building" goes to this one
    round_id: int = 0  # the round the form records into (a hidden input carries it)
    round_name: str = ""
    rounds: list[RoundChoice] = field(default_factory=list)  # every open round covering it


def visit_form(session: Session, *, actor: Actor, round_id: int, household_id: int) -> VisitForm:
    """The form pre-filled from the register and what this round already found.

    Full names and phones: the actor's scope includes this household (checked above).
    """
    scope.require_role(actor, Role.admin, Role.grid_worker)
    rh = round_household(session, actor=actor, round_id=round_id, household_id=household_id)
    household = session.get(Household, household_id)
    building = session.get(Building, household.building_id)
    findings = {
        f.resident_id: f for f in session.exec(
            select(ResidentFinding).join(Resident)
            .where(ResidentFinding.round_id == round_id, Resident.household_id == household_id)
        ).all()
    }
    residents = session.exec(
        select(Resident).where(Resident.household_id == household_id,
                               Resident.moved_away.is_(False)).order_by(Resident.id)
    ).all()
    rows = []
    for r in residents:
        f = findings.get(r.id)
        rows.append(ResidentRow(
            resident_id=r.id, name=r.name, sex=str(r.sex), birth_year=r.birth_year,
            phone=r.phone, relation=str(r.relation), present=f.present if f else True,
            returned_from=f.returned_from if f else "",
            return_date=f.return_date.isoformat() if f and f.return_date else "",
            contact_case=f.contact_case if f else False,
            temperature=str(f.temperature) if f and f.temperature is not None else "",
            symptoms=f.symptoms if f else "", elderly_alone=r.elderly_alone,
            disabled=r.disabled, chronic_illness=r.chronic_illness, pregnant=r.pregnant,
            infant=r.infant,
        ))
    # The whole address: a worker can have three buildings called 1号楼 in three compounds.
    return VisitForm(household_id=household_id, status=str(rh.status),
                     place=household_place(session, household_id).address,
                     notice_code=rh.notice_code, needs=rh.needs, notes=rh.notes,
                     residents=rows, round_household_id=rh.id, building_id=building.id,
                     round_id=round_id,
                     round_name=get_round(session, actor=actor, round_id=round_id).name)


class DoorNotice(NamedTuple):
    """What goes on a door: the flat, the self-fill code and the community's phone, nothing
    personal."""

    place: str
    code: str
    phone: str = ""


def notice(session: Session, *, actor: Actor, round_id: int, household_id: int) -> DoorNotice:
    rh = round_household(session, actor=actor, round_id=round_id, household_id=household_id)
    community = session.get(Community, actor.community_id)
    return DoorNotice(place=household_place(session, household_id).address,
                      code=rh.notice_code, phone=community.phone if community else "")
