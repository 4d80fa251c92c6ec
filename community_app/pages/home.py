from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.community.greeting import family_greeting
from community_app.components.errands.badges import status_badge
from community_app.components.i18n import t
from community_app.components.isolation.home import household_isolation, staff_alerts
from community_app.components.layout import shell
from community_app.components.notices.home import (
    admin_notices_card,
    household_notices,
    staff_notices,
)
from community_app.components.patrol.home import admin_patrol_card, follow_up, tonight_card
from community_app.components.subdistrict.home import admin_privacy_card
from community_app.components.survey.coverage_card import coverage_card
from community_app.components.ui import big_button, card, stat
from community_app.pages.community.buildings import building_link
from community_app.services.errands.views import ItemView, RequestView
from community_app.state.base import AppState
from community_app.state.home import HomeState
from community_app.state.isolation.home import IsolationHomeState
from community_app.state.notices.home import NoticesHomeState
from community_app.state.patrol.home import PatrolHomeState


def _admin_home() -> rx.Component:
    o = HomeState.overview
    return rx.vstack(
        rx.heading(o.community, size="6"),
        staff_alerts("admin-fever-alerts"),
        coverage_card(HomeState.coverage),
        rx.grid(
            stat(t("home.compounds"), o.compounds),
            stat(t("home.buildings"), o.buildings),
            stat(t("home.households"), o.households),
            stat(t("home.residents"), o.residents),
            stat(t("home.elderly_alone"), o.elderly_alone),
            stat(t("home.staff"), o.staff),
            columns="2",
            spacing="3",
            width="100%",
        ),
        rx.link(
            card(rx.hstack(rx.text(t("home.unassigned")), rx.spacer(), rx.badge(
                o.unassigned_buildings, size="3", color_scheme="orange"
            ))),
            href=routes.STAFF,
            width="100%",
            underline="none",
        ),
        rx.grid(
            rx.link(card(rx.text(t("nav.report"), size="4")), href=routes.REPORT,
                    underline="none", id="report-link"),
            rx.link(card(rx.text(t("nav.map"), size="4")), href=routes.MAP,
                    underline="none", id="map-link"),
            rx.link(card(rx.text(t("nav.buildings"), size="4")), href=routes.BUILDINGS,
                    underline="none"),
            columns="2", spacing="3", width="100%",
        ),
        admin_notices_card(),
        admin_patrol_card(),
        admin_privacy_card(),
        rx.link(
            card(rx.hstack(rx.icon("shopping-basket"), rx.text(t("errands.admin_card")),
                           align="center")),
            href=routes.ERRANDS_ADMIN,
            width="100%",
            underline="none",
            id="errands-admin-card",
        ),
        width="100%",
        spacing="3",
        id="admin-home",
    )


def _today_row(count: rx.Var, label: str, href: str, element_id: str,
               extra: rx.Component | None = None) -> rx.Component:
    return rx.cond(
        count > 0,
        rx.link(
            rx.hstack(
                rx.text(count, size="7", weight="bold", min_width="2.2em", text_align="right"),
                rx.vstack(rx.text(t(label), size="3"), extra or rx.fragment(), spacing="0"),
                rx.spacer(),
                rx.icon("chevron-right"),
                align="center",
                width="100%",
                min_height="52px",
            ),
            href=href, underline="none", width="100%", id=element_id,
        ),
    )


def _worker_today() -> rx.Component:
    today = HomeState.today
    nothing = (today.isolation_households + today.followups
               + today.needs) == 0
    return card(
        rx.heading(t("home.today_title"), size="5"),
        _today_row(today.isolation_households, "home.today_isolation",
                   routes.ISOLATION, "today-isolation",
                   rx.cond(today.isolation_overdue > 0,
                           rx.text(today.isolation_overdue, " ", t("home.today_overdue"),
                                   size="2", color="var(--red-11)"))),
        _today_row(today.followups, "home.today_followups",
                   routes.SURVEY_FOLLOWUPS, "today-followups"),
        _today_row(today.needs, "home.today_needs", routes.ERRAND_NEEDS,
                   "today-needs"),
        rx.cond(nothing, rx.text(t("home.today_none"), size="3", color_scheme="gray")),
        id="worker-today",
    )


def _worker_home() -> rx.Component:
    return rx.vstack(
        staff_alerts("worker-fever-alerts", board_link=False),  # the today card links it
        _worker_today(),
        staff_notices(),
        rx.link(card(rx.text(t("nav.map"), size="4")), href=routes.MAP, underline="none",
                width="100%", id="map-link"),
        rx.cond(
            PatrolHomeState.follow_ups.length() > 0,
            rx.vstack(
                rx.heading(t("patrol.follow_ups_title"), size="5"),
                rx.foreach(PatrolHomeState.follow_ups, follow_up),
                width="100%",
                id="worker-follow-ups",
            ),
        ),
        rx.foreach(PatrolHomeState.tonight, tonight_card),
        rx.heading(t("home.my_buildings"), size="5"),
        rx.cond(
            HomeState.buildings.length() > 0,
            rx.foreach(HomeState.buildings, building_link),
            rx.text(t("home.no_buildings")),
        ),
        rx.link(card(rx.hstack(rx.icon("table-2"), rx.text(t("ledger.open_ledger"), size="4"))),
                href=routes.LEDGER, width="100%", underline="none", id="worker-ledger-link"),
        width="100%",
        id="worker-home",
    )


def _my_hours() -> rx.Component:
    """The volunteer's own hours: patrols walked (signed out) and errand runs delivered."""
    h = HomeState.my_hours
    return card(
        rx.hstack(rx.text(t("home.hours_title"), size="4", weight="bold"), rx.spacer(),
                  rx.text(h.total, size="7", weight="bold"), width="100%", align="center"),
        rx.text(t("home.hours_patrol"), " ", h.patrol, " · ", h.walks, " ",
                t("home.hours_walks"), size="3"),
        rx.text(t("home.hours_errands"), " ", h.errands, " · ", h.delivered, " ",
                t("home.hours_delivered"), size="3"),
        id="volunteer-hours",
    )


def _volunteer_home() -> rx.Component:
    return rx.vstack(
        staff_notices(),
        rx.cond(
            PatrolHomeState.tonight.length() > 0,
            rx.foreach(PatrolHomeState.tonight, tonight_card),
            card(rx.text(t("home.volunteer_empty"), size="4")),
        ),
        rx.link(big_button(t("errands.volunteer_card"), id="errands-card"),
                href=routes.ERRANDS, width="100%"),
        _my_hours(),
        width="100%",
        id="volunteer-home",
    )


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


def _household_home() -> rx.Component:
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


@shell(routes.HOME, on_load=[HomeState.load, PatrolHomeState.load, IsolationHomeState.load,
                               NoticesHomeState.load])
def home_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("home.hello"), rx.cond(
            AppState.role == "household",
            family_greeting(HomeState.household.head, HomeState.household.address),
            AppState.display_name,
        ), size="5", id="home-greeting"),
        rx.match(
            AppState.role,
            ("admin", _admin_home()),
            ("grid_worker", _worker_home()),
            ("volunteer", _volunteer_home()),
            ("household", _household_home()),
            rx.spinner(),
        ),
        width="100%",
        spacing="3",
    )
