"""The subdistrict (街道) above the communities, and the cadres it lends them (下沉干部)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from community_app.models.base import Tracked, utcnow


class Subdistrict(Tracked, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)


class CadreLoan(Tracked, table=True):
    """A person the subdistrict lends a community for a period (下沉干部).

    The loan has its own account (`user_id`, one loan per account): a community user
    (grid worker or volunteer) of `community_id` that can sign in only while
    starts_at <= now < ends_at. Hours worked count for that community like anyone's.
    """

    __tablename__ = "cadre_loan"

    id: int | None = Field(default=None, primary_key=True)
    subdistrict_id: int = Field(foreign_key="subdistrict.id", index=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    user_id: int = Field(foreign_key="app_user.id", unique=True)
    starts_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    ends_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    created_by_id: int = Field(foreign_key="app_user.id")


class PrivacyGrant(Tracked, table=True):
    """A named permission a community's admin gives one subdistrict officer: to see that
    community's residents by name and phone (`permission`, e.g. "resident_contacts").
    Without one, the subdistrict sees aggregates only. Revoking sets `revoked_at`."""

    __tablename__ = "privacy_grant"
    __table_args__ = (sa.UniqueConstraint("community_id", "user_id", "permission"),)

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    permission: str = Field(max_length=30)
    granted_by_id: int = Field(foreign_key="app_user.id")
    revoked_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))


class PrivacyView(SQLModel, table=True):
    """One look at residents' personal data above the community: who, when, what."""

    __tablename__ = "privacy_view"

    id: int | None = Field(default=None, primary_key=True)
    viewer_id: int = Field(foreign_key="app_user.id", index=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    permission: str = Field(max_length=30)
    what: str = Field(max_length=200)
    rows: int = 0
    viewed_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
