"""/report/submit: the secretary reviews today's 日报 and sends it up to the subdistrict;
once sent it is frozen, and a correction goes up as the next version with its reason."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.reporting.versions import (
    compound_table,
    number_grid,
    version_card,
)
from community_app.components.ui import big_button, card, label_for
from community_app.models.reporting import REASON_MAX
from community_app.state.report_submit import ReportSubmitState as S


def _form() -> rx.Component:
    return rx.form(
        rx.cond(
            S.versions.length() > 0,
            rx.vstack(
                label_for(t("reporting.reason"), "report-reason", size="3", weight="medium"),
                rx.text_area(name="reason", id="report-reason", max_length=REASON_MAX,
                             required=True, rows="2", width="100%", size="3"),
                big_button(t("reporting.resubmit"), type="submit", id="report-send"),
                width="100%", spacing="2"),
            big_button(t("reporting.submit"), type="submit", id="report-send"),
        ),
        on_submit=S.submit, reset_on_submit=True, width="100%", id="report-submit-form",
    )


@shell(routes.REPORT_SUBMIT, on_load=[S.load])
def report_submit_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("reporting.submit_title"), size="6"),
        rx.text(S.day, " · ", t("reporting.as_of"), " ", S.cutoff, " · ",
                t("reporting.deadline"), " ", S.deadline, size="3", id="report-submit-when"),
        rx.text(t("reporting.submit_intro"), size="3"),
        card(number_grid(S.numbers), compound_table(S.numbers, t("reporting.compounds")),
             id="report-now"),
        _form(),
        rx.heading(t("reporting.versions"), size="5"),
        rx.cond(S.versions.length() > 0, rx.foreach(S.versions, version_card),
                rx.text(t("reporting.none_sent"), size="3", id="report-none-sent")),
        width="100%", spacing="3",
    )
