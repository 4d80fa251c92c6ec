"""Admin: end the campaign and erase the community's personal data about residents."""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db
from community_app.i18n import CATALOG, tr
from community_app.models import Role
from community_app.services import retention
from community_app.state.base import AppState
from community_app.state.browser import reset_uuid
from community_app.state.guard import current_actor, guarded


class EndCampaign(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    confirm: str = Field(default="", max_length=100)


class CountRow(BaseModel):
    """One kind of record with both labels, so the language switch relabels it at once."""

    kind: str
    zh: str
    en: str
    n: int


def _rows(prefix: str, counts: dict[str, int]) -> list[CountRow]:
    rows = []
    for kind, n in counts.items():
        zh, en = CATALOG.get(f"{prefix}.{kind}", (kind, kind))
        rows.append(CountRow(kind=kind, zh=zh, en=en, n=n))
    return rows


class CampaignState(AppState):
    community_name: str = ""
    erasable: list[CountRow] = []
    blockers: list[CountRow] = []
    last_purged: str = ""

    def _show(self, found: retention.PurgePreview) -> None:
        self.community_name = found.community
        self.erasable = _rows("campaign.kind", {k: n for k, n in found.counts.items() if n})
        self.blockers = _rows("campaign.block", found.blockers)
        self.last_purged = found.last_purged_at.strftime("%Y-%m-%d %H:%M") \
            if found.last_purged_at else ""

    @guarded(Role.admin)
    async def load(self) -> None:
        self._show(await db.run(retention.preview, actor=current_actor()))

    @guarded(Role.admin)
    async def end(self, form_data: dict) -> list[rx.event.EventSpec]:
        data = EndCampaign.model_validate(form_data if isinstance(form_data, dict) else {})
        purged = await db.run(retention.end_campaign, actor=current_actor(), uuid=data.uuid,
                              confirm=data.confirm)
        self._flash(tr("campaign.done", self.lang, total=purged.total))
        self._show(purged.after)
        return [reset_uuid("campaign-form"), rx.set_value("campaign-confirm", "")]
