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

/* Print pages of a module: a checkbox that makes the printout include the answer key. */
(function () {
  "use strict";

  function answerKeyToggle() {
    var box = document.querySelector(".kd-cetak-kendali");
    if (!box || box.querySelector("input")) {
      return;
    }
    var input = document.createElement("input");
    input.type = "checkbox";
    input.id = "kd-kunci";
    var label = document.createElement("label");
    label.htmlFor = "kd-kunci";
    label.textContent = " Cetak dengan kunci jawaban (untuk fasilitator)";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = "Cetak modul";
    button.addEventListener("click", function () {
      window.print();
    });
    input.addEventListener("change", function () {
      document.body.classList.toggle("kd-kunci", input.checked);
    });
    var row = document.createElement("p");
    row.appendChild(input);
    row.appendChild(label);
    box.appendChild(row);
    box.appendChild(button);
    document.body.classList.remove("kd-kunci");
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(answerKeyToggle);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", answerKeyToggle);
  } else {
    answerKeyToggle();
  }
})();
