"""Accounts, grid assignments, server-side sessions and login throttling."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from community_app.models.base import Tracked, utcnow


class Role(StrEnum):
    admin = "admin"
    grid_worker = "grid_worker"
    volunteer = "volunteer"
    household = "household"
    # 街道干部: works above the communities; scope is its subdistrict's communities.
    subdistrict = "subdistrict"


class User(Tracked, table=True):
    __tablename__ = "app_user"
    __table_args__ = (
        sa.CheckConstraint("community_id IS NOT NULL OR subdistrict_id IS NOT NULL",
                           name="ck_app_user_home"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # Exactly one home: a community (every community role) or, for role=subdistrict, a
    # subdistrict. A cadre lent to a community has both (see models/subdistrict.CadreLoan).
    community_id: int | None = Field(default=None, foreign_key="community.id", index=True)
    subdistrict_id: int | None = Field(default=None, foreign_key="subdistrict.id", index=True)
    username: str = Field(max_length=40, unique=True, index=True)
    display_name: str = Field(max_length=50)
    phone: str = Field(default="", max_length=20)
    role: Role = Field(sa_type=sa.String(12))
    password_hash: str = Field(max_length=255)
    is_active: bool = True
    # Only for role=household: the one household this account may see.
    household_id: int | None = Field(default=None, foreign_key="household.id", index=True)


class GridAssignment(Tracked, table=True):
    """Which buildings a grid worker covers; a building has at most one worker."""

    __tablename__ = "grid_assignment"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    building_id: int = Field(foreign_key="building.id", unique=True)


class AuthSession(SQLModel, table=True):
    """A login. The browser holds the token; only its SHA-256 is stored."""

    __tablename__ = "auth_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    last_seen_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    ended_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    client: str = Field(default="", max_length=64)


class LoginTicket(SQLModel, table=True):
    """A one-use, short-lived ticket that turns a sign-in into an HttpOnly session cookie.

    The sign-in handler cannot set an HttpOnly cookie over the websocket, so it hands the
    browser this ticket; the `/auth/session` route redeems it once, gives the session a
    fresh token and sets it as the cookie. Only the ticket's SHA-256 is stored.
    """

    __tablename__ = "login_ticket"

    id: int | None = Field(default=None, primary_key=True)
    ticket_hash: str = Field(max_length=64, unique=True, index=True)
    session_id: int = Field(foreign_key="auth_session.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    used_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))


class LoginThrottle(SQLModel, table=True):
    """Failure counter per key: 'account:<username>' or 'client:<ip>'."""

    __tablename__ = "login_throttle"

    key: str = Field(primary_key=True, max_length=120)
    failures: int = 0
    first_failure_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    locked_until: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
