"""The volunteer's queue (/errands): open requests grouped by compound (place, items without
notes or wish text, claim). Notes, the phone and the call button are on the run, once
claimed."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.errands.badges import PAYMENTS, URGENCIES, label
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import big_button, card
from community_app.services.errands.queue import QueueGroup, QueueRow
from community_app.state.errands.ask import WINDOWS
from community_app.state.errands.volunteer import VolunteerState


def _queue_row(r: QueueRow) -> rx.Component:
    return card(
        rx.hstack(
            rx.text(r.place, size="4", weight="bold"),
            rx.spacer(),
            rx.badge(label("urgency", r.urgency, URGENCIES), size="2",
                     color_scheme=rx.cond(r.urgency == "within_2h", "red", "gray")),
            width="100%",
            align="center",
            wrap="wrap",
        ),
        rx.text(r.summary, size="3"),
        rx.text(t("errands.payment"), ": ", label("payment", r.payment, PAYMENTS), size="2",
                weight="medium", custom_attrs={"data-payment": r.payment}),
        # No phone, notes or wish text here: they come with the run, once claimed.
        rx.text(t("errands.window"), ": ", label("window", r.window, WINDOWS), size="2"),
        rx.hstack(
            rx.text(t("errands.waited"), " ", r.waiting_minutes, " ", t("errands.minutes"),
                    size="2"),
            rx.cond(r.overdue, rx.badge(t("errands.overdue"), color_scheme="red")),
            rx.cond(r.returned, rx.badge(t("errands.returned"), color_scheme="orange")),
            wrap="wrap",
        ),
        big_button(t("errands.claim"), on_click=VolunteerState.claim(r.id),
                   id="claim-" + r.id.to_string()),
        custom_attrs={"data-request": r.id.to_string()},
    )


def _queue_group(g: QueueGroup) -> rx.Component:
    return rx.vstack(
        rx.heading(g.compound, size="4"),
        rx.foreach(g.rows, _queue_row),
        width="100%",
        spacing="2",
    )


@shell(routes.ERRANDS, on_load=[VolunteerState.load_queue])
def queue_page() -> rx.Component:
    return rx.vstack(
        rx.link(big_button(t("errands.go_run"), variant="soft", id="go-run"),
                href=routes.ERRAND_RUN, width="100%"),
        rx.heading(t("errands.queue_title"), size="6"),
        rx.cond(
            VolunteerState.queue.length() > 0,
            rx.vstack(rx.foreach(VolunteerState.queue, _queue_group), width="100%",
                      spacing="3"),
            rx.text(t("errands.queue_empty"), size="4"),
        ),
        width="100%",
        spacing="3",
        id="errand-queue",
    )
