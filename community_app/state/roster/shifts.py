"""The volunteer's shifts (/shifts): open shifts to take, the ones they hold, leaving one.

Taking a place is a field form (kind "shift_signup": the shift's id and a client UUID):
the outbox keeps it with no signal and `SIGNUP_REPLAYER` applies it once when the page or
the home screen loads again; the UUID (and one place per volunteer per shift) make a second
application a no-op. A sign-up whose shift filled up meanwhile is refused and dropped,
and the person is told."""

from __future__ import annotations

import reflex as rx

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.auth import Actor
from community_app.services.roster import shifts, views
from community_app.services.roster.views import OpenShift
from community_app.state import browser
from community_app.state.base import AppState
from community_app.state.common import arg_id
from community_app.state.guard import current_actor, guarded
from community_app.state.outbox import Replayer, outbox_replay
from community_app.state.roster.forms import SignupForm

SIGNUP_KIND = "shift_signup"


def signup_form_id(shift_id: object) -> str:
    """The id of one shift's sign-up form (pages/roster/shifts.py)."""
    return f"shift-signup-{shift_id}"


async def _apply(actor: Actor, form: dict) -> bool:
    data = SignupForm.parse(form)
    return await db.run(shifts.sign_up, actor=actor, uuid=data.uuid, shift_id=data.shift_id)


# Registered for the kind "shift_signup" by the composition root (community_app.py).
SIGNUP_REPLAYER = Replayer(roles=(Role.volunteer,), apply=_apply,
                           saved_key="roster.kept_saved", refused_key="roster.kept_refused")


class ShiftsState(AppState):
    shifts: list[OpenShift] = []

    async def _show(self) -> None:
        self.shifts = await db.run(views.volunteer_shifts, actor=current_actor())

    @guarded(Role.volunteer)
    async def load(self) -> rx.event.EventSpec:
        await self._show()
        return outbox_replay(SIGNUP_KIND)

    @guarded(Role.volunteer)
    async def sign_up(self, form_data: dict) -> list[rx.event.EventSpec]:
        data = SignupForm.parse(form_data)
        await _apply(current_actor(), data.model_dump())
        await self._show()
        self._flash(tr("roster.signed_up", self.lang))
        return [browser.outbox_done(data.uuid), browser.reset_uuid(signup_form_id(data.shift_id))]

    @guarded(Role.volunteer)
    async def leave(self, shift_id: int) -> None:
        await db.run(shifts.leave, actor=current_actor(), shift_id=arg_id(shift_id))
        await self._show()
        self._flash(tr("roster.left", self.lang))
