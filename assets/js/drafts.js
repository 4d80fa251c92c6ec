/* 守望 · drafts: what a person is typing into a field form survives a reload, a closed tab,
 * a reconnect and a server restart, until the form is submitted.
 *
 * A form marked data-sw-draft="<key>" (the key names the record, e.g. visit:12) has its
 * visible fields copied to localStorage as they change. When a form with that key appears
 * (first render, or React remounting it after the server's state was lost and rebuilt with
 * the register's values), the draft is put back, so a typed 37.9 is never silently replaced
 * by a pre-filled 36.6. Submitting drops the draft: from then on the outbox holds the form.
 */
(function () {
  var KEY = 'sw-drafts';
  var MAX_AGE = 24 * 3600 * 1000;
  function read() {
    try {
      var b = JSON.parse(localStorage.getItem(KEY) || '{}');
      return b && typeof b === 'object' && !Array.isArray(b) ? b : {};
    } catch (e) { return {}; }
  }
  function write(b) {
    try { localStorage.setItem(KEY, JSON.stringify(b)); } catch (e) { return; }
  }
  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.type !== 'hidden' && el.type !== 'submit' && el.type !== 'button' &&
        el.type !== 'file' && el.type !== 'password';
    });
  }
  var restoring = false;
  // Merged into what is kept: rows not drawn yet (the page is still loading) keep theirs.
  function save(form) {
    var key = form.getAttribute('data-sw-draft');
    if (!key || restoring) { return; }
    var b = read();
    var values = (b[key] && b[key].values) || {};
    fields(form).forEach(function (el) {
      if (el.type === 'radio') { if (el.checked) { values[el.name] = el.value; } }
      else if (el.type === 'checkbox') { values[el.name + '\u0000' + el.value] = el.checked; }
      else { values[el.name] = el.value; }
    });
    b[key] = { at: Date.now(), values: values };
    write(b);
  }
  // React tracks an input's value itself: set it through the native setter and say so,
  // so a controlled input keeps the restored text instead of re-rendering the old one.
  function put(el, value) {
    var proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype
      : el.tagName === 'SELECT' ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    var setter = Object.getOwnPropertyDescriptor(proto, 'value').set;
    setter.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }
  // Field by field, each DOM element once per key: a row drawn later (the server's state
  // arrived) or a form React remounted gets its draft when it appears.
  function restore(form) {
    var key = form.getAttribute('data-sw-draft');
    var draft = key && read()[key];
    if (!draft || Date.now() - draft.at > MAX_AGE) { return; }
    var values = draft.values || {};
    restoring = true;
    try {
      fields(form).forEach(function (el) {
        if (el.__swDraft === key) { return; }
        el.__swDraft = key;
        if (el.type === 'radio') {
          if (values[el.name] === el.value && !el.checked) { el.click(); }
        } else if (el.type === 'checkbox') {
          var want = values[el.name + '\u0000' + el.value];
          if (typeof want === 'boolean' && want !== el.checked) { el.click(); }
        } else if (Object.prototype.hasOwnProperty.call(values, el.name) &&
                   values[el.name] !== el.value) {
          put(el, values[el.name]);
          form.setAttribute('data-sw-draft-back', key);
          // A restored value in a folded section is shown, not hidden away.
          var fold = el.closest('details');
          if (fold && !fold.open) { fold.open = true; }
        }
      });
    } finally { restoring = false; }
  }
  function scan() {
    document.querySelectorAll('form[data-sw-draft]').forEach(restore);
  }
  // Only what a person does is a draft (not a script setting a value or resetting a form).
  function typed(e) {
    var form = e.target && e.target.form;
    if (e.isTrusted && form && form.hasAttribute('data-sw-draft')) { save(form); }
  }
  document.addEventListener('input', typed, true);
  document.addEventListener('change', typed, true);
  function drop(key) {
    if (!key) { return; }
    var b = read();
    delete b[key];
    write(b);
  }
  // Submitted: the outbox holds the form from now on. Dropped again once the submit's own
  // events have run, so nothing fired on the way out brings the draft back.
  document.addEventListener('submit', function (e) {
    var key = e.target.getAttribute && e.target.getAttribute('data-sw-draft');
    drop(key);
    window.setTimeout(function () { drop(key); }, 0);
  }, true);
  window.swDraftDrop = drop;
  window.swDraftsClear = function () { write({}); };
  function start() {
    scan();
    if (typeof MutationObserver !== 'undefined') {
      new MutationObserver(scan).observe(document.body, {
        childList: true, subtree: true, attributes: true, attributeFilter: ['data-sw-draft'],
      });
    }
    var b = read(), now = Date.now(), changed = false;
    Object.keys(b).forEach(function (k) {
      if (!b[k] || now - b[k].at > MAX_AGE) { delete b[k]; changed = true; }
    });
    if (changed) { write(b); }
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); }
  else { start(); }
})();
