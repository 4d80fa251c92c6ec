"""Who may reach which isolation case, and the small lookups every isolation module shares.

Admins act on cases in their community, grid workers on cases of households in their
buildings (or cases they are responsible for); a household reads its own case and reports
its own temperatures, nothing else. Out-of-scope ids raise Denied, never "not found".
"""

from __future__ import annotations

import uuid as uuidlib

from sqlalchemy import or_
from sqlmodel import Session, select

from community_app.models import (
    Building,
    CaseStatus,
    Compound,
    Household,
    IsolatedPerson,
    IsolationCase,
    Resident,
    Role,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError

STAFF = (Role.admin, Role.grid_worker)


# --- scope --------------------------------------------------------------------------------


def _staff_case_filter(session: Session, actor: Actor):  # noqa: ANN202 - a SQL expression
    buildings = scope.building_ids_in_scope(session, actor=actor)
    in_buildings = IsolationCase.household_id.in_(
        select(Household.id).where(Household.building_id.in_(buildings or [-1]))
    )
    if actor.role == Role.admin:
        return in_buildings
    return or_(in_buildings, IsolationCase.worker_id == actor.user_id)


def get_case(session: Session, *, actor: Actor, case_id: object) -> IsolationCase:
    """The case if the actor may see it; Denied otherwise (never 'not found')."""
    if not isinstance(case_id, int) or isinstance(case_id, bool):
        raise Denied()
    case = session.get(IsolationCase, case_id)
    if case is None:
        raise Denied()
    if actor.role == Role.household:
        if actor.household_id is None or actor.household_id != case.household_id:
            raise Denied()
        return case
    if actor.role not in STAFF or case.community_id != actor.community_id:
        raise Denied()
    allowed = session.exec(
        select(IsolationCase.id).where(
            IsolationCase.id == case.id, _staff_case_filter(session, actor)
        )
    ).first()
    if allowed is None:
        raise Denied()
    return case


def get_case_id(session: Session, *, actor: Actor, case_id: object) -> int:
    """The id of a case the staff actor may open (for a page reading ?id=)."""
    scope.require_role(actor, *STAFF)
    return get_case(session, actor=actor, case_id=case_id).id


def _require_open(case: IsolationCase) -> None:
    if case.status != CaseStatus.open:
        raise ServiceError("isolation.case_closed")


def _people(session: Session, case_id: int) -> list[Resident]:
    return list(
        session.exec(
            select(Resident)
            .join(IsolatedPerson, IsolatedPerson.resident_id == Resident.id)
            .where(IsolatedPerson.case_id == case_id)
            .order_by(Resident.id)
        ).all()
    )


def _address(session: Session, household: Household) -> str:
    building = session.get(Building, household.building_id)
    compound = session.get(Compound, building.compound_id) if building else None
    return (
        f"{compound.name if compound else ''} {building.name if building else ''} "
        f"{household.unit}单元 {household.room}"
    ).strip()


def _uuid5(*parts: object) -> str:
    return str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, "shouwang:" + ":".join(map(str, parts))))
