"""Needs recorded on survey visits, for the worker to turn into errand requests.

This module holds `NeedsState`: every household in the actor's scope with needs recorded
in an open round, open ones first; converted ones link to their request's status, and a
need can be closed without an errand ("handled otherwise") with a reason.

Invariants
- Each handler makes one service call: the load reads `list_needs`; marking one handled
  returns the list after it. A refusal because a visit changed the needs meanwhile reads
  the list once more, so the worker sees the needs as they are now.
- Only needs this page listed (and so the worker read) can be closed.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services import needs as errand_needs
from community_app.services.errors import ServiceError
from community_app.services.needs import MAX_REASON, NeedView
from community_app.state.base import AppState
from community_app.state.common import form_dict
from community_app.state.guard import current_actor, guarded

NEEDS_ROLES = (Role.grid_worker, Role.admin)


class HandledForm(BaseModel):
    need_id: int = Field(ge=1)
    reason: str = Field(min_length=1, max_length=MAX_REASON)


class NeedsState(AppState):
    """/errands/needs: the worker's households with recorded needs, one place for all."""

    needs: list[NeedView] = []

    @guarded(*NEEDS_ROLES)
    async def load(self) -> None:
        self.needs = await db.run(errand_needs.list_needs, actor=current_actor())

    @guarded(*NEEDS_ROLES)
    async def mark_handled(self, form_data: dict) -> None:
        """Close a listed need without an errand; the reason says how it was handled."""
        data = HandledForm.model_validate(form_dict(form_data))
        seen = next((n.needs for n in self.needs if n.id == data.need_id), None)
        if seen is None:  # only needs this page listed (and so read) can be closed
            raise ServiceError("err.bad_request")
        try:
            self.needs = await db.run(errand_needs.handle_and_show, actor=current_actor(),
                                      round_household_id=data.need_id, reason=data.reason,
                                      needs_seen=seen)
        except ServiceError as refused:
            if refused.key == "errands.need_changed":  # show the needs as they are now
                self.needs = await db.run(errand_needs.list_needs, actor=current_actor())
            raise
        self.notice = tr("errands.need_handled_notice", self.lang)
