"""The admin's patrol log page (签到本): buildings covered or missed, who walked, follow-ups
and escalations for one night; lit-ratio trends, watched households' dark runs, lit windows
the register calls empty, and volunteer hours.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import card
from community_app.services.patrol.followups import FollowUpRow
from community_app.services.patrol.log import LogBuilding
from community_app.services.patrol.trends import WatchedRun
from community_app.state.patrol.log import PatrolLogState


def _status(b: LogBuilding) -> rx.Component:
    """Walked only with every window marked; finished short of that says the share marked."""
    return rx.cond(
        b.covered,
        rx.badge(t("patrol.covered"), color_scheme="green", size="2"),
        rx.cond(
            b.partial,
            rx.badge(t("patrol.partial"), " · ", t("patrol.marked_share"), " ",
                     b.marked_percent, "%", color_scheme="orange", size="2"),
            rx.cond(
                b.missed,
                rx.badge(t("patrol.missed"), color_scheme="red", size="2"),
                rx.badge(t("patrol.pending"), color_scheme="gray", size="2"),
            ),
        ),
    )


def _summary_row(*children: rx.Component, **attrs) -> rx.Component:
    """A folded section's one line: thumb-sized, the marker left of it."""
    return rx.el.summary(
        rx.icon("chevron-down", size=18),
        rx.hstack(*children, width="100%", align="center", wrap="wrap", spacing="2"),
        style={"min_height": "44px", "display": "flex", "align_items": "center",
               "cursor": "pointer", "gap": "6px"},
        **attrs,
    )


def _log_building(b: LogBuilding) -> rx.Component:
    """One summary line per building; its follow-ups and lit-ratio trend fold under it."""
    return rx.el.details(
        _summary_row(
            rx.text(b.label, size="3", weight="medium"),
            rx.spacer(),
            rx.text(b.lit, "/", b.total, " · ", b.percent, "%", size="3"),
            _status(b),
            rx.cond(b.follow_ups.length() > 0,
                    rx.badge(t("patrol.log_follow_up_count"), " ", b.follow_ups.length(),
                             color_scheme=rx.cond(b.open_follow_ups > 0, "orange", "gray"),
                             size="2")),
            custom_attrs={"data-log-building": b.label,
                          "data-missed": rx.cond(b.missed, "1", "0"),
                          "data-covered": rx.cond(b.covered, "1", "0")},
        ),
        rx.vstack(
            rx.foreach(b.follow_ups, _log_follow_up),
            rx.cond(b.trend.length() > 0, _trend_chart(b.trend)),
            spacing="2",
            width="100%",
            padding_left="8px",
        ),
        width="100%",
        custom_attrs={"data-log-details": b.label},
    )


def _folded(heading: str, count: rx.Var, *body: rx.Component, **props) -> rx.Component:
    """A whole section folded under its heading and how many rows it holds."""
    return card(
        rx.el.details(
            _summary_row(rx.heading(t(heading), size="4"), rx.badge(count, size="2")),
            rx.vstack(*body, spacing="2", width="100%"),
            width="100%",
        ),
        **props,
    )


def _follow_up_outcome(f: FollowUpRow) -> rx.Component:
    return rx.hstack(
        rx.match(
            f.call_outcome,
            ("answered", rx.badge(t("patrol.call_answered"))),
            ("no_answer", rx.badge(t("patrol.call_no_answer"), color_scheme="orange")),
            rx.fragment(),
        ),
        rx.match(
            f.visit_outcome,
            ("well", rx.badge(t("patrol.visit_well"), color_scheme="green")),
            ("away", rx.badge(t("patrol.visit_away"))),
            ("needs_help", rx.badge(t("patrol.visit_needs_help"), color_scheme="red")),
            ("emergency", rx.badge(t("patrol.visit_emergency"), color_scheme="red")),
            rx.fragment(),
        ),
        rx.match(
            f.resolution,
            ("lit_later", rx.badge(t("patrol.lit_later"), color_scheme="green")),
            rx.fragment(),
        ),
        rx.match(
            f.status,
            ("resolved", rx.badge(t("patrol.status_resolved"), color_scheme="green")),
            rx.badge(t("patrol.status_open"), color_scheme="orange"),
        ),
        rx.cond(f.escalated, rx.badge(t("patrol.escalated"), color_scheme="red")),
        wrap="wrap",
        spacing="1",
    )


def _log_follow_up(f: FollowUpRow) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(f.address, size="3", weight="medium"),
            rx.spacer(),
            rx.text(f.raised_at, size="2", color_scheme="gray"),
            width="100%",
        ),
        _follow_up_outcome(f),
        spacing="1",
        width="100%",
        custom_attrs={"data-log-follow-up": f.address},
    )


