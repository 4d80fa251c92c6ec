"""The admin's /donations page: record a donation (money and/or goods), the donations with
their receipts, stock on hand with an issue form per item (checkpoint, errand run,
household). Recorded in the office: not an offline form."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.donations.parts import goods_text, line, tick
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import card, label_for, uuid_field
from community_app.services.donations.record import DonationCard
from community_app.services.donations.stock import StockRow
from community_app.state.donations.admin import RECORD_FORM_ID, DonationsState


def _record() -> rx.Component:
    return card(
        rx.heading(t("donations.record_title"), size="5"),
        rx.form(rx.vstack(
            uuid_field(),
            line("donations.donor", "donor", "donation-donor"),
            line("donations.amount", "amount", "donation-amount", input_mode="decimal"),
            rx.hstack(line("donations.item", "item", "donation-item"),
                      line("donations.quantity", "quantity", "donation-quantity",
                           input_mode="decimal"),
                      line("donations.unit", "unit", "donation-unit"), width="100%"),
            line("donations.note", "note", "donation-note"),
            tick("public_thanks", "donations.public_thanks"),
            tick("show_amount", "donations.show_amount"),
            rx.button(t("donations.save"), type="submit", size="4", width="100%",
                      min_height="52px", id="donation-save"),
            spacing="3", width="100%"),
            on_submit=DonationsState.save, id=RECORD_FORM_ID, width="100%"),
    )


def _donation(d: DonationCard) -> rx.Component:
    return card(
        rx.hstack(rx.text(d.receipt, size="3", weight="bold"),
                  rx.text(d.received_on, size="2", color_scheme="gray"),
                  rx.spacer(),
                  rx.link(t("donations.receipt_link"), href=routes.DONATION_RECEIPT + "?id="
                          + d.id.to_string(), size="3", min_height="44px", display="flex",
                          align_items="center", custom_attrs={"data-receipt": d.receipt}),
                  width="100%", align="center"),
        rx.text(rx.cond(d.donor != "", d.donor, t("donations.anonymous")), size="4"),
        rx.cond(d.amount != "", rx.text("¥", d.amount, size="4", weight="bold")),
        rx.foreach(d.goods, goods_text),
    )


def _issue(s: StockRow) -> rx.Component:
    sid = s.id.to_string()
    return card(
        rx.hstack(rx.text(s.item, size="4", weight="bold"), rx.spacer(),
                  rx.text(s.on_hand, " ", s.unit, size="4", custom_attrs={"data-stock": s.item}),
                  width="100%"),
        rx.form(rx.vstack(
            uuid_field(),
            rx.el.input(type="hidden", name="stock_id", value=s.id),
            rx.hstack(
                line("donations.quantity", "quantity", "issue-q-" + sid, input_mode="decimal"),
                rx.vstack(label_for(t("donations.issue_to"), "issue-to-" + sid, size="3",
                                    weight="medium"),
                          rx.el.select(
                              rx.el.option(t("donations.to_checkpoint"), value="checkpoint"),
                              rx.el.option(t("donations.to_run"), value="errand_run"),
                              rx.el.option(t("donations.to_household"), value="household"),
                              name="target", id="issue-to-" + sid,
                              style={"minHeight": "44px", "fontSize": "16px"}),
                          spacing="1"),
                width="100%"),
            line("donations.place", "place", "issue-place-" + sid),
            line("donations.target_id", "target_id", "issue-id-" + sid, input_mode="numeric"),
            rx.button(t("donations.issue"), type="submit", size="3", min_height="44px",
                      width="100%", custom_attrs={"data-action": "issue"}),
            spacing="2", width="100%"),
            on_submit=DonationsState.issue, id="issue-" + sid, width="100%"),
        custom_attrs={"data-stock-row": s.item},
    )


@shell(routes.DONATIONS, on_load=[DonationsState.load])
def donations_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("donations.title"), size="7"),
        _record(),
        rx.text(t("donations.money_total"), t("common.colon"), DonationsState.money_total, size="4",
                id="donation-total"),
        rx.heading(t("donations.stock_title"), size="5"),
        rx.cond(DonationsState.stock.length() > 0, rx.foreach(DonationsState.stock, _issue),
                rx.text(t("donations.no_stock"), size="4")),
        rx.heading(t("donations.list_title"), size="5"),
        rx.cond(DonationsState.donations.length() > 0,
                rx.foreach(DonationsState.donations, _donation),
                rx.text(t("donations.none"), size="4")),
        spacing="3", width="100%",
    )
