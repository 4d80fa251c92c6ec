"""The private photo viewer of the errands pages (door and receipt photos).

Invariants
- A private photo arrives as a data URL set by a checked handler (`photos.photo_data_url`),
  never as a public URL: nothing here can name a file.
"""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.components.ui import sheet


def photo_viewer(url: rx.Var, close: rx.event.EventHandler) -> rx.Component:
    """A sheet showing the photo while `url` is set; `close` clears it."""
    return rx.cond(
        url != "",
        sheet(
            rx.image(src=url, width="100%", max_height="60vh", object_fit="contain",
                     id="photo-view", alt=""),
            rx.button(rx.text(t("common.close"), size="5"), size="4", variant="soft",
                      color_scheme="gray", width="100%", on_click=close),
        ),
    )
