"""Night patrol page for the walker: the dark, high-contrast route and façade screen to sign
in, mark windows lit or dark and finish buildings. The admin's plan and log pages are in
pages/patrol/plan.py and log.py.
"""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import NIGHT_BG, NIGHT_FG, shell
from community_app.components.patrol.walker import call_now, finish_button, mode_switch
from community_app.components.ui import big_button
from community_app.services.patrol.facade import FacadeFloor, FacadeUnit, RouteStop, Window
from community_app.state.patrol.index import PatrolState

# High contrast for outdoors at night: dark ground, light text, lit windows bright.
WINDOW_COLORS = {"lit": "#facc15", "dark": "#111827", "unchecked": "#475569", "none": "#1f2937"}
WINDOW_TEXT = {"lit": "#0b0b0b", "dark": "#f8fafc", "unchecked": "#f8fafc", "none": "#6b7280"}
# A watched household's window: "call if dark", with no reason (the walker need not know
# who lives alone or is disabled; the grid worker who calls does).
CALL_RING = "#f472b6"
# The state the walker's tap chose, set by the patrol script's click listener
# just before this event is built (the listener also keeps the tap in the browser).
TAPPED_STATE = rx.Var(_js_expr="window.swPatrolNext", _var_type=str)


def _state(w: Window) -> rx.Var:
    """The window's state: a tap since the façade was drawn (`marks`) over the façade's own."""
    key = w.household_id.to_string()
    return rx.cond(PatrolState.marks.contains(key), PatrolState.marks[key], w.state)


def _window(w: Window) -> rx.Component:
    state = _state(w)
    return rx.button(
        rx.hstack(
            rx.cond(w.call_if_dark, rx.icon("phone", size=14)),
            rx.text(w.label, size="3", weight="bold"),
            spacing="1",
            align="center",
        ),
        on_click=PatrolState.set_window(w.household_id, TAPPED_STATE),
        disabled=(w.household_id == 0) | PatrolState.finished | ~PatrolState.signed_in
        | PatrolState.signed_out,
        background=rx.match(state, *WINDOW_COLORS.items(), "#1f2937"),
        color=rx.match(state, *WINDOW_TEXT.items(), "#f8fafc"),
        border=rx.cond(w.call_if_dark, f"3px solid {CALL_RING}", "1px solid #64748b"),
        min_height="52px",
        width="100%",
        padding="2px",
        aria_pressed=rx.cond(state == "lit", "true", "false"),
        custom_attrs={"data-room": w.label, "data-state": state,
                      "data-call-if-dark": rx.cond(w.call_if_dark, "1", "0"),
                      "data-sw-mark": w.household_id, "data-sw-plan": PatrolState.plan_id},
    )


def _floor(floor: FacadeFloor, columns: rx.Var) -> rx.Component:
    can_mark = PatrolState.signed_in & ~PatrolState.signed_out & ~PatrolState.finished
    return rx.hstack(
        rx.grid(
            rx.foreach(floor.windows, _window),
            grid_template_columns="repeat(" + columns.to_string() + ", minmax(0, 1fr))",
            gap="4px",
            flex="1",
            min_width="0",
        ),
        rx.button(rx.icon("sun", size=20), on_click=PatrolState.mark_floor(
            floor.unit, floor.floor, True), disabled=~can_mark, min_height="52px",
            min_width="48px", padding="0", background="#a16207", color="#fef08a",
            border="1px solid #facc15", aria_label=t("patrol.floor_all_lit"),
            custom_attrs={"data-floor-lit": floor.floor, "data-sw-floor": "lit",
                          "data-sw-plan": PatrolState.plan_id}),
        rx.button(rx.icon("moon", size=20), on_click=PatrolState.mark_floor(
            floor.unit, floor.floor, False), disabled=~can_mark, min_height="52px",
            min_width="48px", padding="0", background="#1e293b", color="#f1f5f9",
            border="1px solid #94a3b8", aria_label=t("patrol.floor_all_dark"),
            custom_attrs={"data-floor-dark": floor.floor, "data-sw-floor": "dark",
                          "data-sw-plan": PatrolState.plan_id}),
        spacing="1",
        width="100%",
        align="center",
        custom_attrs={"data-sw-row": "1"},
    )


def _unit(block: FacadeUnit) -> rx.Component:
    return rx.vstack(
        rx.text(block.unit, " ", t("patrol.unit"), size="4", weight="bold", color=NIGHT_FG),
        rx.foreach(block.floors, lambda fl: _floor(fl, block.columns)),
        spacing="1",
        width="100%",
        padding="8px",
        border="1px solid #334155",
        border_radius="8px",
    )


def _stop(stop: RouteStop) -> rx.Component:
    selected = stop.building_id == PatrolState.building_id
    # The building on screen shows the header's live counts: a tap does not resend the route.
    lit = rx.cond(selected, PatrolState.lit, stop.lit)
    total = rx.cond(selected, PatrolState.total, stop.total)
    percent = rx.cond(selected, PatrolState.percent, stop.percent)
    finished = rx.cond(selected, PatrolState.finished, stop.finished)
    return rx.button(
        rx.vstack(
            rx.text(stop.label, size="3", weight="bold"),
            rx.text(lit, "/", total, " · ", percent, "%", size="2"),
            spacing="0",
            align="center",
        ),
        rx.cond(finished, rx.icon("circle-check", size=18)),
        on_click=PatrolState.show_building(stop.building_id),
        variant=rx.cond(selected, "solid", "outline"),
        color_scheme=rx.cond(finished, "green", "amber"),
        min_height="56px",
        height="auto",  # long compound names wrap instead of spilling out of the button
        padding_y="6px",
        flex="1 1 140px",
        custom_attrs={"data-stop": stop.label},
    )


