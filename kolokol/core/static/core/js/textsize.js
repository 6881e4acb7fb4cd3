// Text size without a reload. The links work without this script (they go
// through /text-size/ and come back); with it, a click changes the size at
// once and stores the same first-party cookie the server would have set.
(function () {
  "use strict";
  var SIZES = ["xs", "sm", "md", "lg"];
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-size]");
    if (!link) return;
    var size = link.getAttribute("data-size");
    if (SIZES.indexOf(size) < 0) return;
    event.preventDefault();
    var root = document.documentElement;
    SIZES.forEach(function (s) { root.classList.remove("ts-" + s); });
    root.classList.add("ts-" + size);
    var secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = "textsize=" + size + "; Max-Age=31536000; Path=/; SameSite=Lax" + secure;
    document.querySelectorAll("a[data-size]").forEach(function (other) {
      if (other === link) other.setAttribute("aria-current", "true");
      else other.removeAttribute("aria-current");
    });
  });
})();
