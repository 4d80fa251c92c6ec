"""/reporting/community?c=<id>&d=<day>: one community's submitted report, every version."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.reporting.rollup import PRINT_CSS
from community_app.components.reporting.versions import version_card
from community_app.components.ui import big_button
from community_app.state import browser
from community_app.state.reporting.detail import ReportDetailState as S


@shell(routes.REPORTING_COMMUNITY, on_load=[S.load])
def reporting_community_page() -> rx.Component:
    return rx.vstack(
        rx.el.style(PRINT_CSS),
        rx.link(t("reporting.back"), href=routes.REPORTING, class_name="no-print",
                id="reporting-back", min_height="44px", padding_y="10px"),
        rx.heading(t("reporting.detail_title"), size="6"),
        rx.cond(S.versions.length() > 0,
                rx.text(S.versions[0].community, " · ", S.day, size="4", id="detail-when"),
                rx.text(t("reporting.not_sent"), size="3", id="detail-not-sent")),
        rx.foreach(S.versions, version_card),
        big_button(t("reporting.print"), on_click=browser.print_page(), variant="outline",
                   class_name="no-print"),
        width="100%", spacing="3",
    )
