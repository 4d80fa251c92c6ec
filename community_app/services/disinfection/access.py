"""Who may record and read disinfection rounds, and the checked text of a record.

Invariants: an admin sees every compound of the community; a grid worker the compounds of
the buildings assigned to them, and of those compounds only the whole-compound rounds and
the rounds of their own buildings; a volunteer records and reads every compound of the
community (volunteers are sent where they are needed). A household sees nothing. Anything
out of scope is Denied, never "not found".
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from community_app.models import Building, Compound, GridAssignment, Role
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError
from community_app.services.text import has_forbidden

RECORDERS = (Role.admin, Role.grid_worker, Role.volunteer)


@dataclass(frozen=True)
class Reach:
    """The compounds an actor may see, and (None: all of them) the buildings within."""

    compound_ids: frozenset[int]
    building_ids: frozenset[int] | None

    def covers(self, compound_id: int, building_id: int | None) -> bool:
        if compound_id not in self.compound_ids:
            return False
        return building_id is None or self.building_ids is None or building_id in self.building_ids


def reach(session: Session, *, actor: Actor) -> Reach:
    scope.require_role(actor, *RECORDERS)
    if actor.role == Role.grid_worker:
        rows = session.exec(
            select(Building.id, Building.compound_id)
            .join(GridAssignment, GridAssignment.building_id == Building.id)
            .where(GridAssignment.user_id == actor.user_id)
        ).all()
        return Reach(frozenset(c for _, c in rows), frozenset(b for b, _ in rows))
    ids = session.exec(select(Compound.id).where(Compound.community_id == actor.community_id))
    return Reach(frozenset(ids.all()), None)


def checked(value: object, *, limit: int, required: str) -> str:
    """A record's text field, trimmed; empty, too long or with control characters refused."""
    text = str(value or "").strip() if isinstance(value, str | type(None)) else None
    if text is None:
        raise ServiceError("err.bad_request")
    if not text:
        raise ServiceError(required)
    if len(text) > limit:
        raise ServiceError("disinfection.too_long", limit=limit, n=len(text))
    if has_forbidden(text):
        raise ServiceError("err.control_chars")
    return text
