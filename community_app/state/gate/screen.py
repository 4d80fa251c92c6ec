"""The gate screen (/gate): sign on at a checkpoint, record passages, see the warnings.

Each passage is a form with a client UUID (kind "gate_entry"): the outbox keeps it while
there is no signal and `ENTRY_REPLAYER` applies it once when the gate page or the home
screen loads again. The warnings come from the server when the entry is applied: at once
when online, and for an entry kept offline in the latest entries once it is saved.
"""

from __future__ import annotations

import reflex as rx

from community_app import db
from community_app.i18n import tr
from community_app.services import gate_roster
from community_app.services.auth import Actor
from community_app.services.gate import checkpoints, duty, entries, views
from community_app.services.gate.access import GATE_ROLES
from community_app.services.gate.checkpoints import CheckpointSlots
from community_app.services.gate.duty import DutyView
from community_app.services.gate.views import Choice, EntryRow
from community_app.state import browser
from community_app.state.base import AppState
from community_app.state.common import arg_id, form_dict
from community_app.state.gate.forms import EntryForm
from community_app.state.guard import current_actor, guarded
from community_app.state.outbox import Replayer, outbox_replay

ENTRY_KIND = "gate_entry"  # the outbox kind of the gate forms
KINDS = ("resident", "visitor", "vehicle")


def entry_form_id(kind: object) -> str:
    return f"gate-form-{kind}"


async def _apply(actor: Actor, form: dict) -> bool:
    data = EntryForm.from_form(form)
    result = await db.run(entries.record_entry, actor=actor, **data.model_dump())
    return result.created


# Registered for the kind "gate_entry" by the composition root (community_app.py).
ENTRY_REPLAYER = Replayer(roles=GATE_ROLES, apply=_apply, saved_key="gate.entries_saved",
                          refused_key="gate.entries_refused")


class GateState(AppState):
    duty: DutyView = DutyView()
    checkpoints: list[CheckpointSlots] = []
    buildings: list[Choice] = []
    recent: list[EntryRow] = []
    warnings: list[str] = []  # of the entry just recorded
    last_label: str = ""

    async def _show(self) -> None:
        actor = current_actor()
        self.duty = await db.run(duty.current_duty, actor=actor)
        if self.duty.on_duty:
            screen = await db.run(views.gate_screen, actor=actor,
                                  checkpoint_id=self.duty.checkpoint_id)
            self.buildings, self.recent, self.checkpoints = screen.buildings, screen.recent, []
        else:
            self.checkpoints = await db.run(checkpoints.checkpoint_slots, actor=actor)
            self.buildings, self.recent = [], []

    @guarded(*GATE_ROLES)
    async def load(self) -> rx.event.EventSpec:
        await self._show()
        return outbox_replay(ENTRY_KIND)

    @guarded(*GATE_ROLES)
    async def sign_on(self, checkpoint_id: int) -> None:
        done = await db.run(gate_roster.sign_on, actor=current_actor(),
                            checkpoint_id=arg_id(checkpoint_id))
        self.warnings, self.last_label = [], ""
        await self._show()
        self._flash(tr("gate.signed_on_shift" if done.shift_id else "gate.signed_on_done",
                       self.lang))

    @guarded(*GATE_ROLES)
    async def sign_off(self) -> None:
        await db.run(duty.sign_off, actor=current_actor())
        self.warnings, self.last_label = [], ""
        await self._show()
        self._flash(tr("gate.signed_off_done", self.lang))

    @guarded(*GATE_ROLES)
    async def record(self, form_data: dict) -> list[rx.event.EventSpec]:
        data = EntryForm.from_form(form_dict(form_data))
        result = await db.run(entries.record_entry, actor=current_actor(), **data.model_dump())
        self.warnings, self.last_label = result.warnings, result.address
        await self._show()
        if not result.warnings:
            self._flash(tr("gate.recorded", self.lang))
        form_id = entry_form_id(data.kind if data.kind in KINDS else "resident")
        return [browser.outbox_done(data.uuid), browser.reset_form(form_id),
                browser.reset_uuid(form_id)]
