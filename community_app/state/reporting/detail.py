"""One community's submitted report for the subdistrict (/reporting/community?c=&d=):
every version, the newest first, each with what changed from the one before."""

from __future__ import annotations

from datetime import date

from community_app import db
from community_app.models import Role
from community_app.services.clock import local_day
from community_app.services.reporting import snapshots
from community_app.services.reporting.snapshots import SnapshotView
from community_app.state.base import AppState
from community_app.state.common import query_int
from community_app.state.guard import current_actor, guarded


def query_day(raw: object) -> date:
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        return local_day()


class ReportDetailState(AppState):
    community_id: int = 0
    day: str = ""
    versions: list[SnapshotView] = []

    @guarded(Role.subdistrict)
    async def load(self) -> None:
        self.community_id = query_int(self, "c")
        day = query_day(self.router.url.query_parameters.get("d", ""))
        self.day = day.isoformat()
        views = await db.run(snapshots.versions, actor=current_actor(),
                             community_id=self.community_id, day=day)
        self.versions = list(reversed(views))
