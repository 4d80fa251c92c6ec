"""Parts of the donations pages: a labelled input, a tick box, one goods line."""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.components.ui import label_for
from community_app.services.donations.record import GoodsLine

BOX = {"width": "28px", "height": "28px"}


def line(label: str, name: str, element_id: str | rx.Var, **props) -> rx.Component:
    return rx.vstack(label_for(t(label), element_id, size="3", weight="medium"),
                     rx.input(name=name, id=element_id, size="3", width="100%", **props),
                     spacing="1", width="100%")


def tick(name: str, label: str) -> rx.Component:
    return rx.el.label(rx.el.input(type="checkbox", name=name, style=BOX),
                       rx.text(t(label), size="4"), display="flex", align_items="center",
                       gap="12px", min_height="48px")


def goods_text(g: GoodsLine) -> rx.Component:
    return rx.text(g.item, " ", g.quantity, " ", g.unit, size="3")
