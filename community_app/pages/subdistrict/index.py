"""The subdistrict officer's home (/subdistrict), phone first: its communities with their
counts (no resident's name anywhere), links to a new community and the lent cadres."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.subdistrict.home import rollup_slot
from community_app.components.ui import big_button, card
from community_app.services.subdistrict.communities import CommunityRow
from community_app.state.shell import ShellState
from community_app.state.subdistrict.home import SubdistrictHomeState


def _figure(label: str, value: rx.Var) -> rx.Component:
    return rx.vstack(rx.text(value, size="5", weight="bold"),
                     rx.text(t(label), size="2", color_scheme="gray"),
                     spacing="0", align="center", flex="1")


def _community(c: CommunityRow) -> rx.Component:
    return card(
        rx.text(c.name, size="5", weight="bold"),
        rx.hstack(_figure("subdistrict.households", c.households),
                  _figure("subdistrict.residents", c.residents),
                  _figure("subdistrict.staff", c.staff),
                  _figure("subdistrict.lent", c.lent), width="100%"),
        rx.link(t("subdistrict.care_link"), href=routes.SUBDISTRICT_CARE + "?c=" + c.id.to_string(),
                size="3", min_height="44px", display="flex", align_items="center"),
        custom_attrs={"data-community": c.name},
    )


@shell(routes.SUBDISTRICT, on_load=[SubdistrictHomeState.load])
def subdistrict_page() -> rx.Component:
    return rx.vstack(
        rx.heading(SubdistrictHomeState.subdistrict_name, size="6", id="subdistrict-name"),
        rx.text(t("subdistrict.home_title"), size="3", color_scheme="gray"),
        rollup_slot(),
        rx.grid(
            rx.link(big_button(rx.icon("plus"), t("subdistrict.new_link")),
                    href=routes.SUBDISTRICT_NEW, underline="none", id="new-community-link"),
            rx.link(big_button(rx.icon("user-plus"), t("subdistrict.loans_link"),
                               variant="soft"),
                    href=routes.SUBDISTRICT_LOANS, underline="none", id="loans-link"),
            columns="2", spacing="3", width="100%",
        ),
        rx.heading(t("subdistrict.communities"), size="5"),
        rx.cond(SubdistrictHomeState.communities.length() > 0,
                rx.foreach(SubdistrictHomeState.communities, _community),
                rx.text(t("subdistrict.none"))),
        rx.button(t("subdistrict.sign_out"), on_click=ShellState.logout, color_scheme="red",
                  variant="soft", size="3", min_height="44px", id="logout"),
        width="100%", spacing="3", id="subdistrict-home",
    )
