/* The portal's own behaviour, small and optional: every page works without
   it (progressive enhancement), and it runs no inline code.

   - <select data-autosubmit> sends its form when changed (the form keeps a
     submit button for browsers without JavaScript).
   - A form with [data-timeframe] shows only the fields of the chosen kind
     of timeframe (ช่วงเดือน / ไตรมาส / ตลอดปี / ตามที่ระบุ). */
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

  function start() {
    autosubmit(document);
    timeframe(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
