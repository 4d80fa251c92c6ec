"""The patrol cards on each role's home screen (pages/home.py): tonight's walk, the
worker's dark-window follow-ups with their outcomes, the admin's escalations.

A follow-up's outcome (call answered / no answer, the visit's finding, "handled") is a form
with the follow-up's id and a client UUID (kind "follow_up"): the outbox keeps it while
there is no signal and `OUTCOME_REPLAYER` applies it once when the home screen loads again.
"""

from __future__ import annotations

import reflex as rx

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.auth import Actor
from community_app.services.patrol import home as patrol_home
from community_app.services.patrol import outcomes as patrol_outcomes
from community_app.services.patrol.followups import FollowUpRow
from community_app.services.patrol.outcomes import Recorded
from community_app.services.patrol.walk import TonightCard
from community_app.state import browser
from community_app.state.base import AppState
from community_app.state.common import form_dict
from community_app.state.guard import ALL_ROLES, current_actor, guarded
from community_app.state.outbox import Replayer
from community_app.state.patrol.forms import OutcomeForm

OUTCOME_KIND = "follow_up"  # the outbox kind of the follow-up cards' forms


def outcome_form_id(follow_up_id: object, outcome: str) -> str:
    """The id of one outcome's form on a follow-up card (components/patrol/home.py)."""
    return f"follow-up-{outcome}-{follow_up_id}"


async def apply_outcome(actor: Actor, data: OutcomeForm) -> Recorded:
    return await db.run(patrol_outcomes.record_outcome, actor=actor,
                        follow_up_id=data.follow_up_id, outcome=data.outcome, uuid=data.uuid)


async def _replay(actor: Actor, form: dict) -> bool:
    return (await apply_outcome(actor, OutcomeForm.model_validate(form))).applied


# Registered for the kind "follow_up" by the composition root (community_app.py); the
# home screen's load replays what the phone kept (state/home.py).
OUTCOME_REPLAYER = Replayer(roles=(Role.grid_worker,), apply=_replay,
                            saved_key="patrol.outcomes_saved",
                            refused_key="patrol.outcomes_refused")


class PatrolHomeState(AppState):
    """The patrol cards on each role's home: tonight's walk, open follow-ups, escalations.

    The load is one read (`patrol_home`); each outcome is one write that returns the
    follow-ups still open. Outcomes are forms carrying the follow-up's id and a client
    UUID, kept in the phone's outbox when there is no signal.
    """

    tonight: list[TonightCard] = []
    follow_ups: list[FollowUpRow] = []  # the worker's own buildings, with the phone to call
    escalated: int = 0

    @guarded(*ALL_ROLES)
    async def load(self) -> None:
        home = await db.run(patrol_home.patrol_home, actor=current_actor())
        self.tonight, self.follow_ups, self.escalated = (home.tonight, home.follow_ups,
                                                         home.escalated)

    @guarded(Role.grid_worker)
    async def submit_outcome(self, form_data: dict) -> list[rx.event.EventSpec]:
        """A call, a visit or "handled" (the card's forms): applied once per client UUID,
        so the same form arriving again, or from the outbox, changes nothing."""
        data = OutcomeForm.model_validate(form_dict(form_data))
        recorded = await apply_outcome(current_actor(), data)
        self.follow_ups = recorded.open
        if recorded.applied:
            self._flash(tr("common.saved", self.lang))
        return [browser.outbox_done(data.uuid),
                browser.reset_uuid(outcome_form_id(data.follow_up_id, data.outcome))]
