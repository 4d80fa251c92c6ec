/* 守望 · file uploads (roster import, errand photos), loaded by the pages that upload.
 *
 * The chosen file goes as the raw body of a same-origin POST to the app's own upload
 * route (community_app/uploads.py), which authorises from this request's own session
 * cookie; Reflex's /_upload is never used. The route's JSON answer is returned to the
 * caller (rx.call_function's callback), which hands it to the page's state: the state
 * reads the outcome back from the database and shows the messages.
 *
 * swUpload(path, boxId, query) -> Promise<answer>
 *   path:  the route, e.g. "/upload/roster/check"
 *   boxId: id of the element holding the <input type="file">
 *   query: extra query parameters ({batch: ..} or {request: .., kind: ..}); the file's
 *          name is added as `name`.
 *   answer: the route's JSON, or {ok: false, reason: "no_file" | "busy" | "network"}.
 */
(function () {
  'use strict';
  if (window.swUpload) return; // loaded once per page, whichever page loads it first

  var busy = false;

  window.swUpload = async function (path, boxId, query) {
    var box = document.getElementById(boxId);
    var input = box && box.querySelector('input[type=file]');
    var file = input && input.files && input.files[0];
    if (!file) return { ok: false, reason: 'no_file' };
    if (busy) return { ok: false, reason: 'busy' }; // a second tap while the first uploads
    var params = new URLSearchParams();
    Object.keys(query || {}).forEach(function (key) {
      params.set(key, String(query[key]));
    });
    params.set('name', String(file.name || '').slice(0, 200));
    busy = true;
    try {
      var response = await fetch(path + '?' + params.toString(), {
        method: 'POST',
        body: file,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { 'Content-Type': 'application/octet-stream' },
      });
      var answer = null;
      try {
        answer = await response.json();
      } catch (err) {
        answer = null;
      }
      if (!answer || typeof answer !== 'object') return { ok: false, reason: 'network' };
      return answer;
    } catch (err) {
      return { ok: false, reason: 'network' };
    } finally {
      busy = false;
    }
  };
})();
