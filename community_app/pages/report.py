"""The daily report: a clean page that prints on one sheet, and the same numbers as Excel."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import big_button, card, picker
from community_app.services.report import REPORT_COLUMNS, ReportRow
from community_app.state import browser
from community_app.state.report import ReportState

PRINT_CSS = ("@media print { #bottom-nav, .no-print { display: none !important; } "
             "body { font-size: 12px; } }")
HEADLINE = ("households", "reached", "not_reached", "returnees", "returnees_new", "fever")


def _headline(key: str) -> rx.Component:
    value = getattr(ReportState.total, key)
    delta = getattr(ReportState.change, key)
    return rx.card(
        rx.vstack(
            rx.text(value, size="7", weight="bold", custom_attrs={"data-metric": key}),
            rx.text(t(f"report.{key}"), size="2", color_scheme="gray"),
            rx.text(t("report.change"), " ", rx.cond(delta >= 0, "+", ""), delta, size="1",
                    color_scheme="gray", custom_attrs={"data-change": key}),
            spacing="0",
        ),
        width="100%",
    )


def _row(r: ReportRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(r.name),
        *[rx.table.cell(getattr(r, c)) for c in REPORT_COLUMNS],
    )


def _table() -> rx.Component:
    # The wide table scrolls inside its own box; the page itself never scrolls sideways.
    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(
                rx.table.column_header_cell(t("report.compound")),
                *[rx.table.column_header_cell(t(f"report.{c}")) for c in REPORT_COLUMNS],
            )),
            rx.table.body(rx.foreach(ReportState.compounds, _row), _row(ReportState.total)),
            size="1",
            white_space="nowrap",
        ),
        overflow_x="auto",
        width="100%",
        id="report-table",
        # A scrolling box keyboards can reach (forms.css lets Radix's own viewport go).
        tab_index=0,
        role="region",
        aria_label=t("report.title"),
    )


def _chart() -> rx.Component:
    return card(
        rx.text(t("report.trend"), weight="bold"),
        rx.recharts.line_chart(
            # Legends in the reader's language; the returnee axis counts whole people.
            rx.recharts.line(data_key="coverage", stroke="#16a34a",
                             name=t("report.chart_coverage")),
            rx.recharts.line(data_key="returnees", stroke="#dc2626", y_axis_id="right",
                             name=t("report.chart_returnees")),
            rx.recharts.x_axis(data_key="day"),
            rx.recharts.y_axis(domain=[0, 100], unit="%"),
            rx.recharts.y_axis(y_axis_id="right", orientation="right", allow_decimals=False),
            rx.recharts.legend(),
            data=ReportState.trend_data,
            width="100%",
            height=220,
        ),
        id="report-chart",
    )


@shell(routes.REPORT, on_load=[ReportState.load])
def report_page() -> rx.Component:
    return rx.vstack(
        rx.el.style(PRINT_CSS),
        rx.heading(t("report.title"), size="6"),
        rx.text(ReportState.community, " · ", ReportState.round_name, " · ", ReportState.day,
                " ", ReportState.cutoff, size="3", id="report-when"),
        rx.cond(ReportState.rounds.length() > 1, rx.box(
            picker(t("report.round"), ReportState.rounds, ReportState.round_id.to_string(),
                   ReportState.choose_round, "report-round"),
            class_name="no-print", width="100%")),
        rx.form(
            rx.hstack(
                rx.input(name="day", type="date", default_value=ReportState.day, size="3",
                         key=ReportState.day, aria_label=t("report.day")),
                rx.input(name="cutoff", type="time", default_value=ReportState.cutoff,
                         size="3", key=ReportState.cutoff, aria_label=t("report.cutoff")),
                rx.button(t("report.refresh"), type="submit", size="3", min_height="44px"),
                wrap="wrap",
            ),
            on_submit=ReportState.choose,
            class_name="no-print",
        ),
        rx.grid(*[_headline(k) for k in HEADLINE], columns="2", spacing="2", width="100%"),
        card(
            rx.text(t("report.isolation"), weight="bold"),
            rx.text(ReportState.isolation.households, " ", t("report.iso_households"), " · ",
                    ReportState.isolation.people, " ", t("report.iso_people"), " · ",
                    t("report.iso_new"), " ", ReportState.isolation.new_today, " · ",
                    t("report.iso_released"), " ", ReportState.isolation.released_today,
                    size="3", id="report-isolation"),
        ),
        _table(),
        _chart(),
        rx.grid(
            big_button(t("report.download"), on_click=ReportState.download, variant="soft",
                       id="report-download"),
            big_button(t("report.print"), on_click=browser.print_page(),
                       variant="outline"),
            columns="2", spacing="2", width="100%", class_name="no-print",
        ),
        width="100%",
        spacing="3",
    )
