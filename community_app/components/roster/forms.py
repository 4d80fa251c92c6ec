"""Form controls of the roster pages: labelled inputs, selects and ticks, thumb-sized."""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.components.ui import label_for

BOX = {"width": "28px", "height": "28px"}
SELECT = {"width": "100%", "minHeight": "48px", "fontSize": "16px"}


def labelled(key: str, control_id: str, control: rx.Component) -> rx.Component:
    return rx.vstack(label_for(t(key), control_id, size="3", weight="medium"), control,
                     spacing="1", width="100%")


def text_in(key: str, name: str, element_id: str, **props) -> rx.Component:
    return labelled(key, element_id, rx.input(name=name, id=element_id, size="3",
                                              width="100%", **props))


def tick(name: str, label: rx.Var, element_id: str) -> rx.Component:
    return rx.el.label(
        rx.el.input(type="checkbox", name=name, id=element_id, style=BOX),
        rx.text(label, size="4"),
        display="flex", align_items="center", gap="12px", min_height="48px",
    )


def select(key: str, name: str, element_id: str, *options: rx.Component) -> rx.Component:
    return labelled(key, element_id, rx.el.select(*options, name=name, id=element_id,
                                                  style=SELECT))
