/*
 * Portico embed script, for the page that hosts the customer portal.
 *
 *   <div id="billing"></div>
 *   <script src="https://portal.example.com/embed.js"></script>
 *   <script>
 *     Portico.mount('#billing', {
 *       url: portalUrlFromYourBackend,
 *       title: 'Invoices',
 *       onExpired: async () => (await fetch('/portal-url')).json().then((r) => r.url),
 *     });
 *   </script>
 *
 * Messages are trusted only when they come from this iframe's window and the portal's origin;
 * the portal in turn answers only origins the organization configured as embed origins.
 */
(function (root) {
  'use strict';

  // A host whose onExpired keeps answering dead URLs must not reload the frame forever.
  var MAX_REFRESHES_PER_MINUTE = 3;

  function resolveElement(target) {
    var element = typeof target === 'string' ? root.document.querySelector(target) : target;
    if (!element) throw new Error('Portico.mount: no element matches ' + String(target));
    return element;
  }

  function originOf(url) {
    return new URL(url, root.location.href).origin;
  }

  function mount(target, options) {
    if (!options || !options.url) throw new Error('Portico.mount: options.url is required');
    var container = resolveElement(target);
    var iframe = root.document.createElement('iframe');
    var url = options.url;
    var origin = originOf(url);
    var refreshing = false;
    var refreshedAt = [];
    var destroyed = false;

    iframe.setAttribute('title', options.title || 'Billing portal');
    // The token is in the URL: the portal must not learn the host page's address, and vice versa.
    iframe.setAttribute('referrerpolicy', 'no-referrer');
    iframe.setAttribute('src', url);
    iframe.style.width = '100%';
    iframe.style.border = '0';
    iframe.style.display = 'block';
    iframe.style.minHeight = '120px';

    function send(message) {
      if (iframe.contentWindow) iframe.contentWindow.postMessage(message, origin);
    }

    function onLoad() {
      send({ source: 'portico-host', type: 'hello' });
    }

    function refresh() {
      if (refreshing || typeof options.onExpired !== 'function') return;
      var now = Date.now();
      refreshedAt = refreshedAt.filter(function (at) {
        return now - at < 60000;
      });
      if (refreshedAt.length >= MAX_REFRESHES_PER_MINUTE) return;
      refreshing = true;
      refreshedAt.push(now);
      Promise.resolve()
        .then(function () {
          return options.onExpired();
        })
        .then(function (fresh) {
          if (!destroyed && typeof fresh === 'string' && fresh) setUrl(fresh);
        })
        .catch(function (error) {
          if (root.console) root.console.error('Portico: onExpired failed', error);
        })
        .then(function () {
          refreshing = false;
        });
    }

    function onMessage(event) {
      if (event.source !== iframe.contentWindow || event.origin !== origin) return;
      var data = event.data;
      if (!data || typeof data !== 'object' || data.source !== 'portico') return;
      if (data.type === 'resize') {
        var height = Number(data.height);
        if (isFinite(height) && height >= 0) iframe.style.height = Math.ceil(height) + 'px';
      } else if (data.type === 'expired' || data.type === 'invalid') {
        refresh();
      }
    }

    function setUrl(next) {
      url = next;
      origin = originOf(next);
      iframe.setAttribute('src', next);
    }

    function destroy() {
      destroyed = true;
      root.removeEventListener('message', onMessage);
      iframe.removeEventListener('load', onLoad);
      if (iframe.parentNode) iframe.parentNode.removeChild(iframe);
    }

    root.addEventListener('message', onMessage);
    iframe.addEventListener('load', onLoad);
    container.appendChild(iframe);

    return {
      iframe: iframe,
      setUrl: setUrl,
      destroy: destroy,
    };
  }

  root.Portico = { mount: mount };
})(window);
