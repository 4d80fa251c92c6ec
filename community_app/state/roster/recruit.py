"""The admin's recruitment page (/roster/recruit): the public link and its QR code, the
review queue, the new volunteer's first password, teams.

Invariants
- Admin only. The queue shows masked names and phones.
- The first password of an approved volunteer is a one-time secret, as on the staff page:
  in a browser-visible var from the approval that issued it until the admin taps 我已记下,
  approves another, or the page loads again.
"""

from __future__ import annotations

import reflex as rx

from community_app import db, routes
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.qr import qr_data_uri
from community_app.services.roster import recruit, teams, views
from community_app.services.roster.recruit import PendingApplication
from community_app.services.roster.teams import TeamRow
from community_app.services.roster.views import Helper
from community_app.state.base import AppState
from community_app.state.browser import reset_form, reset_uuid
from community_app.state.common import arg_id, form_dict
from community_app.state.guard import current_actor, guarded
from community_app.state.roster.forms import form_id_value

TEAM_FORM_ID = "team-form"


class RecruitState(AppState):
    link: str = ""
    qr: str = ""
    queue: list[PendingApplication] = []
    teams: list[TeamRow] = []
    volunteers: list[Helper] = []
    issued_username: str = ""
    issued_password: str = ""  # one-time secret, see the module note

    async def _show(self) -> None:
        actor = current_actor()
        self.queue = await db.run(recruit.queue, actor=actor)
        self.teams = await db.run(teams.teams, actor=actor)
        self.volunteers = await db.run(views.volunteers, actor=actor)

    @guarded(Role.admin)
    async def load(self) -> None:
        self.issued_username = self.issued_password = ""
        code = await db.run(recruit.ensure_link, actor=current_actor())
        self.link = f"{self.router.url.origin}{routes.JOIN}?c={code}"
        self.qr = qr_data_uri(self.link)
        await self._show()

    @guarded(Role.admin)
    async def approve(self, application_id: int) -> None:
        self.issued_username = self.issued_password = ""
        made = await db.run(recruit.approve, actor=current_actor(),
                            application_id=arg_id(application_id))
        self.issued_username, self.issued_password = made.username, made.secret
        await self._show()
        self._flash(tr("roster.approved", self.lang))

    @guarded(Role.admin)
    async def decline(self, application_id: int) -> None:
        await db.run(recruit.decline, actor=current_actor(),
                     application_id=arg_id(application_id))
        await self._show()
        self._flash(tr("roster.declined", self.lang))

    @guarded(Role.admin)
    def dismiss_issued(self) -> None:
        """The admin has written the password down: it leaves the state."""
        self.issued_username = self.issued_password = ""

    @guarded(Role.admin)
    async def create_team(self, form_data: dict) -> list[rx.event.EventSpec]:
        form = form_dict(form_data)
        await db.run(teams.create_team, actor=current_actor(), uuid=str(form.get("uuid", "")),
                     name=form.get("name", ""))
        await self._show()
        self._flash(tr("roster.team_added", self.lang))
        return [reset_form(TEAM_FORM_ID), reset_uuid(TEAM_FORM_ID)]

    @guarded(Role.admin)
    async def add_member(self, form_data: dict) -> None:
        form = form_dict(form_data)
        await db.run(teams.add_member, actor=current_actor(),
                     team_id=form_id_value(form, "team_id"),
                     user_id=form_id_value(form, "user_id"),
                     leader=form.get("leader") not in (None, "", False))
        await self._show()
        self._flash(tr("roster.member_added", self.lang))
