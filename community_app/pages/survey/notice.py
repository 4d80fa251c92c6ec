"""The printable door notice (/survey/notice): the flat, the code and its QR, nothing personal."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import big_button
from community_app.state import browser
from community_app.state.survey.self_fill import NoticeState

# On paper: the notice alone, no app header (logo, language switch) and no navigation.
PRINT_CSS = ("@media print { #bottom-nav, #app-header, #error-message, #notice-message, "
             ".no-print "
             "{ display: none !important; } }")


@shell(routes.SURVEY_NOTICE, on_load=[NoticeState.load])
def notice_page() -> rx.Component:
    return rx.vstack(
        rx.el.style(PRINT_CSS),
        rx.heading(t("notice.title"), size="7"),
        rx.text(t("notice.body"), size="4"),
        rx.text(NoticeState.place, size="5", weight="bold"),
        rx.center(rx.image(src=NoticeState.qr, width="220px", height="220px",
                           alt=t("notice.qr_alt")),
                  width="100%"),
        rx.text(t("notice.code"), ": ", rx.code(NoticeState.code, size="7", id="notice-code"),
                size="5"),
        rx.text(NoticeState.link, size="2", color_scheme="gray", id="notice-link",
                word_break="break-all"),
        rx.cond(
            NoticeState.phone != "",
            rx.text(t("notice.phone"), ": ", rx.text.strong(NoticeState.phone), size="6",
                    id="notice-phone"),
            rx.text(t("notice.no_phone"), size="4", id="notice-phone"),
        ),
        rx.box(big_button(t("notice.print"), on_click=browser.print_page()),
               class_name="no-print", width="100%"),
        width="100%",
        spacing="3",
    )
