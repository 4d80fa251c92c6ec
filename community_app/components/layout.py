"""The phone shell: a slim header, the page, and a bottom navigation with each role's own tabs."""

from __future__ import annotations

import functools
from collections.abc import Callable

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.ui import lang_switch, messages
from community_app.state.base import AppState
from community_app.state.shell import ShellState

# (route, catalog key, lucide icon) per role, in tab order.
TABS: dict[str, list[tuple[str, str, str]]] = {
    "admin": [
        (routes.HOME, "nav.home", "house"),
        (routes.SURVEY, "nav.survey", "clipboard-list"),
        (routes.LEDGER, "ledger.nav", "table-2"),
        (routes.STAFF, "nav.staff", "users"),
        (routes.ME, "nav.me", "user"),
    ],
    "grid_worker": [
        (routes.HOME, "nav.home", "house"),
        (routes.SURVEY, "nav.survey", "clipboard-list"),
        (routes.ISOLATION, "nav.isolation", "thermometer"),
        (routes.ME, "nav.me", "user"),
    ],
    "volunteer": [
        (routes.HOME, "nav.home", "house"),
        (routes.PATROL, "patrol.nav", "lamp"),
        (routes.ERRANDS, "errands.nav", "shopping-basket"),
        (routes.ME, "nav.me", "user"),
    ],
    "household": [(routes.HOME, "nav.home", "house"), (routes.ME, "nav.me", "user")],
    "subdistrict": [(routes.SUBDISTRICT, "nav.home", "house"),
                    (routes.SUBDISTRICT_LOANS, "subdistrict.nav_loans", "user-plus")],
}


def _tab(route: str, key: str, icon: str) -> rx.Component:
    active = AppState.router.page.path == route
    return rx.link(
        rx.vstack(
            rx.icon(icon, size=24),
            rx.text(t(key), size="2"),
            spacing="0",
            align="center",
        ),
        href=route,
        flex="1",
        min_height="56px",
        display="flex",
        align_items="center",
        justify_content="center",
        color=rx.cond(active, "var(--accent-11)", "var(--gray-11)"),
        underline="none",
        custom_attrs={"data-tab": key},
    )


# The night shell (patrol in progress): near-black ground, light text, no glare.
NIGHT_BG = "#05070d"
NIGHT_PANEL = "#0b1220"
NIGHT_FG = "#f8fafc"
# While the dark page is mounted the page behind it (overscroll, safe areas) is dark too.
NIGHT_BODY_CSS = f"html,body{{background:{NIGHT_BG};color-scheme:dark}}"


def bottom_nav(*, dark: bool = False) -> rx.Component:
    return rx.el.nav(
        rx.match(
            AppState.role,
            *[
                (role, rx.hstack(*[_tab(*tab) for tab in tabs], width="100%", spacing="0"))
                for role, tabs in TABS.items()
            ],
            rx.fragment(),
        ),
        position="fixed",
        bottom="0",
        left="0",
        right="0",
        background=NIGHT_PANEL if dark else "var(--color-panel-solid)",
        border_top="1px solid #475569" if dark else "1px solid var(--gray-a5)",
        padding_bottom="env(safe-area-inset-bottom)",
        z_index="10",
        id="bottom-nav",
        aria_label=t("nav.main"),
    )


def header() -> rx.Component:
    return rx.hstack(
        rx.heading(t("app.name"), size="5", color="var(--red-10)"),
        rx.spacer(),
        lang_switch(),
        width="100%",
        align="center",
        padding_y="8px",
        id="app-header",  # left off printed pages (the door notice)
    )


def frame(content: rx.Component, *, nav: bool = True, dark: bool = False,
          big_messages: bool = False) -> rx.Component:
    """The page inside the phone shell; `dark` draws header, page and navigation dark
    and high-contrast (the night patrol), leaving every other page as it is."""
    # Households (often elderly) get larger text throughout.
    page = rx.box(
        rx.theme(
            rx.vstack(
                header(),
                messages(big=big_messages),
                content,
                spacing="3",
                width="100%",
                max_width="640px",
                margin_x="auto",
                padding_x="12px",
                padding_bottom="96px",
            ),
            scaling=rx.cond(AppState.role == "household", "110%", "100%"),
            **({"has_background": False} if dark else {}),
        ),
        bottom_nav(dark=dark) if nav else rx.fragment(),
        width="100%",
        # clip, not hidden: hidden makes this box a scroller and breaks every sticky bar
        # (the visit form's 保存, the sheets) inside it.
        overflow_x="clip",
        min_height="100vh",
        **({"background": NIGHT_BG, "color": NIGHT_FG} if dark else {}),
    )
    if not dark:
        return page
    # Reflex drops `appearance` from nested themes; Radix's `.dark` class on an ancestor
    # switches every token (gray scale, panels, accents) below it to the dark palette.
    return rx.box(rx.el.style(NIGHT_BODY_CSS), page, class_name="dark", id="night-shell",
                  width="100%")


def shell(route: str, *, on_load: list | None = None, dark: bool = False) -> Callable:
    """Register a signed-in page: the shell is loaded (and the session checked) on every visit.

    `dark=True` gives the page the dark, high-contrast night shell (see `frame`)."""

    def decorate(content: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
        # `wraps` gives the page its own module: Reflex groups a page's memoized components
        # by that module, so what one page uses (recharts on /report) stays in its chunk
        # instead of the layout chunk every signed-in page loads.
        @rx.page(route=route, title="守望", on_load=[ShellState.load_shell, *(on_load or [])])
        @functools.wraps(content)
        def page() -> rx.Component:
            return frame(content(), dark=dark)

        return page

    return decorate
