/*
 * Injected into each Custom UI iframe before the app's bundle: the `globalThis.__bridge` that @forge/bridge
 * calls (`callBridge(name, payload)`). Every call is forwarded to the parent page over postMessage and
 * answered there (see host-client.js), as the Atlassian host does for real Forge apps.
 */
(function () {
  'use strict';
  var frameId = new URLSearchParams(location.search).get('__frame') || 'unknown';
  var pending = new Map();
  var seq = 0;

  function post(message) {
    message.__forgeLocal = true;
    message.frameId = frameId;
    window.parent.postMessage(message, location.origin);
  }

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || event.origin !== location.origin) return;
    var message = event.data;
    if (message && message.__forgeLocal === true && message.kind === 'focus') return focusStop(message.where);
    if (!message || message.__forgeLocal !== true || message.kind !== 'reply') return;
    var waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(new Error(message.error || 'The local host refused the call.'));
  });

  /** The host's dialog wraps Tab around this frame: focus its first (or last) Tab stop. */
  function focusStop(where) {
    var stops = Array.prototype.filter.call(
      document.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]'),
      function (el) {
        return el.tabIndex >= 0 && el.getClientRects().length > 0;
      },
    );
    var stop = where === 'last' ? stops[stops.length - 1] : stops[0];
    if (stop) stop.focus();
  }

  function applyTheme(colorMode) {
    var root = document.documentElement;
    root.setAttribute('data-color-mode', colorMode);
    root.setAttribute('data-theme', colorMode === 'dark' ? 'dark:dark light:light' : 'light:light dark:dark');
    if (!document.getElementById('__forge-tokens')) {
      var link = document.createElement('link');
      link.id = '__forge-tokens';
      link.rel = 'stylesheet';
      link.href = '/__forge/tokens.css';
      document.head.appendChild(link);
    }
  }

  function callBridge(name, payload) {
    var hasFunction =
      payload &&
      typeof payload === 'object' &&
      Object.keys(payload).some(function (k) {
        return typeof payload[k] === 'function';
      });
    if (hasFunction) return Promise.reject(new Error('The local host cannot pass callbacks (' + name + ').'));
    return new Promise(function (resolve, reject) {
      var id = ++seq;
      pending.set(id, { resolve: resolve, reject: reject });
      post({ kind: 'call', id: id, name: name, payload: payload === undefined ? null : payload });
    }).then(function (value) {
      if (name === 'enableTheming' && value && value.colorMode) applyTheme(value.colorMode);
      return value;
    });
  }

  globalThis.__bridge = { callBridge: callBridge };

  // The Atlassian host sizes app iframes to their content; report our height whenever it changes. The body's
  // box is the content (the document element is at least the iframe's own height, so it would never shrink);
  // fixed-position flags overlay the bottom, so their height is added to leave room for them.
  var lastHeight = 0;
  function reportSize() {
    var body = document.body;
    if (!body) return;
    var flags = body.querySelector('.flags');
    var flagSpace = flags && flags.childElementCount ? flags.getBoundingClientRect().height + 16 : 0;
    var height = Math.ceil(body.getBoundingClientRect().height + flagSpace);
    if (height !== lastHeight) {
      lastHeight = height;
      post({ kind: 'resize', height: height });
    }
  }
  window.addEventListener('DOMContentLoaded', function () {
    if (typeof ResizeObserver === 'function') new ResizeObserver(reportSize).observe(document.body);
    if (typeof MutationObserver === 'function') new MutationObserver(reportSize).observe(document.body, { childList: true, subtree: true });
    reportSize();
  });
  window.addEventListener('load', reportSize);
})();
