"""/survey/followups: the open round's households tried and not reached, in the actor's scope."""

from __future__ import annotations

from community_app import db
from community_app.services.survey import current
from community_app.services.survey.views import FollowUp
from community_app.state.base import AppState
from community_app.state.common import SURVEY_ROLES
from community_app.state.guard import current_actor, guarded


class SurveyFollowupsState(AppState):
    followups: list[FollowUp] = []

    @guarded(*SURVEY_ROLES)
    async def load(self) -> None:
        self.followups = []  # a refused read leaves no other round's list on screen
        self.followups = await db.run(current.followups, actor=current_actor())
