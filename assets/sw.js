/* 守望 · service worker (served at /sw.js from assets/, so its scope is the whole app).
 *
 * - Never intercepted: Reflex's backend (/_event websocket + polling, /_upload,
 *   /ping, /_health, /_all_routes, /auth-codespace), /auth/ (the session cookie
 *   routes), /export/ and /api/, any
 *   non-GET, any cross-origin request, websockets and range requests. The
 *   worker simply does not call respondWith, so the browser goes to the network.
 * - Page navigations: network-first; offline (or a 5xx from a proxy) falls back
 *   to the cached copy of that page, then to the cached "/" shell, then "/login".
 * - Static assets (/assets/* hashed JS/CSS from the Vite build, fonts, images,
 *   icons, the manifest): cache-first, filled at runtime.
 * - The app's own head scripts and styles (/js/*, /css/* from assets/, not hashed):
 *   precached, then stale-while-revalidate (the cached copy at once, refreshed in the
 *   background), so an offline reload has them and a new version applies on the next load.
 *
 * Bump VERSION whenever this file's caching behaviour changes: activate deletes
 * every older "shouwang-" cache.
 */
'use strict';

const VERSION = 'shouwang-v3';
const CACHE_PREFIX = 'shouwang-';
const PAGES_CACHE = VERSION + '-pages';
const PRECACHE = VERSION + '-precache';
const RUNTIME_CACHE = VERSION + '-runtime';
const CURRENT_CACHES = [PAGES_CACHE, PRECACHE, RUNTIME_CACHE];
const RUNTIME_MAX_ENTRIES = 400;

const SHELL_PAGES = ['/', '/login', '/login/household'];
const PRECACHE_URLS = [
  '/manifest.webmanifest',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/icon-maskable-512.png',
  '/icons/apple-touch-icon.png',
];
// Loaded by every page's head (components/pwa.py APP_SCRIPTS, APP_STYLES).
const APP_FILES = ['/js/pwa.js', '/js/outbox.js', '/js/patrol.js', '/js/sheets.js',
  '/js/drafts.js', '/js/notices.js', '/js/gate.js', '/css/patrol.css', '/css/forms.css'];
const FALLBACK_PAGES = ['/', '/login'];

// Exact path or anything below it. Reflex's backend endpoints come first.
const BYPASS_PATHS = [
  '/_event',
  '/_upload',
  '/ping',
  '/_health',
  '/_all_routes',
  '/auth-codespace',
  '/auth',
  '/export',
  '/api',
];

const STATIC_FILE = /\.(?:woff2?|ttf|otf|eot|png|jpe?g|gif|webp|avif|svg|ico|webmanifest)$/i;

function isBypassed(pathname) {
  return BYPASS_PATHS.some((p) => pathname === p || pathname.startsWith(p + '/'));
}

function isStaticAsset(url) {
  return (
    url.pathname.startsWith('/assets/') ||
    url.pathname.startsWith('/icons/') ||
    url.pathname === '/manifest.webmanifest' ||
    STATIC_FILE.test(url.pathname)
  );
}

function isAppFile(url) {
  return url.pathname.startsWith('/js/') || url.pathname.startsWith('/css/');
}

function pageKey(url) {
  // Pages are static shells; the query (?id=...) is read by the client, so one copy per path.
  return url.origin + url.pathname;
}

// A navigation must not be answered with a response that was itself redirected
// (e.g. "/login" -> "/login/"): browsers reject it. Re-wrap such responses.
async function servable(response) {
  if (!response || !response.redirected) {
    return response;
  }
  const body = await response.blob();
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

async function addAll(cacheName, urls) {
  const cache = await caches.open(cacheName);
  // One failing URL (404, offline, redirect loop) must not fail the whole install.
  return Promise.allSettled(urls.map((u) => cache.add(new Request(u, { cache: 'reload' }))));
}

// The shell pages reference their hashed JS/CSS; cache those too, so an offline
// reload right after the first visit can still hydrate the app.
async function precacheShellAssets() {
  const pages = await caches.open(PAGES_CACHE);
  const found = new Set();
  for (const path of SHELL_PAGES) {
    try {
      const response = await pages.match(path);
      if (!response) {
        continue;
      }
      const html = await response.text();
      const re = /["'](\/assets\/[^"'?#\s]+)["']/g;
      let m;
      while ((m = re.exec(html)) !== null) {
        found.add(m[1]);
      }
    } catch (err) {
      // ignore: a page we cannot read just contributes nothing
    }
  }
  await cacheIfMissing(Array.from(found));
}

async function cacheIfMissing(paths) {
  const cache = await caches.open(RUNTIME_CACHE);
  const missing = [];
  for (const path of paths) {
    if (!(await caches.match(path, { ignoreVary: true }))) {
      missing.push(path);
    }
  }
  await Promise.allSettled(missing.map((p) => cache.add(p)));
  await trimRuntime();
}

async function trimRuntime() {
  const cache = await caches.open(RUNTIME_CACHE);
  const keys = await cache.keys();
  // keys() is in insertion order: drop the oldest.
  for (let i = 0; i < keys.length - RUNTIME_MAX_ENTRIES; i++) {
    await cache.delete(keys[i]);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      try {
        await Promise.allSettled([
          addAll(PAGES_CACHE, SHELL_PAGES),
          addAll(PRECACHE, PRECACHE_URLS.concat(APP_FILES)),
        ]);
        await precacheShellAssets();
      } catch (err) {
        // never fail the install over the cache
      }
      await self.skipWaiting();
    })()
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      try {
        const names = await caches.keys();
        await Promise.all(
          names
            .filter((n) => n.startsWith(CACHE_PREFIX) && !CURRENT_CACHES.includes(n))
            .map((n) => caches.delete(n))
        );
      } catch (err) {
        // an old cache left behind is harmless
      }
      await self.clients.claim();
    })()
  );
});

