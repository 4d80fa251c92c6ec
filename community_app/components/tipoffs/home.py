"""The admin home's link to the tip-off queue (线索举报)."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.ui import card


def admin_tipoffs_card() -> rx.Component:
    return rx.link(
        card(rx.hstack(rx.icon("shield-alert"), rx.text(t("tipoffs.admin_card"), size="4"),
                       rx.spacer(), rx.icon("chevron-right"), align="center", width="100%")),
        href=routes.TIPOFFS, width="100%", underline="none", id="tipoffs-admin-card",
    )
