/* Small accessibility fixes over the theme. Plain DOM code, no dependency on Material's internals
   beyond its table wrapper class; runs on first load and after every instant navigation. */
(function () {
  "use strict";

  /* A table wider than the screen scrolls inside its wrapper; keyboard users must be able to reach
     and scroll it (WCAG 2.1.1, axe "scrollable-region-focusable"). */
  function focusableScrollers(root) {
    root.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Tabel, dapat digeser ke samping");
      }
    });
  }

  function run() {
    focusableScrollers(document);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
