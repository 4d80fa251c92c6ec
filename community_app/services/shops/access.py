"""Who may see and inspect which shops.

Invariants: a shop belongs to one compound of one community. An admin sees and inspects
every shop of their community; a grid worker those of the compounds holding a building
assigned to them. Volunteers, households and other communities get Denied (never "not
found"). Only the admin keeps the register and the checklist.
"""

from __future__ import annotations

from sqlmodel import Session, select

from community_app.models import Building, Compound, GridAssignment, Role, Shop
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.text import has_forbidden

INSPECTORS = (Role.admin, Role.grid_worker)


def compound_ids(session: Session, *, actor: Actor) -> list[int]:
    """The compounds whose shops the actor may see and inspect."""
    scope.require_role(actor, *INSPECTORS)
    if actor.role == Role.admin:
        query = select(Compound.id).where(Compound.community_id == actor.community_id)
    else:
        query = (select(Building.compound_id).distinct()
                 .join(GridAssignment, GridAssignment.building_id == Building.id)
                 .where(GridAssignment.user_id == actor.user_id))
    return sorted(session.exec(query).all())


def shop_in_scope(session: Session, *, actor: Actor, shop_id: object,
                  lock: bool = False) -> Shop:
    """The shop, when the actor may inspect it (locked for the journey when asked)."""
    if not isinstance(shop_id, int) or isinstance(shop_id, bool):
        raise Denied()
    query = select(Shop).where(Shop.id == shop_id)
    if lock:
        query = query.with_for_update()
    shop = session.exec(query).first()
    if (shop is None or shop.community_id != actor.community_id
            or shop.compound_id not in compound_ids(session, actor=actor)):
        raise Denied()
    return shop


def checked(value: object, *, limit: int, required: bool = True) -> str:
    """A short text, trimmed: empty (when required), too long or with control characters is
    refused with a message naming the limit."""
    text = str(value or "").strip()
    if required and not text:
        raise ServiceError("shops.err.required")
    if len(text) > limit:
        raise ServiceError("shops.err.too_long", limit=limit, n=len(text))
    if has_forbidden(text):
        raise ServiceError("err.control_chars")
    return text
