"""The review of self-fills (/survey/review): each proposed register change is its own tick.

A card shows every submitted member against the register; nothing is ticked to start with,
so accepting without a tick records only the round's answers and leaves the register as it
is. A change that takes someone off a watch list says so in red.
"""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import card
from community_app.services.survey.self_fill_review import (
    GROUPS,
    FieldChange,
    MemberDiff,
    PendingFill,
)
from community_app.state.survey.self_fill import CHANGE, ReviewState

LABELS = {"sex": "survey.sex", "birth_year": "survey.birth_year", "phone": "survey.phone",
          "moved_away": "survey.moved_away", **{g: f"survey.group.{g}" for g in GROUPS}}


def _label(field: rx.Var) -> rx.Component:
    return rx.match(field, *[(name, t(key)) for name, key in LABELS.items()], field)


def _value(kind: rx.Var, value: rx.Var) -> rx.Component:
    return rx.match(
        kind,
        ("flag", rx.cond(value == "1", t("ledger.yes"), t("ledger.no"))),
        ("sex", rx.cond(value == "female", t("survey.sex.female"), t("survey.sex.male"))),
        rx.cond(value == "", t("selffill.empty"), value),
    )


def _tick(name: rx.Var, *content: rx.Component, **props) -> rx.Component:
    """A checkbox with the whole 48px row as its target; unticked to start with."""
    return rx.el.label(
        rx.el.input(type="checkbox", name=CHANGE + name, value="1",
                    style={"width": "22px", "height": "22px", "flex-shrink": "0"}),
        rx.vstack(*content, spacing="0", width="100%"),
        display="flex", align_items="center", gap="8px", min_height="48px",
        padding_x="10px", border="1px solid var(--gray-a6)", border_radius="8px",
        width="100%", **props,
    )


def _change(change: FieldChange) -> rx.Component:
    return _tick(
        change.key,
        rx.text(_label(change.field), size="3", weight="bold"),
        rx.text(t("selffill.register"), ": ", _value(change.kind, change.register), " → ",
                t("selffill.proposed"), ": ", _value(change.kind, change.proposed), size="3"),
        rx.cond(change.watch, rx.text(t("selffill.watch"), size="2", color_scheme="red")),
        custom_attrs={"data-change": change.key},
    )


def _member(member: MemberDiff) -> rx.Component:
    return rx.vstack(
        rx.text(member.summary, size="3", weight="medium"),
        rx.cond(
            member.new,
            _tick(member.key, rx.text(t("selffill.new_member"), size="3"),
                  custom_attrs={"data-change": member.key}),
            rx.cond(member.changes.length() > 0, rx.foreach(member.changes, _change),
                    rx.text(t("selffill.same"), size="2", color_scheme="gray")),
        ),
        spacing="1", width="100%",
    )


def _pending(item: PendingFill) -> rx.Component:
    return card(
        rx.text(item.place, size="4", weight="bold"),
        rx.cond(item.same_household > 0,
                rx.callout(t("selffill.several"), color_scheme="orange", size="1")),
        rx.form(
            rx.vstack(
                rx.el.input(type="hidden", name="fill_id", value=item.id.to_string()),
                rx.foreach(item.members, _member),
                rx.cond(item.needs != "", rx.text(t("survey.needs"), ": ", item.needs, size="3")),
                rx.cond(item.note != "", rx.text(item.note, size="2", color_scheme="gray")),
                rx.hstack(
                    rx.button(t("selffill.accept"), type="submit", size="3", min_height="48px",
                              flex="1"),
                    rx.button(t("selffill.reject"), type="button", size="3", min_height="48px",
                              variant="soft", color_scheme="gray",
                              on_click=ReviewState.reject(item.id)),
                    width="100%",
                ),
                spacing="2", width="100%",
            ),
            on_submit=ReviewState.accept,
            width="100%",
        ),
        custom_attrs={"data-pending": item.place},
    )


@shell(routes.SURVEY_REVIEW, on_load=[ReviewState.load])
def review_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("selffill.review"), size="6"),
        rx.text(t("selffill.review_hint"), size="3", color_scheme="gray"),
        rx.cond(ReviewState.queue.length() > 0, rx.foreach(ReviewState.queue, _pending),
                rx.text(t("selffill.review_empty"), size="4")),
        width="100%",
        spacing="3",
    )
