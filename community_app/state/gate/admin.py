"""The admin's /gate/admin page: register checkpoints, issue, revoke and reissue passes."""

from __future__ import annotations

import reflex as rx

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.gate import checkpoints, passes, views
from community_app.services.gate.checkpoints import CheckpointSlots
from community_app.services.gate.passes import PassRow
from community_app.services.gate.views import Choice, EntryRow
from community_app.state.base import AppState
from community_app.state.browser import reset_form, reset_uuid
from community_app.state.common import arg_id, form_dict
from community_app.state.gate.forms import IssueForm, NewCheckpoint
from community_app.state.guard import current_actor, guarded

CHECKPOINT_FORM_ID = "gate-checkpoint-form"
ISSUE_FORM_ID = "gate-issue-form"


class GateAdminState(AppState):
    compounds: list[Choice] = []
    buildings: list[Choice] = []
    checkpoints: list[CheckpointSlots] = []
    passes: list[PassRow] = []
    alerts: list[EntryRow] = []
    printable: int = 0  # the household just issued to, for its print link

    async def _show(self) -> None:
        page = await db.run(views.admin_page, actor=current_actor())
        self.compounds, self.buildings = page.compounds, page.buildings
        self.checkpoints, self.passes, self.alerts = page.checkpoints, page.passes, page.alerts

    @guarded(Role.admin)
    async def load(self) -> None:
        self.printable = 0
        await self._show()

    @guarded(Role.admin)
    async def create_checkpoint(self, form_data: dict) -> list[rx.event.EventSpec]:
        data = NewCheckpoint.from_form(form_dict(form_data))
        await db.run(checkpoints.create_checkpoint, actor=current_actor(),
                     **data.model_dump())
        await self._show()
        self._flash(tr("gate.cp_saved", self.lang))
        return [reset_form(CHECKPOINT_FORM_ID), reset_uuid(CHECKPOINT_FORM_ID)]

    @guarded(Role.admin)
    async def issue(self, form_data: dict) -> list[rx.event.EventSpec]:
        data = IssueForm.from_form(form_dict(form_data))
        self.printable = await db.run(passes.issue_at, actor=current_actor(),
                                      **data.model_dump())
        await self._show()
        self._flash(tr("gate.issued", self.lang))
        return [reset_form(ISSUE_FORM_ID), reset_uuid(ISSUE_FORM_ID)]

    @guarded(Role.admin)
    async def revoke(self, pass_id: int) -> None:
        await db.run(passes.revoke_pass, actor=current_actor(), pass_id=arg_id(pass_id))
        await self._show()
        self._flash(tr("gate.revoked_done", self.lang))

    @guarded(Role.admin)
    async def reissue(self, pass_id: int) -> None:
        await db.run(passes.reissue_pass, actor=current_actor(), pass_id=arg_id(pass_id))
        await self._show()
        self._flash(tr("gate.reissued", self.lang))
