/* wagtail-govnews: copy-link buttons, print button, lazy Zalo SDK. No dependencies. */
(function () {
  "use strict";

  function fallbackCopy(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(field);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function announce(button, message) {
    var box = button.closest(".govnews-share");
    var status = box && box.querySelector(".govnews-share__status");
    if (status) { status.textContent = message; }
    button.setAttribute("data-govnews-state", "copied");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-govnews-copy]");
    if (!button) { return; }
    event.preventDefault();
    copyText(button.getAttribute("data-govnews-copy")).then(
      function () { announce(button, button.getAttribute("data-govnews-copied") || "Copied"); },
      function () { window.prompt("", button.getAttribute("data-govnews-copy")); }
    );
  });

  document.querySelectorAll("[data-govnews-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  var zalo = document.querySelector("[data-govnews-zalo-sdk]");
  if (zalo && "IntersectionObserver" in window) {
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        var script = document.createElement("script");
        script.src = "https://sp.zalo.me/plugins/sdk.js";
        script.async = true;
        document.body.appendChild(script);
      }
    });
    observer.observe(zalo);
  }
})();
