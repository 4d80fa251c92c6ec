"""Needs recorded on survey visits, for the worker to turn into errand requests.

This module holds `NeedsState`: every household in the actor's scope with needs recorded
in an open round, unconverted first; converted ones link to their request's status.
"""

from __future__ import annotations

from community_app import db
from community_app.models import Role
from community_app.services import errand_needs
from community_app.services.errand_needs import NeedView
from community_app.state.base import AppState
from community_app.state.guard import current_actor, guarded

NEEDS_ROLES = (Role.grid_worker, Role.admin)


class NeedsState(AppState):
    """/errands/needs: the worker's households with recorded needs, one place for all."""

    needs: list[NeedView] = []

    @guarded(*NEEDS_ROLES)
    async def load(self) -> None:
        self.needs = await db.run(errand_needs.list_needs, actor=current_actor())
