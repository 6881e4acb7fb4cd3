// New posts on an open live blog, without moving what the reader is reading.
// Every 30 seconds the page asks for a small stored file (updates.json, the
// same for every reader, rendered by the publisher with each post); when it
// counts more posts than the page shows, a button says how many. Pressing it
// fetches the page again and puts the new posts in, then moves focus to the
// newest. Without this script the "load the page again" link does the same.
(function () {
  "use strict";
  var INTERVAL = 30000;
  var HIDDEN_INTERVAL = 120000;
  var section = document.getElementById("live-posts");
  if (!section || !window.fetch || !window.DOMParser) return;
  var notice = section.querySelector(".live-notice");
  var known = parseInt(section.getAttribute("data-count"), 10) || 0;
  var timer = null;
  var busy = false;

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, document.hidden ? HIDDEN_INTERVAL : INTERVAL);
  }

  function check() {
    if (busy) return;
    busy = true;
    fetch(section.getAttribute("data-updates"), { cache: "no-store", credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) { if (state && state.count > known) offer(state.count - known); })
      .catch(function () { /* offline for now: the next check tries again */ })
      .then(function () { busy = false; schedule(); });
  }

  function offer(count) {
    var button = notice.querySelector("button");
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "live-notice__button";
      button.addEventListener("click", reveal);
      notice.appendChild(button);
    }
    // The count in the page's own digits (Persian pages write ۳, not 3).
    var number = count.toLocaleString(document.documentElement.lang || undefined);
    button.textContent = notice.getAttribute("data-label").replace("%(count)s", number);
  }

  function swap(fresh, selector) {
    var old = document.querySelector(selector);
    var replacement = fresh.querySelector(selector);
    if (old && replacement) old.replaceWith(replacement);
    else if (old) old.remove();
    else if (replacement) section.parentNode.insertBefore(replacement, section);
  }

  function reveal() {
    fetch(location.pathname, { cache: "no-store", credentials: "omit" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var freshSection = fresh.getElementById("live-posts");
        if (!freshSection) return;
        var firstBefore = section.querySelector(".live-posts__list > li");
        swap(fresh, ".live-highlights");
        swap(fresh, ".live-pinned");
        var list = section.querySelector(".live-posts__list");
        var freshList = freshSection.querySelector(".live-posts__list");
        if (list && freshList) list.replaceWith(freshList);
        known = parseInt(freshSection.getAttribute("data-count"), 10) || known;
        notice.textContent = "";
        // Focus the newest post: keyboard and screen reader users start there.
        var newest = section.querySelector(".live-posts__list > li");
        if (newest && (!firstBefore || newest.id !== firstBefore.id)) {
          newest.setAttribute("tabindex", "-1");
          newest.focus();
        }
      })
      .catch(function () { /* the button stays; pressing it again tries again */ });
  }

  // Back online or back to the tab: ask at once rather than at the next tick.
  window.addEventListener("online", check);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) check(); });
  schedule();
})();
