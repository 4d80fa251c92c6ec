"""The care list: putting a household on it with its services, and taking it off.

Invariants
- At most one open enrolment per household (a partial unique index): enrolling a household
  already on the list is refused with a message; a replay of the same form (client UUID)
  returns the same enrolment.
- An enrolment gets at least one service (a garbage slot or a check-in).
- Ending sets `ended_on` to today (local); the day's tasks already done stay in history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from community_app.models import CareEnrolment, CareReason, CheckinMode, Household, Resident
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.care.access import (
    STAFF,
    enrolment_in_scope,
    household_in_scope,
)
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.masking import mask_name
from community_app.services.places import addresses, building_labels


def enrol(session: Session, *, actor: Actor, uuid: str, household_id: int, reason: str,
          garbage_morning: bool, garbage_afternoon: bool, checkin: str,
          now: datetime | None = None) -> int:
    """Put a household on the care list; returns the enrolment id."""
    household_in_scope(session, actor=actor, household_id=household_id)
    uuid = check_uuid(uuid)
    made = existing(session, CareEnrolment, uuid)
    if made is not None:
        if made.community_id != actor.community_id:
            raise Denied()
        return made.id
    try:
        why, mode = CareReason(reason), CheckinMode(checkin)
    except ValueError:
        raise ServiceError("err.bad_request") from None
    if not all(isinstance(v, bool) for v in (garbage_morning, garbage_afternoon)):
        raise ServiceError("err.bad_request")
    if not (garbage_morning or garbage_afternoon or mode != CheckinMode.none):
        raise ServiceError("care.need_service")
    row = CareEnrolment(uuid=uuid, community_id=actor.community_id, household_id=household_id,
                        reason=why, garbage_morning=garbage_morning,
                        garbage_afternoon=garbage_afternoon, checkin=mode,
                        started_on=clock.local_day(now), created_by_id=actor.user_id,
                        updated_by_id=actor.user_id)
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        raise ServiceError("care.already_listed") from None
    return row.id


def end_care(session: Session, *, actor: Actor, enrolment_id: int,
             now: datetime | None = None) -> None:
    row = enrolment_in_scope(session, actor=actor, enrolment_id=enrolment_id)
    if row.ended_on is None:
        row.ended_on = clock.local_day(now)
        row.touch(actor.user_id)
        session.add(row)
        session.flush()


@dataclass
class CareListRow:
    enrolment_id: int
    household_id: int
    address: str
    name: str  # masked
    reason: str
    garbage_morning: bool
    garbage_afternoon: bool
    checkin: str
    since: str


def open_enrolments(session: Session, household_ids: list[int]) -> list[CareEnrolment]:
    if not household_ids:
        return []
    return list(session.exec(select(CareEnrolment).where(
        CareEnrolment.household_id.in_(household_ids),
        CareEnrolment.ended_on.is_(None)).order_by(CareEnrolment.id)).all())


def care_list(session: Session, *, actor: Actor, household_ids: list[int]) -> list[CareListRow]:
    """The open enrolments of these (in-scope, checked by the caller) households."""
    rows = open_enrolments(session, household_ids)
    places = addresses(session, [r.household_id for r in rows])
    names: dict[int, str] = {}
    for hid, name in session.exec(select(Resident.household_id, Resident.name).where(
            Resident.household_id.in_([r.household_id for r in rows] or [0]),
            Resident.moved_away.is_(False)).order_by(Resident.id)).all():
        names.setdefault(hid, mask_name(name))
    return [CareListRow(enrolment_id=r.id, household_id=r.household_id,
                        address=places.get(r.household_id, ""),
                        name=names.get(r.household_id, ""), reason=str(r.reason),
                        garbage_morning=r.garbage_morning,
                        garbage_afternoon=r.garbage_afternoon, checkin=str(r.checkin),
                        since=r.started_on.isoformat()) for r in rows]


@dataclass
class BuildingChoice:
    id: str
    label: str


def building_choices(session: Session, *, actor: Actor) -> list[BuildingChoice]:
    """The buildings of the actor's scope, for the care list's household picker."""
    scope.require_role(actor, *STAFF)
    ids = scope.building_ids_in_scope(session, actor=actor)
    labels = building_labels(session, ids)
    return [BuildingChoice(id=str(i), label=labels[i]) for i in sorted(ids)]


def find_household(session: Session, *, actor: Actor, building_id: int, flat: str) -> int:
    """The household at "502" (unit 1) or "2-502" of an in-scope building."""
    building = scope.get_building(session, actor=actor, building_id=building_id)
    text = str(flat or "").strip().replace("－", "-")
    unit, _, room = text.rpartition("-")
    try:
        unit_no = int(unit) if unit else 1
    except ValueError:
        raise ServiceError("care.no_household") from None
    found = session.exec(select(Household.id).where(
        Household.building_id == building.id, Household.unit == unit_no,
        Household.room == room)).first()
    if found is None:
        raise ServiceError("care.no_household")
    return found


def scope_care_list(session: Session, *, actor: Actor) -> list[CareListRow]:
    """The care list of every household in the actor's scope."""
    scope.require_role(actor, *STAFF)
    ids = scope.building_ids_in_scope(session, actor=actor)
    household_ids = list(session.exec(select(Household.id).where(
        Household.building_id.in_(ids or [0]))).all())
    return care_list(session, actor=actor, household_ids=household_ids)
