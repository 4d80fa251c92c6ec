"""The home-screen card of shop inspections (grid worker and admin): the re-inspections due
today or overdue, each one tap from its inspection form, and a link to /shops. Inserted in
pages/home.py with one line; it loads itself when it mounts."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.ui import card
from community_app.services.shops.views import ShopRow
from community_app.state.shops.home import ShopsHomeState


def _due(s: ShopRow) -> rx.Component:
    return rx.link(
        rx.hstack(rx.icon("store", color="var(--red-11)"), rx.text(s.name, size="4",
                                                                   weight="bold"),
                  rx.spacer(), rx.text(t("shops.reinspect"), size="3", color="var(--red-11)"),
                  align="center", width="100%", min_height="44px"),
        href=routes.SHOPS_INSPECT + "?s=" + s.id.to_string(), width="100%", underline="none",
        custom_attrs={"data-due-shop": s.name},
    )


def shops_home_card() -> rx.Component:
    return rx.box(
        rx.cond(ShopsHomeState.due.length() > 0, card(
            rx.text(t("shops.due_title"), size="4", weight="bold"),
            rx.foreach(ShopsHomeState.due, _due),
            border="2px solid var(--red-9)", id="shops-due-card")),
        rx.link(card(rx.hstack(rx.icon("store"), rx.text(t("shops.card")), align="center")),
                href=routes.SHOPS, width="100%", underline="none", id="shops-card"),
        width="100%", on_mount=ShopsHomeState.load,
    )
