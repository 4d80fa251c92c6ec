/* 守望 · the walker's window taps kept in the browser until the server confirms them.
 *
 * See components/patrol/offline.py for what the page marks up (data-sw-mark, data-sw-floor,
 * the live count spans) and state/patrol/walk.py for the server's side.
 */
(function () {
  var KEY = 'sw-patrol';
  var MAX_AGE = 18 * 3600 * 1000;  // a night's taps; older ones are for a night long over
  function read() {
    try {
      var b = JSON.parse(localStorage.getItem(KEY) || '{}');
      return b && typeof b === 'object' && !Array.isArray(b) ? b : {};
    } catch (e) { return {}; }
  }
  function write(b) {
    // Storage full or blocked: the Reflex event still goes out, only not kept.
    try { localStorage.setItem(KEY, JSON.stringify(b)); } catch (e) { return; }
  }
  function key(plan, hh) { return String(plan) + ':' + String(hh); }
  function keep(b, plan, hh, state) {
    b[key(plan, hh)] = { plan_id: Number(plan), household_id: Number(hh), state: state,
                         at: Date.now() };
  }
  // What a tap on a window sets: the walker's lit / dark switch (data-sw-mode-set buttons),
  // kept for the tab so a redraw or a reload keeps it. A tap on a window that already shows
  // the switch's state flips it (as before the switch), so a slip is undone with one tap.
  var MODE_KEY = 'sw-patrol-mode';
  var modeNow = null;
  function mode() {
    if (modeNow === null) {
      try { modeNow = sessionStorage.getItem(MODE_KEY); } catch (e) { modeNow = 'lit'; }
    }
    return modeNow === 'dark' ? 'dark' : 'lit';
  }
  function shown(b, el) {
    var x = b[key(el.getAttribute('data-sw-plan'), el.getAttribute('data-sw-mark'))];
    return x ? x.state : el.getAttribute('data-state');
  }
  // Before React's handler: decide the window's new state from what the walker sees.
  document.addEventListener('click', function (e) {
    var sw = e.target && e.target.closest ? e.target.closest('[data-sw-mode-set]') : null;
    if (sw) {
      modeNow = sw.getAttribute('data-sw-mode-set');
      try { sessionStorage.setItem(MODE_KEY, modeNow); } catch (err) { /* this page only */ }
      schedule();
      return;
    }
    var el = e.target && e.target.closest ? e.target.closest('[data-sw-mark],[data-sw-floor]')
      : null;
    if (!el || el.disabled) { return; }
    var b = read();
    var plan = el.getAttribute('data-sw-plan');
    if (el.hasAttribute('data-sw-mark')) {
      var hh = el.getAttribute('data-sw-mark');
      if (!Number(hh) || !Number(plan)) { return; }
      var want = mode();
      window.swPatrolNext = shown(b, el) === want ? (want === 'lit' ? 'dark' : 'lit') : want;
      keep(b, plan, hh, window.swPatrolNext);
    } else {
      var row = el.closest('[data-sw-row]');
      var state = el.getAttribute('data-sw-floor');
      if (!row || !Number(plan)) { return; }
      row.querySelectorAll('[data-sw-mark]').forEach(function (w) {
        if (Number(w.getAttribute('data-sw-mark'))) {
          keep(b, plan, w.getAttribute('data-sw-mark'), state);
        }
      });
    }
    write(b);
    schedule();
  }, true);
  window.swPatrolDone = function (plan, ids, state) {
    var b = read();
    (ids || []).forEach(function (hh) {
      var k = key(plan, hh);
      if (b[k] && b[k].state === state) { delete b[k]; }
    });
    write(b);
    schedule();
  };
  window.swPatrolPending = function () {
    var b = read(), now = Date.now(), out = [];
    Object.keys(b).forEach(function (k) {
      var x = b[k];
      if (!x || !Number(x.plan_id) || !Number(x.household_id) ||
          ['lit', 'dark', 'clear'].indexOf(x.state) < 0 || now - (x.at || 0) > MAX_AGE) {
        delete b[k];
      } else {
        out.push({ plan_id: x.plan_id, household_id: x.household_id, state: x.state });
      }
    });
    write(b);
    return out;
  };
  // React hydrates the server-rendered page after this script has run. A text written into
  // one of its nodes before that is a hydration mismatch: React then drops the server HTML
  // and renders the whole document again, which inserts every stylesheet of the head a
  // second time (the window bars and the bottom nav lost their size until a reload). So
  // nothing is written into a node React has not hydrated yet; paint() retries instead.
  var unhydrated = false;
  function hydrated(el) {
    var keys = Object.keys(el);  // React's own expando properties on the node
    for (var i = 0; i < keys.length; i += 1) {
      if (keys[i].indexOf('__reactFiber$') === 0) { return true; }
    }
    unhydrated = true;
    return false;
  }
  function set(el, name, value) {
    if (!hydrated(el)) { return; }
    if (value === null) {
      if (el.hasAttribute(name)) { el.removeAttribute(name); }
    } else if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  }
  function text(id, value) {
    var el = document.getElementById(id);
    if (el && hydrated(el) && el.textContent !== value) { el.textContent = value; }
  }
  function paint() {
    unhydrated = false;
    var b = read();
    var m = mode();
    var screen0 = document.getElementById('patrol-screen');
    if (screen0) { set(screen0, 'data-sw-mode', m); }
    document.querySelectorAll('[data-sw-mode-set]').forEach(function (el) {
      set(el, 'aria-pressed', el.getAttribute('data-sw-mode-set') === m ? 'true' : 'false');
    });
    var lit = 0, total = 0, differs = false;
    document.querySelectorAll('[data-sw-mark]').forEach(function (el) {
      if (!Number(el.getAttribute('data-sw-mark'))) { return; }
      var state = shown(b, el), server = el.getAttribute('data-state');
      var pending = state !== server && !(state === 'clear' && server === 'unchecked');
      set(el, 'data-sw-pending', pending ? state : null);
      differs = differs || pending;
      total += 1;
      if (state === 'lit') { lit += 1; }
    });
    var screen = document.getElementById('patrol-screen');
    if (screen) { set(screen, 'data-sw-live', differs ? '1' : null); }
    text('patrol-live-count', lit + '/' + total);
    text('patrol-live-percent', (total ? Math.floor((lit * 200 + total) / (total * 2)) : 0) + '%');
    var banner = document.getElementById('patrol-waiting');
    if (banner) {
      var n = Object.keys(b).length;
      // Why they wait, as the offline banner (pwa.js) sees it: no signal, server unreachable.
      var net = window.swNetState ? window.swNetState() : 'offline';
      var template = (net !== 'offline' && banner.getAttribute('data-text-' + net)) ||
        banner.getAttribute('data-text') || '{n}';
      text('patrol-waiting', n ? template.replace('{n}', n) : '');
      set(banner, 'data-count', String(n));
    }
    if (unhydrated) { window.setTimeout(schedule, 100); }  // React is still hydrating
  }
  var queued = false;
  function schedule() {
    if (queued) { return; }
    queued = true;
    window.requestAnimationFrame(function () { queued = false; paint(); });
  }
  window.swPatrolPaint = schedule;
  function watch() {
    new MutationObserver(schedule).observe(document.body, {
      childList: true, subtree: true, attributes: true,
      attributeFilter: ['data-state', 'data-sw-plan', 'data-text', 'data-text-ok',
                        'data-text-unreachable'] });
    schedule();
  }
  if (document.body) { watch(); } else { document.addEventListener('DOMContentLoaded', watch); }
  window.addEventListener('storage', schedule);
  document.addEventListener('sw-net', schedule);
})();
