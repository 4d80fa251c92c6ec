"""The buildings in the actor's scope (/buildings), and the link card the home screens
share."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import card
from community_app.services.community.views import BuildingRow
from community_app.state.community.buildings import BuildingsState


def building_link(b: BuildingRow) -> rx.Component:
    """One building as a tappable card: its label and household count, to /building."""
    return rx.link(
        card(
            rx.hstack(
                rx.text(b.label, size="4", weight="medium"),
                rx.spacer(),
                rx.text(b.households, " ", t("buildings.households"), color_scheme="gray"),
                align="center",
            ),
        ),
        href=routes.BUILDING + "?id=" + b.id.to_string(),
        width="100%",
        underline="none",
    )


@shell(routes.BUILDINGS, on_load=[BuildingsState.load])
def buildings_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("buildings.title"), size="6"),
        rx.foreach(BuildingsState.buildings, building_link),
        width="100%",
    )
