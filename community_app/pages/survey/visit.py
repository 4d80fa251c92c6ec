"""The visit form, laid out for one thumb: outcome first, then each resident as a card."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.survey.resident_form import choice, resident_card, text_input
from community_app.components.ui import big_button, uuid_field
from community_app.models import Outcome
from community_app.state.survey.visit import VisitState

ACTIONS = ("evening_revisit", "phone", "door_notice", "intercom")


def _outcomes() -> rx.Component:
    return rx.grid(
        *[choice("outcome", o.value, t(f"survey.outcome.{o.value}"), o == Outcome.door,
                  on_change=VisitState.choose_outcome(o.value), id=f"outcome-{o.value}")
          for o in Outcome],
        columns="2", spacing="2", width="100%",
    )


@shell(routes.SURVEY_VISIT, on_load=[VisitState.load])
def survey_visit_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("survey.visit"), " · ", VisitState.place, size="5", id="visit-place"),
        rx.text(t("survey.round_shown"), VisitState.round_name, size="2", id="visit-round"),
        rx.form(
            rx.vstack(
                uuid_field(),
                rx.el.input(type="hidden", name="household_id",
                            value=VisitState.household_id.to_string()),
                rx.el.input(type="hidden", name="round_id",
                            value=VisitState.round_id.to_string()),
                rx.text(t("survey.outcome"), weight="bold"),
                _outcomes(),
                rx.cond(
                    VisitState.failed_outcome,
                    rx.vstack(
                        rx.text(t("survey.next_action"), weight="bold"),
                        rx.grid(*[choice("next_action", a, t(f"survey.action.{a}"),
                                          a == "evening_revisit") for a in ACTIONS],
                                columns="2", spacing="2", width="100%"),
                        width="100%",
                    ),
                    rx.vstack(
                        rx.text(t("survey.residents"), weight="bold"),
                        rx.foreach(VisitState.residents, resident_card),
                        rx.button(t("survey.add_resident"), type="button", size="3",
                                  variant="soft", on_click=VisitState.add_resident,
                                  width="100%", min_height="48px", id="add-resident"),
                        text_input(t("survey.needs"), "needs", VisitState.needs),
                        width="100%",
                    ),
                ),
                text_input(t("survey.note"), "note", VisitState.note),
                big_button(t("survey.save"), type="submit", id="save-visit"),
                spacing="3",
                width="100%",
            ),
            on_submit=VisitState.save,
            id="visit-form",
            # What is typed is kept on the phone per household until saved (drafts.js): a
            # remount with the register's values after a lost state cannot replace it.
            custom_attrs={"data-sw-outbox": "visit",
                          "data-sw-draft": "visit:" + VisitState.household_id.to_string()},
            key=VisitState.household_id.to_string(),
            width="100%",
        ),
        # Needs recorded on an earlier save: the on-behalf errand form, pre-filled from them.
        rx.cond(
            (VisitState.needs != "") & (VisitState.need_id > 0),
            rx.link(big_button(rx.icon("shopping-basket"), t("errands.needs_convert"),
                               variant="soft", type="button"),
                    href=routes.ERRAND_ASK + "?need=" + VisitState.need_id.to_string(),
                    width="100%", id="visit-convert-need"),
        ),
        # A returnee or a contact found here: home isolation starts from this household.
        rx.link(big_button(t("isolation.start_for_household"), variant="soft",
                           color_scheme="orange", type="button"),
                href=routes.ISOLATION_NEW + "?household=" + VisitState.household_id.to_string(),
                width="100%", id="visit-start-isolation"),
        rx.link(t("survey.back_building"), href=routes.SURVEY, size="3"),
        width="100%",
        spacing="3",
    )
