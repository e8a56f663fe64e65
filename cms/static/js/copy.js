/* Copy buttons of the asset page: shown only when the browser can copy, they copy the text of the
   element named by data-copy and say so to screen readers. Without JavaScript the text is selectable. */
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  var status = document.querySelector(".copy-status");
  document.querySelectorAll(".copy-button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.copy);
      if (!source) { return; }
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        if (status) { status.textContent = status.dataset.copied; }
      });
    });
  });
})();
