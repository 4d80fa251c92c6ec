"""The secretary's /report/submit page: today's numbers as they would go up, the versions
already sent (each with its diff), and the send / correct form.

At the top of the state layer: its service (services/report_submit.py) reads several
domains to count the report before services/reporting/ stores it.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.models.reporting import REASON_MAX
from community_app.services import report_submit
from community_app.services.clock import local_day
from community_app.services.reporting.snapshots import Numbers, SnapshotView
from community_app.state.base import AppState
from community_app.state.common import form_dict
from community_app.state.guard import current_actor, guarded


class SubmitForm(BaseModel):
    reason: str = Field(default="", max_length=REASON_MAX)


class ReportSubmitState(AppState):
    day: str = ""
    cutoff: str = ""
    round_name: str = ""
    deadline: str = ""
    numbers: Numbers = Numbers()
    versions: list[SnapshotView] = []

    async def _show(self) -> None:
        view = await db.run(report_submit.preview, actor=current_actor(), day=local_day())
        self.day, self.cutoff, self.round_name = view.day, view.cutoff, view.round_name
        self.deadline, self.numbers = view.deadline, view.numbers
        self.versions = list(reversed(view.versions))  # the newest first

    @guarded(Role.admin)
    async def load(self) -> None:
        await self._show()

    @guarded(Role.admin)
    async def submit(self, form_data: dict) -> None:
        form = SubmitForm.model_validate(form_dict(form_data))
        sent = await db.run(report_submit.submit, actor=current_actor(),
                            day=date.fromisoformat(self.day) if self.day else local_day(),
                            reason=form.reason)
        await self._show()
        self._flash(tr("reporting.sent", self.lang, version=sent.version))
