"""/reporting: the subdistrict's roll-up of today's reports from every community, its trend
over the campaign (recharts: only in this page's chunk), Excel and a print view."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.reporting.rollup import (
    PRINT_CSS,
    counts,
    deadline_form,
    sort_controls,
    table,
)
from community_app.components.ui import big_button, card
from community_app.state import browser
from community_app.state.reporting.rollup import RollupState as S

LINES = (("submitted", "#2563eb", "reporting.chart_submitted"),
         ("returnees", "#dc2626", "reporting.chart_returnees"),
         ("under_isolation", "#16a34a", "reporting.chart_isolation"))


def _key(color: str, label: rx.Var) -> rx.Component:
    return rx.hstack(rx.box(width="14px", height="3px", background=color),
                     rx.text(label, size="2"), align="center", spacing="1")


def _chart() -> rx.Component:
    return card(
        rx.text(t("reporting.trend"), weight="bold"),
        rx.recharts.line_chart(
            *[rx.recharts.line(data_key=k, stroke=c, name=t(n)) for k, c, n in LINES],
            rx.recharts.x_axis(data_key="day"),
            rx.recharts.y_axis(allow_decimals=False),
            data=S.trend_data, width="100%", height=220,
        ),
        rx.hstack(*[_key(c, t(n)) for _, c, n in LINES], spacing="3", wrap="wrap",
                  justify="center", width="100%"),
        id="rollup-chart",
    )


@shell(routes.REPORTING, on_load=[S.load])
def reporting_page() -> rx.Component:
    return rx.vstack(
        rx.el.style(PRINT_CSS),
        rx.heading(t("reporting.rollup_title"), size="6"),
        rx.text(S.day, " · ", t("reporting.deadline"), " ", S.deadline, size="3",
                id="rollup-when"),
        counts(),
        deadline_form(),
        sort_controls(),
        table(),
        _chart(),
        rx.grid(
            big_button(t("reporting.download"), on_click=S.download, variant="soft",
                       id="rollup-download"),
            big_button(t("reporting.print"), on_click=browser.print_page(), variant="outline"),
            columns="2", spacing="2", width="100%", class_name="no-print",
        ),
        width="100%", spacing="3",
    )
