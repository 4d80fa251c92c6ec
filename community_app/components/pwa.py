"""PWA head tags: manifest, theme colour, iOS home-screen tags, the service worker
registration and the offline banner.

Pass ``head_components()`` to ``rx.App(head_components=...)``. Everything here is in
the document root, so it is in the prerendered HTML of every page and works before
(or without) React hydrating: an offline reload served from the service worker's
cache still shows the banner.

The inline script is a plain ``rx.el.script``, not ``rx.script``: ``rx.script``
wraps the tag in react-helmet, which only inserts it on the client after
hydration. The files it refers to live in ``assets/`` (served at the site root):
``manifest.webmanifest``, ``sw.js`` and ``icons/`` (``scripts/make_icons.py``).

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

_BANNER_STYLE = (
    "position:fixed;top:0;left:0;right:0;z-index:2147483647;margin:0;"
    f"background:{THEME_COLOR};color:#ffffff;font-size:16px;line-height:1.4;"
    "font-weight:600;text-align:center;padding:10px 12px;"
    "padding-top:calc(10px + env(safe-area-inset-top));"
    "box-shadow:0 2px 6px rgba(0,0,0,.3);"
)

# ES5 on purpose: it runs un-transpiled in the head of every page, on old phones too.
_BANNER_JS = """
(function () {
  if (typeof window === 'undefined' || typeof document === 'undefined') { return; }
  if (window.__swOfflineBanner) { return; }
  var ID = __ID__;
  var TEXT = __TEXT__;
  var STYLE = __STYLE__;

  function banner() {
    var el = document.getElementById(ID);
    if (!el) {
      el = document.createElement('div');
      el.id = ID;
      el.setAttribute('role', 'alert');
      el.setAttribute('aria-live', 'assertive');
      el.setAttribute('lang', 'zh-CN');
      el.textContent = TEXT;
      el.style.cssText = STYLE;
    }
    if (!el.parentNode) {
      // Appended last in <body>, after the server-rendered markup, so React's
      // hydration skips over it.
      document.body.appendChild(el);
    }
    return el;
  }

  function update() {
    // Wait for the whole body: inserting mid-parse could collide with hydration.
    if (document.readyState === 'loading' || !document.body) { return; }
    var offline = navigator.onLine === false;
    var el = banner();
    el.hidden = !offline;
    el.style.display = offline ? 'block' : 'none';
  }

  window.__swOfflineBanner = { update: update, id: ID };
  window.addEventListener('offline', update);
  window.addEventListener('online', update);
  window.addEventListener('load', update);

  function start() {
    update();
    // If React ever re-renders <body> from scratch it drops unknown children: put it back.
    if (typeof MutationObserver !== 'undefined' && document.body) {
      new MutationObserver(function () {
        if (!document.getElementById(ID)) { update(); }
      }).observe(document.body, { childList: true });
    }
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
"""

_REGISTER_JS = """
(function () {
  if (typeof window === 'undefined' || !('serviceWorker' in navigator)) { return; }
  var SW_URL = __SW_URL__;

  // Assets loaded before the worker took control never went through it: hand it
  // the same-origin static URLs so an offline reload can still start the app.
  function warm(registration) {
    var worker = registration && registration.active;
    if (!worker || !window.performance || !performance.getEntriesByType) { return; }
    var urls = [];
    performance.getEntriesByType('resource').forEach(function (entry) {
      try {
        var url = new URL(entry.name);
        if (url.origin === location.origin && url.pathname.indexOf('/assets/') === 0) {
          urls.push(url.pathname + url.search);
        }
      } catch (e) { /* not a URL */ }
    });
    if (urls.length) { worker.postMessage({ type: 'CACHE_URLS', urls: urls }); }
  }

  function register() {
    navigator.serviceWorker.register(SW_URL, { scope: '/' })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(warm)
      .catch(function (err) {
        if (window.console) { console.warn('service worker not registered', err); }
      });
  }

  if (document.readyState === 'complete') { register(); }
  else { window.addEventListener('load', register); }
})();
"""


def _js_string(value: str) -> str:
    """A single-quoted JS string literal (the values here are plain text and CSS)."""
    escaped = value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
    return f"'{escaped}'"


def offline_banner_script() -> str:
    """JS that creates the offline banner (``#sw-offline-banner``) and keeps it in sync
    with ``navigator.onLine`` and the ``online`` / ``offline`` events."""
    return (
        _BANNER_JS.replace("__ID__", _js_string(OFFLINE_BANNER_ID))
        .replace("__TEXT__", _js_string(OFFLINE_TEXT))
        .replace("__STYLE__", _js_string(_BANNER_STYLE))
    )


def service_worker_script() -> str:
    """JS that registers ``/sw.js`` on window load when service workers are supported."""
    return _REGISTER_JS.replace("__SW_URL__", _js_string(SERVICE_WORKER_URL))


def pwa_script() -> str:
    """The inline script in the head: service worker registration, then the banner."""
    return service_worker_script() + offline_banner_script()


def head_components() -> list:
    """Components for ``rx.App(head_components=...)``."""
    return [
        rx.el.link(rel="manifest", href=MANIFEST_URL),
        rx.el.meta(name="theme-color", content=THEME_COLOR),
        rx.el.link(rel="apple-touch-icon", href=APPLE_TOUCH_ICON_URL),
        rx.el.meta(name="apple-mobile-web-app-capable", content="yes"),
        rx.el.meta(name="mobile-web-app-capable", content="yes"),
        rx.el.meta(name="apple-mobile-web-app-title", content="守望"),
        rx.el.script(pwa_script()),
    ]