// The page posts the same-origin static URLs it loaded before this worker
// controlled it ({type: 'CACHE_URLS', urls: [...]}); only static assets are kept.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'CACHE_URLS' || !Array.isArray(data.urls)) {
    return;
  }
  const paths = [];
  for (const raw of data.urls.slice(0, 300)) {
    try {
      const url = new URL(String(raw), self.location.origin);
      if (url.origin === self.location.origin && !isBypassed(url.pathname) &&
          (isStaticAsset(url) || isAppFile(url))) {
        paths.push(url.pathname + url.search);
      }
    } catch (err) {
      // not a URL: skip
    }
  }
  event.waitUntil(cacheIfMissing(paths).catch(() => undefined));
});

async function cachedPage(url) {
  const cache = await caches.open(PAGES_CACHE);
  const path = url.pathname;
  const alternate = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path + '/';
  for (const candidate of [path, alternate, ...FALLBACK_PAGES]) {
    const hit = await cache.match(url.origin + candidate, { ignoreSearch: true, ignoreVary: true });
    if (hit) {
      return servable(hit);
    }
  }
  return null;
}

function offlinePage() {
  const html =
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>守望 · 离线</title></head>' +
    '<body style="font-family:sans-serif;font-size:18px;padding:24px">' +
    '<p role="alert" style="background:#b91c1c;color:#fff;padding:12px">' +
    '网络已断开：已填写的内容不会丢失，恢复后继续 / Offline</p>' +
    '<p><button onclick="location.reload()" style="font-size:18px;padding:8px 16px">' +
    '重试 / Retry</button></p></body></html>';
  return new Response(html, {
    status: 503,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

async function networkFirstPage(event, url) {
  let response = null;
  try {
    response = await fetch(event.request);
  } catch (err) {
    response = null; // offline or the connection dropped
  }
  if (response && response.status < 500) {
    if (response.ok && response.type === 'basic') {
      const copy = response.clone();
      event.waitUntil(
        caches
          .open(PAGES_CACHE)
          .then((cache) => cache.put(pageKey(url), copy))
          .catch(() => undefined)
      );
    }
    return response;
  }
  const cached = await cachedPage(url);
  if (cached) {
    return cached;
  }
  return response || offlinePage();
}

async function cacheFirst(event) {
  const request = event.request;
  const cached = await caches.match(request, { ignoreVary: true });
  if (cached) {
    return cached;
  }
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    event.waitUntil(
      caches
        .open(RUNTIME_CACHE)
        .then((cache) => cache.put(request, copy))
        .then(trimRuntime)
        .catch(() => undefined)
    );
  }
  return response;
}

async function staleWhileRevalidate(event) {
  const request = event.request;
  const cached = await caches.match(request, { ignoreVary: true });
  const fresh = fetch(request)
    .then(async (response) => {
      if (response.ok && response.type === 'basic') {
        const cache = await caches.open(PRECACHE);
        await cache.put(request, response.clone());
      }
      return response;
    })
    .catch(() => null);
  if (cached) {
    event.waitUntil(fresh.then(() => undefined));
    return cached;
  }
  return (await fresh) || Response.error();
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') {
    return;
  }
  let url;
  try {
    url = new URL(request.url);
  } catch (err) {
    return;
  }
  if (url.origin !== self.location.origin) {
    return; // cross-origin
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return;
  }
  if (isBypassed(url.pathname)) {
    return; // /_event, /_upload, /ping, /_health, /export/, /api/ ...
  }
  if ((request.headers.get('upgrade') || '').toLowerCase() === 'websocket') {
    return;
  }
  if (request.headers.has('range')) {
    return;
  }
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') {
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(networkFirstPage(event, url));
    return;
  }
  if (isAppFile(url)) {
    event.respondWith(staleWhileRevalidate(event));
    return;
  }
  if (isStaticAsset(url)) {
    event.respondWith(cacheFirst(event));
  }
});
