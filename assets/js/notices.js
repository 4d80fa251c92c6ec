/* 守望 · a notice read aloud (朗读) and copied for a WeChat group (复制), in the browser.
 *
 * Wired by data attributes (components/notices/home.py), no round trip, so both work with
 * no signal: a button with data-sw-speak="<text>" reads the text with the browser's own
 * speech synthesis, one with data-sw-copy="<text>" puts it on the clipboard. Both sit
 * inside a [data-sw-notice] box whose [data-sw-notice-status] says what happened, in the
 * words the box carries (data-sw-copied, data-sw-copy-fallback, data-sw-no-speech).
 * When the clipboard is refused (an old phone, no secure context) the text is shown
 * selected in the box's [data-sw-copy-box] for a long press.
 */
(function () {
  function uiLang() {
    try {
      return String(localStorage.getItem('sw_lang') || '').indexOf('en') >= 0 ? 'en' : 'zh';
    } catch (e) { return 'zh'; }
  }
  // Chinese text is read with a Chinese voice whatever the UI language; other text in the
  // UI language (an English voice would spell Chinese characters out or skip them).
  function voiceLang(text) {
    return /[\u3400-\u9fff]/.test(text) || uiLang() === 'zh' ? 'zh-CN' : 'en-US';
  }
  function say(box, attr) {
    var status = box && box.querySelector('[data-sw-notice-status]');
    if (status) { status.textContent = box.getAttribute(attr) || ''; }
  }
  function speak(button) {
    var text = button.getAttribute('data-sw-speak') || '';
    var box = button.closest('[data-sw-notice]');
    if (!window.speechSynthesis || !window.SpeechSynthesisUtterance) {
      say(box, 'data-sw-no-speech');
      return;
    }
    window.speechSynthesis.cancel();  // a second tap starts again instead of queueing
    var lang = voiceLang(text);
    chunks(text).forEach(function (part) {
      var u = new SpeechSynthesisUtterance(part);
      u.lang = lang;
      u.rate = 0.9;  // a little slower: into a megaphone, for the elderly
      window.speechSynthesis.speak(u);
    });
  }
  // Sentence by sentence, at most 120 characters each: some browsers stop a long
  // utterance after about fifteen seconds, and a 500-character notice takes two minutes.
  function chunks(text) {
    var parts = String(text).match(/[^。！？!?；;\n]+[。！？!?；;]*/g) || [text];
    var out = [];
    parts.forEach(function (p) {
      p = p.trim();
      for (var i = 0; i < p.length; i += 120) { out.push(p.slice(i, i + 120)); }
    });
    return out.length ? out : [text];
  }
  function showForLongPress(box, text) {
    var area = box && box.querySelector('[data-sw-copy-box]');
    say(box, 'data-sw-copy-fallback');
    if (!area) { return; }
    area.value = text;
    area.hidden = false;
    area.focus();
    area.select();
  }
  function legacyCopy(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }
  function copy(button) {
    var text = button.getAttribute('data-sw-copy') || '';
    var box = button.closest('[data-sw-notice]');
    function fallback() {
      if (legacyCopy(text)) { say(box, 'data-sw-copied'); } else { showForLongPress(box, text); }
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { say(box, 'data-sw-copied'); },
        fallback);
    } else {
      fallback();
    }
  }
  document.addEventListener('click', function (e) {
    var target = e.target instanceof Element ? e.target : null;
    var button = target && target.closest('[data-sw-speak],[data-sw-copy]');
    if (!button) { return; }
    e.preventDefault();
    if (button.hasAttribute('data-sw-speak')) { speak(button); } else { copy(button); }
  });
})();
