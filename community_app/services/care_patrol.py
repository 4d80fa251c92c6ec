"""The link from daily care to the lit-window patrol: a daytime check-in missed by the
cut-off (services/care/daily.py, CARE_CHECKIN_BY) makes the household watched on that
night's patrol, through patrol's public hook (services/patrol/watched.add_night_source).

Patrol never imports care; this top-level module feeds it. The reason recorded on a
follow-up is "care_checkin_missed" (shown to the grid worker and the admin); the walker
learns only "call if dark", as for every watched household.

`connect()` is called once when the app starts (community_app.py) and by the tests; calling
it again changes nothing.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from community_app.services.care.daily import missed_checkins
from community_app.services.patrol.watched import add_night_source

REASON = "care_checkin_missed"


def missed_on(session: Session, household_ids: list[int], night: date) -> set[int]:
    """The households among these whose check-in of `night` was missed by the cut-off."""
    return missed_checkins(session, household_ids, night)


def connect() -> None:
    add_night_source(REASON, missed_on)
