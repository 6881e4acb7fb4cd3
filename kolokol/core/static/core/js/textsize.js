// Text size without a reload. The links work without this script (they go
// through /text-size/ and come back); with it, a click changes the size at
// once and stores the same first-party cookie the server would have set.
// On a static mirror no server reads the cookie, so the script applies it.
(function () {
  "use strict";
  var SIZES = ["xs", "sm", "md", "lg"];

  function apply(size) {
    var root = document.documentElement;
    SIZES.forEach(function (s) { root.classList.remove("ts-" + s); });
    root.classList.add("ts-" + size);
    document.querySelectorAll("a[data-size]").forEach(function (link) {
      if (link.getAttribute("data-size") === size) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
  }

  var saved = /(?:^|; )textsize=(xs|sm|md|lg)(?:;|$)/.exec(document.cookie);
  if (saved && !document.documentElement.classList.contains("ts-" + saved[1])) apply(saved[1]);

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-size]");
    if (!link) return;
    var size = link.getAttribute("data-size");
    if (SIZES.indexOf(size) < 0) return;
    event.preventDefault();
    apply(size);
    var secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = "textsize=" + size + "; Max-Age=31536000; Path=/; SameSite=Lax" + secure;
  });
})();
