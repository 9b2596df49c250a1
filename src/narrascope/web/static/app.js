// Narrascope web UI: the only script of the pages (served from /static, CSP script-src 'self').
// It toggles highlight layers; everything else works without JavaScript.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var article = document.querySelector("article.doc");
  if (!article) { return; }
  document.querySelectorAll("#layers input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      article.classList.toggle("off-" + box.dataset.layer, !box.checked);
    });
  });
});
