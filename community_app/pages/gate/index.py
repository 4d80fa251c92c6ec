"""The gate screen (/gate), phone in one hand: sign on at a checkpoint, then record each
passage in two or three taps (the pass code or its QR, a visitor, a plate; direction;
temperature). Each passage form is kept in the outbox with no signal (kind "gate_entry");
the warnings the server raises show at once in red, and an entry kept offline says it is
waiting until it is saved."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.gate.labels import entry_row, warning_text
from community_app.components.i18n import joined, t
from community_app.components.layout import shell
from community_app.components.ui import big_button, card, field, label_for, uuid_field
from community_app.services.gate.checkpoints import CheckpointSlots
from community_app.services.gate.views import Choice
from community_app.state.gate.screen import ENTRY_KIND, GateState, entry_form_id

RADIO = {"width": "24px", "height": "24px"}


def _direction(default: str) -> rx.Component:
    def option(value: str, key: str) -> rx.Component:
        return rx.el.label(
            rx.el.input(type="radio", name="direction", value=value, style=RADIO,
                        default_checked=value == default),
            rx.text(t(key), size="6", weight="bold"),
            display="flex", align_items="center", justify_content="center", gap="10px",
            min_height="56px", border="2px solid var(--gray-7)", border_radius="10px",
            custom_attrs={"data-direction": value},
        )
    return rx.grid(option("out", "gate.dir_out"), option("in", "gate.dir_in"),
                   columns="2", spacing="2", width="100%", role="radiogroup",
                   aria_label=t("gate.direction"))


def _entry_form(kind: str, *fields: rx.Component, default: str = "in") -> rx.Component:
    return rx.form(
        uuid_field(),
        rx.el.input(type="hidden", name="checkpoint_id",
                    value=GateState.duty.checkpoint_id.to_string()),
        rx.el.input(type="hidden", name="kind", value=kind),
        rx.el.input(type="hidden", name="at"),  # set by gate.js when submitted
        rx.vstack(*fields, _direction(default),
                  field(t("gate.temp_label"), "temp", id=f"gate-temp-{kind}",
                        input_mode="decimal", max_length=5),
                  big_button(rx.icon("check"), t("gate.record"), type="submit",
                             id=f"gate-record-{kind}"),
                  spacing="3", width="100%"),
        on_submit=GateState.record,
        id=entry_form_id(kind),
        width="100%",
        custom_attrs={"data-sw-outbox": ENTRY_KIND},
    )


def _resident() -> rx.Component:
    return _entry_form(
        "resident",
        label_for(t("gate.code_label"), "gate-code", size="3", weight="medium"),
        rx.hstack(
            rx.input(name="code", id="gate-code", size="3", width="100%", max_length=12,
                     auto_complete="off", auto_capitalize="characters",
                     style={"textTransform": "uppercase", "fontSize": "20px"}),
            rx.button(rx.icon("scan-line"), t("gate.scan"), type="button", size="3",
                      min_height="48px", variant="soft",
                      custom_attrs={"data-sw-gate-scan": "1",
                                    "data-sw-no-camera": t("gate.no_camera")}),
            width="100%", align="center",
        ),
        rx.text("", size="2", custom_attrs={"data-sw-gate-scan-msg": "1",
                                            "aria-live": "polite"}),
        rx.box(custom_attrs={"data-sw-gate-video": "1"}, width="100%"),
        default="out",
    )


def _building_option(c: Choice) -> rx.Component:
    return rx.el.option(c.label, value=c.id.to_string())


def _visitor() -> rx.Component:
    return _entry_form(
        "visitor",
        field(t("gate.visitor_name"), "visitor_name", id="gate-visitor-name", max_length=50),
        field(t("gate.visitor_phone"), "visitor_phone", id="gate-visitor-phone",
              input_mode="tel", max_length=20),
        rx.vstack(
            label_for(t("gate.building"), "gate-building", size="3", weight="medium"),
            rx.el.select(rx.foreach(GateState.buildings, _building_option), name="building_id",
                         id="gate-building",
                         style={"width": "100%", "minHeight": "48px", "fontSize": "16px"}),
            spacing="1", width="100%"),
        field(t("gate.flat"), "flat", id="gate-flat", max_length=12),
        field(t("gate.reason"), "reason", id="gate-reason", max_length=100),
    )


def _vehicle() -> rx.Component:
    return _entry_form(
        "vehicle",
        field(t("gate.plate"), "plate", id="gate-plate", max_length=12,
              auto_capitalize="characters", style={"fontSize": "20px"}),
    )


def _kind_tab(kind: str) -> rx.Component:
    return rx.tabs.trigger(t(f"gate.kind_{kind}"), value=kind, id=f"gate-kind-{kind}",
                           style={"minHeight": "48px", "fontSize": "16px", "flex": "1"})


def _kinds() -> rx.Component:
    """The three forms as tabs switched in the browser: they work with no signal."""
    return rx.tabs.root(
        rx.tabs.list(_kind_tab("resident"), _kind_tab("visitor"), _kind_tab("vehicle"),
                     size="2", width="100%"),
        rx.tabs.content(_resident(), value="resident", padding_top="12px"),
        rx.tabs.content(_visitor(), value="visitor", padding_top="12px"),
        rx.tabs.content(_vehicle(), value="vehicle", padding_top="12px"),
        default_value="resident", width="100%",
    )


def _warnings() -> rx.Component:
    return rx.cond(
        GateState.warnings.length() > 0,
        rx.callout.root(
            rx.vstack(
                rx.text(t("gate.warn_title"), " ", GateState.last_label, size="5",
                        weight="bold"),
                rx.foreach(GateState.warnings, lambda w: rx.text(warning_text(w), size="5",
                                                                 weight="bold")),
                spacing="2"),
            color_scheme="red", size="3", width="100%", role="alert", id="gate-warning"),
    )


def _pending() -> rx.Component:
    return rx.callout.root(
        rx.text(t("gate.waiting"), rx.el.span(custom_attrs={"data-sw-gate-pending-n": "1"}),
                size="4"),
        color_scheme="amber", width="100%", id="gate-pending", style={"display": "none"},
        custom_attrs={"data-sw-gate-pending": "1"},
    )


def _on_duty() -> rx.Component:
    d = GateState.duty
    return rx.vstack(
        card(rx.hstack(
            rx.vstack(rx.text(t("gate.signed_on"), d.checkpoint, size="5", weight="bold"),
                      rx.text(t("gate.since"), " ", d.since, size="2", color_scheme="gray"),
                      spacing="0"),
            rx.spacer(),
            rx.button(t("gate.sign_off"), type="button", size="3", min_height="44px",
                      variant="soft", color_scheme="gray", on_click=GateState.sign_off,
                      id="gate-sign-off"),
            width="100%", align="center"), id="gate-duty"),
        _warnings(),
        _pending(),
        _kinds(),
        card(rx.heading(t("gate.recent"), size="4"),
             rx.cond(GateState.recent.length() > 0, rx.foreach(GateState.recent, entry_row),
                     rx.text(t("gate.none_yet"), size="3", color_scheme="gray")),
             id="gate-recent"),
        width="100%", spacing="3",
    )


def _checkpoint(c: CheckpointSlots) -> rx.Component:
    return card(
        rx.heading(c.name, size="5"),
        rx.text(joined(c.compounds), size="3", color_scheme="gray"),
        rx.text(t("gate.slot_now"), " ", c.slot_start, "–", c.slot_end, " · ",
                t("gate.on_duty"), " ", c.on_duty.length(), " / ", c.slot_min_people, " ",
                t("gate.people"), size="3"),
        big_button(rx.icon("log-in"), t("gate.sign_on"), type="button",
                   on_click=GateState.sign_on(c.id), custom_attrs={"data-sign-on": c.name}),
        custom_attrs={"data-checkpoint": c.name},
    )


def _pick() -> rx.Component:
    return rx.vstack(
        rx.heading(t("gate.pick_checkpoint"), size="5"),
        rx.cond(GateState.checkpoints.length() > 0,
                rx.foreach(GateState.checkpoints, _checkpoint),
                card(rx.text(t("gate.no_checkpoints"), size="4"))),
        width="100%", spacing="3", id="gate-pick",
    )


@shell(routes.GATE, on_load=[GateState.load])
def gate_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("gate.title"), size="6"),
        rx.cond(GateState.duty.on_duty, _on_duty(), _pick()),
        width="100%", spacing="3", id="gate-page",
    )
