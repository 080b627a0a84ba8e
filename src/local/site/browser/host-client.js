/*
 * Runs in the Confluence-like and Jira-like pages. Answers the bridge calls of the app iframes
 * (bridge-shim.js): context, invoke (POST /__forge/invoke, which runs the app's real resolver as the
 * frame's registered user and context), submit/close for the macro's config modal, navigation, theming, resizing,
 * flags. Each iframe's Forge context is declared by the page in `window.__forgeFrames[frameId]` for getContext; the
 * server registered the same context under the frame's opaque id, which is all a call sends.
 */
(function () {
  'use strict';
  var frames = window.__forgeFrames || {};

  function frameElement(frameId) {
    return document.querySelector('iframe[data-frame-id="' + frameId + '"]');
  }

  /** Jira and Confluence paths the apps navigate to, mapped onto this site's pages. */
  function localUrl(target) {
    var url = new URL(target, location.origin);
    if (url.origin !== location.origin) return url.href;
    var p = url.pathname;
    if (p === '/issues' || p === '/issues/') return '/jira/issues' + url.search;
    if (p.indexOf('/browse/') === 0) return '/jira' + p + url.search;
    if (p.indexOf('/jira/') === 0 || p.indexOf('/wiki/') === 0) return p + url.search;
    return p + url.search;
  }

  function showFlag(title, description, appearance) {
    var box = document.getElementById('site-flags');
    if (!box) return;
    var flag = document.createElement('div');
    flag.className = 'site-flag ' + (appearance || 'info');
    flag.setAttribute('role', appearance === 'error' ? 'alert' : 'status');
    flag.textContent = title + (description ? ' — ' + description : '');
    box.appendChild(flag);
    setTimeout(function () {
      flag.remove();
    }, 6000);
  }

  async function postJson(path, body) {
    var response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    var text = await response.text();
    var data = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error((data && data.message) || 'HTTP ' + response.status);
    return data;
  }

  var handlers = {
    getContext: function (frame) {
      return frame.context;
    },
    // The frame's context is the host's: the call names only the frame's opaque id (the server registered it).
    invoke: function (frame, payload) {
      return postJson('/__forge/invoke', {
        frame: frame.id,
        functionKey: payload && payload.functionKey,
        payload: (payload && payload.payload) || {},
      }).then(function (answer) {
        return answer.body;
      });
    },
    // view.submit's payload goes as it is: the host stores its `config` or refuses it as Forge does.
    submit: function (frame, payload) {
      if (!frame.submittable) return false;
      return postJson('/__forge/submit', { frame: frame.id, payload: payload }).then(function () {
        window.dispatchEvent(new CustomEvent('forge-local:submitted', { detail: { frameId: frame.id } }));
        return true;
      });
    },
    close: function (frame) {
      if (!frame.closable) return false;
      window.dispatchEvent(new CustomEvent('forge-local:close', { detail: { frameId: frame.id } }));
      return true;
    },
    enableTheming: function () {
      return { colorMode: document.documentElement.getAttribute('data-color-mode') || 'light' };
    },
    navigate: function (frame, location) {
      var target = typeof location === 'string' ? location : location && location.url;
      if (!target) throw new Error('Only URL navigation is supported by the local site.');
      var url = localUrl(target);
      if (location.type === 'new-tab') window.open(url, '_blank', 'noopener');
      else window.location.assign(url);
      return true;
    },
    getUrl: function (frame, location) {
      return new URL(localUrl(location.url || '/'), window.location.origin).href;
    },
    reload: function () {
      window.location.reload();
      return true;
    },
    refresh: function (frame) {
      var element = frameElement(frame.id);
      if (element) element.contentWindow.location.reload();
      return true;
    },
    showFlag: function (frame, options) {
      showFlag(options.title || '', options.description || '', options.appearance);
      return true;
    },
    closeFlag: function () {
      return true;
    },
    open: function () {
      return false;
    },
    onClose: function () {
      return true;
    },
    changeWindowTitle: function () {
      return true;
    },
    emitReadyEvent: function () {
      return true;
    },
    createHistory: function () {
      throw new Error('view.createHistory is not supported by the local site.');
    },
  };

  window.addEventListener('message', function (event) {
    var message = event.data;
    if (event.origin !== location.origin || !message || message.__forgeLocal !== true) return;
    var frame = frames[message.frameId];
    var element = frameElement(message.frameId);
    if (!frame || !element || event.source !== element.contentWindow) return;
    if (message.kind === 'resize') {
      element.style.height = Math.max(40, Math.min(message.height, 4000)) + 'px';
      return;
    }
    if (message.kind !== 'call') return;
    var reply = function (ok, value, error) {
      element.contentWindow.postMessage({ __forgeLocal: true, kind: 'reply', id: message.id, ok: ok, value: value, error: error }, location.origin);
    };
    var handler = handlers[message.name];
    if (!handler) return reply(false, undefined, message.name + ' is not supported by the local site.');
    Promise.resolve()
      .then(function () {
        return handler(frame, message.payload);
      })
      .then(
        function (value) {
          reply(true, value);
        },
        function (error) {
          reply(false, undefined, String((error && error.message) || error));
        },
      );
  });

  /*
   * The macro's config dialog, as Confluence hosts it: it takes focus when it opens (the app frame, whose form
   * focuses its first field), keeps Tab inside (the rest of the page is inert; sentinels at both ends wrap
   * around the app frame), closes on Escape, and the page it returns to puts focus back on the opener
   * (`#focus=<id>`, set by the page as the dialog's `after`).
   */
  function closeDialog(frameId) {
    var frame = frames[frameId];
    if (frame && frame.after) location.assign(frame.after);
  }

  function focusInFrame(element, where) {
    element.focus();
    if (element.contentWindow) element.contentWindow.postMessage({ __forgeLocal: true, kind: 'focus', where: where }, location.origin);
  }

  function setUpDialog() {
    var dialog = document.querySelector('[data-forge-dialog]');
    if (!dialog) return;
    var frameId = dialog.getAttribute('data-forge-dialog');
    var appFrame = frameElement(frameId);
    // Everything outside the dialog is inert: no Tab stop, no click, hidden from assistive technology.
    for (var node = dialog.parentElement; node && node !== document.body; node = node.parentElement) {
      Array.prototype.forEach.call(node.parentElement.children, function (sibling) {
        if (sibling !== node && sibling.tagName !== 'SCRIPT' && sibling.id !== 'site-flags') sibling.inert = true;
      });
    }
    var lastStop = function () {
      var stops = dialog.querySelectorAll('a[href], button:not([disabled]), input, select, textarea, iframe');
      return stops[stops.length - 1];
    };
    var sentinel = function (onFocus) {
      var guard = document.createElement('span');
      guard.tabIndex = 0;
      guard.className = 'focus-guard';
      guard.addEventListener('focus', onFocus);
      return guard;
    };
    // Shift+Tab from the app's first field lands on the start guard: wrap to the dialog's last stop (Cancel).
    dialog.insertBefore(
      sentinel(function () {
        var last = lastStop();
        if (last === appFrame) focusInFrame(appFrame, 'last');
        else if (last) last.focus();
      }),
      dialog.firstChild,
    );
    // Tab from the last stop lands on the end guard: wrap to the app's first field.
    dialog.appendChild(
      sentinel(function () {
        if (appFrame) focusInFrame(appFrame, 'first');
      }),
    );
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') {
        event.preventDefault();
        closeDialog(frameId);
      }
    });
    if (appFrame) appFrame.focus();
  }

  /** After the dialog closed: focus what opened it. */
  function returnFocus() {
    var match = /^#focus=([\w-]+)$/.exec(location.hash);
    if (!match) return;
    history.replaceState(null, '', location.pathname + location.search);
    var opener = document.getElementById(match[1]);
    if (opener) opener.focus();
  }

  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', function () {
      setUpDialog();
      returnFocus();
    });
  else {
    setUpDialog();
    returnFocus();
  }

  window.forgeLocal = { showFlag: showFlag, frames: frames };
})();
