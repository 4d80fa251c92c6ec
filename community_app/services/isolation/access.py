"""Who may reach which isolation case, and the small lookups every isolation module shares
(`require_open`, `people`, `people_by_case`).

Admins act on cases in their community, grid workers on cases of households in their
buildings (or cases they are responsible for); a household reads its own case and reports
its own temperatures, nothing else. Out-of-scope ids raise Denied, never "not found".
"""

from __future__ import annotations

from sqlalchemy import or_
from sqlmodel import Session, select

from community_app.models import (
    CaseStatus,
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


def staff_case_filter(session: Session, actor: Actor):  # noqa: ANN201 - a SQL expression
    """The cases a staff actor may reach, as a WHERE clause (lists and the single-case check
    use the same rule, so a case on the board is always one the worker can open)."""
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
            IsolationCase.id == case.id, staff_case_filter(session, actor)
        )
    ).first()
    if allowed is None:
        raise Denied()
    return case


def require_open(case: IsolationCase) -> None:
    """A closed case generates nothing and accepts no write (readings, ticks, extensions)."""
    if case.status != CaseStatus.open:
        raise ServiceError("isolation.case_closed")


def people(session: Session, case_id: int) -> list[Resident]:
    """The case's isolated people, in the order they were registered (resident id)."""
    return people_by_case(session, [case_id])[case_id]


def people_by_case(session: Session, case_ids: list[int]) -> dict[int, list[Resident]]:
    """`people` for many cases in one query (the board reads them all); every id is a key."""
    grouped: dict[int, list[Resident]] = {case_id: [] for case_id in case_ids}
    if not case_ids:
        return grouped
    for case_id, resident in session.exec(
        select(IsolatedPerson.case_id, Resident)
        .join(Resident, Resident.id == IsolatedPerson.resident_id)
        .where(IsolatedPerson.case_id.in_(case_ids))
        .order_by(Resident.id)
    ).all():
        grouped[case_id].append(resident)
    return grouped
