"""The admin's /gate/admin: register checkpoints (which gate, the compounds it serves,
24 h or open hours, slot length and minimum people), see each one's slot now and who is
on duty, issue resident passes to a household, revoke, reissue, print; today's warnings.

Not an offline form: the admin does this in the office (README "Offline")."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.gate.labels import entry_row, status_badge
from community_app.components.i18n import joined, t
from community_app.components.layout import shell
from community_app.components.ui import big_button, card, field, label_for, uuid_field
from community_app.services.gate.checkpoints import CheckpointSlots
from community_app.services.gate.passes import PassRow
from community_app.services.gate.views import Choice
from community_app.state.gate.admin import CHECKPOINT_FORM_ID, ISSUE_FORM_ID, GateAdminState

BOX = {"width": "28px", "height": "28px"}
SELECT = {"width": "100%", "minHeight": "48px", "fontSize": "16px"}


def _tick(name: str, label: rx.Var, **props) -> rx.Component:
    return rx.el.label(rx.el.input(type="checkbox", name=name, style=BOX, **props),
                       rx.text(label, size="4"),
                       display="flex", align_items="center", gap="12px", min_height="48px",
                       custom_attrs=props.pop("attrs", {}))


def _compound(c: Choice) -> rx.Component:
    return rx.el.label(rx.el.input(type="checkbox", name="compound_" + c.id.to_string(),
                                   style=BOX),
                       rx.text(c.label, size="4"),
                       display="flex", align_items="center", gap="12px", min_height="48px",
                       custom_attrs={"data-compound": c.label})


def _select(label: str, name: str, element_id: str, *options: rx.Component) -> rx.Component:
    return rx.vstack(label_for(t(label), element_id, size="3", weight="medium"),
                     rx.el.select(*options, name=name, id=element_id, style=SELECT),
                     spacing="1", width="100%")


def _new_checkpoint() -> rx.Component:
    return card(
        rx.heading(t("gate.new_checkpoint"), size="5"),
        rx.form(
            uuid_field(),
            rx.vstack(
                field(t("gate.cp_name"), "name", id="cp-name", max_length=60),
                rx.text(t("gate.cp_compounds"), size="3", color_scheme="gray"),
                rx.foreach(GateAdminState.compounds, _compound),
                _tick("all_day", t("gate.all_day"), default_checked=True),
                rx.grid(field(t("gate.opens"), "opens_at", id="cp-opens", type="time"),
                        field(t("gate.closes"), "closes_at", id="cp-closes", type="time"),
                        columns="2", spacing="2", width="100%"),
                rx.grid(_select("gate.slot_hours", "slot_hours", "cp-slot-hours",
                                *[rx.el.option(str(h), value=str(h)) for h in (8, 4, 6, 12)]),
                        _select("gate.slot_min", "slot_min_people", "cp-slot-min",
                                *[rx.el.option(str(n), value=str(n)) for n in (2, 1, 3, 4)]),
                        columns="2", spacing="2", width="100%"),
                big_button(t("gate.cp_save"), type="submit", id="cp-save"),
                width="100%", spacing="3"),
            on_submit=GateAdminState.create_checkpoint, id=CHECKPOINT_FORM_ID, width="100%"),
    )


def _checkpoint(c: CheckpointSlots) -> rx.Component:
    return card(
        rx.hstack(rx.heading(c.name, size="5"),
                  rx.badge(rx.cond(c.all_day, t("gate.hours_24"), c.hours), size="2"),
                  rx.cond(c.open_now, rx.fragment(),
                          rx.badge(t("gate.closed_now"), color_scheme="gray")),
                  align="center", wrap="wrap"),
        rx.text(joined(c.compounds), size="3", color_scheme="gray"),
        rx.text(t("gate.slot_now"), " ", c.slot_start, "–", c.slot_end, " · ",
                c.slot_hours, "h · ", t("gate.slot_min"), " ", c.slot_min_people, size="3"),
        rx.hstack(
            rx.text(t("gate.on_duty"), ": ", rx.cond(c.on_duty.length() > 0,
                                                    joined(c.on_duty), t("gate.nobody")),
                    size="3"),
            rx.cond(c.staffed, rx.fragment(),
                    rx.badge(t("gate.short"), color_scheme="red", size="2")),
            wrap="wrap", align="center"),
        custom_attrs={"data-admin-checkpoint": c.name},
    )


def _issue() -> rx.Component:
    return card(
        rx.heading(t("gate.issue_title"), size="5"),
        rx.form(
            uuid_field(),
            rx.vstack(
                _select("gate.pass_building", "building_id", "pass-building",
                        rx.foreach(GateAdminState.buildings,
                                   lambda b: rx.el.option(b.label, value=b.id.to_string()))),
                field(t("gate.flat"), "flat", id="pass-flat", max_length=12),
                rx.grid(field(t("gate.pass_count"), "count", id="pass-count", type="number",
                              min=1, max=10, default_value="1"),
                        field(t("gate.outs"), "outs", id="pass-outs", type="number", min=0,
                              max=50, default_value="1"),
                        field(t("gate.per_days"), "per_days", id="pass-days", type="number",
                              min=1, max=30, default_value="2"),
                        columns="3", spacing="2", width="100%"),
                field(t("gate.holders"), "holders", id="pass-holders", max_length=200),
                big_button(t("gate.issue"), type="submit", id="pass-issue"),
                width="100%", spacing="3"),
            on_submit=GateAdminState.issue, id=ISSUE_FORM_ID, width="100%"),
        rx.cond(GateAdminState.printable > 0,
                rx.link(big_button(rx.icon("printer"), t("gate.print"), variant="soft"),
                        href=routes.GATE_CARDS + "?h=" + GateAdminState.printable.to_string(),
                        width="100%", id="pass-print-new")),
    )


def _pass(p: PassRow) -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.text(p.address, size="3", weight="medium"), rx.spacer(),
                  status_badge(p.status), width="100%", align="center"),
        rx.hstack(rx.code(p.code, size="4"), rx.text("No.", p.card_no, size="2"),
                  rx.text(p.holder, size="2"),
                  rx.text(rx.cond(p.allowance != "", p.allowance, t("gate.unlimited")),
                          size="2", color_scheme="gray"),
                  wrap="wrap", align="center"),
        rx.hstack(
            rx.cond(p.status != "revoked", rx.fragment(
                rx.button(t("gate.revoke"), type="button", size="3", min_height="44px",
                          variant="outline", color_scheme="red",
                          on_click=GateAdminState.revoke(p.id),
                          custom_attrs={"data-action": "revoke"}),
                rx.button(t("gate.reissue"), type="button", size="3", min_height="44px",
                          variant="soft", on_click=GateAdminState.reissue(p.id),
                          custom_attrs={"data-action": "reissue"}))),
            rx.link(t("gate.print"), href=routes.GATE_CARDS + "?h=" + p.household_id.to_string(),
                    size="3", min_height="44px", display="flex", align_items="center"),
            wrap="wrap", spacing="2"),
        width="100%", padding_y="8px", border_bottom="1px solid var(--gray-5)",
        custom_attrs={"data-pass": p.code},
    )


@shell(routes.GATE_ADMIN, on_load=[GateAdminState.load])
def gate_admin_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("gate.admin_title"), size="6"),
        rx.cond(GateAdminState.alerts.length() > 0,
                card(rx.heading(t("gate.alerts_title"), size="5", color="var(--red-11)"),
                     rx.foreach(GateAdminState.alerts, entry_row), id="gate-admin-alerts")),
        rx.heading(t("gate.checkpoints"), size="5"),
        rx.foreach(GateAdminState.checkpoints, _checkpoint),
        _new_checkpoint(),
        _issue(),
        card(rx.heading(t("gate.passes"), size="5"),
             rx.cond(GateAdminState.passes.length() > 0,
                     rx.foreach(GateAdminState.passes, _pass),
                     rx.text(t("gate.no_passes"), size="3", color_scheme="gray")),
             id="gate-passes"),
        width="100%", spacing="3", id="gate-admin",
    )
