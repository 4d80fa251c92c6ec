"""The visit form, laid out for one thumb: the household, the outcome, each resident as a
short row (name, at home, temperature) with the rest folded, and 保存 always on screen.

Everything that switches on the form is the browser's own (radio, <details>, CSS), so the
form works with no signal; the outbox keeps it when saved and the draft while typed.
"""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.survey.resident_form import (
    choice,
    fold,
    resident_card,
    resident_row,
    text_input,
)
from community_app.components.ui import NAV_CLEARANCE, big_button, uuid_field
from community_app.models import FAILED_OUTCOMES, Outcome
from community_app.state.survey.visit import SPARE_ROWS, VisitState

ACTIONS = ("evening_revisit", "phone", "door_notice", "intercom")
FAILED = {o.value for o in FAILED_OUTCOMES}
COMMON = (Outcome.door, Outcome.phone, Outcome.not_home)


def _outcome(o: Outcome) -> rx.Component:
    return choice("outcome", o.value, t(f"survey.outcome.{o.value}"), o == Outcome.door,
                  id=f"outcome-{o.value}",
                  custom_attrs={"data-failed": "1"} if o.value in FAILED else {})


def _outcomes() -> rx.Component:
    """The three a worker uses all day in view, the rest one tap away (still one radio
    group: the form sends whichever is chosen)."""
    rest = [o for o in Outcome if o not in COMMON]
    return rx.vstack(
        rx.grid(*[_outcome(o) for o in COMMON], columns="3", spacing="2", width="100%"),
        fold(t("survey.other_outcomes"),
             rx.grid(*[_outcome(o) for o in rest], columns="2", spacing="2", width="100%"),
             id="other-outcomes"),
        width="100%", spacing="1", role="radiogroup", aria_label=t("survey.outcome"),
    )


def _spare(k: int) -> rx.Component:
    """A blank row kept folded: a new member can be added with no signal."""
    i = VisitState.residents.length() + k
    return fold(t("survey.add_resident"), resident_card(VisitState.blank, i),
                is_open=VisitState.residents.length() == 0 if k == 0 else False,
                id="add-resident-" + str(k))


def _save_bar() -> rx.Component:
    """Pinned above the bottom navigation: 保存 is on screen wherever the thumb is."""
    return rx.box(
        big_button(rx.icon("save"), t("survey.save"), type="submit", id="save-visit"),
        position="sticky", bottom=NAV_CLEARANCE, z_index="5", width="100%",
        padding_y="8px", background="var(--color-background)",
    )


@shell(routes.SURVEY_VISIT, on_load=[VisitState.load])
def survey_visit_page() -> rx.Component:
    return rx.vstack(
        rx.heading(VisitState.place, size="5", id="visit-place"),
        rx.text(t("survey.round_shown"), VisitState.round_name, size="2", id="visit-round"),
        rx.form(
            rx.vstack(
                uuid_field(),
                rx.el.input(type="hidden", name="household_id",
                            value=VisitState.household_id.to_string()),
                rx.el.input(type="hidden", name="round_id",
                            value=VisitState.round_id.to_string()),
                _outcomes(),
                rx.vstack(
                    rx.text(t("survey.next_action"), weight="bold"),
                    rx.grid(*[choice("next_action", a, t(f"survey.action.{a}"),
                                     a == "evening_revisit") for a in ACTIONS],
                            columns="2", spacing="2", width="100%"),
                    width="100%", custom_attrs={"data-sw-when": "failed"},
                ),
                rx.vstack(
                    rx.foreach(VisitState.residents, resident_row),
                    *[_spare(k) for k in range(SPARE_ROWS)],
                    fold(t("survey.needs"), text_input(t("survey.needs"), "needs",
                                                       VisitState.needs),
                         is_open=VisitState.needs != "", id="needs-fold"),
                    width="100%", spacing="2", custom_attrs={"data-sw-when": "reached"},
                ),
                fold(t("survey.note"), text_input(t("survey.note"), "note", VisitState.note),
                     is_open=VisitState.note != "", id="note-fold"),
                _save_bar(),
                spacing="3",
                width="100%",
            ),
            on_submit=VisitState.save,
            id="visit-form",
            # What is typed is kept on the phone per household until saved (drafts.js): a
            # remount with the register's values after a lost state cannot replace it.
            custom_attrs={"data-sw-outbox": "visit",
                          "data-sw-draft": "visit:" + VisitState.household_id.to_string()},
            key=VisitState.household_id.to_string() + ":" + VisitState.drawn.to_string(),
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
        rx.link(big_button(t("survey.back_building"), variant="outline", type="button"),
                href=routes.SURVEY_BUILDING + "?id=" + VisitState.building_id.to_string(),
                width="100%", id="visit-back-building"),
        width="100%",
        spacing="3",
    )
