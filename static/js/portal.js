/* The portal's own behaviour, small and optional: every page works without
   it (progressive enhancement), and it runs no inline code.

   - <select data-autosubmit> sends its form when changed (the form keeps a
     submit button for browsers without JavaScript).
   - A form with [data-timeframe] shows only the fields of the chosen kind
     of timeframe (ช่วงเดือน / ไตรมาส / ตลอดปี / ตามที่ระบุ).
   - A submit button with [data-busy] shows that text and cannot be pressed
     twice once its form is sent (a slow import or plan generation).
   - A link with [data-history-back] goes back a page when there is one
     (its href is the way without JavaScript).
   The Content-Security-Policy allows no inline handlers: they live here. */
(function () {
  "use strict";

  function autosubmit(root) {
    root.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () {
        select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit();
      });
      var button = select.form.querySelector("[data-autosubmit-button]");
      if (button) button.hidden = true;
    });
  }

  function timeframe(root) {
    root.querySelectorAll("form[data-timeframe]").forEach(function (form) {
      var radios = form.querySelectorAll("input[name$='timeframe_kind']");
      var parts = form.querySelectorAll("[data-timeframe-kind]");
      if (!radios.length || !parts.length) return;
      function show() {
        var checked = form.querySelector("input[name$='timeframe_kind']:checked");
        var kind = checked ? checked.value : "";
        parts.forEach(function (part) {
          var kinds = part.getAttribute("data-timeframe-kind").split(" ");
          part.hidden = kinds.indexOf(kind) === -1;
        });
      }
      radios.forEach(function (radio) { radio.addEventListener("change", show); });
      show();
    });
  }

  function busy(root) {
    root.querySelectorAll("button[data-busy]").forEach(function (button) {
      if (!button.form) return;
      button.form.addEventListener("submit", function () {
        // After the submit event: a disabled button would not send the form.
        window.setTimeout(function () {
          button.disabled = true;
          button.textContent = button.getAttribute("data-busy");
        }, 0);
      });
    });
  }

  function historyBack(root) {
    root.querySelectorAll("a[data-history-back]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (window.history.length > 1) {
          event.preventDefault();
          window.history.back();
        }
      });
    });
  }

  function start() {
    autosubmit(document);
    timeframe(document);
    busy(document);
    historyBack(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
