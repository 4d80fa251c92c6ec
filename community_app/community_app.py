"""The Reflex app: pages register themselves on import; the PWA shell goes in the head."""

from __future__ import annotations

import reflex as rx

from community_app import pages  # noqa: F401  (registers every page)
from community_app.api import export_api
from community_app.components.patrol.offline import PATROL_CSS, PATROL_SCRIPT
from community_app.components.pwa import head_components
from community_app.components.ui import UUID_SCRIPT
from community_app.state.errands import ask
from community_app.state.outbox import register
from community_app.state.survey import visit

# The forms kept in the browser's outbox, by their `data-sw-outbox` kind.
register("errand", ask.REPLAYER)
register("visit", visit.REPLAYER)

app = rx.App(
    html_lang="zh-CN",
    head_components=[*head_components(), rx.script(UUID_SCRIPT), rx.script(PATROL_SCRIPT),
                     rx.el.style(PATROL_CSS)],
    api_transformer=export_api(),
)
