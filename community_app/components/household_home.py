"""The household's home screen: the day's two actions in large text, its notices, the
requests under way and how to reach its grid worker (pages/home.py draws it)."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.errands.badges import status_badge
from community_app.components.i18n import t
from community_app.components.isolation.home import household_isolation
from community_app.components.notices.home import household_notices
from community_app.components.ui import card
from community_app.services.errands.views import ItemView, RequestView
from community_app.state.home import HomeState


def _good(g: ItemView) -> rx.Component:
    """One item with the household's own note and what the volunteer bought instead."""
    return rx.vstack(
        rx.text(g.label, " ×", g.quantity, size="6", weight="bold"),
        rx.cond(g.note != "", rx.text(g.note, size="5", color_scheme="gray")),
        rx.cond(g.substitute != "",
                rx.text(t("errands.replaced_with"), g.substitute, size="5", weight="bold",
                        color="var(--orange-11)")),
        spacing="0",
    )


def _active_request(r: RequestView) -> rx.Component:
    """One request under way, in large text: where it stands, when help is due, their own
    note, any substitution, and who is helping with a call button once claimed."""
    return card(
        rx.link(
            rx.vstack(
                rx.hstack(status_badge(r.status, "3"), rx.spacer(), rx.icon("chevron-right"),
                          width="100%", align="center"),
                rx.hstack(rx.foreach(r.goods, _good), wrap="wrap", spacing="4"),
                rx.cond(r.note != "", rx.text(t("errands.your_note"), r.note, size="5")),
                rx.cond(
                    r.status == "delivered",
                    rx.text(t("errands.status.delivered"), " · ", t("errands.confirm"),
                            size="5", weight="bold", color="var(--green-11)"),
                    rx.text(t("errands.due_by"), " ", r.due_by, size="5"),
                ),
                width="100%", spacing="2",
            ),
            href=routes.ERRAND_ASK, underline="none", width="100%", color="var(--gray-12)",
            size="6",
        ),
        rx.cond(r.volunteer != "",
                rx.text(t("errands.your_volunteer"), r.volunteer, size="6", weight="bold")),
        rx.cond(
            r.can_call_volunteer,
            rx.button(rx.icon("phone", size=28), rx.text(t("errands.call_volunteer"), size="6"),
                      on_click=HomeState.call_volunteer(r.id), size="4", width="100%",
                      min_height="64px", variant="soft", color_scheme="green",
                      custom_attrs={"data-call-volunteer": r.id.to_string()}),
        ),
        custom_attrs={"data-active-request": r.status, "data-home-request": r.id.to_string()},
    )


def household_home() -> rx.Component:
    h = HomeState.household
    return rx.vstack(
        household_isolation(),
        rx.link(
            rx.button(
                rx.icon("shopping-basket", size=32), rx.text(t("errands.ask_button"), size="6"),
                size="4", width="100%", min_height="72px",
            ),
            href=routes.ERRAND_ASK,
            width="100%",
            size="6",
            id="ask-supplies",
        ),
        # Below the day's two actions (the temperature, 我要代买), which stay in the first
        # screen for an elderly person however many notices there are.
        household_notices(),
        rx.cond(
            HomeState.active_requests.length() > 0,
            rx.vstack(rx.text(t("errands.my_requests"), size="6", weight="bold"),
                      rx.foreach(HomeState.active_requests, _active_request),
                      width="100%", id="household-requests"),
        ),
        card(
            rx.text(t("home.household_address"), size="5", color_scheme="gray"),
            rx.text(h.address, size="7", weight="bold"),
        ),
        card(
            rx.text(t("home.household_people"), size="5", color_scheme="gray"),
            rx.foreach(h.residents, lambda n: rx.text(n, size="6")),
        ),
        rx.cond(
            HomeState.worker_phone_href != "",
            rx.link(
                rx.button(
                    rx.icon("phone", size=32), rx.text(t("home.call_worker"), size="6"),
                    size="4", width="100%", min_height="72px",
                ),
                href=HomeState.worker_phone_href,
                width="100%",
                size="6",
            ),
            rx.text(t("home.no_worker"), size="6"),
        ),
        width="100%",
        spacing="4",
        id="household-home",
    )
