"""/survey/followups: the households tried and not reached, each with its next action."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.survey.followup_card import followup_card
from community_app.state.survey.followups import SurveyFollowupsState


@shell(routes.SURVEY_FOLLOWUPS, on_load=[SurveyFollowupsState.load])
def survey_followups_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("survey.followup_title"), size="6"),
        rx.cond(SurveyFollowupsState.followups.length() > 0,
                rx.foreach(SurveyFollowupsState.followups, followup_card),
                rx.text(t("survey.followup_empty"), size="4")),
        width="100%",
        spacing="3",
    )
