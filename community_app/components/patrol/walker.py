"""The walker's controls on the night patrol screen (pages/patrol/index.py): the lit / dark
switch for what a tap marks, "call now" when a watched window is dark, and 本栋查完 with a
confirmation while windows are unmarked.

The switch and the call panel are the browser's own (assets/js/patrol.js keeps the switch,
assets/css/patrol.css shows the panel from the windows' states, waiting taps included), so
they work with no signal and cost no round trip. The panel says what to do, never why the
household is watched.
"""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.components.layout import NIGHT_BG, NIGHT_FG
from community_app.components.ui import big_button
from community_app.state.patrol.index import PatrolState


def _mode_button(mode: str, key: str, background: str, color: str) -> rx.Component:
    # No Reflex handler: the patrol script's click listener keeps the choice and sets
    # aria-pressed; React never renders aria-pressed here, so it does not undo it.
    return rx.el.button(
        t(key),
        type="button",
        custom_attrs={"data-sw-mode-set": mode},
        style={"background": background, "color": color, "min_height": "48px",
               "flex": "1", "font_size": "18px", "font_weight": "700",
               "border_radius": "8px", "border": "2px solid #64748b"},
    )


def mode_switch() -> rx.Component:
    return rx.hstack(
        rx.text(t("patrol.mode_label"), size="3", color=NIGHT_FG, white_space="nowrap"),
        _mode_button("lit", "patrol.mode_lit", "#facc15", "#0b0b0b"),
        _mode_button("dark", "patrol.mode_dark", "#111827", "#f8fafc"),
        width="100%",
        align="center",
        spacing="2",
        role="group",
        # Stays at the top while the walker scrolls down the façade, so switching between
        # lit and dark never means scrolling back up.
        position="sticky",
        top="0",
        z_index="10",
        background=NIGHT_BG,
        padding_y="6px",
        id="patrol-mode",
    )


def call_now() -> rx.Component:
    """Shown by CSS (patrol.css) while a "call if dark" window of this building is dark."""
    return rx.vstack(
        rx.text(t("patrol.call_now_title"), size="4", weight="bold", color="#0b0b0b"),
        rx.cond(
            PatrolState.worker_phone != "",
            rx.link(
                rx.hstack(rx.icon("phone", size=22), rx.text(t("patrol.call_now"), " ",
                                                             PatrolState.worker_name),
                          align="center", spacing="2"),
                href="tel:" + PatrolState.worker_phone,
                id="patrol-call-now",
                size="5",
                weight="bold",
                style={"background": "#0b0b0b", "color": "#fdf2f8", "padding": "10px 16px",
                       "border_radius": "8px", "min_height": "48px", "display": "flex",
                       "align_items": "center", "width": "100%",
                       "justify_content": "center", "text_decoration": "none"},
            ),
            rx.text(t("patrol.call_now_no_phone"), size="3", color="#0b0b0b"),
        ),
        spacing="2",
        role="alert",
        id="patrol-call",
    )


def finish_button() -> rx.Component:
    """本栋查完 for the building on screen. The event carries that building's id, so a
    second tap (or one queued behind the first) finishes nothing more; while windows are
    unmarked it asks first."""
    finish = PatrolState.finish(PatrolState.building_id)
    unmarked = PatrolState.total - PatrolState.marked
    return rx.cond(
        unmarked > 0,
        rx.alert_dialog.root(
            rx.alert_dialog.trigger(
                big_button(t("patrol.finish_building"), color_scheme="green",
                           id="patrol-finish"),
            ),
            rx.alert_dialog.content(
                rx.alert_dialog.title(t("patrol.finish_confirm_title")),
                rx.alert_dialog.description(
                    rx.text(t("patrol.unmarked"), t("common.colon"),
                            unmarked, size="4", weight="bold"),
                    rx.text(t("patrol.finish_confirm"), size="3"),
                ),
                rx.hstack(
                    rx.alert_dialog.cancel(
                        rx.button(t("patrol.finish_keep_marking"), variant="soft",
                                  color_scheme="gray", size="3", min_height="48px",
                                  id="patrol-finish-cancel"),
                    ),
                    rx.alert_dialog.action(
                        rx.button(t("patrol.finish_anyway"), on_click=finish,
                                  color_scheme="green", size="3", min_height="48px",
                                  id="patrol-finish-confirm"),
                    ),
                    justify="end",
                    spacing="3",
                    margin_top="12px",
                ),
                id="patrol-finish-dialog",
            ),
        ),
        big_button(t("patrol.finish_building"), on_click=finish, color_scheme="green",
                   id="patrol-finish"),
    )
