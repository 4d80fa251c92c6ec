"""A donation's printable thank-you receipt (/donations/receipt?id=)."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.donations.parts import goods_text
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import card
from community_app.state.browser import print_page
from community_app.state.donations.admin import ReceiptState

PRINT_CSS = """
@media print {
  #bottom-nav, .no-print, #lang-switch, #app-header, #error-message, #notice-message {
    display: none !important; }
}
"""


@shell(routes.DONATION_RECEIPT, on_load=[ReceiptState.load])
def receipt_page() -> rx.Component:
    r = ReceiptState.receipt
    return rx.vstack(
        rx.el.style(PRINT_CSS),
        card(
            rx.heading(r.community, " · ", t("donations.receipt_title"), size="6"),
            rx.text(t("donations.receipt_no"), t("common.colon"),
                    r.receipt, size="4", id="receipt-no"),
            rx.text(t("donations.received_on"), t("common.colon"), r.received_on, size="4"),
            rx.text(rx.cond(r.donor != "", r.donor, t("donations.anonymous")), size="5",
                    weight="bold"),
            rx.cond(r.amount != "", rx.text("¥", r.amount, " ", t("donations.yuan"), size="5")),
            rx.cond(r.goods.length() > 0, rx.text(t("donations.goods"), size="3")),
            rx.foreach(r.goods, goods_text),
            rx.text(t("donations.thanks_words"), size="4"),
            id="receipt",
        ),
        rx.button(t("donations.print"), type="button", size="4", min_height="52px",
                  width="100%", on_click=print_page(), class_name="no-print",
                  id="receipt-print"),
        spacing="3", width="100%",
    )
