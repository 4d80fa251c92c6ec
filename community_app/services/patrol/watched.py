"""Watched households: whose dark window makes the building's grid worker call.

Invariants
- `watched_reasons` is the one place that decides who is watched: today a present
  resident (not moved away) living alone elderly or disabled. Home isolation joins here
  when that domain exists.
- The reason is health and family data: it goes to the grid worker and the admin (on
  follow-ups, the log's dark runs), never to a walker. A walker's screen learns only
  `call_if_dark` ids, with no reason attached.
"""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import Session, select

from community_app.models import Resident


def watched_reasons(session: Session, household_ids: list[int]) -> dict[int, list[str]]:
    """Why each household is watched (only watched ones appear)."""
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
    return dict(reasons)


def call_if_dark(session: Session, household_ids: list[int]) -> set[int]:
    """The watched households among these, as bare ids: what a walker may know."""
    return set(watched_reasons(session, household_ids))
