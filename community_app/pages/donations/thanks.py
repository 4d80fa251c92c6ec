"""The public thank-you list (/thanks?c=KEY): donors who agreed, by name; an amount only
where the donor chose to show it."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import frame
from community_app.components.ui import card
from community_app.services.donations.record import ThanksRow
from community_app.state.donations.admin import ThanksState


def _row(r: ThanksRow) -> rx.Component:
    return card(rx.text(r.donor, size="5", weight="bold"),
                rx.cond(r.amount != "", rx.text("¥", r.amount, size="4")),
                rx.cond(r.goods != "", rx.text(r.goods, size="4")))


@rx.page(route=routes.THANKS, title="守望 · 感谢名单", on_load=ThanksState.load)
def thanks_page() -> rx.Component:
    return frame(rx.vstack(
        rx.heading(t("donations.thanks_title"), size="7"),
        rx.text(ThanksState.community, size="4"),
        rx.cond(ThanksState.rows.length() > 0, rx.foreach(ThanksState.rows, _row),
                rx.text(t("donations.thanks_none"), size="4")),
        spacing="3", width="100%"), nav=False)
