"""Home isolation on the home screens: fever alerts for the admin, the household's own days.

The household's pad takes three taps: report (on the person's card), a whole degree, a
tenth that saves at once (components/isolation/pad.py).
"""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.isolation.pad import temperature_pad
from community_app.components.sheets import open_button
from community_app.components.ui import big_button, card
from community_app.services.isolation.household import HouseholdPerson
from community_app.services.isolation.readings import AlertRow
from community_app.state.isolation.home import PAD_FORM, IsolationHomeState
from community_app.state.isolation.pad import HOUSEHOLD_DEGREES


def admin_alert(a: AlertRow) -> rx.Component:
    return rx.link(
        card(
            rx.hstack(
                rx.icon("thermometer", color="var(--red-11)"),
                rx.text(a.value, " ℃", size="5", weight="bold", color="var(--red-11)"),
                rx.text(a.person, size="3"),
                rx.spacer(),
                rx.text(a.at, size="2", color_scheme="gray"),
                align="center",
                width="100%",
            ),
            rx.text(a.address, size="2"),
            background="var(--red-a3)",
        ),
        # The board carries the action buttons for every open alert.
        href=routes.ISOLATION,
        width="100%",
        underline="none",
        custom_attrs={"data-alert": a.id},
    )


def staff_alerts(element_id: str, board_link: bool = True) -> rx.Component:
    """Open fever alerts on a staff home screen (the admin's community, a worker's cases)."""
    link = rx.link(big_button(t("isolation.go_board"), variant="soft"), href=routes.ISOLATION,
                   width="100%")
    return rx.vstack(
        rx.cond(
            IsolationHomeState.alerts.length() > 0,
            rx.vstack(
                rx.text(t("isolation.admin_alerts"), size="4", weight="bold",
                        color="var(--red-11)"),
                rx.foreach(IsolationHomeState.alerts, admin_alert),
                width="100%",
                id=element_id,
            ),
        ),
        link if board_link else rx.fragment(),
        width="100%",
    )


def _fever_warning() -> rx.Component:
    s = IsolationHomeState
    return rx.box(
        rx.text(t("isolation.fever_home"), " ", s.fever_value, " ℃", size="7",
                weight="bold", color="var(--red-11)"),
        rx.text(t("isolation.fever_home_hint"), size="6"),
        background="var(--red-a3)", padding="8px", border_radius="8px", width="100%",
        id="fever-warning", role="alert", custom_attrs={"data-fever-warning": "1"},
    )


def household_person(p: HouseholdPerson) -> rx.Component:
    s = IsolationHomeState
    return card(
        rx.text(p.name, size="7", weight="bold"),
        rx.cond(
            p.recent_id > 0,
            rx.vstack(
                rx.text(t("isolation.recorded"), " ", p.recent_value, " ℃", size="8",
                        weight="bold",
                        color=rx.cond(p.recent_fever, "var(--red-11)", "var(--green-11)"),
                        custom_attrs={"data-recorded": p.name}),
                # The warning next to 改正, so both are on screen together after the pad.
                rx.cond(p.recent_fever & (s.fever_value == p.recent_value), _fever_warning()),
                rx.text(t("isolation.correct_hint"), size="5"),
                rx.button(
                    rx.icon("undo-2", size=28), rx.text(t("isolation.correct"), size="7"),
                    on_click=s.correct(p.recent_id),
                    size="4", width="100%", min_height="72px", variant="outline",
                    color_scheme="gray", custom_attrs={"data-correct": p.name},
                ),
                width="100%",
                spacing="2",
                # The page scrolls here after a reading is saved (clear of the messages).
                id="person-result-" + p.id.to_string(),
                scroll_margin_top="96px",
            ),
        ),
        rx.cond(
            p.readings.length() > 0,
            rx.foreach(p.readings, lambda r: rx.text(r, size="6")),
            rx.text(t("isolation.none_yet"), size="5", color_scheme="gray"),
        ),
        open_button(
            PAD_FORM, {"case_id": s.case_id, "resident_id": p.id, "title": p.name},
            rx.icon("thermometer", size=32), rx.text(t("isolation.report"), size="7"),
            size="4", width="100%", min_height="80px", color_scheme="orange",
            custom_attrs={"data-report": p.name},
        ),
        custom_attrs={"data-person": p.name},
    )


def household_pad() -> rx.Component:
    """Tap 2 chooses the whole degree, tap 3 the tenth and saves (in the browser: no round
    trip, and kept on the phone with no signal). It covers the whole screen above the bottom
    navigation so every button is in view at 360x640; server errors are repeated inside it."""
    return temperature_pad(PAD_FORM, HOUSEHOLD_DEGREES, "isolation.out_of_pad",
                           IsolationHomeState.save_reading)


def household_isolation() -> rx.Component:
    s = IsolationHomeState
    return rx.fragment(
        rx.cond(
            s.case_state == "open",
            rx.vstack(
                card(
                    rx.text(t("isolation.home_day"), " ", s.day_no, " ", t("isolation.home_of"),
                            " ", s.period, " ", t("isolation.home_days"), size="7",
                            weight="bold", id="isolation-day"),
                    rx.text(t("isolation.home_ends"), s.end_date, size="6", id="isolation-end"),
                    background="var(--orange-a3)",
                ),
                household_pad(),
                rx.text(t("isolation.today_readings"), size="5", color_scheme="gray"),
                rx.foreach(s.people, household_person),
                width="100%",
                spacing="3",
                id="household-isolation",
            ),
        ),
        rx.cond(
            s.case_state == "ended",
            card(
                rx.hstack(rx.icon("circle-check", size=40, color="var(--green-11)"),
                          rx.text(t("isolation.ended"), size="8", weight="bold",
                                  color="var(--green-11)"), align="center"),
                rx.text(t("isolation.ended_on"), s.closed_day, size="6"),
                background="var(--green-a3)",
                id="isolation-ended",
            ),
        ),
    )
