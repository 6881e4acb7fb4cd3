// Comments and likes in place. Everything works without this script: the
// "Write a comment" and "Reply" links open the comment form page, the like
// buttons are plain forms. With it, the form is fetched into the article,
// comments and likes are sent without leaving the page, and "Copy link"
// copies the address. Nothing here talks to anyone but our own server.
(function () {
  "use strict";

  function say(box, text) {
    if (!box) return;
    box.textContent = "";
    var p = document.createElement("p");
    p.className = "comment-status";
    p.textContent = text;
    box.appendChild(p);
  }

  function post(form) {
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      return response.json().catch(function () {
        return { ok: false, message: response.statusText || String(response.status) };
      });
    });
  }

  function openForm(link) {
    var holder = document.getElementById("comment-form-holder");
    if (holder) holder.remove();
    holder = document.createElement("div");
    holder.id = "comment-form-holder";
    var anchor = link.closest(".comment__actions") || link.parentNode;
    anchor.insertAdjacentElement("afterend", holder);
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var form = doc.querySelector("form.comment-form");
        if (!form) { window.location.href = link.href; return; }
        holder.appendChild(document.importNode(form, true));
        var body = holder.querySelector("textarea");
        if (body) body.focus();
      })
      .catch(function () { window.location.href = link.href; });
  }

  function sendComment(form) {
    var box = form.querySelector(".comment-form__message");
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    post(form).then(function (data) {
      button.disabled = false;
      say(box, data.message);
      var stamp = form.querySelector("input[name=ts]");
      if (stamp && data.ts) stamp.value = data.ts;
      if (!data.ok) {
        form.querySelector("textarea").focus();
        return;
      }
      form.querySelector("textarea").value = "";
      if (data.html) {
        var list = document.querySelector(".comment-list");
        if (data.parent) {
          var parent = document.getElementById("comment-" + data.parent);
          if (parent) {
            list = parent.querySelector(".comment-replies");
            if (!list) {
              list = document.createElement("ol");
              list.className = "comment-replies";
              parent.appendChild(list);
            }
          }
        }
        if (list) list.insertAdjacentHTML("beforeend", data.html);
      }
    }).catch(function () {
      button.disabled = false;
    });
  }

  function sendLike(form) {
    post(form).then(function (data) {
      if (!data.ok) return;
      var comment = form.querySelector("input[name=comment]");
      var key = comment ? comment.value : "article";
      var count = document.querySelector('[data-like-count="' + key + '"]');
      if (count && data.label) count.textContent = data.label;
      var button = form.querySelector("button");
      button.setAttribute("aria-pressed", "true");
      var status = document.getElementById("like-status");
      if (!status) {
        status = document.createElement("p");
        status.id = "like-status";
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        document.body.appendChild(status);
      }
      status.textContent = data.message;
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-comment-form]");
    if (link) {
      event.preventDefault();
      openForm(link);
      return;
    }
    var copy = event.target.closest && event.target.closest("a[data-copy-link]");
    if (copy && navigator.clipboard) {
      event.preventDefault();
      navigator.clipboard.writeText(copy.href).then(function () {
        copy.setAttribute("aria-live", "polite");
        copy.dataset.label = copy.dataset.label || copy.textContent;
        copy.textContent = copy.dataset.label + " ✓";
      });
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.classList.contains("comment-form")) {
      event.preventDefault();
      sendComment(form);
    } else if (form.classList.contains("like-form")) {
      event.preventDefault();
      sendLike(form);
    }
  });
})();
