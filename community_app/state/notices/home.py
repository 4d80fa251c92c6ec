"""The notices cards on the home screens (pages/home.py): a household's current notices
with "我已阅读"; a worker's or volunteer's notices and today's next broadcast.

"我已阅读" is a form with the notice's id and a client UUID (kind "notice_read"): the outbox
keeps it while there is no signal and `READ_REPLAYER` applies it once when the home screen
loads again; the (notice, household) pair makes a second application a no-op.
"""

from __future__ import annotations

import reflex as rx

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.auth import Actor
from community_app.services.notices import reads, views
from community_app.services.notices.broadcast import SlotRow
from community_app.services.notices.reads import NoticeCard
from community_app.state import browser
from community_app.state.base import AppState
from community_app.state.common import form_dict
from community_app.state.guard import ALL_ROLES, current_actor, guarded
from community_app.state.notices.forms import ReadForm
from community_app.state.outbox import Replayer

READ_KIND = "notice_read"  # the outbox kind of the household's "我已阅读" forms


def read_form_id(notice_id: object) -> str:
    """The id of one notice's "我已阅读" form (components/notices/home.py)."""
    return f"notice-read-{notice_id}"


async def _apply(actor: Actor, form: dict) -> bool:
    data = ReadForm.model_validate(form)
    return await db.run(reads.mark_read, actor=actor, notice_id=data.notice_id)


# Registered for the kind "notice_read" by the composition root (community_app.py); the
# home screen's load replays what the phone kept (state/home.py).
READ_REPLAYER = Replayer(roles=(Role.household,), apply=_apply,
                         saved_key="notices.reads_saved", refused_key="notices.reads_refused")


class NoticesHomeState(AppState):
    notices: list[NoticeCard] = []
    slots: list[SlotRow] = []  # staff: today's active broadcast schedule
    next_slot: SlotRow = SlotRow()
    has_next: bool = False

    @guarded(*ALL_ROLES)
    async def load(self) -> None:
        actor = current_actor()
        if actor.role == Role.household:
            self.notices = await db.run(reads.household_notices, actor=actor)
        elif actor.role in (Role.grid_worker, Role.volunteer):
            home = await db.run(views.staff_notices, actor=actor)
            self.notices, self.slots = home.notices, home.slots
            self.has_next = home.next_slot is not None
            self.next_slot = home.next_slot or SlotRow()

    @guarded(Role.household)
    async def mark_read(self, form_data: dict) -> list[rx.event.EventSpec]:
        """The household's "我已阅读": once per (notice, household), whatever arrives twice."""
        data = ReadForm.model_validate(form_dict(form_data))
        actor = current_actor()
        await _apply(actor, data.model_dump())
        self.notices = await db.run(reads.household_notices, actor=actor)
        self._flash(tr("notices.read_saved", self.lang))
        return [browser.outbox_done(data.uuid), browser.reset_uuid(read_form_id(data.notice_id))]
