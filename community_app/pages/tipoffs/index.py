"""The admin's /tipoffs page: the printable QR code of the public form, the triage queue
with a status filter, a triage step per tip-off and the reward (举报有奖)."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.tipoffs.parts import boxed, status_badge, status_word
from community_app.components.ui import card
from community_app.services.tipoffs.triage import NoteRow, TipRow
from community_app.state.browser import print_page
from community_app.state.tipoffs.admin import FILTERS, TipAdminState

PRINT_CSS = """
@media print {
  #bottom-nav, .no-print, #lang-switch, #app-header, #error-message, #notice-message {
    display: none !important; }
}
"""


def _poster() -> rx.Component:
    return card(
        rx.heading(t("tipoffs.poster_title"), size="5"),
        rx.image(src=TipAdminState.qr, width="220px", height="220px",
                 alt=t("tipoffs.poster_title")),
        rx.text(TipAdminState.public_link, size="2", word_break="break-all", id="tip-link"),
        rx.text(t("tipoffs.poster_hint"), size="3"),
        rx.button(t("tipoffs.print"), type="button", size="3", min_height="44px",
                  variant="soft", on_click=print_page(), class_name="no-print"),
        id="tip-poster",
    )


def _filter(status: str) -> rx.Component:
    return rx.button(status_word(status), type="button", size="3", min_height="44px",
                     variant=rx.cond(TipAdminState.shown == status, "solid", "outline"),
                     on_click=TipAdminState.show(status),
                     custom_attrs={"data-filter": status or "all"})


def _note(n: NoteRow) -> rx.Component:
    return rx.text(n.at, " ", n.by, " · ", status_word(n.status), " ", n.text, size="2",
                   color_scheme="gray")


def _move(status: str) -> rx.Component:
    return rx.el.option(status_word(status), value=status)


def _triage(row: TipRow) -> rx.Component:
    sid = "tip-status-" + row.id.to_string()
    return rx.form(
        rx.el.input(type="hidden", name="tip_id", value=row.id),
        boxed("tipoffs.move_to", sid, rx.el.select(
            rx.el.option(t("tipoffs.keep"), value=""),
            rx.foreach(row.moves, _move),
            name="status", id=sid, style={"minHeight": "44px", "width": "100%",
                                          "fontSize": "16px"})),
        boxed("tipoffs.note", "tip-note-" + row.id.to_string(), rx.text_area(
            name="note", id="tip-note-" + row.id.to_string(), rows="2", size="3",
            width="100%")),
        boxed("tipoffs.public_note_label", "tip-public-" + row.id.to_string(), rx.text_area(
            name="public_note", id="tip-public-" + row.id.to_string(), rows="2", size="3",
            width="100%", default_value=row.public_note)),
        rx.button(t("tipoffs.save"), type="submit", size="3", min_height="44px",
                  width="100%", custom_attrs={"data-action": "triage"}),
        on_submit=TipAdminState.save, width="100%", class_name="no-print",
    )


def _reward(row: TipRow) -> rx.Component:
    rid = "tip-amount-" + row.id.to_string()
    return rx.cond(row.paid, rx.badge(t("tipoffs.reward"), " ¥", row.reward_amount, " ",
                                      t("tipoffs.paid"), color_scheme="green", size="3"),
                   rx.cond(row.status == "confirmed", rx.form(
                       rx.el.input(type="hidden", name="tip_id", value=row.id),
                       boxed("tipoffs.reward_amount", rid, rx.input(
                           name="amount", id=rid, size="3", width="100%", input_mode="decimal",
                           default_value=row.reward_amount)),
                       rx.el.label(rx.el.input(type="checkbox", name="paid",
                                               style={"width": "28px", "height": "28px"}),
                                   rx.text(t("tipoffs.reward_paid_box"), size="4"),
                                   display="flex", align_items="center", gap="12px",
                                   min_height="48px"),
                       rx.button(t("tipoffs.reward_save"), type="submit", size="3",
                                 min_height="44px", width="100%",
                                 custom_attrs={"data-action": "reward"}),
                       on_submit=TipAdminState.reward, width="100%")))


def _row(row: TipRow) -> rx.Component:
    return card(
        rx.hstack(status_badge(row.status), rx.text(row.receipt, size="3", weight="bold"),
                  rx.text(row.received, size="2", color_scheme="gray"), wrap="wrap",
                  align="center"),
        rx.text(row.what, size="4", white_space="pre-wrap"),
        rx.text(row.place, " ", row.seen, size="3"),
        rx.text(rx.cond(row.phone != "", row.phone, t("tipoffs.anonymous")), size="3",
                color_scheme="gray"),
        rx.foreach(row.notes, _note),
        rx.cond(row.public_note != "", rx.text(t("tipoffs.public_note"), t("common.colon"),
                                               row.public_note, size="3")),
        _triage(row),
        _reward(row),
        custom_attrs={"data-tip": row.receipt},
    )


@shell(routes.TIPOFFS, on_load=[TipAdminState.load])
def tipoffs_page() -> rx.Component:
    return rx.vstack(
        rx.el.style(PRINT_CSS),
        rx.heading(t("tipoffs.title"), size="7"),
        _poster(),
        rx.hstack(*[_filter(s) for s in FILTERS], wrap="wrap", class_name="no-print"),
        rx.text(t("tipoffs.rewards_paid"), t("common.colon"), TipAdminState.rewards_paid, size="4",
                id="tip-rewards-paid"),
        rx.cond(TipAdminState.rows.length() > 0, rx.foreach(TipAdminState.rows, _row),
                rx.text(t("tipoffs.none"), size="4")),
        spacing="3", width="100%",
    )
