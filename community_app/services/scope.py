"""Which records an actor may see. Every service that reads by id goes through here."""

from __future__ import annotations

from sqlmodel import Session, select

from community_app.models import Building, Community, Compound, GridAssignment, Household, Role
from community_app.services.auth import Actor
from community_app.services.errors import Denied


def require_role(actor: Actor | None, *roles: Role) -> Actor:
    if actor is None or actor.role not in roles:
        raise Denied()
    return actor


def community_ids_in_scope(session: Session, *, actor: Actor) -> list[int]:
    """The communities an actor works in: a subdistrict user's are its subdistrict's
    communities; every community role (a lent cadre too) has exactly its own one."""
    if actor.role == Role.subdistrict:
        if actor.subdistrict_id is None:
            return []
        query = select(Community.id).where(Community.subdistrict_id == actor.subdistrict_id)
        return sorted(session.exec(query).all())
    return [actor.community_id] if actor.community_id is not None else []


def get_community(session: Session, *, actor: Actor, community_id: int) -> Community:
    """The community, if it is in the actor's scope; otherwise Denied (never 'not found')."""
    if not isinstance(community_id, int) or community_id not in community_ids_in_scope(
            session, actor=actor):
        raise Denied()
    row = session.get(Community, community_id)
    if row is None:
        raise Denied()
    return row


def building_ids_in_scope(session: Session, *, actor: Actor) -> list[int]:
    if actor.role == Role.admin:
        query = (
            select(Building.id)
            .join(Compound, Compound.id == Building.compound_id)
            .where(Compound.community_id == actor.community_id)
        )
    elif actor.role == Role.grid_worker:
        query = select(GridAssignment.building_id).where(GridAssignment.user_id == actor.user_id)
    else:
        return []
    return list(session.exec(query).all())


def get_building(session: Session, *, actor: Actor, building_id: int) -> Building:
    """The building, if it is in the actor's scope; otherwise Denied (never 'not found')."""
    if building_id not in building_ids_in_scope(session, actor=actor):
        raise Denied()
    building = session.get(Building, building_id)
    if building is None:
        raise Denied()
    return building


def get_household(session: Session, *, actor: Actor, household_id: int) -> Household:
    household = session.get(Household, household_id)
    if household is None:
        raise Denied()
    if actor.role == Role.household:
        if actor.household_id != household_id:
            raise Denied()
        return household
    if household.building_id not in building_ids_in_scope(session, actor=actor):
        raise Denied()
    return household
