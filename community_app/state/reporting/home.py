"""The reminder card on the community secretary's home: the subdistrict is waiting for
today's report (components/reporting/home.py)."""

from __future__ import annotations

from community_app import db
from community_app.models import Role
from community_app.services.clock import local_day
from community_app.services.reporting import reminders
from community_app.services.reporting.reminders import ReminderCard
from community_app.state.base import AppState
from community_app.state.guard import ALL_ROLES, current_actor, guarded


class ReportingHomeState(AppState):
    reminder: ReminderCard = ReminderCard()

    @guarded(*ALL_ROLES)
    async def load(self) -> None:
        actor = current_actor()
        self.reminder = (await db.run(reminders.reminder_card, actor=actor, day=local_day())
                         if actor.role == Role.admin else ReminderCard())
