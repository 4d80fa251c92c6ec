"""The gate's words for warnings, kinds, directions and pass statuses."""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.models import GateWarning
from community_app.services.gate.views import EntryRow

GATE_SCRIPT_URL = "/js/gate.js"  # assets/js/gate.js, loaded in the head of every page


def warning_text(w: rx.Var) -> rx.Component:
    return rx.match(w, *[(g.value, t(f"gate.warn_{g.value}")) for g in GateWarning], "")


def kind_label(kind: rx.Var) -> rx.Component:
    return rx.match(kind, ("visitor", t("gate.kind_visitor")),
                    ("vehicle", t("gate.kind_vehicle")), t("gate.kind_resident"))


def direction_label(direction: rx.Var) -> rx.Component:
    return rx.match(direction, ("out", t("gate.dir_out")), t("gate.dir_in"))


def status_badge(status: rx.Var) -> rx.Component:
    return rx.match(
        status,
        ("revoked", rx.badge(t("gate.status_revoked"), color_scheme="gray", size="2")),
        ("suspended", rx.badge(t("gate.status_suspended"), color_scheme="red", size="2")),
        rx.badge(t("gate.status_active"), color_scheme="green", size="2"),
    )


def entry_row(e: EntryRow) -> rx.Component:
    """One line of the register: time, kind, direction, who/what, and its warnings in red."""
    return rx.vstack(
        rx.hstack(
            rx.text(e.at, size="2", color_scheme="gray"),
            rx.badge(kind_label(e.kind), size="2"),
            rx.badge(direction_label(e.direction), size="2", variant="outline"),
            rx.cond(e.temperature != "", rx.text(e.temperature, " ℃", size="2")),
            rx.cond(e.checkpoint != "", rx.text(e.checkpoint, size="2", color_scheme="gray")),
            wrap="wrap", align="center", spacing="2",
        ),
        rx.text(e.label, size="3"),
        rx.foreach(e.warnings, lambda w: rx.text(warning_text(w), size="3", weight="bold",
                                                 color="var(--red-11)")),
        spacing="1", width="100%", padding_y="6px",
        border_bottom="1px solid var(--gray-5)",
        custom_attrs={"data-gate-entry": e.id},
    )
