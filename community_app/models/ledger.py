"""Roster imports from property management and the audit trail of ledger exports."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from community_app.models.base import Tracked, utcnow


class ImportStatus(StrEnum):
    checked = "checked"  # dry run done, nothing written
    applied = "applied"


class ImportBatch(Tracked, table=True):
    __tablename__ = "import_batch"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    filename: str = Field(max_length=200)
    status: ImportStatus = Field(default=ImportStatus.checked, sa_type=sa.String(10))
    rows_total: int = 0
    rows_ok: int = 0
    report: str = Field(default="", sa_type=sa.Text)  # JSON: per-row errors and duplicates


class ExportLog(SQLModel, table=True):
    """Every export of personal data: who, when, what filter, how many rows."""

    __tablename__ = "export_log"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    kind: str = Field(max_length=30)
    filters: str = Field(default="", sa_type=sa.Text)
    rows: int = 0


class ResidentCorrection(SQLModel, table=True):
    """A correction of a resident's register entry from the ledger: who, when, which fields.

    Only the names of the fields changed are kept, never the old or new values: the log
    must hold no personal data, so the end-of-campaign purge has nothing to erase here.
    """

    __tablename__ = "resident_correction"

    id: int | None = Field(default=None, primary_key=True)
    resident_id: int = Field(foreign_key="resident.id", index=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    fields: str = Field(max_length=200)  # comma-separated field names, in form order
