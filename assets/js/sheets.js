/* 守望 · sheets and the temperature pad, opened and filled in the browser.
 *
 * A field form that is about one row of a list (a person's temperature, a checklist item's
 * "could not" reason) is one form per page in a sheet (components/sheets.py). The row's
 * button names it: data-sw-open="<form id>" plus data-sw-field-<name>="<value>" for each
 * hidden input to fill. Opening, the pad's whole degree and tenth take no round trip, so
 * they work with no signal; the submitted form carries everything the server needs and the
 * outbox (outbox.js) keeps it until the server confirms it.
 */
(function () {
  function box(form) { return form && form.closest('[data-sw-dialog]'); }
  function field(form, name) { return form.querySelector('input[name="' + name + '"]'); }
  function padShow(form, whole) {
    var w = field(form, 'whole');
    if (!w) { return; }
    w.value = whole;
    form.setAttribute('data-sw-step', whole ? 'tenth' : 'whole');
    var shown = form.querySelector('[data-sw-pad-display]');
    if (shown) { shown.textContent = whole ? whole + '.? ℃' : ''; }
  }
  function close(form) {
    var b = box(form);
    if (b) { b.removeAttribute('data-open'); }
  }
  // Open the sheet of `formId` for one row: `values` fills its hidden inputs by name.
  window.swSheetOpen = function (formId, values) {
    var form = document.getElementById(formId);
    if (!form || !box(form)) { return; }
    Object.keys(values || {}).forEach(function (name) {
      var input = field(form, name);
      if (input) { input.value = String(values[name]); }
    });
    // A new record: its UUID is drawn when it is submitted (outbox.js).
    form.querySelectorAll('input[data-sw-uuid]').forEach(function (i) { i.value = ''; });
    form.querySelectorAll('[data-sw-title]').forEach(function (el) {
      el.textContent = (values || {}).title || '';
    });
    padShow(form, '');
    box(form).setAttribute('data-open', '');
    var first = form.querySelector('[data-sw-whole],textarea,input:not([type=hidden])');
    if (first) { first.focus(); }
  };
  window.swSheetClose = function (formId) { close(document.getElementById(formId)); };
  function opener(el) {
    var values = {};
    Array.prototype.forEach.call(el.attributes, function (a) {
      if (a.name.indexOf('data-sw-field-') === 0) {
        values[a.name.slice(14).replace(/-/g, '_')] = a.value;  // case-id -> case_id
      }
    });
    window.swSheetOpen(el.getAttribute('data-sw-open'), values);
  }
  document.addEventListener('click', function (e) {
    var el = e.target && e.target.closest ? e.target.closest(
      '[data-sw-open],[data-sw-whole],[data-sw-tenth],[data-sw-pad-back],[data-sw-close]'
    ) : null;
    if (!el) { return; }
    if (el.hasAttribute('data-sw-open')) { opener(el); return; }
    var form = el.closest('form');
    if (!form) { return; }
    if (el.hasAttribute('data-sw-whole')) { padShow(form, el.getAttribute('data-sw-whole')); }
    else if (el.hasAttribute('data-sw-pad-back')) { padShow(form, ''); }
    else if (el.hasAttribute('data-sw-close')) { close(form); }
    else if (field(form, 'whole').value) {
      field(form, 'tenth').value = el.getAttribute('data-sw-tenth');
      form.requestSubmit();
    }
  });
  // A submitted sheet is done with (saved, or kept on the phone until the signal returns).
  document.addEventListener('submit', function (e) {
    if (box(e.target)) { setTimeout(function () { close(e.target); }, 0); }
  });
})();
