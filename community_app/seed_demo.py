"""Demo logins: one account per role in the seeded community, secrets shown once."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from community_app.models import (
    Building,
    Community,
    Compound,
    GridAssignment,
    Household,
    Occupancy,
    Role,
    User,
)
from community_app.seed import new_uuid
from community_app.seed_subdistrict import create_subdistrict_login
from community_app.services.passwords import generate_password, generate_pin, hash_password

DEMO_STAFF = (
    (Role.admin, "admin", "李书记", "13910000001"),
    (Role.grid_worker, "worker", "王网格员", "13910000002"),
    (Role.volunteer, "volunteer", "赵志愿者", "13910000003"),
)
WORKER_BUILDINGS = 3


def _add_user(session: Session, community: Community, **values: Any) -> User:
    user = User(uuid=new_uuid(), community_id=community.id, **values)
    session.add(user)
    session.flush()
    return user


def _worker_buildings(session: Session, community: Community) -> list[int]:
    return list(
        session.exec(
            select(Building.id)
            .join(Compound, Compound.id == Building.compound_id)
            .where(Compound.community_id == community.id)
            .order_by(Building.id)
            .limit(WORKER_BUILDINGS)
        )
    )


def _occupied_household(session: Session, building_ids: list[int]) -> Household:
    household = session.exec(
        select(Household)
        .where(Household.building_id.in_(building_ids), Household.occupancy != Occupancy.vacant)
        .order_by(Household.id)
    ).first()
    if household is None:
        raise ValueError("no occupied household in the demo worker's buildings")
    return household


def create_demo_accounts(session: Session, *, community: Community) -> list[tuple[str, str, str]]:
    """One login per role; returns (role, username, plain secret) to show once."""
    logins: list[tuple[str, str, str]] = []
    staff: dict[Role, User] = {}
    for role, username, display_name, phone in DEMO_STAFF:
        secret = generate_password()
        staff[role] = _add_user(
            session,
            community,
            username=username,
            phone=phone,
            display_name=display_name,
            role=role,
            password_hash=hash_password(secret),
        )
        logins.append((role.value, username, secret))
    worker_id = staff[Role.grid_worker].id
    building_ids = _worker_buildings(session, community)
    session.add_all(
        GridAssignment(uuid=new_uuid(), user_id=worker_id, building_id=b) for b in building_ids
    )
    household = _occupied_household(session, building_ids)
    pin = generate_pin()
    _add_user(
        session,
        community,
        username=household.code,
        display_name=household.code,
        role=Role.household,
        household_id=household.id,
        password_hash=hash_password(pin),
    )
    logins.append((Role.household.value, household.code, pin))
    logins.append(create_subdistrict_login(session, community=community))
    return logins
