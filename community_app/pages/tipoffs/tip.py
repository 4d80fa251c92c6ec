"""The public tip-off form (/tip?c=KEY): no account, anonymous allowed, kept in the
phone's outbox with no signal (kind "tipoff")."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import frame
from community_app.components.tipoffs.parts import boxed, line
from community_app.components.ui import big_button, uuid_field
from community_app.state.tipoffs.public import TIP_FORM_ID, TIP_KIND, TipState


@rx.page(route=routes.TIP, title="守望 · 线索举报", on_load=TipState.load)
def tip_page() -> rx.Component:
    return frame(
        rx.vstack(
            rx.heading(t("tipoffs.public_title"), size="7"),
            rx.text(TipState.community, size="4", weight="bold"),
            rx.cond(TipState.receipt != "", rx.callout(
                rx.vstack(rx.text(t("tipoffs.sent"), size="4"),
                          rx.text(TipState.receipt, size="8", weight="bold", id="tip-receipt",
                                  letter_spacing="0.1em"),
                          rx.text(t("tipoffs.sent_hint"), size="3"), spacing="1"),
                color_scheme="green", width="100%")),
            rx.cond(TipState.community != "", rx.form(
                rx.vstack(
                    uuid_field(),
                    rx.el.input(type="hidden", name="link", value=TipState.link),
                    rx.text(t("tipoffs.public_intro"), size="3"),
                    boxed("tipoffs.what", "tip-what", rx.text_area(
                        name="what", id="tip-what", rows="4", size="3", width="100%")),
                    line("tipoffs.where", "place", "tip-place"),
                    line("tipoffs.when", "seen", "tip-seen"),
                    line("tipoffs.phone", "phone", "tip-phone", type="tel",
                         input_mode="tel"),
                    big_button(t("tipoffs.send"), type="submit", id="tip-send"),
                    spacing="3", width="100%"),
                on_submit=TipState.submit, id=TIP_FORM_ID, width="100%",
                custom_attrs={"data-sw-outbox": TIP_KIND})),
            rx.link(t("tipoffs.check_link"), href=routes.TIP_STATUS, size="4",
                    min_height="44px", display="flex", align_items="center", id="tip-check"),
            spacing="4", width="100%"),
        nav=False,
    )
