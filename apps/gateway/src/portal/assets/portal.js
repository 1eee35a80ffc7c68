// The portal page's only script, and optional: everything works without it. It (1) tells the
// host page its height and a dead link, by postMessage to the organization's embed origins only,
// and (2) searches as the customer types, swapping in the server-rendered results.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="portico-embed-origins"]');
  var embedOrigins = meta && meta.content ? meta.content.split(' ') : [];
  var errorSignal = document.body.getAttribute('data-portico-signal');
  var inFrame = window.parent !== window;

  function post(message) {
    if (!inFrame) return;
    message.source = 'portico';
    if (errorSignal) {
      // The error page knows no organization (the link is dead) and says nothing private.
      window.parent.postMessage(message, '*');
      return;
    }
    var targets = embedOrigins.length ? embedOrigins : [window.location.origin];
    for (var i = 0; i < targets.length; i++) window.parent.postMessage(message, targets[i]);
  }

  var lastHeight = 0;
  function reportHeight() {
    // The content's own height: scrollHeight never drops below the frame's, so it could not shrink.
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    post({ type: 'resize', height: height });
  }

  window.addEventListener('message', function (event) {
    var allowed =
      embedOrigins.indexOf(event.origin) !== -1 || event.origin === window.location.origin;
    if (!allowed || event.source !== window.parent) return;
    var data = event.data;
    if (data && data.source === 'portico-host' && data.type === 'hello') {
      lastHeight = 0;
      reportHeight();
      if (errorSignal) post({ type: errorSignal });
    }
  });

  if (typeof ResizeObserver === 'function') new ResizeObserver(reportHeight).observe(document.body);
  window.addEventListener('load', reportHeight);
  reportHeight();
  if (errorSignal) post({ type: errorSignal });

  var form = document.querySelector('form[role="search"]');
  var results = document.getElementById('results');
  if (!form || !results || !window.fetch || !window.URLSearchParams) return;
  var input = form.querySelector('input[name="search"]');
  var timer = null;
  var sequence = 0;

  function search() {
    var params = new URLSearchParams(new FormData(form));
    if (!params.get('search')) params.delete('search');
    var query = params.toString();
    var url = form.getAttribute('action') + (query ? '?' + query : '');
    var mine = ++sequence;
    results.setAttribute('aria-busy', 'true');
    fetch(url + (query ? '&' : '?') + 'fragment=results', { credentials: 'omit' })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        if (mine !== sequence) return; // a newer keystroke already asked
        results.innerHTML = html; // server-rendered and escaped, same origin
        results.removeAttribute('aria-busy');
        window.history.replaceState(null, '', url);
      })
      .catch(function () {
        window.location.assign(url); // let the server render the page (or its error page)
      });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
})();
