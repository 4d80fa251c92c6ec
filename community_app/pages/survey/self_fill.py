"""The resident's own form behind a door-notice code (/f?c=CODE): no account, no session.

The form carries its code and a client UUID and is kept in the phone's outbox when sent
with no signal (state/survey/self_fill.py replays it when the page loads again)."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import frame
from community_app.components.survey.resident_form import resident_card, text_input
from community_app.components.ui import big_button, uuid_field
from community_app.state.survey.self_fill import SELF_FILL_KIND, SelfFillState


@rx.page(route=routes.SELF_FILL, title="守望 · 住户自填", on_load=SelfFillState.load)
def self_fill_page() -> rx.Component:
    return frame(
        rx.vstack(
            rx.heading(t("selffill.title"), size="7"),
            rx.cond(
                SelfFillState.submitted,
                rx.callout(t("selffill.thanks"), color_scheme="green", size="3",
                           id="self-fill-done", width="100%"),
                rx.cond(SelfFillState.place != "", rx.vstack(
                    rx.text(t("selffill.intro"), size="4"),
                    rx.text(SelfFillState.round_name, " · ", SelfFillState.place, size="5",
                            weight="bold", id="self-fill-place"),
                    rx.form(
                        rx.vstack(
                            uuid_field(),
                            rx.el.input(type="hidden", name="code", value=SelfFillState.code),
                            rx.foreach(SelfFillState.residents, resident_card),
                            rx.button(t("survey.add_resident"), type="button", size="3",
                                      variant="soft", on_click=SelfFillState.add_resident,
                                      width="100%", min_height="48px"),
                            text_input(t("survey.needs"), "needs", ""),
                            text_input(t("survey.note"), "note", ""),
                            big_button(t("selffill.submit"), type="submit", id="self-fill-submit"),
                            spacing="3", width="100%",
                        ),
                        on_submit=SelfFillState.submit,
                        id="self-fill-form",
                        width="100%",
                        custom_attrs={"data-sw-outbox": SELF_FILL_KIND,
                                      "data-sw-draft": "selffill:" + SelfFillState.place},
                    ),
                    width="100%",
                )),
            ),
            width="100%",
            spacing="4",
        ),
        nav=False,
    )
