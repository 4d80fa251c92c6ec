"""Saving a visit from the form: record it in its round, and say where to go next.

The save returns what the next screen needs (the building's next household in walking
order, its progress), so the worker's tap is one transaction: the record and the next
step can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from community_app.models import NextAction, Outcome
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.survey.findings import ResidentIn
from community_app.services.survey.round_list import pick_household_round
from community_app.services.survey.rounds import record_visit
from community_app.services.survey.views import round_building


@dataclass
class SavedVisit:
    status: str  # the household's HouseholdStatus after the visit
    failed_attempts: int
    replayed: bool  # the uuid was saved before: nothing changed
    building_id: int
    next_household_id: int  # the building's next household not yet visited, or 0
    done: int  # the building's households reached or vacant
    total: int
    round_id: int = 0  # the round it was recorded in: the next screens stay in it


def save_visit(
    session: Session,
    *,
    actor: Actor,
    uuid: str,
    household_id: int,
    outcome: Outcome,
    next_action: NextAction | None = None,
    residents: list[ResidentIn] | None = None,
    needs: str = "",
    note: str = "",
    round_id: int = 0,
) -> SavedVisit:
    """One attempt (record_visit's rules), then the building's next step in the same round.

    The form names its round; a form without one (queued offline before rounds were named)
    goes to the round the household's form would show (round_list.pick_household_round).
    A named round that has closed since refuses the visit (`survey.round_closed`).
    """
    if not round_id:
        round_id = pick_household_round(session, actor=actor, household_id=household_id)[0].id
    result = record_visit(session, actor=actor, uuid=uuid, round_id=round_id,
                          household_id=household_id, outcome=outcome, next_action=next_action,
                          residents=residents, needs=needs, note=note)
    building_id = scope.get_household(session, actor=actor, household_id=household_id).building_id
    grid = round_building(session, actor=actor, round_id=round_id, building_id=building_id)
    return SavedVisit(status=str(result.status), failed_attempts=result.failed_attempts,
                      replayed=result.replayed, building_id=building_id,
                      next_household_id=grid.next_household_id, done=grid.done,
                      total=grid.total, round_id=round_id)
