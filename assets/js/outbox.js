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
    box[data.uuid] = { kind: kind, data: data, at: Date.now() };
    localStorage.setItem(OUTBOX, JSON.stringify(box));
  }, true);
  window.swOutboxDone = function (uuid) {
    var box = swReadBox();
    delete box[uuid];
    localStorage.setItem(OUTBOX, JSON.stringify(box));
  };
  // Entries younger than a few seconds may still be on their way: leave them to that send.
  window.swOutboxPending = function (kind) {
    var box = swReadBox();
    return Object.keys(box).map(function (k) { return box[k]; })
      .filter(function (x) { return !kind || x.kind === kind; })
      .filter(function (x) { return Date.now() - x.at > 4000; });
  };
  window.swResetUuid = function (formId) {
    document.querySelectorAll('#' + formId + ' input[data-sw-uuid]').forEach(function (i) {
      i.value = '';
    });
  };
})();
