"""The private photo viewer: errands (door and receipt photos) and disinfection rounds.

Invariants
- A private photo arrives as a data URL set by a checked handler (`photos.photo_data_url`),
  never as a public URL: nothing here can name a file.
"""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.components.ui import card


def photo_viewer(url: rx.Var, close: rx.event.EventHandler,
                 alt: rx.Var | str = "") -> rx.Component:
    """The photo over the whole screen while `url` is set; `close` clears it.

    Fixed to the screen, not placed in the page: the button that opens it may sit far down
    a long list (a sticky sheet placed above the list rendered above the screen)."""
    return rx.cond(
        url != "",
        rx.box(
            card(
                rx.image(src=url, width="100%", max_height="70vh", object_fit="contain",
                         id="photo-view", alt=alt),
                rx.button(rx.text(t("common.close"), size="5"), size="4", variant="soft",
                          color_scheme="gray", width="100%", min_height="56px",
                          on_click=close, id="photo-close"),
                max_width="600px",
            ),
            position="fixed", inset="0", z_index="30", display="flex",
            align_items="center", justify_content="center", padding="12px",
            background="var(--black-a10)",
            role="dialog", custom_attrs={"aria-modal": "true"},
        ),
    )
