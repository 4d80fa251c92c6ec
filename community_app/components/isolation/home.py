"""Home isolation on the home screens: fever alerts for the admin, the household's own days.

The household's pad takes three taps: report (on the person's card), a whole degree, a
tenth that saves at once. Buttons are at least 64px tall and fit a 360px-wide phone.
"""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.ui import big_button, card, uuid_field
from community_app.services.isolation.household import HouseholdPerson
from community_app.services.isolation.readings import AlertRow
from community_app.state.base import AppState
from community_app.state.isolation.home import DEGREES, IsolationHomeState


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
                rx.text(t("isolation.correct_hint"), size="5"),
                rx.button(
                    rx.icon("undo-2", size=28), rx.text(t("isolation.correct"), size="7"),
                    on_click=s.correct(p.recent_id),
                    size="4", width="100%", min_height="72px", variant="outline",
                    color_scheme="gray", custom_attrs={"data-correct": p.name},
                ),
                width="100%",
                spacing="2",
            ),
        ),
        rx.cond(
            p.readings.length() > 0,
            rx.foreach(p.readings, lambda r: rx.text(r, size="6")),
            rx.text(t("isolation.none_yet"), size="5", color_scheme="gray"),
        ),
        rx.button(
            rx.icon("thermometer", size=32), rx.text(t("isolation.report"), size="7"),
            on_click=s.open_pad(p.id, p.name),
            size="4", width="100%", min_height="80px", color_scheme="orange",
            custom_attrs={"data-report": p.name},
        ),
        custom_attrs={"data-person": p.name},
    )


def _degree(whole: str) -> rx.Component:
    return rx.button(
        rx.text(whole, size="9", weight="bold"),
        on_click=IsolationHomeState.pad_degree(whole),
        size="4", width="100%", min_height="88px", variant="soft", color_scheme="gray",
        high_contrast=True, custom_attrs={"data-degree": whole},
    )


def _tenth(digit: str) -> rx.Component:
    """Each tenth is its own small form: the tap submits the client UUID with it."""
    s = IsolationHomeState
    return rx.form(
        uuid_field(),
        rx.el.input(type="hidden", name="tenth", value=digit),
        rx.button(
            rx.text(s.pad_digits, ".", digit, size="7", weight="bold"),
            type="submit", size="4", width="100%", min_height="72px", color_scheme="green",
            custom_attrs={"data-tenth": digit},
        ),
        on_submit=s.save_reading,
        width="100%",
    )


def _grid(*children: rx.Component) -> rx.Component:
    return rx.grid(*children, grid_template_columns="repeat(3, minmax(0, 1fr))", gap="8px",
                   width="100%")


def _pad_button(label: str, on_click: rx.EventHandler, **props) -> rx.Component:
    return rx.button(rx.text(t(label), size="5"), on_click=on_click, size="4", width="100%",
                     min_height="64px", variant="soft", color_scheme="gray", **props)


def household_pad() -> rx.Component:
    """Tap 2 chooses the whole degree, tap 3 the tenth and saves.

    The pad covers the whole screen (above the bottom navigation) so every button is in
    view at 360x640 without scrolling; server errors are repeated inside it.
    """
    s = IsolationHomeState
    return rx.cond(
        s.pad_resident_id > 0,
        rx.vstack(
            rx.hstack(
                rx.text(s.pad_name, size="7", weight="bold"),
                rx.spacer(),
                rx.cond(s.pad_digits != "",
                        rx.text(s.pad_digits, ".? ℃", size="8", weight="bold",
                                id="pad-display")),
                width="100%",
                align="center",
            ),
            rx.cond(AppState.error != "",
                    rx.callout(AppState.error, color_scheme="red", role="alert", width="100%")),
            rx.cond(
                s.pad_digits == "",
                rx.vstack(
                    rx.text(t("isolation.pick_degree"), size="5"),
                    _grid(*[_degree(d) for d in DEGREES]),
                    rx.text(t("isolation.out_of_pad"), size="5", color_scheme="gray"),
                    width="100%",
                    id="pad-degrees",
                ),
                rx.vstack(
                    rx.text(t("isolation.pick_tenth"), size="5"),
                    _grid(*[_tenth(str(d)) for d in range(10)],
                          _pad_button("isolation.pad_back", s.pad_back, id="pad-back",
                                      grid_column="span 2")),
                    width="100%",
                    id="pad-tenths",
                ),
            ),
            _pad_button("common.cancel", s.close_pad, id="pad-cancel"),
            position="fixed",
            inset="0",
            z_index="60",
            overflow_y="auto",
            padding="16px",
            spacing="3",
            background="var(--color-background)",
            id="number-pad",
            role="dialog",
            aria_modal="true",
        ),
    )


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
                rx.cond(
                    s.fever_value != "",
                    card(
                        rx.text(t("isolation.fever_home"), " ", s.fever_value, " ℃", size="7",
                                weight="bold", color="var(--red-11)"),
                        rx.text(t("isolation.fever_home_hint"), size="6"),
                        background="var(--red-a3)",
                        id="fever-warning",
                        role="alert",
                    ),
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
