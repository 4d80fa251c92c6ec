"""Plain factory helpers: the smallest real community a test needs."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime

from sqlmodel import Session

from community_app.models import (
    AuthSession,
    Building,
    CadreLoan,
    Community,
    Compound,
    GridAssignment,
    Household,
    Resident,
    Role,
    Sex,
    Subdistrict,
    User,
)
from community_app.services.auth import Actor
from community_app.services.passwords import hash_password

PASSWORD = "correct-horse-battery"


_HASHES: dict[str, str] = {}


def password_hash(password: str) -> str:
    """argon2id is deliberately slow: hash each test password once per run."""
    if password not in _HASHES:
        _HASHES[password] = hash_password(password)
    return _HASHES[password]


def new_uuid() -> str:
    return str(uuid.uuid4())


def subdistrict(session: Session, name: str | None = None) -> Subdistrict:
    row = Subdistrict(uuid=new_uuid(), name=name or f"测试街道{new_uuid()[:6]}")
    session.add(row)
    session.flush()
    return row


def community(session: Session, name: str = "测试社区",
              under: Subdistrict | None = None) -> Community:
    """A community, in `under` or in a subdistrict of its own."""
    under = under or subdistrict(session)
    row = Community(uuid=new_uuid(), name=name, subdistrict_id=under.id)
    session.add(row)
    session.flush()
    return row


def building(session: Session, comm: Community, name: str = "1号楼", floors: int = 3,
             units: int = 1, rooms: int = 2) -> Building:
    compound = Compound(uuid=new_uuid(), community_id=comm.id, name=f"{name}所在小区")
    session.add(compound)
    session.flush()
    row = Building(uuid=new_uuid(), compound_id=compound.id, name=name, floors=floors,
                   units=units, rooms_per_floor=rooms)
    session.add(row)
    session.flush()
    for unit in range(1, units + 1):
        for floor in range(1, floors + 1):
            for index in range(1, rooms + 1):
                household = Household(uuid=new_uuid(), building_id=row.id, unit=unit,
                                      floor=floor, room=f"{floor}{index:02d}",
                                      code=f"T{row.id:03d}{unit}{floor}{index}"[:12])
                session.add(household)
                session.flush()
                session.add(Resident(uuid=new_uuid(), household_id=household.id,
                                     name="张三丰", sex=Sex.male, birth_year=1950,
                                     phone="13812345678"))
    session.flush()
    return row


def user(session: Session, comm: Community, role: Role, username: str | None = None,
         password: str = PASSWORD, household_id: int | None = None) -> User:
    """A user of `comm`; role=subdistrict makes a user of comm's subdistrict instead."""
    above = role == Role.subdistrict
    row = User(uuid=new_uuid(), community_id=None if above else comm.id,
               subdistrict_id=comm.subdistrict_id if above else None,
               username=username or f"{role.value}-{new_uuid()[:6]}",
               display_name=f"{role.value} 测试", phone="13900001111", role=role,
               password_hash=password_hash(password), household_id=household_id)
    session.add(row)
    session.flush()
    return row


def lent_cadre(session: Session, comm: Community, role: Role, *, starts: datetime,
               ends: datetime, by: User, username: str | None = None) -> User:
    """A cadre the subdistrict lends `comm` as `role` from `starts` until `ends`."""
    row = user(session, comm, role, username)
    row.subdistrict_id = comm.subdistrict_id
    session.add(row)
    session.add(CadreLoan(uuid=new_uuid(), subdistrict_id=comm.subdistrict_id,
                          community_id=comm.id, user_id=row.id, starts_at=starts,
                          ends_at=ends, created_by_id=by.id))
    session.flush()
    return row


def assign(session: Session, worker: User, building_row: Building) -> None:
    session.add(GridAssignment(uuid=new_uuid(), user_id=worker.id, building_id=building_row.id))
    session.flush()


def session_token(session: Session, row: User) -> str:
    """A signed-in session for this user without paying for a password check."""
    token = secrets.token_urlsafe(32)
    session.add(AuthSession(token_hash=hashlib.sha256(token.encode()).hexdigest(),
                            user_id=row.id, client="test"))
    session.flush()
    return token


def actor(row: User) -> Actor:
    return Actor.of(row)
