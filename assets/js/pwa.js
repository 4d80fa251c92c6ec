/* 守望 · the PWA head script: service worker registration and the offline banner.
 *
 * Loaded by a plain <script src> in the document head (components/pwa.py), so it is in the
 * prerendered HTML of every page and runs before (or without) React hydrating: an offline
 * reload served from the service worker's cache still shows the banner.
 * ES5 on purpose: it runs un-transpiled on old phones too.
 */
(function () {
  if (typeof window === 'undefined' || !('serviceWorker' in navigator)) { return; }
  var SW_URL = '/sw.js';

  // Assets loaded before the worker took control never went through it: hand it
  // the same-origin static URLs so an offline reload can still start the app.
  function warm(registration) {
    var worker = registration && registration.active;
    if (!worker || !window.performance || !performance.getEntriesByType) { return; }
    var urls = [];
    performance.getEntriesByType('resource').forEach(function (entry) {
      try {
        var url = new URL(entry.name);
        var path = url.pathname;
        if (url.origin === location.origin && (path.indexOf('/assets/') === 0 ||
            path.indexOf('/js/') === 0 || path.indexOf('/css/') === 0)) {
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
(function () {
  if (typeof window === 'undefined' || typeof document === 'undefined') { return; }
  if (window.__swOfflineBanner) { return; }
  var ID = 'sw-offline-banner';
  var TEXT = '网络已断开：已填写的内容不会丢失，恢复后继续 / Offline';
  var STYLE = 'position:fixed;top:0;left:0;right:0;z-index:2147483647;margin:0;' +
    'background:#b91c1c;color:#ffffff;font-size:16px;line-height:1.4;' +
    'font-weight:600;text-align:center;padding:10px 12px;' +
    'padding-top:calc(10px + env(safe-area-inset-top));' +
    'box-shadow:0 2px 6px rgba(0,0,0,.3);';

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
