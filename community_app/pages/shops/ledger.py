"""The ledger of inspections and notices (/shops/ledger), newest first, with the Excel
download (admin; `/export/shops.xlsx`, api.py)."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import joined, t
from community_app.components.layout import shell
from community_app.components.ui import card
from community_app.services.shops.ledger import LedgerRow
from community_app.state.base import AppState
from community_app.state.shops.notice import ShopLedgerState


def _row(r: LedgerRow) -> rx.Component:
    return card(
        rx.hstack(rx.text(r.shop, size="4", weight="bold"), rx.spacer(),
                  rx.cond(r.passed, rx.badge(t("shops.result.passed"), color_scheme="green"),
                          rx.badge(t("shops.result.failed"), color_scheme="red")),
                  width="100%", align="center"),
        rx.text(r.at, " · ", r.compound, " · ", r.inspector, size="2", color_scheme="gray"),
        rx.cond(r.failed.length() > 0, rx.text(joined(r.failed), size="3")),
        rx.cond(r.notice_id > 0, rx.link(
            rx.text(t("shops.notice_title"), " ", r.number, " · ", t("shops.due_line"), " ",
                    r.deadline, " · ", rx.match(
                        r.notice_status, ("fixed", t("shops.notice_status.fixed")),
                        ("closure", t("shops.notice_status.closure")),
                        t("shops.notice_status.open")), size="3"),
            href=routes.SHOPS_NOTICE + "?r=" + r.notice_id.to_string())),
        custom_attrs={"data-ledger-row": r.shop},
    )


@shell(routes.SHOPS_LEDGER, on_load=[ShopLedgerState.load])
def shops_ledger_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("shops.ledger_title"), size="6"),
        rx.cond(AppState.role == "admin", rx.link(
            rx.button(rx.icon("download"), t("shops.export"), size="3", min_height="48px",
                      width="100%", variant="outline"),
            href=routes.SHOPS_EXPORT + "?lang=" + AppState.lang, width="100%",
            is_external=True, id="shops-export")),
        rx.cond(ShopLedgerState.rows.length() > 0, rx.foreach(ShopLedgerState.rows, _row),
                rx.text(t("shops.ledger_none"), size="3", color_scheme="gray")),
        width="100%", spacing="3",
    )
