"""The end of a campaign: when a community's personal data was erased, by whom, how much."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Field

from community_app.models.base import Tracked


class CampaignPurge(Tracked, table=True):
    """One erasure of a community's personal data; `uuid` makes a replayed request a no-op."""

    __tablename__ = "campaign_purge"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    purged_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    counts: str = Field(default="", sa_type=sa.Text)  # JSON: rows erased per kind
