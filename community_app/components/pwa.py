"""PWA head tags: manifest, theme colour, iOS home-screen tags, the service worker
registration and the offline banner.

Pass ``head_components()`` to ``rx.App(head_components=...)``. Everything here is in
the document root, so it is in the prerendered HTML of every page and works before
(or without) React hydrating: an offline reload served from the service worker's
cache still shows the banner.

No script is inline (the Content-Security-Policy allows none but React Router's own,
by hash): every script is a file under ``assets/js/`` (served at ``/js/...``), loaded by a
plain ``rx.el.script(src=...)``, not ``rx.script``: ``rx.script`` wraps the tag in
react-helmet, which only inserts it on the client after hydration. The other files live
in ``assets/`` too: ``manifest.webmanifest``, ``sw.js`` and ``icons/``
(``scripts/make_icons.py``). The service worker precaches every head file (``APP_FILES``).

No viewport meta is added: Reflex already emits
``<meta name="viewport" content="width=device-width, initial-scale=1">`` unless a
head component named "viewport" is given.
"""

from __future__ import annotations

import reflex as rx
from reflex.components.core.banner import has_connection_errors

from community_app.i18n import tr

THEME_COLOR = "#b91c1c"
MANIFEST_URL = "/manifest.webmanifest"
SERVICE_WORKER_URL = "/sw.js"
APPLE_TOUCH_ICON_URL = "/icons/apple-touch-icon.png"
OFFLINE_BANNER_ID = "sw-offline-banner"

def _both(key: str) -> str:
    return f"{tr(key, 'zh')} / {tr(key, 'en')}"


# The banner is drawn before React (and the language store) is there, so it speaks both
# languages; assets/js/pwa.js holds these exact texts (tests/test_pwa.py checks).
OFFLINE_TEXT = _both("app.no_signal")  # navigator.onLine is false
UNREACHABLE_TEXT = _both("app.server_unreachable")  # online, but the socket cannot connect
SOCKET_MARKER_ID = "sw-socket"
# Reflex's own banner when a page built for an older version meets the new backend (after a
# deploy, if it reloaded a moment ago): its English words are replaced in the reader's
# language (assets/js/pwa.js holds these exact texts; tests/test_pwa.py checks).
NEW_VERSION_BANNER_ID = "reflex-new-version-banner"
NEW_VERSION_TEXTS = {lang: (tr("app.new_version", lang), tr("app.reload", lang))
                     for lang in ("zh", "en")}
# Service worker registration and the offline banner (assets/js/pwa.js holds the id and text).
PWA_SCRIPT_URL = "/js/pwa.js"


def script(src: str) -> rx.Component:
    """A plain ``<script src>`` in the head: in the prerendered HTML, run while parsing."""
    return rx.el.script(src=src)


def stylesheet(href: str) -> rx.Component:
    return rx.el.link(rel="stylesheet", href=href)


def socket_marker() -> rx.Component:
    """In place of Reflex's connection overlay (its English "Cannot connect to server"
    toast): a hidden element whose `data-sw-down` says whether the websocket fails to
    connect, which the banner script (assets/js/pwa.js) reads."""
    return rx.el.div(id=SOCKET_MARKER_ID, hidden=True,
                     custom_attrs={"data-sw-down": rx.cond(has_connection_errors, "1", "0")})


def head_components() -> list:
    """Components for ``rx.App(head_components=...)``."""
    return [
        rx.el.link(rel="manifest", href=MANIFEST_URL),
        rx.el.meta(name="theme-color", content=THEME_COLOR),
        rx.el.link(rel="apple-touch-icon", href=APPLE_TOUCH_ICON_URL),
        rx.el.meta(name="apple-mobile-web-app-capable", content="yes"),
        rx.el.meta(name="mobile-web-app-capable", content="yes"),
        rx.el.meta(name="apple-mobile-web-app-title", content="守望"),
        script(PWA_SCRIPT_URL),
    ]
