"""/survey/building?id=&r=: one building in one open round as a grid, the next household first.

Without `r` (or with a round that no longer covers it) the service picks the narrowest open
round covering the building; the page names it and links the others.
"""

from __future__ import annotations

import reflex as rx

from community_app import db
from community_app.services.survey import current
from community_app.services.survey.round_list import RoundChoice
from community_app.services.survey.views import StatusUnit
from community_app.state.base import AppState
from community_app.state.common import SURVEY_ROLES, query_choice, query_int
from community_app.state.guard import current_actor, guarded
from community_app.state.outbox import outbox_replay


class SurveyBuildingState(AppState):
    building_id: int = 0
    building_label: str = ""
    building_total: int = 0
    building_done: int = 0
    next_household_id: int = 0  # the next flat not yet visited in walking order, or 0
    next_label: str = ""
    missing: list[str] = []  # flats neither reached nor vacant
    units: list[StatusUnit] = []
    round_id: int = 0
    round_name: str = ""
    rounds: list[RoundChoice] = []  # every open round covering the building

    @guarded(*SURVEY_ROLES)
    async def load(self) -> rx.event.EventSpec:
        grid = await db.run(current.building, actor=current_actor(),
                            building_id=query_int(self, "id"), round_id=query_choice(self, "r"))
        self.building_id, self.building_label = grid.building_id, grid.label
        self.building_total, self.building_done = grid.total, grid.done
        self.next_household_id, self.next_label = grid.next_household_id, grid.next_label
        self.missing, self.units = grid.missing, grid.units
        self.round_id, self.round_name, self.rounds = grid.round_id, grid.round_name, grid.rounds
        return outbox_replay("visit")
