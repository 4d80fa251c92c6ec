"""Subdistrict pieces other screens insert with one line: the officer's roll-up slot on
/subdistrict, and the admin's privacy card on the community home."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.ui import card


def rollup_slot() -> rx.Component:
    """Where the subdistrict's roll-up card goes (issue 16 items 2-3, branch `reporting`):
    replace this fragment with that card; the list of communities follows it."""
    return rx.fragment()


def admin_privacy_card() -> rx.Component:
    """On the admin's home: who above the community may see residents, and who looked."""
    return rx.link(card(rx.text(t("subdistrict.privacy_card"), size="4")),
                   href=routes.SUBDISTRICT_PRIVACY, underline="none", width="100%",
                   id="privacy-link")
