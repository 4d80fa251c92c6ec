"""The admin home's red card of overdue disinfection rounds, and the link to /disinfection."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.ui import card
from community_app.services.disinfection.rounds import RoundView
from community_app.state.disinfection.index import DisinfectionHomeState


def _overdue(r: RoundView) -> rx.Component:
    return rx.text(r.place, " · ", t("disinfection.round_at"), " ", r.at, " · ",
                   t("disinfection.overdue"), size="3", color="var(--red-11)",
                   custom_attrs={"data-overdue-round": r.key})


def admin_disinfection_card() -> rx.Component:
    """Red while a round of today is overdue; otherwise a plain link to the log."""
    return rx.link(
        rx.cond(
            DisinfectionHomeState.overdue.length() > 0,
            card(rx.hstack(rx.icon("spray-can", color="var(--red-11)"),
                           rx.text(t("disinfection.overdue_title"), size="4", weight="bold",
                                   color="var(--red-11)"), align="center"),
                 rx.foreach(DisinfectionHomeState.overdue, _overdue),
                 border="2px solid var(--red-9)", id="disinfection-overdue"),
            card(rx.hstack(rx.icon("spray-can"), rx.text(t("disinfection.admin_card")),
                           align="center")),
        ),
        href=routes.DISINFECTION, width="100%", underline="none", id="disinfection-admin-card",
    )
