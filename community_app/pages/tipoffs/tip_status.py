"""The public status check (/tip/status): a receipt code shows the status, the day it was
received and the community's public reply, nothing else."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import frame
from community_app.components.tipoffs.parts import line, status_badge
from community_app.components.ui import big_button, card
from community_app.state.tipoffs.public import TipStatusState


@rx.page(route=routes.TIP_STATUS, title="守望 · 举报进度", on_load=TipStatusState.load)
def tip_status_page() -> rx.Component:
    return frame(
        rx.vstack(
            rx.heading(t("tipoffs.check_title"), size="7"),
            rx.form(
                rx.vstack(line("tipoffs.receipt", "receipt", "tip-receipt-input",
                               auto_complete="off"),
                          big_button(t("tipoffs.check"), type="submit", id="tip-check-send"),
                          spacing="3", width="100%"),
                on_submit=TipStatusState.check, id="tip-status-form", width="100%"),
            rx.cond(TipStatusState.status != "", card(
                rx.hstack(rx.text(TipStatusState.receipt, size="5", weight="bold"),
                          status_badge(TipStatusState.status), align="center"),
                rx.text(t("tipoffs.received"), " ", TipStatusState.received, size="3"),
                rx.cond(TipStatusState.public_note != "", rx.vstack(
                    rx.text(t("tipoffs.public_note"), size="3", weight="medium"),
                    rx.text(TipStatusState.public_note, size="4"), spacing="1")),
                id="tip-status-card")),
            spacing="4", width="100%"),
        nav=False,
    )
