"""The subdistrict (街道) above the communities, and the cadres it lends them (下沉干部)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from community_app.models.base import Tracked


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
