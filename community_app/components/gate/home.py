"""The gate on the home screens: today's warnings for the grid worker and the admin (their
households' members trying to go out while isolated, visitors to isolated households,
fevers, revoked or used-up passes), and the links to the gate screen and /gate/admin."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.gate.labels import entry_row
from community_app.components.i18n import t
from community_app.components.ui import card
from community_app.state.gate.alerts import GateAlertsState


def gate_alerts_card() -> rx.Component:
    """Only when there is something: a red card of today's gate warnings."""
    return rx.cond(
        GateAlertsState.alerts.length() > 0,
        card(
            rx.hstack(rx.icon("shield-alert", color="var(--red-11)"),
                      rx.heading(t("gate.alerts_title"), size="5", color="var(--red-11)"),
                      align="center"),
            rx.foreach(GateAlertsState.alerts, entry_row),
            id="gate-alerts", role="alert",
        ),
    )


def gate_duty_link() -> rx.Component:
    return rx.link(card(rx.hstack(rx.icon("door-open"), rx.text(t("gate.duty_card"), size="4"),
                                  align="center")),
                   href=routes.GATE, width="100%", underline="none", id="gate-duty-link")


def gate_admin_link() -> rx.Component:
    return rx.link(card(rx.hstack(rx.icon("door-open"), rx.text(t("gate.admin_card"), size="4"),
                                  align="center")),
                   href=routes.GATE_ADMIN, width="100%", underline="none",
                   id="gate-admin-link")


def gate_home(admin: bool = False) -> rx.Component:
    """One line to insert in a home screen: the alerts, then the links."""
    return rx.fragment(gate_alerts_card(), gate_admin_link() if admin else rx.fragment(),
                       gate_duty_link())
