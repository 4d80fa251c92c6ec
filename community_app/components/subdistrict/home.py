"""Subdistrict pieces other screens insert with one line: the officer's roll-up slot on
/subdistrict, and the admin's privacy card on the community home."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.ui import big_button, card


def rollup_slot() -> rx.Component:
    """The officer's first action: today's roll-up of every community's daily report."""
    return rx.link(big_button(t("reporting.rollup_card"), id="rollup-link"),
                   href=routes.REPORTING, width="100%")


def admin_privacy_card() -> rx.Component:
    """On the admin's home: who above the community may see residents, and who looked."""
    return rx.link(card(rx.text(t("subdistrict.privacy_card"), size="4")),
                   href=routes.SUBDISTRICT_PRIVACY, underline="none", width="100%",
                   id="privacy-link")
