"""The detail sheet's correction form and its log (who corrected which fields, when).

The form opens in a native <details> (no round trip) and is drawn from the open sheet; it
is keyed on the resident and the number of corrections, so after a save it is drawn
afresh from what the server holds (an uncontrolled input ignores a new default).
"""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.models import Relation, Sex
from community_app.services.ledger.detail import CorrectionLine
from community_app.services.ledger.filters import GROUPS
from community_app.state.ledger.ledger import LedgerState

FIELD_LABELS = {"name": "ledger.col.name", "phone": "ledger.col.phone",
                "sex": "ledger.col.sex", "birth_year": "ledger.col.birth_year",
                "relation": "ledger.col.relation",
                **{g: f"ledger.group.{g}" for g in GROUPS}}
TALL = {"width": "100%", "minHeight": "48px", "fontSize": "16px"}


def _label(text: rx.Var, field_id: str) -> rx.Component:
    return rx.el.label(rx.text(text, size="2", color_scheme="gray"), html_for=field_id)


def _text(label_key: str, name: str, value: rx.Var, **props) -> rx.Component:
    field_id = f"correct-{name}"
    return rx.vstack(
        _label(t(label_key), field_id),
        rx.input(name=name, id=field_id, default_value=value, size="3", width="100%",
                 height="48px", **props),
        spacing="1", width="100%",
    )


def _select(label_key: str, name: str, value: rx.Var, options: list[tuple[str, str]]
            ) -> rx.Component:
    field_id = f"correct-{name}"
    return rx.vstack(
        _label(t(label_key), field_id),
        rx.el.select(*[rx.el.option(t(key), value=v) for v, key in options], name=name,
                     id=field_id, default_value=value, style=TALL),
        spacing="1", width="100%",
    )


def _check(group: str, checked: rx.Var) -> rx.Component:
    return rx.el.label(
        rx.el.input(type="checkbox", name=group, value="1", default_checked=checked,
                    style={"width": "22px", "height": "22px"}),
        rx.text(t(f"ledger.group.{group}"), size="3"),
        display="flex", align_items="center", gap="8px", min_height="48px",
        padding_x="10px", border="1px solid var(--gray-a6)", border_radius="8px",
    )


def correction_form() -> rx.Component:
    d = LedgerState.detail
    return rx.el.details(
        # Drawn as a button: a bordered 48px row with a pencil, plainly tappable.
        rx.el.summary(rx.icon("pencil", size=18), t("ledger.correct"), id="detail-correct",
                      style={"minHeight": "48px", "display": "flex", "alignItems": "center",
                             "gap": "8px", "padding": "0 12px", "cursor": "pointer",
                             "fontWeight": "600", "border": "1px solid var(--accent-8)",
                             "borderRadius": "8px", "color": "var(--accent-11)",
                             "listStyle": "none"}),
        rx.form(
            rx.vstack(
                rx.text(t("ledger.correct_note"), size="2", color_scheme="gray"),
                _text("ledger.col.name", "name", d.name, max_length=50),
                _text("ledger.col.phone", "phone", d.phone, max_length=16, type="tel",
                      input_mode="tel"),
                _select("ledger.col.sex", "sex", d.sex,
                        [(s.value, f"ledger.sex.{s.value}") for s in Sex]),
                _text("ledger.col.birth_year", "birth_year", d.birth_year.to_string(),
                      max_length=4, input_mode="numeric"),
                _select("ledger.col.relation", "relation", d.relation,
                        [(r.value, f"ledger.relation.{r.value}") for r in Relation]),
                rx.flex(*[_check(g, getattr(d, g)) for g in GROUPS], wrap="wrap", gap="6px"),
                rx.button(t("ledger.correct_save"), type="submit", size="3", width="100%",
                          min_height="48px", id="correct-save"),
                spacing="2", width="100%",
            ),
            on_submit=LedgerState.correct,
            width="100%",
        ),
        key="correct-" + d.id.to_string() + "-" + d.corrections.length().to_string(),
        id="detail-correct-form",
        style={"width": "100%"},
    )


def _correction_line(line: CorrectionLine) -> rx.Component:
    return rx.text(
        line.at, " ", line.who, " ", t("ledger.corrected_fields"), " ",
        rx.foreach(line.fields, lambda name: rx.text.span(
            rx.match(name, *[(k, t(v)) for k, v in FIELD_LABELS.items()], ""), " ")),
        size="2", custom_attrs={"data-correction": line.who},
    )


def correction_log() -> rx.Component:
    d = LedgerState.detail
    return rx.cond(
        d.corrections.length() > 0,
        rx.vstack(
            rx.text(t("ledger.corrections"), weight="bold", size="2"),
            rx.foreach(d.corrections, _correction_line),
            spacing="1", width="100%", id="detail-corrections",
        ),
    )
