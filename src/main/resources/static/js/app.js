// Small behaviours for every page. No inline scripts: the content security policy forbids them.
(function () {
  "use strict";
  // htmx requests carry the CSRF token from the page's meta tags.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("meta[name=_csrf]");
    var header = document.querySelector("meta[name=_csrf_header]");
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });
  // A select marked data-autosubmit submits its form when changed (the language switcher).
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-autosubmit]")) {
      event.target.form.submit();
    }
  });
})();
// Keyboard shortcuts for the workspace; never while typing in a field.
(function () {
  "use strict";
  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]");
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-ticket]"));
    var current = document.querySelector("tr.selected-row");
    var index = rows.indexOf(current);
    function select(i) {
      if (current) { current.classList.remove("selected-row"); }
      if (rows[i]) { rows[i].classList.add("selected-row"); rows[i].scrollIntoView({block: "nearest"}); }
    }
    switch (event.key) {
      case "j": if (rows.length) { select(Math.min(index + 1, rows.length - 1)); event.preventDefault(); }
        else if (document.querySelector("[data-ticket]")) { history.back(); } break;
      case "k": if (rows.length) { select(Math.max(index - 1, 0)); event.preventDefault(); } break;
      case "Enter": if (current) { current.querySelector("a.ticket-link").click(); } break;
      case "r": focusComposer(false, event); break;
      case "n": focusComposer(true, event); break;
      case "a": var assign = document.getElementById("assign-to-me"); if (assign) { assign.click(); } break;
      case "s": var status = document.getElementById("status"); if (status) { status.focus(); event.preventDefault(); } break;
    }
  });
  function focusComposer(note, event) {
    var body = document.getElementById("body");
    if (!body) { return; }
    body.focus();
    body.dataset.mode = note ? "note" : "reply";
    event.preventDefault();
  }
})();
// Live updates: the server tells open pages which tickets changed (on any node). A ticket page whose
// ticket changed shows it at once; a list refreshes its rows and counts.
(function () {
  "use strict";
  if (!window.EventSource || !document.body.hasAttribute("data-live")) {
    return;
  }
  var source = new EventSource(document.body.getAttribute("data-live"));
  var page = document.querySelector("main[data-ticket]");
  source.addEventListener("reload", function () {
    var banner = document.getElementById("live-banner");
    if (banner) { banner.hidden = false; }
  });
  source.addEventListener("ticket", function (event) {
    var change = JSON.parse(event.data);
    if (page) {
      var loaded = parseInt(page.getAttribute("data-version"), 10);
      if (String(change.id) === page.getAttribute("data-ticket") && change.version > loaded) {
        var presence = document.getElementById("presence");
        if (presence && window.htmx) { htmx.trigger(presence, "refresh"); }
      }
    } else {
      var banner = document.getElementById("live-banner");
      if (banner) { banner.hidden = false; }
    }
  });
})();
// Trigger forms: an action row shows only the fields its type uses (without script, all are shown).
(function () {
  "use strict";
  function sync(row) {
    var type = row.querySelector("select[data-action-type]");
    if (!type) { return; }
    row.querySelectorAll("[data-for]").forEach(function (field) {
      field.hidden = field.getAttribute("data-for").split(" ").indexOf(type.value) < 0;
    });
  }
  function syncAll(root) {
    (root || document).querySelectorAll("[data-action-row]").forEach(sync);
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-action-type]")) {
      sync(event.target.closest("[data-action-row]"));
    }
  });
  document.addEventListener("DOMContentLoaded", function () { syncAll(document); });
  document.addEventListener("htmx:load", function (event) { syncAll(event.target.parentNode || document); });
})();