def _sign_bar() -> rx.Component:
    return rx.cond(
        ~PatrolState.signed_in,
        big_button(t("patrol.sign_in"), on_click=PatrolState.sign_in, id="patrol-sign-in",
                   color_scheme="amber"),
        rx.cond(
            PatrolState.signed_out,
            rx.text(t("patrol.signed_out"), size="4", color=NIGHT_FG, id="patrol-signed-out"),
            big_button(t("patrol.sign_out"), on_click=PatrolState.sign_out, variant="outline",
                       color_scheme="gray", id="patrol-sign-out"),
        ),
    )


def _legend() -> rx.Component:
    def item(color: str, key: str, ring: str = "1px solid #64748b") -> rx.Component:
        return rx.hstack(
            rx.box(width="18px", height="18px", background=color, border=ring,
                   border_radius="3px"),
            rx.text(t(key), size="3", color=NIGHT_FG),
            spacing="1",
            align="center",
        )

    return rx.flex(
        item(WINDOW_COLORS["lit"], "patrol.lit"),
        item(WINDOW_COLORS["dark"], "patrol.dark"),
        item(WINDOW_COLORS["unchecked"], "patrol.unchecked"),
        item(WINDOW_COLORS["unchecked"], "patrol.call_if_dark", f"3px solid {CALL_RING}"),
        wrap="wrap",
        gap="10px",
    )


def _facade() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(PatrolState.building_label, size="6", color=NIGHT_FG),
            rx.spacer(),
            rx.text(PatrolState.lit, "/", PatrolState.total, size="6", weight="bold",
                    color="#facc15", id="patrol-lit-count"),
            rx.text(PatrolState.percent, "%", size="6", weight="bold", color="#facc15",
                    id="patrol-percent"),
            # Counting taps not yet sent: written by the browser script, never by React.
            rx.text(size="6", weight="bold", color="#facc15", id="patrol-live-count"),
            rx.text(size="6", weight="bold", color="#facc15", id="patrol-live-percent"),
            width="100%",
            align="center",
        ),
        rx.hstack(
            rx.cond(PatrolState.side == "back", rx.icon("flip-horizontal-2", size=20),
                    rx.icon("eye", size=20)),
            rx.text(rx.cond(PatrolState.side == "back", t("patrol.side_back"),
                            t("patrol.side_front")), size="4", weight="bold"),
            color=rx.cond(PatrolState.side == "back", "#7dd3fc", "#e2e8f0"),
            align="center",
            id="patrol-side",
            custom_attrs={"data-side": PatrolState.side},
        ),
        rx.cond(PatrolState.signed_in & ~PatrolState.signed_out & ~PatrolState.finished,
                mode_switch()),
        rx.text(t("patrol.tap_hint"), size="3", color="#cbd5e1"),
        _legend(),
        rx.foreach(PatrolState.units, _unit),
        call_now(),
        rx.cond(
            PatrolState.finished,
            rx.text(t("patrol.building_done"), size="4", color="#4ade80"),
            rx.cond(PatrolState.signed_in & ~PatrolState.signed_out, finish_button()),
        ),
        spacing="3",
        width="100%",
    )


@shell(routes.PATROL, on_load=[PatrolState.load], dark=True)
def patrol_page() -> rx.Component:
    return rx.box(
        # Taps kept on the phone until the server confirms them: the browser script fills
        # this in with the text for why they wait (no signal, server unreachable, sending).
        rx.text(size="4", weight="bold", color="#0c4a6e", background="#7dd3fc", padding="8px",
                border_radius="6px", margin_bottom="8px", role="status", id="patrol-waiting",
                custom_attrs={"data-text": t("patrol.marks_waiting"),
                              "data-text-unreachable": t("patrol.marks_waiting_server"),
                              "data-text-ok": t("patrol.marks_sending")}),
        rx.cond(
            PatrolState.no_plan,
            rx.text(t("patrol.no_plan"), size="5", color=NIGHT_FG, id="patrol-no-plan"),
            rx.vstack(
                rx.hstack(
                    rx.heading(t("patrol.title"), size="6", color=NIGHT_FG),
                    rx.spacer(),
                    rx.text(PatrolState.window, size="4", color="#cbd5e1"),
                    width="100%",
                    align="center",
                ),
                _sign_bar(),
                rx.flex(rx.foreach(PatrolState.route, _stop), wrap="wrap", gap="6px",
                        width="100%"),
                rx.cond(PatrolState.building_id > 0, _facade()),
                spacing="3",
                width="100%",
            ),
        ),
        background=NIGHT_BG,
        color=NIGHT_FG,
        padding_y="4px",
        width="100%",
        id="patrol-screen",
    )
