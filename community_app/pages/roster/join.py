"""The public sign-up page (/join?c=CODE, 招募令): no account, no session, no nav."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import frame
from community_app.components.roster.forms import select, text_in, tick
from community_app.components.ui import big_button, uuid_field
from community_app.models.roster import SKILLS
from community_app.services.roster.recruit import Choice
from community_app.state.roster.join import JOIN_FORM_ID, JoinState


def _compound(c: Choice) -> rx.Component:
    return rx.el.option(c.name, value=c.id.to_string())


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            uuid_field(),
            rx.el.input(type="hidden", name="code", value=JoinState.code),
            text_in("roster.name", "name", "join-name", max_length=50, auto_complete="name"),
            text_in("roster.phone", "phone", "join-phone", type="tel", max_length=16,
                    auto_complete="tel"),
            select("roster.compound", "compound_id", "join-compound",
                   rx.el.option(t("roster.compound_none"), value=""),
                   rx.foreach(JoinState.compounds, _compound)),
            rx.text(t("roster.skills"), size="3", weight="medium"),
            rx.grid(*[tick(f"skill_{s}", t(f"roster.skill.{s}"), f"join-skill-{s}")
                      for s in SKILLS], columns="2", spacing="1", width="100%"),
            tick("party_member", t("roster.party_member"), "join-party"),
            text_in("roster.availability", "availability", "join-availability",
                    max_length=200),
            big_button(t("roster.join_submit"), type="submit", id="join-submit"),
            width="100%", spacing="3",
        ),
        on_submit=JoinState.submit,
        id=JOIN_FORM_ID,
        width="100%",
    )


@rx.page(route=routes.JOIN, title="守望 · 志愿者招募", on_load=JoinState.load)
def join_page() -> rx.Component:
    return frame(
        rx.vstack(
            rx.heading(t("roster.join_title"), size="7"),
            rx.cond(
                JoinState.submitted,
                rx.callout(t("roster.join_thanks"), color_scheme="green", size="3",
                           id="join-done", width="100%"),
                rx.cond(JoinState.community != "", rx.vstack(
                    rx.text(JoinState.community, size="5", weight="bold", id="join-community"),
                    rx.text(t("roster.join_intro"), size="4"),
                    _form(),
                    width="100%",
                )),
            ),
            width="100%", spacing="4",
        ),
        nav=False,
    )
