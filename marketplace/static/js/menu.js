/*
 * The menu and the filters are <details> disclosures, so they open and close
 * without JavaScript (the summary is a button with an expanded state). This
 * only adds:
 * - Escape closes an open menu or filter panel and puts focus back on its
 *   button;
 * - browsers without ::details-content (which site.css uses to show the panels
 *   inline from desktop width) get them opened at that width instead.
 */
(function () {
  "use strict";

  var WIDE = window.matchMedia("(min-width: 60em)");
  var panels = document.querySelectorAll("details[data-menu], details[data-filters]");

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    Array.prototype.forEach.call(panels, function (details) {
      if (!details.open || !details.contains(document.activeElement)) return;
      if (WIDE.matches) return; // inline at this width: nothing to close
      details.open = false;
      details.querySelector("summary").focus();
    });
  });

  var inlineByCss = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  if (inlineByCss) return;
  function follow() {
    Array.prototype.forEach.call(panels, function (details) {
      if (WIDE.matches) details.open = true;
    });
  }
  follow();
  WIDE.addEventListener("change", follow);
})();
