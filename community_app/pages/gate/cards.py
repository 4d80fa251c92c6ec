"""The printable resident passes of one household (/gate/cards?h=): per card the address,
its number, the allowance, the code and a QR that carries the code alone (no name, no
phone, no health data)."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import big_button
from community_app.services.gate.passes import PassCard
from community_app.state import browser
from community_app.state.gate.cards import GateCardsState

# On paper: the cards alone, no app header and no navigation (as the door notice).
PRINT_CSS = ("@media print { #bottom-nav, #app-header, #error-message, #notice-message, "
             ".no-print { display: none !important; } }")


def _card(c: PassCard) -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.heading(t("gate.card_title"), size="6"), rx.spacer(),
                  rx.text("No.", c.card_no, size="4"), width="100%", align="center"),
        rx.text(c.address, size="4", weight="bold"),
        rx.center(rx.image(src=c.qr, width="180px", height="180px", alt=c.code), width="100%"),
        rx.center(rx.code(c.code, size="7"), width="100%"),
        rx.text(rx.cond(c.allowance != "", c.allowance, t("gate.unlimited")), size="3"),
        rx.text(t("gate.card_note"), size="2"),
        border="2px dashed var(--gray-8)", border_radius="12px", padding="14px",
        width="100%", spacing="2", break_inside="avoid",
        custom_attrs={"data-pass-card": c.code},
    )


@shell(routes.GATE_CARDS, on_load=[GateCardsState.load])
def gate_cards_page() -> rx.Component:
    s = GateCardsState.sheet
    return rx.vstack(
        rx.el.style(PRINT_CSS),
        rx.heading(t("gate.passes"), " · ", s.address, size="5", class_name="no-print"),
        rx.cond(s.cards.length() > 0, rx.foreach(s.cards, _card),
                rx.text(t("gate.cards_none"), size="4")),
        rx.box(big_button(t("gate.print"), on_click=browser.print_page()),
               class_name="no-print", width="100%"),
        width="100%", spacing="3", id="gate-cards",
    )
