/* 守望 · client UUIDs and the outbox of forms saved while offline (state/outbox.py).
 *
 * A record's UUID is fixed the first time its form is submitted, so a double tap or a replay
 * after reconnecting carries the same one. A submitted form marked data-sw-outbox stays in
 * localStorage until the server confirms it (swOutboxDone), so a reload or a closed tab while
 * offline loses nothing. The server calls these functions only through state/browser.py.
 */
(function () {
  window.swUuid = function () {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.from(b, function (x) { return x.toString(16).padStart(2, '0'); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' +
      h.slice(16, 20) + '-' + h.slice(20);
  };
  // A record's UUID is fixed the first time its form is submitted, so a double tap
  // or a replay after reconnecting carries the same one; a saved form is reset.
  document.addEventListener('submit', function (e) {
    e.target.querySelectorAll('input[data-sw-uuid]').forEach(function (i) {
      if (!i.value) { i.value = window.swUuid(); }
    });
  }, true);
  // The outbox: a submitted form marked data-sw-outbox stays in localStorage until the
  // server confirms it (swOutboxDone), so a reload or a closed tab while offline loses nothing.
  var OUTBOX = 'sw-outbox';
  function swReadBox() {
    try { return JSON.parse(localStorage.getItem(OUTBOX) || '{}'); } catch (e) { return {}; }
  }
  document.addEventListener('submit', function (e) {
    var kind = e.target.getAttribute('data-sw-outbox');
    if (!kind) { return; }
    var data = {};
    new FormData(e.target).forEach(function (v, k) { data[k] = v; });
    if (!data.uuid) { return; }
    var box = swReadBox();
    // Re-inserted, not overwritten in place: entries replay in the order they were last
    // submitted (bought, unavailable, bought again on one line ends as bought).
    delete box[data.uuid];
    box[data.uuid] = { kind: kind, data: data, at: Date.now() };
    localStorage.setItem(OUTBOX, JSON.stringify(box));
  }, true);
  // A confirmed record also empties any form still holding its UUID: when the save's reply
  // was lost with the socket, the replay is the only confirmation the form gets.
  window.swOutboxDone = function (uuid) {
    var box = swReadBox();
    delete box[uuid];
    localStorage.setItem(OUTBOX, JSON.stringify(box));
    document.querySelectorAll('input[data-sw-uuid]').forEach(function (i) {
      if (i.value !== uuid) { return; }
      if (i.form && window.swDraftDrop) {  // confirmed: no draft of it may come back
        window.swDraftDrop(i.form.getAttribute('data-sw-draft'));
      }
      if (i.form) { i.form.reset(); }
      i.value = '';
    });
  };
  // Entries younger than a few seconds may still be on their way: they are handed over
  // only once that send had its chance (a reconnect right after a lost reply still finds
  // them within seconds, instead of on the next visit).
  var SETTLE_MS = 4000;
  window.swOutboxPending = function (kind) {
    function ofKind() {
      var box = swReadBox();
      return Object.keys(box).map(function (k) { return box[k]; })
        .filter(function (x) { return !kind || x.kind === kind; });
    }
    var youngest = ofKind().reduce(function (m, x) { return Math.max(m, x.at || 0); }, 0);
    var wait = youngest + SETTLE_MS - Date.now();
    if (wait <= 0) { return ofKind(); }
    return new Promise(function (resolve) {
      setTimeout(function () { resolve(ofKind()); }, Math.min(wait, SETTLE_MS) + 50);
    });
  };
  window.swResetUuid = function (formId) {
    document.querySelectorAll('#' + formId + ' input[data-sw-uuid]').forEach(function (i) {
      i.value = '';
    });
  };
})();
