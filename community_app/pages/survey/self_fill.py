"""The printable door notice, the resident's own form (no account), and the review queue."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import frame, shell
from community_app.components.survey.resident_form import resident_card, text_input
from community_app.components.ui import big_button, card, uuid_field
from community_app.services.survey.self_fill import PendingFill
from community_app.state.survey.self_fill import NoticeState, ReviewState, SelfFillState

PRINT_CSS = "@media print { #bottom-nav, .no-print { display: none !important; } }"


@shell(routes.SURVEY_NOTICE, on_load=[NoticeState.load])
def notice_page() -> rx.Component:
    return rx.vstack(
        rx.el.style(PRINT_CSS),
        rx.heading(t("notice.title"), size="7"),
        rx.text(t("notice.body"), size="4"),
        rx.text(NoticeState.place, size="5", weight="bold"),
        rx.center(rx.image(src=NoticeState.qr, width="220px", height="220px", alt="QR"),
                  width="100%"),
        rx.text(t("notice.code"), ": ", rx.code(NoticeState.code, size="7", id="notice-code"),
                size="5"),
        rx.text(NoticeState.link, size="2", color_scheme="gray", id="notice-link",
                word_break="break-all"),
        rx.box(big_button(t("notice.print"), on_click=rx.call_script("window.print()")),
               class_name="no-print", width="100%"),
        width="100%",
        spacing="3",
    )


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
                    ),
                    width="100%",
                )),
            ),
            width="100%",
            spacing="4",
        ),
        nav=False,
    )


def _pending(item: PendingFill) -> rx.Component:
    return card(
        rx.text(item.place, size="4", weight="bold"),
        rx.foreach(item.residents, lambda r: rx.text(r, size="3")),
        rx.cond(item.needs != "", rx.text(t("survey.needs"), ": ", item.needs, size="3")),
        rx.cond(item.note != "", rx.text(item.note, size="2", color_scheme="gray")),
        rx.hstack(
            rx.button(t("selffill.accept"), size="3", min_height="48px", flex="1",
                      on_click=ReviewState.decide(item.id, True)),
            rx.button(t("selffill.reject"), size="3", min_height="48px", variant="soft",
                      color_scheme="gray", on_click=ReviewState.decide(item.id, False)),
            width="100%",
        ),
        custom_attrs={"data-pending": item.place},
    )


@shell(routes.SURVEY_REVIEW, on_load=[ReviewState.load])
def review_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("selffill.review"), size="6"),
        rx.cond(ReviewState.queue.length() > 0, rx.foreach(ReviewState.queue, _pending),
                rx.text(t("selffill.review_empty"), size="4")),
        width="100%",
        spacing="3",
    )
