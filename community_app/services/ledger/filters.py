"""What the ledger shows: one filter model for the page, the state, the URL and the export.

Invariants
- `LedgerFilter` is frozen and forbids unknown fields: a crafted payload never widens a
  query (scope is added by the query itself, never by the filter).
- `filters_from_query` and `query_from_filters` are inverse: a download link built from the
  page's filter is read back by the download route as the same filter, so a file holds
  exactly the rows the page shows. Anything unknown or malformed in a query is refused.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from pydantic import BaseModel, ConfigDict, Field

from community_app.i18n import normalise_lang
from community_app.models import HouseholdStatus

GROUPS = ("elderly_alone", "disabled", "chronic_illness", "pregnant", "infant")
NOT_REACHED = (HouseholdStatus.pending, HouseholdStatus.followup, HouseholdStatus.escalated)

# The query string of a download link: yes/no flags, ids, and the rest by name.
QUERY_FLAGS = ("not_reached", "returnee", "fever")
QUERY_NUMBERS = ("round_id", "compound_id", "building_id", "household_id")
QUERY_NAMES = frozenset({*QUERY_FLAGS, *QUERY_NUMBERS, "status", "days", "groups", "q", "lang"})


class LedgerFilter(BaseModel):
    """What the ledger shows; the same model validates the page, the state and the URL."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    round_id: int | None = Field(default=None, ge=1)
    compound_id: int | None = Field(default=None, ge=1)
    building_id: int | None = Field(default=None, ge=1)
    # One household (the map's tap on a flat opens the ledger on it); scope still applies.
    household_id: int | None = Field(default=None, ge=1)
    status: HouseholdStatus | None = None
    not_reached: bool = False
    returnee: bool = False
    returned_within_days: int | None = Field(default=None, ge=0, le=365)
    fever: bool = False
    groups: tuple[str, ...] = Field(default=(), max_length=len(GROUPS))
    q: str = Field(default="", max_length=30)

    def model_post_init(self, _context: Any) -> None:
        if any(g not in GROUPS for g in self.groups):
            raise ValueError("unknown group")

    def to_json(self) -> str:
        """What the export log records: only what differs from the defaults."""
        return json.dumps(self.model_dump(mode="json", exclude_defaults=True),
                          ensure_ascii=False, sort_keys=True)


def filters_from_query(params: dict[str, str]) -> LedgerFilter:
    """The ledger filter from a query string; anything unknown or malformed is refused."""
    if set(params) - QUERY_NAMES:
        raise ValueError("unknown parameter")
    data: dict[str, Any] = {}
    for name in QUERY_NUMBERS:
        if params.get(name):
            data[name] = params[name]
    for name in QUERY_FLAGS:
        if params.get(name):
            if params[name] not in ("0", "1"):
                raise ValueError(name)
            data[name] = params[name] == "1"
    if params.get("status"):
        data["status"] = params["status"]
    if params.get("days"):
        data["returned_within_days"] = params["days"]
    if params.get("groups"):
        data["groups"] = tuple(params["groups"].split(","))
    if params.get("q"):
        data["q"] = params["q"]
    return LedgerFilter.model_validate(data)


def query_from_filters(filters: LedgerFilter, lang: str) -> str:
    """The inverse of filters_from_query, for the page's download links."""
    params: dict[str, str] = {}
    for name in QUERY_NUMBERS:
        if getattr(filters, name):
            params[name] = str(getattr(filters, name))
    for name in QUERY_FLAGS:
        if getattr(filters, name):
            params[name] = "1"
    if filters.status:
        params["status"] = filters.status.value
    if filters.returned_within_days is not None:
        params["days"] = str(filters.returned_within_days)
    if filters.groups:
        params["groups"] = ",".join(filters.groups)
    if filters.q:
        params["q"] = filters.q
    params["lang"] = normalise_lang(lang)
    return urlencode(params)
