"""Admin: end the campaign — see what would be erased, what blocks it, then erase for good."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import big_button, card, label_for, uuid_field
from community_app.state.base import AppState
from community_app.state.campaign_end import CampaignState, CountRow


def _count_row(row: CountRow) -> rx.Component:
    return rx.hstack(
        rx.text(rx.cond(AppState.is_en, row.en, row.zh), size="3"),
        rx.spacer(),
        rx.text(row.n, size="3", weight="bold"),
        width="100%",
        custom_attrs={"data-kind": row.kind},
    )


def _blockers() -> rx.Component:
    return rx.cond(
        CampaignState.blockers.length() > 0,
        card(
            rx.text(t("campaign.blocked_heading"), size="4", weight="bold",
                    color="var(--orange-11)"),
            rx.foreach(CampaignState.blockers, _count_row),
            rx.text(t("campaign.blocked_hint"), size="2"),
            background="var(--orange-a3)",
            id="campaign-blockers",
        ),
    )


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            uuid_field(),
            label_for(rx.fragment(t("campaign.confirm_label"), " ",
                                  rx.text.strong(CampaignState.community_name)),
                      "campaign-confirm", size="3"),
            rx.input(name="confirm", size="3", width="100%", id="campaign-confirm",
                     auto_complete="off"),
            big_button(t("campaign.go"), type="submit", color_scheme="red", id="campaign-go",
                       disabled=CampaignState.blockers.length() > 0),
            spacing="3",
            width="100%",
        ),
        on_submit=CampaignState.end,
        id="campaign-form",
        width="100%",
    )


@shell(routes.CAMPAIGN_END, on_load=[CampaignState.load])
def campaign_end_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("campaign.title"), size="6"),
        rx.callout(t("campaign.intro"), color_scheme="red", width="100%"),
        card(
            rx.text(t("campaign.print_first"), size="3"),
            rx.link(t("campaign.report_link"), href=routes.REPORT, size="3"),
        ),
        card(
            rx.text(t("campaign.erased_heading"), size="4", weight="bold"),
            rx.cond(
                CampaignState.erasable.length() > 0,
                rx.vstack(rx.foreach(CampaignState.erasable, _count_row), width="100%",
                          id="campaign-erasable"),
                rx.text(t("campaign.nothing"), size="3", id="campaign-nothing"),
            ),
        ),
        card(rx.text(t("campaign.kept"), size="2", color_scheme="gray")),
        _blockers(),
        rx.cond(
            CampaignState.last_purged != "",
            rx.text(t("campaign.last"), " ", CampaignState.last_purged, size="2",
                    id="campaign-last"),
        ),
        _form(),
        width="100%",
        spacing="3",
    )
