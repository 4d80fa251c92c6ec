"""The admin's recruitment page (/roster/recruit): the sign-up link and a printable QR code,
the review queue (approve shows the first password once), teams with a leader."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.roster.forms import SELECT, text_in, tick
from community_app.components.roster.words import skill_badge
from community_app.components.ui import big_button, card, label_for, uuid_field
from community_app.services.roster.recruit import PendingApplication
from community_app.services.roster.teams import TeamRow
from community_app.services.roster.views import Helper
from community_app.state.browser import print_page
from community_app.state.roster.recruit import TEAM_FORM_ID, RecruitState


def _link() -> rx.Component:
    return card(
        rx.text(t("roster.link_title"), size="4", weight="bold"),
        rx.text(RecruitState.link, size="3", word_break="break_all", id="recruit-url"),
        rx.center(rx.image(src=RecruitState.qr, width="220px", height="220px",
                           alt=t("roster.qr_alt")), width="100%"),
        big_button(rx.icon("printer"), t("roster.print"), variant="soft",
                   on_click=print_page()),
    )


def _issued() -> rx.Component:
    return rx.cond(RecruitState.issued_password != "", card(
        rx.text(t("roster.issued_title"), size="4", weight="bold"),
        rx.text(t("roster.username"), ": ", rx.code(RecruitState.issued_username, size="5",
                                                  id="issued-username"), size="4"),
        rx.text(t("roster.password"), ": ", rx.code(RecruitState.issued_password, size="5",
                                                  id="issued-password"), size="4"),
        big_button(t("roster.written_down"), variant="soft",
                   on_click=RecruitState.dismiss_issued, id="password-written-down"),
        background="var(--green-3)",
    ))


def _application(a: PendingApplication) -> rx.Component:
    return card(
        rx.hstack(rx.text(a.name, size="5", weight="bold"), rx.text(a.phone, size="4"),
                  rx.cond(a.party_member, rx.badge(t("roster.party"), color_scheme="red",
                                                   size="2")),
                  wrap="wrap", align="center"),
        rx.text(a.compound, " ", a.submitted, size="3", color_scheme="gray"),
        rx.hstack(rx.foreach(a.skills, skill_badge), wrap="wrap"),
        rx.text(a.availability, size="3"),
        rx.grid(
            rx.button(t("roster.approve"), type="button", size="3", min_height="48px",
                      color_scheme="green", on_click=RecruitState.approve(a.id),
                      custom_attrs={"data-action": "approve"}),
            rx.button(t("roster.decline"), type="button", size="3", min_height="48px",
                      variant="outline", color_scheme="red",
                      on_click=RecruitState.decline(a.id),
                      custom_attrs={"data-action": "decline"}),
            columns="2", spacing="2", width="100%",
        ),
        custom_attrs={"data-application": a.name},
    )


def _helper(h: Helper) -> rx.Component:
    return rx.el.option(h.name, value=h.id.to_string())


def _team(team: TeamRow) -> rx.Component:
    picker = "member-pick-" + team.id.to_string()
    return card(
        rx.hstack(rx.text(team.name, size="5", weight="bold"), rx.spacer(),
                  rx.text(team.size, " ", t("roster.members"), size="3"), width="100%"),
        rx.cond(team.leader != "", rx.text(t("roster.leader"), ": ", team.leader, size="3")),
        rx.text(team.members.join("、"), size="3", color_scheme="gray"),
        rx.form(
            rx.el.input(type="hidden", name="team_id", value=team.id.to_string()),
            rx.vstack(
                label_for(t("roster.member_pick"), picker, size="3"),
                rx.el.select(rx.foreach(RecruitState.volunteers, _helper), name="user_id",
                             id=picker, style=SELECT),
                tick("leader", t("roster.as_leader"), "leader-" + team.id.to_string()),
                rx.button(t("roster.member_add"), type="submit", size="3", min_height="48px",
                          width="100%"),
                width="100%", spacing="1",
            ),
            on_submit=RecruitState.add_member,
            width="100%",
        ),
        custom_attrs={"data-team": team.name},
    )


def _teams() -> rx.Component:
    return rx.vstack(
        rx.heading(t("roster.teams_title"), size="5"),
        rx.cond(RecruitState.teams.length() > 0, rx.foreach(RecruitState.teams, _team),
                rx.text(t("roster.teams_none"), size="3", color_scheme="gray")),
        card(rx.form(
            rx.vstack(uuid_field(), text_in("roster.team_name", "name", "team-name",
                                            max_length=40),
                      rx.button(t("roster.team_add"), type="submit", size="3",
                                min_height="48px", width="100%"),
                      width="100%", spacing="2"),
            on_submit=RecruitState.create_team, id=TEAM_FORM_ID, width="100%",
        )),
        width="100%", spacing="3",
    )


@shell(routes.ROSTER_RECRUIT, on_load=[RecruitState.load])
def recruit_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("roster.recruit_title"), size="6"),
        _issued(),
        rx.heading(t("roster.queue_title"), size="5"),
        rx.cond(RecruitState.queue.length() > 0,
                rx.foreach(RecruitState.queue, _application),
                rx.text(t("roster.queue_none"), size="3", color_scheme="gray")),
        _link(),
        _teams(),
        width="100%", spacing="3",
    )
