"""The printable rectification notice (/shops/notice?r=<id>, 整改通知书): the shop, what
failed, the deadline; nothing personal. Printed from the phone or the office."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import big_button
from community_app.state import browser
from community_app.state.shops.notice import ShopNoticeState

PRINT_CSS = ("@media print { #bottom-nav, #app-header, #error-message, #notice-message, "
             ".no-print { display: none !important; } }")


def _line(label: str, value: rx.Var, element_id: str) -> rx.Component:
    return rx.text(t(label), t("common.colon"), rx.text.strong(value, id=element_id), size="5")


@shell(routes.SHOPS_NOTICE, on_load=[ShopNoticeState.load])
def shop_notice_page() -> rx.Component:
    s = ShopNoticeState.sheet
    return rx.vstack(
        rx.el.style(PRINT_CSS),
        rx.heading(t("shops.notice_title"), size="8", align="center", width="100%"),
        _line("shops.notice_number", s.number, "rect-number"),
        _line("shops.notice_shop", s.shop, "rect-shop"),
        _line("shops.notice_compound", s.compound, "rect-compound"),
        _line("shops.notice_date", s.inspected_on, "rect-date"),
        rx.text(t("shops.notice_items"), size="5"),
        rx.el.ol(rx.foreach(s.failed, lambda label: rx.el.li(rx.text(label, size="5"))),
                 id="rect-items", style={"paddingLeft": "1.5em"}),
        rx.text(t("shops.notice_deadline"), t("common.colon"),
                rx.text.strong(s.deadline, id="rect-deadline"),
                size="5"),
        rx.text(t("shops.notice_warning"), size="4", weight="bold"),
        rx.text(t("shops.notice_signed"), size="4", align="right", width="100%"),
        rx.box(big_button(rx.icon("printer"), t("shops.print"), on_click=browser.print_page(),
                          id="rect-print"),
               class_name="no-print", width="100%"),
        width="100%", spacing="3", id="rect-sheet",
    )
