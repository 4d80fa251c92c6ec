"""Errands page for workers: /errands/needs, survey needs waiting to become errand requests.

Each household with needs recorded on a visit: the place, the needs text, and either the
"turn into an errand request" button (the on-behalf form, pre-filled) with the way to
close it without an errand ("handled otherwise", with a reason), or, once converted, the
request's status with a link to it, or, once handled, who handled it, when and how.
"""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.errands.badges import status_badge
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import big_button, card
from community_app.services.needs import NeedView
from community_app.state.needs import NeedsState


def _handled_form(n: NeedView) -> rx.Component:
    """Closed by default: one tap opens the reason field, a second confirms."""
    return rx.el.details(
        rx.el.summary(
            rx.text(t("errands.needs_mark_handled"), size="4", weight="medium"),
            cursor="pointer", padding_y="12px", min_height="48px",
            id="handle-" + n.id.to_string(),
        ),
        rx.form(
            rx.el.input(type="hidden", name="need_id", value=n.id.to_string()),
            rx.vstack(
                rx.input(name="reason", placeholder=t("errands.needs_handled_placeholder"),
                         aria_label=t("errands.needs_handled_reason"), size="3",
                         height="52px", font_size="20px", width="100%", max_length=200,
                         required=True),
                big_button(rx.icon("check"), t("errands.needs_handled_save"), type="submit",
                           variant="soft", color_scheme="gray",
                           id="handled-save-" + n.id.to_string()),
                width="100%", spacing="2",
            ),
            on_submit=NeedsState.mark_handled,
            reset_on_submit=True,
            width="100%",
        ),
        width="100%",
    )


def _convert_link(n: NeedView, label: rx.Var | str, **props) -> rx.Component:
    return rx.link(
        big_button(rx.icon("shopping-basket"), label, **props),
        href=routes.ERRAND_ASK + "?need=" + n.id.to_string(),
        width="100%", id="convert-" + n.id.to_string(),
    )


def _need_card(n: NeedView) -> rx.Component:
    converted = n.request_id > 0
    return card(
        rx.hstack(
            rx.text(n.place, size="4", weight="bold"),
            rx.spacer(),
            rx.cond(
                converted, status_badge(n.request_status, "2"),
                rx.cond(n.handled,
                        rx.badge(t("errands.needs_handled"), color_scheme="gray", size="2"),
                        rx.badge(t("survey.needs"), color_scheme="orange", size="2")),
            ),
            width="100%", wrap="wrap", align="center",
        ),
        rx.text(n.needs, size="4", custom_attrs={"data-needs-text": ""}),
        rx.text(n.round_name, " · ", n.recorded, size="2", color_scheme="gray"),
        rx.cond(
            converted,
            rx.link(
                big_button(rx.icon("circle-check"), t("errands.needs_converted"), " · ",
                           t("errands.needs_view_request"), variant="soft",
                           color_scheme="green"),
                href=routes.ERRAND_ASK + "?household=" + n.household_id.to_string(),
                width="100%", id="need-request-" + n.id.to_string(),
            ),
            rx.cond(
                n.handled,
                rx.vstack(
                    rx.text(t("errands.needs_handled"), " · ", n.handled_reason, size="4",
                            custom_attrs={"data-handled-reason": ""}),
                    rx.text(t("errands.needs_handled_by"), n.handled_by, " · ", n.handled_at,
                            size="2", color_scheme="gray"),
                    _convert_link(n, t("errands.needs_convert_anyway"), variant="outline"),
                    width="100%", spacing="2",
                ),
                rx.vstack(
                    rx.cond(n.cancelled_before,
                            rx.text(t("errands.needs_cancelled_before"), size="3",
                                    color_scheme="orange")),
                    _convert_link(n, t("errands.needs_convert")),
                    _handled_form(n),
                    width="100%", spacing="2",
                ),
            ),
        ),
        custom_attrs={"data-need": n.place, "data-converted": converted.to_string(),
                      "data-handled": n.handled.to_string()},
    )


@shell(routes.ERRAND_NEEDS, on_load=[NeedsState.load])
def needs_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("errands.needs_title"), size="6"),
        rx.cond(
            NeedsState.needs.length() > 0,
            rx.vstack(rx.foreach(NeedsState.needs, _need_card), width="100%", spacing="3"),
            rx.text(t("errands.needs_empty"), size="4", id="needs-empty"),
        ),
        width="100%",
        spacing="3",
        id="needs-page",
    )
