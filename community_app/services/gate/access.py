"""Who may do what at the gate.

Invariants: checkpoints, passes, duties and entries belong to one community. The admin
of that community registers checkpoints and issues passes; the people who staff a gate
(volunteer, grid worker, admin) sign on at a checkpoint of their own community and
record only while signed on there. Anything of another community is Denied, never
"not found".
"""

from __future__ import annotations

from sqlmodel import Session, select

from community_app.models import Checkpoint, Household, ResidentPass, Role
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.text import has_forbidden

GATE_ROLES = (Role.admin, Role.grid_worker, Role.volunteer)


def checked_text(value: object, *, limit: int, required: bool = False,
                 missing: str = "gate.err.name_required") -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ServiceError(missing)
    if len(text) > limit:
        raise ServiceError("gate.err.too_long", limit=limit, n=len(text))
    if has_forbidden(text):
        raise ServiceError("err.control_chars")
    return text


def checkpoint_of(session: Session, *, actor: Actor, checkpoint_id: object,
                  roles: tuple[Role, ...] = GATE_ROLES) -> Checkpoint:
    """A checkpoint of the actor's community; Denied otherwise."""
    scope.require_role(actor, *roles)
    row = session.get(Checkpoint, checkpoint_id) if isinstance(checkpoint_id, int) else None
    if row is None or row.community_id != actor.community_id:
        raise Denied()
    return row


def pass_of(session: Session, *, actor: Actor, pass_id: object) -> ResidentPass:
    scope.require_role(actor, Role.admin)
    row = session.get(ResidentPass, pass_id) if isinstance(pass_id, int) else None
    if row is None or row.community_id != actor.community_id:
        raise Denied()
    return row


def household_at(session: Session, *, building_id: object, flat: object) -> Household:
    """The household of a building at 'unit-room' (or 'room' in unit 1); a message if none."""
    text = "".join(str(flat or "").split())
    unit, _, room = text.rpartition("-")
    if not isinstance(building_id, int) or not room or len(text) > 12 or (
            unit and not unit.isdigit()):
        raise ServiceError("gate.err.need_household")
    home = session.exec(select(Household).where(
        Household.building_id == building_id, Household.unit == int(unit or 1),
        Household.room == room)).first()
    if home is None:
        raise ServiceError("gate.err.need_household")
    return home


def household_of(session: Session, *, actor: Actor, household_id: object) -> Household:
    """A household of the admin's community (scope.get_household checks the buildings)."""
    scope.require_role(actor, Role.admin)
    if not isinstance(household_id, int):
        raise Denied()
    return scope.get_household(session, actor=actor, household_id=household_id)