def _trend_chart(points: rx.Var) -> rx.Component:
    return rx.box(
        rx.recharts.line_chart(
            rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
            rx.recharts.x_axis(data_key="night"),
            rx.recharts.y_axis(domain=[0, 100], ticks=[0, 25, 50, 75, 100], width=32),
            rx.recharts.line(data_key="ratio", stroke="#ca8a04", stroke_width=2,
                             is_animation_active=False),
            rx.recharts.graphing_tooltip(),
            data=points.to(list[dict[str, Any]]),
            width="100%",
            height=160,
        ),
        width="100%",
        custom_attrs={"data-trend": "1"},
    )


def _run_cell(state: rx.Var) -> rx.Component:
    return rx.box(
        width="100%",
        height="22px",
        border_radius="3px",
        background=rx.match(state, ("lit", "#facc15"), ("dark", "#111827"), "#e5e7eb"),
        border="1px solid #9ca3af",
        title=state,
    )


def _run(run: WatchedRun) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(run.address, size="3", weight="medium"),
            rx.spacer(),
            rx.cond(run.dark_two_in_a_row,
                    rx.badge(t("patrol.two_dark"), color_scheme="red", size="2")),
            width="100%",
        ),
        rx.grid(rx.foreach(run.nights, _run_cell),
                grid_template_columns="repeat(7, minmax(0, 1fr))", gap="3px", width="100%"),
        spacing="1",
        width="100%",
        padding="6px",
        border_radius="6px",
        background=rx.cond(run.dark_two_in_a_row, "var(--red-3)", "transparent"),
        custom_attrs={"data-run": run.address,
                      "data-two-dark": rx.cond(run.dark_two_in_a_row, "1", "0")},
    )


@shell(routes.PATROL_LOG, on_load=[PatrolLogState.load_log])
def patrol_log_page() -> rx.Component:
    s = PatrolLogState
    return rx.vstack(
        rx.heading(t("patrol.log_title"), size="6"),
        rx.link(t("patrol.plan_link"), href=routes.PATROL_PLAN, size="4"),
        rx.input(type="date", value=s.log_night, on_change=s.set_log_night, size="3",
                 width="100%", id="log-night", aria_label=t("patrol.night")),
        rx.cond(
            s.missed > 0,
            rx.callout(t("patrol.missed_alert"), color_scheme="red", width="100%",
                       id="missed-alert"),
        ),
        rx.cond(
            s.escalated.length() > 0,
            card(
                rx.heading(t("patrol.escalated_title"), size="4", color_scheme="red"),
                rx.foreach(s.escalated, _log_follow_up),
                id="escalated-list",
            ),
        ),
        card(
            rx.heading(t("patrol.buildings_of_night"), size="4"),
            rx.cond(s.log_buildings.length() > 0, rx.foreach(s.log_buildings, _log_building),
                    rx.text(t("patrol.no_patrol"))),
            id="log-buildings",
        ),
        _folded(
            "patrol.who", s.log_people.length(),
            rx.foreach(
                s.log_people,
                lambda p: rx.hstack(
                    rx.text(p.name, size="3"),
                    rx.spacer(),
                    rx.cond(p.walked,
                            rx.text(p.signed_in, "–", p.signed_out, size="3"),
                            rx.badge(t("patrol.not_walked"), color_scheme="gray")),
                    width="100%",
                ),
            ),
            id="log-people",
        ),
        _folded(
            "patrol.watched_title", s.runs.length(),
            rx.text(t("patrol.watched_hint"), size="2", color_scheme="gray"),
            rx.foreach(s.runs, _run),
            id="watched-runs",
        ),
        _folded(
            "patrol.lit_empty_title", s.lit_empty.length(),
            rx.cond(
                s.lit_empty.length() > 0,
                rx.foreach(s.lit_empty, lambda r: rx.hstack(
                    rx.text(r.address, size="3"), rx.spacer(),
                    rx.badge(rx.match(r.occupancy, ("vacant", t("occupancy.vacant")),
                                      t("occupancy.away"))),
                    width="100%",
                )),
                rx.text(t("patrol.none")),
            ),
            id="lit-empty",
        ),
        _folded(
            "patrol.hours_title", s.hours.length(),
            rx.foreach(s.hours, lambda h: rx.hstack(
                rx.text(h.week, size="2", color_scheme="gray"),
                rx.text(h.name, size="3"),
                rx.spacer(),
                rx.text(h.hours, size="3", weight="bold"),
                width="100%",
            )),
            id="volunteer-hours",
        ),
        width="100%",
        spacing="3",
    )
