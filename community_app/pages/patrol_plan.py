"""The admin's patrol plan page: pick a night, a time window, buildings in walking order
and the people who walk them; the night's plans are listed below the form.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import big_button, card, uuid_field
from community_app.state.patrol import PatrolAdminState


def _choice(item: rx.Var, chosen: rx.Var, on_toggle: Callable, attr: str) -> rx.Component:
    return rx.checkbox(
        item["label"],
        checked=chosen.contains(item["id"]),
        on_change=lambda _v: on_toggle(item["id"].to(int)),
        size="3",
        custom_attrs={attr: item["label"]},
    )


def _person_choice(p: rx.Var) -> rx.Component:
    return rx.checkbox(
        p["name"],
        checked=PatrolAdminState.chosen_people.contains(p["id"]),
        on_change=lambda _v: PatrolAdminState.toggle_person(p["id"].to(int)),
        size="3",
        custom_attrs={"data-person": p["name"]},
    )


@shell(routes.PATROL_PLAN, on_load=[PatrolAdminState.load_plan])
def patrol_plan_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("patrol.plan_title"), size="6"),
        rx.link(t("patrol.log_link"), href=routes.PATROL_LOG, size="4", id="to-patrol-log"),
        card(
            rx.form(
                rx.vstack(
                    uuid_field(),
                    rx.text(t("patrol.night"), as_="label", size="3", html_for="night"),
                    rx.input(type="date", name="night", id="night", size="3", width="100%",
                             default_value=PatrolAdminState.night,
                             key=PatrolAdminState.night),
                    rx.hstack(
                        rx.vstack(
                            rx.text(t("patrol.from"), size="3"),
                            rx.input(type="time", name="window_start", id="window_start",
                                     default_value="19:30", size="3", width="100%"),
                            width="100%",
                        ),
                        rx.vstack(
                            rx.text(t("patrol.to"), size="3"),
                            rx.input(type="time", name="window_end", id="window_end",
                                     default_value="21:00", size="3", width="100%"),
                            width="100%",
                        ),
                        width="100%",
                    ),
                    rx.text(t("patrol.choose_buildings"), size="3", weight="bold"),
                    rx.vstack(
                        rx.foreach(PatrolAdminState.buildings, lambda b: _choice(
                            b, PatrolAdminState.chosen_buildings,
                            PatrolAdminState.toggle_building, "data-building")),
                        spacing="3",
                    ),
                    rx.text(t("patrol.choose_people"), size="3", weight="bold"),
                    rx.vstack(rx.foreach(PatrolAdminState.people, _person_choice), spacing="3"),
                    big_button(t("patrol.save_plan"), type="submit", id="save-plan"),
                    spacing="3",
                    width="100%",
                ),
                on_submit=PatrolAdminState.create_plan,
                id="patrol-plan-form",
                width="100%",
            ),
        ),
        rx.heading(t("patrol.plans_of_night"), " ", PatrolAdminState.night, size="4"),
        rx.foreach(
            PatrolAdminState.plans,
            lambda p: card(
                rx.text(p["window"], size="4", weight="bold"),
                rx.text(p["buildings"]),
                rx.text(p["people"], color_scheme="gray"),
                custom_attrs={"data-plan": p["id"]},
            ),
        ),
        width="100%",
        spacing="3",
    )
