/* 守望 · the gate screen (pages/gate/index.py): the entry's time, the offline count, QR scan.
 *
 * - A gate form (data-sw-outbox="gate_entry") gets the moment it was submitted in its
 *   hidden `at` field before the outbox copies it, so an entry saved later keeps its time.
 * - While gate entries wait in the outbox, [data-sw-gate-pending] is shown with their
 *   number in the span [data-sw-gate-pending-n] (React renders it empty and never writes it).
 * - [data-sw-gate-scan] reads a pass's QR code with the camera through the browser's
 *   BarcodeDetector into the code field (#gate-code); without one it says so in
 *   [data-sw-gate-scan-msg] (text from its data-sw-no-camera) and focuses the field.
 */
(function () {
  var KIND = 'gate_entry';
  window.addEventListener('submit', function (e) {
    if (e.target.getAttribute('data-sw-outbox') !== KIND) { return; }
    var at = e.target.querySelector('input[name="at"]');
    if (at) { at.value = new Date().toISOString(); }
  }, true);

  function pending() {
    var box;
    try { box = JSON.parse(localStorage.getItem('sw-outbox') || '{}'); } catch (e) { box = {}; }
    return Object.keys(box).filter(function (k) { return box[k] && box[k].kind === KIND; }).length;
  }
  function showPending() {
    var n = pending();
    document.querySelectorAll('[data-sw-gate-pending]').forEach(function (el) {
      el.style.display = n ? '' : 'none';
      var span = el.querySelector('[data-sw-gate-pending-n]');
      if (span && span.textContent !== String(n)) { span.textContent = String(n); }
    });
  }
  setInterval(showPending, 700);
  window.addEventListener('storage', showPending);

  var stream = null;
  function stop() {
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
    stream = null;
    document.querySelectorAll('[data-sw-gate-video] video').forEach(function (v) { v.remove(); });
  }
  function fill(code) {
    var input = document.getElementById('gate-code');
    if (!input) { return; }
    var setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    setter.call(input, code);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.focus();
  }
  function say(button, text) {
    var msg = document.querySelector('[data-sw-gate-scan-msg]');
    if (msg) { msg.textContent = text; }
  }
  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('[data-sw-gate-scan]');
    if (!button) { return; }
    e.preventDefault();
    if (stream) { stop(); return; }
    var box = document.querySelector('[data-sw-gate-video]');
    if (!('BarcodeDetector' in window) || !navigator.mediaDevices || !box) {
      say(button, button.getAttribute('data-sw-no-camera') || '');
      var input = document.getElementById('gate-code');
      if (input) { input.focus(); }
      return;
    }
    var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } })
      .then(function (s) {
        stream = s;
        var video = document.createElement('video');
        video.setAttribute('playsinline', '');
        video.muted = true;
        video.style.width = '100%';
        video.srcObject = s;
        box.appendChild(video);
        video.play();
        (function look() {
          if (!stream) { return; }
          detector.detect(video).then(function (codes) {
            if (codes && codes.length && codes[0].rawValue) {
              fill(String(codes[0].rawValue).trim().slice(0, 12));
              stop();
            } else { setTimeout(look, 250); }
          }).catch(function () { setTimeout(look, 400); });
        })();
      })
      .catch(function () {
        say(button, button.getAttribute('data-sw-no-camera') || '');
        stop();
      });
  });
})();
