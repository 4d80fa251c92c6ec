"""The admin's patrol plan page: pick a night, a time window, buildings in walking order
and the people who walk them; the night's plans are listed below the form.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from community_app import routes
from community_app.components.i18n import joined, t
from community_app.components.layout import shell
from community_app.components.ui import big_button, card, label_for, uuid_field
from community_app.services.patrol.plans import Choice, PlanSummary
from community_app.state.patrol.plan import PatrolEditState, PatrolPlanState


def _choice(item: Choice, chosen: rx.Var, on_toggle: Callable, attr: str) -> rx.Component:
    return rx.checkbox(
        item.label,
        checked=chosen.contains(item.id),
        on_change=lambda _v: on_toggle(item.id),
        size="3",
        custom_attrs={attr: item.label},
    )


def _route_choices(buildings: rx.Var, on_building: Callable, building_attr: str,
                   people: rx.Var, on_person: Callable, person_attr: str) -> list[rx.Component]:
    """The buildings and the walkers of a plan, as checkboxes (new plan and edit alike)."""
    return [
        rx.text(t("patrol.choose_buildings"), size="3", weight="bold"),
        rx.vstack(
            rx.foreach(PatrolPlanState.buildings,
                       lambda b: _choice(b, buildings, on_building, building_attr)),
            spacing="3",
        ),
        rx.text(t("patrol.choose_people"), size="3", weight="bold"),
        rx.vstack(
            rx.foreach(PatrolPlanState.people,
                       lambda p: _choice(p, people, on_person, person_attr)),
            spacing="3",
        ),
    ]


def _time_input(name: str, label: str, value: rx.Var | str, element_id: str,
                **props) -> rx.Component:
    return rx.vstack(
        label_for(t(label), element_id, size="3"),
        rx.input(type="time", name=name, id=element_id, default_value=value, size="3",
                 width="100%", **props),
        width="100%",
    )


def _edit_time(name: str, label: str, value: rx.Var) -> rx.Component:
    # Keyed by plan and value, so opening another plan redraws the input with its window.
    return _time_input(name, label, value, f"edit_{name}",
                       key=PatrolEditState.edit_id.to_string() + value)


def _edit_card() -> rx.Component:
    """The plan being edited: same choices as a new plan, then save, or cancel the patrol."""
    return card(
        rx.heading(t("patrol.edit_title"), size="4"),
        rx.cond(PatrolEditState.edit_started,
                rx.callout(t("patrol.edit_started_hint"), icon="info", color_scheme="amber",
                           size="1")),
        rx.form(
            rx.vstack(
                rx.hstack(
                    _edit_time("window_start", "patrol.from", PatrolEditState.edit_window_start),
                    _edit_time("window_end", "patrol.to", PatrolEditState.edit_window_end),
                    width="100%",
                ),
                *_route_choices(PatrolEditState.edit_buildings,
                                PatrolEditState.toggle_edit_building, "data-edit-building",
                                PatrolEditState.edit_people, PatrolEditState.toggle_edit_person,
                                "data-edit-person"),
                big_button(t("patrol.save_changes"), type="submit", id="save-plan-edit"),
                spacing="3",
                width="100%",
            ),
            on_submit=PatrolEditState.save_edit,
            id="patrol-edit-form",
            width="100%",
        ),
        rx.cond(
            ~PatrolEditState.edit_started,
            rx.cond(
                PatrolEditState.confirm_cancel,
                big_button(t("patrol.cancel_plan"), " ?", color_scheme="red",
                           on_click=PatrolEditState.cancel_plan, id="confirm-cancel-plan"),
                big_button(t("patrol.cancel_plan"), variant="outline", color_scheme="red",
                           on_click=PatrolEditState.ask_cancel, id="cancel-plan"),
            ),
        ),
        big_button(t("patrol.close_edit"), variant="soft", color_scheme="gray",
                   on_click=PatrolEditState.close_edit),
        id="patrol-edit",
    )


def _plan_card(p: PlanSummary) -> rx.Component:
    return card(
        rx.hstack(
            rx.text(p.window, size="4", weight="bold"),
            rx.cond(p.cancelled, rx.badge(t("patrol.cancelled"), color_scheme="gray"),
                    rx.cond(p.started, rx.badge(t("patrol.under_way"),
                                                   color_scheme="amber"))),
            rx.spacer(),
            rx.cond(
                ~p.cancelled,
                rx.button(rx.icon("pencil", size=18), t("patrol.edit"), size="3",
                          variant="soft", min_height="44px",
                          on_click=PatrolEditState.start_edit(p.id),
                          custom_attrs={"data-edit-plan": p.id}),
            ),
            align="center",
            width="100%",
        ),
        rx.text(joined(p.buildings)),
        rx.text(joined(p.people), color_scheme="gray"),
        custom_attrs={"data-plan": p.id},
    )


@shell(routes.PATROL_PLAN, on_load=[PatrolPlanState.load_plan])
def patrol_plan_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("patrol.plan_title"), size="6"),
        rx.link(t("patrol.log_link"), href=routes.PATROL_LOG, size="4", id="to-patrol-log"),
        card(
            rx.form(
                rx.vstack(
                    uuid_field(),
                    label_for(t("patrol.night"), "night", size="3"),
                    rx.input(type="date", name="night", id="night", size="3", width="100%",
                             default_value=PatrolPlanState.night,
                             key=PatrolPlanState.night),
                    rx.hstack(
                        _time_input("window_start", "patrol.from", "19:30", "window_start"),
                        _time_input("window_end", "patrol.to", "21:00", "window_end"),
                        width="100%",
                    ),
                    *_route_choices(PatrolPlanState.chosen_buildings,
                                    PatrolPlanState.toggle_building, "data-building",
                                    PatrolPlanState.chosen_people, PatrolPlanState.toggle_person,
                                    "data-person"),
                    big_button(t("patrol.save_plan"), type="submit", id="save-plan"),
                    spacing="3",
                    width="100%",
                ),
                on_submit=PatrolPlanState.create_plan,
                id="patrol-plan-form",
                width="100%",
            ),
        ),
        rx.heading(t("patrol.plans_of_night"), " ", PatrolPlanState.night, size="4"),
        rx.cond(PatrolEditState.edit_id > 0, _edit_card()),
        rx.foreach(PatrolPlanState.plans, _plan_card),
        width="100%",
        spacing="3",
    )
