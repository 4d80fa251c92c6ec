"""The admin home's link to donations (捐款捐物)."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.ui import card


def admin_donations_card() -> rx.Component:
    return rx.link(
        card(rx.hstack(rx.icon("heart-handshake"), rx.text(t("donations.admin_card"), size="4"),
                       rx.spacer(), rx.icon("chevron-right"), align="center", width="100%")),
        href=routes.DONATIONS, width="100%", underline="none", id="donations-admin-card",
    )
