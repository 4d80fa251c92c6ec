"""Isolation page: opening a case at /isolation/new.

The household comes from the building grid (?household=) or is found by its door code;
when it already has an open case, that case is linked instead of the form.
"""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import big_button, card, label_for, uuid_field
from community_app.models import IsolationReason
from community_app.services.isolation.cases import PersonOption
from community_app.state.isolation.new import NewCaseState

# --- opening a case -----------------------------------------------------------------------


def _resident(r: PersonOption) -> rx.Component:
    return rx.el.label(
        rx.el.input(type="checkbox", name="person_" + r.id.to_string(), default_checked=True,
                    style={"width": "28px", "height": "28px"}),
        rx.text(r.name, size="4"),
        display="flex",
        align_items="center",
        gap="12px",
        min_height="48px",
    )


def _field_label(key: str, target_id: str | None = None) -> rx.Component:
    """A field's label, tied to its control when there is one (the people list has none)."""
    if target_id is None:
        return rx.text(t(key), size="3", weight="medium")
    return label_for(t(key), target_id, size="3", weight="medium")


@shell(routes.ISOLATION_NEW, on_load=[NewCaseState.load])
def new_case_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("isolation.new_case"), size="6"),
        rx.cond(
            NewCaseState.household_id == 0,
            card(
                rx.text(t("isolation.pick_household"), size="3"),
                rx.form(
                    rx.input(name="household_code", id="household-code", size="3",
                             width="100%", max_length=12, placeholder=t("field.household_code"),
                             aria_label=t("field.household_code")),
                    big_button(t("isolation.find"), type="submit", margin_top="8px"),
                    on_submit=NewCaseState.find_code,
                    width="100%",
                ),
                rx.link(t("isolation.from_buildings"), href=routes.BUILDINGS),
            ),
            rx.cond(
                NewCaseState.open_case_id > 0,
                card(
                    rx.text(NewCaseState.address, size="5", weight="bold"),
                    rx.text(t("isolation.already_open")),
                    rx.link(big_button(t("isolation.open_case_detail")),
                            href=routes.ISOLATION_CASE + "?id="
                            + NewCaseState.open_case_id.to_string(), width="100%"),
                ),
                card(
                    rx.text(NewCaseState.address, size="5", weight="bold", id="new-case-address"),
                    rx.form(
                        uuid_field(),
                        rx.el.input(type="hidden", name="household_id",
                                    value=NewCaseState.household_id.to_string()),
                        _field_label("isolation.people"),
                        rx.foreach(NewCaseState.residents, _resident),
                        _field_label("isolation.reason", "case-reason"),
                        rx.el.select(
                            *[rx.el.option(t(f"isolation.reason.{r.value}"), value=r.value)
                              for r in IsolationReason],
                            name="reason", id="case-reason",
                            style={"width": "100%", "minHeight": "48px", "fontSize": "16px"},
                        ),
                        rx.input(name="reason_note", size="3", width="100%", max_length=200,
                                 placeholder=t("field.reason_note"),
                                 aria_label=t("field.reason_note")),
                        _field_label("field.start_date", "start-date"),
                        rx.input(name="start_date", type="date", id="start-date", size="3",
                                 width="100%", default_value=NewCaseState.today,
                                 max=NewCaseState.today),
                        _field_label("field.period_days", "period-days"),
                        rx.input(name="period_days", type="number", default_value="14",
                                 min=1, max=60, size="3", width="100%", id="period-days"),
                        big_button(t("isolation.open"), type="submit", id="open-case",
                                   margin_top="12px", color_scheme="orange"),
                        on_submit=NewCaseState.submit,
                        id="new-case-form",
                        width="100%",
                    ),
                ),
            ),
        ),
        width="100%",
        spacing="3",
    )
