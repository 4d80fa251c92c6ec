"""Watched households: whose dark window makes the building's grid worker call.

Invariants
- `watched_reasons` is the one place that decides who is watched: today a present
  resident (not moved away) living alone elderly or disabled. Home isolation joins here
  when that domain exists.
- The reason is health and family data: it goes to the grid worker and the admin (on
  follow-ups, the log's dark runs), never to a walker. A walker's screen learns only
  `call_if_dark` ids, with no reason attached.
- Other domains make a household watched for one night through the public hook
  `add_night_source`: the services top level registers a function (session, household ids,
  night) -> ids, and its households are watched on that night with the reason
  `night_source`'s name. Patrol never imports the domain behind it (services/care_patrol.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date

from sqlmodel import Session, select

from community_app.models import Resident

NightSource = Callable[[Session, list[int], date], set[int]]
NIGHT_SOURCES: dict[str, NightSource] = {}


def add_night_source(reason: str, source: NightSource) -> None:
    """Watch the households `source` names on a night, with `reason` (idempotent)."""
    NIGHT_SOURCES[reason] = source


def watched_reasons(session: Session, household_ids: list[int],
                    night: date | None = None) -> dict[int, list[str]]:
    """Why each household is watched (only watched ones appear); with a night, the
    households the night sources name for it too."""
    if not household_ids:
        return {}
    rows = session.exec(
        select(Resident.household_id, Resident.elderly_alone, Resident.disabled).where(
            Resident.household_id.in_(household_ids),
            Resident.moved_away.is_(False),
            (Resident.elderly_alone.is_(True)) | (Resident.disabled.is_(True)),
        )
    ).all()
    reasons: dict[int, list[str]] = defaultdict(list)
    for household_id, elderly_alone, disabled in rows:
        for flag, name in ((elderly_alone, "elderly_alone"), (disabled, "disabled")):
            if flag and name not in reasons[household_id]:
                reasons[household_id].append(name)
    if night is not None:
        for reason, source in NIGHT_SOURCES.items():
            for household_id in sorted(source(session, list(household_ids), night)):
                reasons[household_id].append(reason)
    return dict(reasons)


def call_if_dark(session: Session, household_ids: list[int],
                 night: date | None = None) -> set[int]:
    """The watched households among these, as bare ids: what a walker may know."""
    return set(watched_reasons(session, household_ids, night))
