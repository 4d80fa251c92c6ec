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

THEME_COLOR = "#b91c1c"
MANIFEST_URL = "/manifest.webmanifest"
SERVICE_WORKER_URL = "/sw.js"
APPLE_TOUCH_ICON_URL = "/icons/apple-touch-icon.png"
OFFLINE_BANNER_ID = "sw-offline-banner"
OFFLINE_TEXT = "网络已断开：已填写的内容不会丢失，恢复后继续 / Offline"
# Service worker registration and the offline banner (assets/js/pwa.js holds the id and text).
PWA_SCRIPT_URL = "/js/pwa.js"


def script(src: str) -> rx.Component:
    """A plain ``<script src>`` in the head: in the prerendered HTML, run while parsing."""
    return rx.el.script(src=src)


def stylesheet(href: str) -> rx.Component:
    return rx.el.link(rel="stylesheet", href=href)


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
