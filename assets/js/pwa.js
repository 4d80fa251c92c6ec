/* 守望 · the PWA head script: service worker registration and the offline banner.
 *
 * Loaded by a plain <script src> in the document head (components/pwa.py), so it is in the
 * prerendered HTML of every page and runs before (or without) React hydrating: an offline
 * reload served from the service worker's cache still shows the banner.
 * ES5 on purpose: it runs un-transpiled on old phones too.
 */
/* The reader's language as the app stored it (sw_lang), for the banners below. */
if (typeof window !== 'undefined' && !window.swLang) {
  window.swLang = function () {
    try {
      var v = String(window.localStorage.getItem('sw_lang') || '');
      return v.indexOf('en') >= 0 ? 'en' : 'zh';
    } catch (e) { return 'zh'; }
  };
}
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
/* The banner tells apart two troubles (components/pwa.py holds the same texts):
 * - no signal: navigator.onLine is false;
 * - the server unreachable while the phone is online: the websocket fails to connect
 *   (the #sw-socket marker the app draws in place of Reflex's connection toast), or an
 *   event failed on the server (swServerTrouble, from state/failures.py), until the
 *   server's health check answers again.
 */
(function () {
  if (typeof window === 'undefined' || typeof document === 'undefined') { return; }
  if (window.__swOfflineBanner) { return; }
  var ID = 'sw-offline-banner';
  var TEXT = '没有信号：已提交的表单保存在手机上，有信号后发送 / No signal: submitted forms are kept on this phone';
  var UNREACHABLE = '服务器暂时连不上：已提交的表单保存在手机上，恢复后发送 / Server unreachable: submitted forms are kept on this phone';
  var MARKER = 'sw-socket';
  var HEALTH_URL = '/_health';
  var PROBE_MS = 3000;
  var STYLE = 'position:fixed;top:0;left:0;right:0;z-index:2147483647;margin:0;' +
    'background:#b91c1c;color:#ffffff;font-size:16px;line-height:1.4;' +
    'font-weight:600;text-align:center;padding:10px 12px;' +
    'padding-top:calc(10px + env(safe-area-inset-top));' +
    'box-shadow:0 2px 6px rgba(0,0,0,.3);' +
    // It only informs: a tap on what it overlaps goes through to it.
    'pointer-events:none;';
  var trouble = null;  // the failed event's message, by language, until the server is back
  var probing = false;
  var shownState = 'ok';

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

  var lang = window.swLang;

  function socketDown() {
    var m = document.getElementById(MARKER);
    return !!(m && m.getAttribute && m.getAttribute('data-sw-down') === '1');
  }

  // 'offline' | 'unreachable' | 'ok': what the banner says, for other scripts (patrol.js).
  function netState() {
    if (navigator.onLine === false) { return 'offline'; }
    return trouble || socketDown() ? 'unreachable' : 'ok';
  }

  // What is really kept on this phone and not yet confirmed: the outbox's forms and the
  // walker's window taps. The banner counts them instead of promising in general.
  function waiting() {
    var n = 0;
    ['sw-outbox', 'sw-patrol'].forEach(function (key) {
      try {
        var box = JSON.parse(window.localStorage.getItem(key) || '{}');
        if (box && typeof box === 'object') { n += Object.keys(box).length; }
      } catch (e) { return; }
    });
    return n;
  }

  function update() {
    // Wait for the whole body: inserting mid-parse could collide with hydration.
    if (document.readyState === 'loading' || !document.body) { return; }
    var state = netState();
    var el = banner();
    var text = state === 'offline' ? TEXT : state === 'unreachable'
      ? (trouble && (trouble[lang()] || trouble.zh)) || UNREACHABLE : TEXT;
    var n = state === 'ok' ? 0 : waiting();
    if (n) { text += '（' + n + ' 项等待发送 / ' + n + ' waiting）'; }
    if (el.setAttribute) { el.setAttribute('data-sw-waiting', String(n)); }
    if (el.textContent !== text) { el.textContent = text; }
    if (el.setAttribute) { el.setAttribute('data-sw-net', state); }
    el.hidden = state === 'ok';
    el.style.display = state === 'ok' ? 'none' : 'block';
    if (state !== shownState) {
      shownState = state;
      if (typeof document.dispatchEvent === 'function' && typeof CustomEvent === 'function') {
        document.dispatchEvent(new CustomEvent('sw-net', { detail: state }));
      }
    }
  }

  // Until the server answers its health check (the state store and the database up).
  function probe() {
    if (!trouble || typeof fetch !== 'function') { probing = false; return; }
    probing = true;
    window.setTimeout(function () {
      fetch(HEALTH_URL, { cache: 'no-store' }).then(function (res) {
        // 404: no health route on this origin (a development split): nothing to wait for.
        if (res.ok || res.status === 404) { trouble = null; update(); }
      }).catch(function () { return null; }).then(probe);
    }, PROBE_MS);
  }

  window.swServerTrouble = function (texts) {
    trouble = texts && typeof texts === 'object' ? texts : {};
    update();
    if (!probing) { probe(); }
  };
  window.swNetState = netState;
  window.__swOfflineBanner = { update: update, id: ID };
  window.addEventListener('offline', update);
  window.addEventListener('online', update);
  window.addEventListener('load', update);
  // A form kept or a window tapped changes what is waiting: count again once it is stored.
  ['submit', 'click'].forEach(function (kind) {
    document.addEventListener(kind, function () { window.setTimeout(update, 50); }, true);
  });

  function start() {
    update();
    // If React ever re-renders <body> from scratch it drops unknown children: put it back.
    // The socket marker's attribute changes as the websocket fails or reconnects.
    if (typeof MutationObserver !== 'undefined' && document.body) {
      new MutationObserver(function () {
        if (!document.getElementById(ID)) { update(); }
      }).observe(document.body, { childList: true });
      new MutationObserver(update).observe(document.body, {
        subtree: true, attributes: true, attributeFilter: ['data-sw-down'] });
    }
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();

/* Reflex's banner when this page was built for an older version of the app than the server
 * it reached (after a deploy): its English words become the reader's language, and its
 * button a thumb-sized target. Its own button still reloads. */
(function () {
  if (typeof window === 'undefined' || typeof document === 'undefined') { return; }
  if (window.__swVersionBanner) { return; }
  var ID = 'reflex-new-version-banner';
  var TEXTS = {
    zh: ['守望已更新，请点“刷新”。已提交的表单和正在填写的内容都保存在手机上。', '刷新'],
    en: ['Shouwang has been updated: tap Reload. Submitted forms and what you are typing are kept on this phone.', 'Reload']
  };

  var lang = window.swLang;

  function translate() {
    var banner = document.getElementById(ID);
    if (!banner || banner.getAttribute('data-sw-lang')) { return; }
    var words = TEXTS[lang()];
    var button = banner.querySelector('button');
    Array.prototype.slice.call(banner.childNodes).forEach(function (node) {
      if (node !== button) { banner.removeChild(node); }
    });
    var text = document.createElement('span');
    text.textContent = words[0];
    banner.insertBefore(text, button || null);
    if (button) {
      button.textContent = words[1];
      button.style.minHeight = '44px';
      button.style.minWidth = '88px';
    }
    banner.style.fontSize = '16px';
    banner.setAttribute('lang', lang() === 'en' ? 'en' : 'zh-CN');
    banner.setAttribute('data-sw-lang', lang());
  }

  window.__swVersionBanner = { translate: translate, id: ID, texts: TEXTS };
  function start() {
    translate();
    if (typeof MutationObserver !== 'undefined' && document.body) {
      new MutationObserver(translate).observe(document.body, { childList: true });
    }
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
