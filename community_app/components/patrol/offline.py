"""The walker's window taps kept in the browser until the server confirms them.

A tap on a window (`data-sw-mark`) or a floor button (`data-sw-floor`) is written to
localStorage ("sw-patrol", one entry per plan and window: the last state wins) by a click
listener that runs before Reflex sees the click, so it survives a dropped socket, a reload
or a closed tab. The Reflex event then carries the state the listener chose
(`window.swPatrolNext`), never a flip. The server answers `swPatrolDone`, which removes an
entry only if it still holds the confirmed state; the patrol page and the walker's home
hand what is left to `PatrolState.replay_marks`.

While taps wait, the screen shows them as the walker made them: the window's colour
(`data-sw-pending`, a dashed outline), the lit count and percent (spans the script owns;
React renders them empty and never writes into them) and a banner with how many wait.
"""

from __future__ import annotations

PATROL_SCRIPT = """
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
  function shown(b, el) {
    var x = b[key(el.getAttribute('data-sw-plan'), el.getAttribute('data-sw-mark'))];
    return x ? x.state : el.getAttribute('data-state');
  }
  // Before React's handler: decide the window's new state from what the walker sees.
  document.addEventListener('click', function (e) {
    var el = e.target && e.target.closest ? e.target.closest('[data-sw-mark],[data-sw-floor]')
      : null;
    if (!el || el.disabled) { return; }
    var b = read();
    var plan = el.getAttribute('data-sw-plan');
    if (el.hasAttribute('data-sw-mark')) {
      var hh = el.getAttribute('data-sw-mark');
      if (!Number(hh) || !Number(plan)) { return; }
      window.swPatrolNext = shown(b, el) === 'lit' ? 'dark' : 'lit';
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
  function set(el, name, value) {
    if (value === null) {
      if (el.hasAttribute(name)) { el.removeAttribute(name); }
    } else if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  }
  function text(id, value) {
    var el = document.getElementById(id);
    if (el && el.textContent !== value) { el.textContent = value; }
  }
  function paint() {
    var b = read();
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
      var template = banner.getAttribute('data-text') || '{n}';
      text('patrol-waiting', n ? template.replace('{n}', n) : '');
      set(banner, 'data-count', String(n));
    }
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
      attributeFilter: ['data-state', 'data-sw-plan', 'data-text'] });
    schedule();
  }
  if (document.body) { watch(); } else { document.addEventListener('DOMContentLoaded', watch); }
  window.addEventListener('storage', schedule);
})();
"""

# Waiting taps look like what the walker tapped, with a dashed outline: not sent yet.
PATROL_CSS = """
[data-sw-pending] { outline: 2px dashed #38bdf8 !important; outline-offset: -3px; }
[data-sw-pending="lit"] { background: #facc15 !important; color: #0b0b0b !important; }
[data-sw-pending="dark"] { background: #111827 !important; color: #f8fafc !important; }
[data-sw-pending="clear"] { background: #475569 !important; color: #f8fafc !important; }
#patrol-live-count, #patrol-live-percent { display: none; }
[data-sw-live] #patrol-lit-count, [data-sw-live] #patrol-percent { display: none !important; }
[data-sw-live] #patrol-live-count, [data-sw-live] #patrol-live-percent {
  display: inline !important; }
#patrol-waiting:empty { display: none; }
"""
