"""The public sign-up page (/join?c=CODE): no account, no session.

Each handler is `@public`: it reads the community's name and compounds by the link's code
and stores the person's own pending application (services/roster/recruit.py, rate limited
per client). Not an offline form: the link is opened from a WeChat group, online."""

from __future__ import annotations

import reflex as rx

from community_app import db
from community_app.services.roster import recruit
from community_app.services.roster.recruit import Choice
from community_app.state.auth import client_of
from community_app.state.base import AppState
from community_app.state.browser import reset_uuid
from community_app.state.common import form_dict
from community_app.state.guard import public
from community_app.state.roster.forms import application_from_form

JOIN_FORM_ID = "join-form"


class JoinState(AppState):
    community: str = ""
    code: str = ""
    compounds: list[Choice] = []
    submitted: bool = False

    @public
    async def load(self) -> None:
        self.community, self.submitted, self.compounds = "", False, []
        code = str(self.router.url.query_parameters.get("c", "")).strip().upper()[:16]
        ctx = await db.run(recruit.join_context, code=code, client=client_of(self))
        self.code, self.community, self.compounds = code, ctx.community, ctx.compounds

    @public
    async def submit(self, form_data: dict) -> rx.event.EventSpec:
        uuid, code, data = application_from_form(form_dict(form_data))
        await db.run(recruit.apply, code=code, client=client_of(self), uuid=uuid, data=data)
        self.submitted = True
        return reset_uuid(JOIN_FORM_ID)
