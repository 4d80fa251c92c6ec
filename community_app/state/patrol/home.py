"""The patrol cards on each role's home screen (pages/home.py): tonight's walk, the
worker's dark-window follow-ups with their outcomes, the admin's escalations."""

from __future__ import annotations

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.errors import ServiceError
from community_app.services.patrol import home as patrol_home
from community_app.services.patrol import outcomes as patrol_outcomes
from community_app.services.patrol.followups import FollowUpRow
from community_app.services.patrol.outcomes import Recorded
from community_app.services.patrol.walk import TonightCard
from community_app.state.base import AppState
from community_app.state.guard import ALL_ROLES, current_actor, guarded
from community_app.state.patrol.forms import Id, Outcome


class PatrolHomeState(AppState):
    """The patrol cards on each role's home: tonight's walk, open follow-ups, escalations.

    The load is one read (`patrol_home`); each outcome is one write that returns the
    follow-ups still open.
    """

    tonight: list[TonightCard] = []
    follow_ups: list[FollowUpRow] = []  # the worker's own buildings, with the phone to call
    escalated: int = 0

    @guarded(*ALL_ROLES)
    async def load(self) -> None:
        home = await db.run(patrol_home.patrol_home, actor=current_actor())
        self.tonight, self.follow_ups, self.escalated = (home.tonight, home.follow_ups,
                                                         home.escalated)

    def _recorded(self, recorded: Recorded) -> None:
        self.follow_ups = recorded.open
        self._flash(tr("common.saved", self.lang))

    @guarded(Role.grid_worker)
    async def record_call(self, follow_up_id: int, answered: bool) -> None:
        data = Id.model_validate({"id": follow_up_id})
        if not isinstance(answered, bool):
            raise ServiceError("err.bad_request")
        self._recorded(await db.run(patrol_outcomes.record_call, actor=current_actor(),
                                    follow_up_id=data.id, answered=answered))

    @guarded(Role.grid_worker)
    async def record_visit(self, follow_up_id: int, outcome: str) -> None:
        data = Outcome.model_validate({"id": follow_up_id, "outcome": outcome})
        self._recorded(await db.run(patrol_outcomes.record_visit, actor=current_actor(),
                                    follow_up_id=data.id, outcome=data.outcome))

    @guarded(Role.grid_worker)
    async def resolve(self, follow_up_id: int) -> None:
        data = Id.model_validate({"id": follow_up_id})
        self._recorded(await db.run(patrol_outcomes.resolve, actor=current_actor(),
                                    follow_up_id=data.id))
