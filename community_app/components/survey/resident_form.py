"""The resident cards of the visit form (compact: resident_row) and the self-fill form
(everything open: resident_card), one member each, one thumb."""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.components.ui import card
from community_app.services.survey.views import ResidentRow

GROUPS = ("elderly_alone", "disabled", "chronic_illness", "pregnant", "infant")


def choice(name: str, value: str, label: rx.Var, checked: rx.Var | bool = False,
            **props) -> rx.Component:
    """A radio or checkbox with a whole 48px row as its target."""
    return rx.el.label(
        rx.el.input(type=props.pop("type", "radio"), name=name, value=value,
                    default_checked=checked, style={"width": "22px", "height": "22px"}, **props),
        rx.text(label, size="3"),
        display="flex", align_items="center", gap="8px", min_height="48px",
        padding_x="10px", border="1px solid var(--gray-a6)", border_radius="8px",
    )


def check(name: str, label: rx.Var, checked: rx.Var | bool) -> rx.Component:
    return choice(name, "1", label, checked, type="checkbox")


def text_input(label: rx.Var, name: str, value: rx.Var | str, **props) -> rx.Component:
    """A labelled text field, 48px tall (a gloved thumb); the label is tied to it."""
    field_id = props.pop("id", None) or name
    return rx.vstack(
        rx.el.label(rx.text(label, size="2", color_scheme="gray"), html_for=field_id),
        rx.input(name=name, id=field_id, default_value=value, size="3", width="100%",
                 height="48px", **props),
        spacing="1", width="100%",
    )


def fold(summary: rx.Var | str, *children: rx.Component, is_open: rx.Var | bool = False,
         **props) -> rx.Component:
    """A section folded until it is relevant: native <details>, so it opens with no signal."""
    return rx.el.details(
        rx.el.summary(summary),
        rx.vstack(*children, spacing="2", width="100%", padding_top="4px"),
        open=is_open, width="100%", custom_attrs={"data-sw-fold": "1"}, **props,
    )


def resident_row(row: ResidentRow, i: rx.Var) -> rx.Component:
    """The visit form's resident: name, at home, temperature in view; the rest folded, and
    opened by itself when this round already found something (a return, a contact)."""
    p = "r" + i.to_string() + "_"
    found = (row.returned_from != "") | row.contact_case | (row.symptoms != "")
    return card(
        rx.el.input(type="hidden", name=p + "resident_id", value=row.resident_id.to_string()),
        rx.el.input(type="hidden", name=p + "relation", value=row.relation),
        rx.hstack(
            rx.text(rx.cond(row.name != "", row.name, t("survey.new_resident")), size="4",
                    weight="bold"),
            rx.spacer(),
            check(p + "present", t("survey.present"), row.present),
            align="center", width="100%",
        ),
        text_input(t("survey.temperature"), p + "temperature", row.temperature,
                   input_mode="decimal", placeholder="36.5"),
        fold(
            t("survey.more_details"),
            rx.grid(
                text_input(t("survey.name"), p + "name", row.name),
                text_input(t("survey.birth_year"), p + "birth_year",
                           rx.cond(row.birth_year > 0, row.birth_year.to_string(), ""),
                           input_mode="numeric"),
                columns="2", spacing="2", width="100%",
            ),
            rx.grid(
                choice(p + "sex", "male", t("survey.sex.male"), row.sex == "male"),
                choice(p + "sex", "female", t("survey.sex.female"), row.sex == "female"),
                columns="2", spacing="2", width="100%",
            ),
            text_input(t("survey.phone"), p + "phone", row.phone, input_mode="tel"),
            check(p + "moved_away", t("survey.moved_away"), row.moved_away),
            text_input(t("survey.returned_from"), p + "returned_from", row.returned_from),
            text_input(t("survey.return_date"), p + "return_date", row.return_date,
                       type="date"),
            check(p + "contact_case", t("survey.contact_case"), row.contact_case),
            text_input(t("survey.symptoms"), p + "symptoms", row.symptoms),
            rx.text(t("survey.groups"), size="2", color_scheme="gray"),
            rx.grid(*[check(p + g, t(f"survey.group.{g}"), getattr(row, g)) for g in GROUPS],
                    columns="2", spacing="2", width="100%"),
            is_open=found, id="r" + i.to_string() + "-more",
        ),
        custom_attrs={"data-resident": i.to_string()},
    )


def resident_card(row: ResidentRow, i: rx.Var) -> rx.Component:
    p = "r" + i.to_string() + "_"
    return card(
        rx.el.input(type="hidden", name=p + "resident_id", value=row.resident_id.to_string()),
        rx.el.input(type="hidden", name=p + "relation", value=row.relation),
        rx.grid(
            text_input(t("survey.name"), p + "name", row.name),
            text_input(t("survey.birth_year"), p + "birth_year",
                   rx.cond(row.birth_year > 0, row.birth_year.to_string(), ""),
                   input_mode="numeric"),
            columns="2", spacing="2", width="100%",
        ),
        rx.grid(
            choice(p + "sex", "male", t("survey.sex.male"), row.sex == "male"),
            choice(p + "sex", "female", t("survey.sex.female"), row.sex == "female"),
            columns="2", spacing="2", width="100%",
        ),
        text_input(t("survey.phone"), p + "phone", row.phone, input_mode="tel"),
        rx.grid(
            check(p + "present", t("survey.present"), row.present),
            check(p + "moved_away", t("survey.moved_away"), row.moved_away),
            columns="2", spacing="2", width="100%",
        ),
        text_input(t("survey.temperature"), p + "temperature", row.temperature,
               input_mode="decimal", placeholder="36.5"),
        text_input(t("survey.returned_from"), p + "returned_from", row.returned_from),
        text_input(t("survey.return_date"), p + "return_date", row.return_date, type="date"),
        check(p + "contact_case", t("survey.contact_case"), row.contact_case),
        text_input(t("survey.symptoms"), p + "symptoms", row.symptoms),
        rx.text(t("survey.groups"), size="2", color_scheme="gray"),
        rx.grid(*[check(p + g, t(f"survey.group.{g}"), getattr(row, g)) for g in GROUPS],
                columns="2", spacing="2", width="100%"),
        custom_attrs={"data-resident": i.to_string()},
    )
